"""The project board's pages. Teachers and students of member classes reach them; everyone
else gets the same 404 as for a project that does not exist. Moderation pages are for teachers
only.

- listing.py: the board (its cards, filters, a new post) and the gallery;
- post.py: a post's page, editing and deleting it;
- feedback.py: comments and reactions;
- translation.py: a post in the viewer's language;
- files.py: attachments and their thumbnails;
- queue.py: the class teacher's approvals and a partner's flags.
"""
