"""The project pages, by feature: the listing, the assistant, the project page, its plan's items,
joining and members. Each asks `orbis.projects.access` who the visitor is to the project."""
