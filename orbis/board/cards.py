"""What a post's card shows, prepared for the template (board/board.html#card).

The board shows 20 cards a page. Through the template alone, each card asking {% url %} five
times or more, its dates through |date and its labels through {% translate %}, they took about
15 ms, more than all the rest of the page (issue 7: a key page may cost 20-30 ms in all). Here
what is the same for every card of a page is worked out once (URL prefixes, labels, the
countries' names: `CardPage`), and each card gets a small view object (`Card`) with what it
shows, so that the template only prints values. The template escapes them all, as any template
does; printed as is are the stored output of the board's Markdown cleaner, and what templates
rendered once a page and every card repeats (not a template rendered again on each card, nor a
{% url %} or {% translate %} per card: together they cost 3-4 ms a page): the moderation app's
"Report" link, with MARKER for the id, and each reaction button (board.html#reaction), rendered
once for each kind, choice and count the page has.
"""

from dataclasses import dataclass

from django.template import Context
from django.template.defaultfilters import filesizeformat
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orbis.vocabulary import Phase, language_name

from . import services, translation
from .models import AttachmentKind, Post

# An id no row has, put where each post's id goes in a URL reversed once a page.
MARKER = 987654321


class Pattern:
    """A URL of `name` for any id: reverse() once, then the id put in its place. reverse()
    costs about 25 µs; a card has five URLs or more."""

    def __init__(self, url: str):
        # The id is the last of the URL's arguments: split at its last occurrence.
        self.before, self.after = url.rsplit(str(MARKER), 1)

    def __call__(self, pk: int) -> str:
        return f"{self.before}{int(pk)}{self.after}"


@dataclass(slots=True)
class File:
    """An attachment as a card shows it."""

    kind: str
    name: str
    url: str
    source: str  # an image's thumbnail, else the file itself
    width: int | None
    height: int | None
    label: str  # the kind's name, for documents
    size: str


@dataclass(slots=True)
class Bar:
    """A post's reactions (selectors.reaction_bars): buttons when the viewer may react (on a
    writable board, a visible post), else the counts."""

    pk: str  # the post's id as text: printed 3 times, where an int is formatted as a number
    url: str
    reactable: bool
    reactions: list
    buttons: str  # when reactable: the reaction buttons (board.html#reaction), rendered


@dataclass(slots=True)
class Card:
    """One post as the viewer sees it, with what they may do with it."""

    post: Post
    url: str
    edit_url: str
    delete_url: str
    is_new: bool
    held: bool
    class_teacher: bool
    may_change: bool
    may_flag: bool
    flagged_by_me: bool
    bar: Bar
    byline: dict
    written_in: str
    translatable: bool
    translation: object
    files: list
    comments_label: str  # "3 comments", on the board only
    new_comments: int
    new_comments_label: str
    report: str  # the moderation app's "Report" link, or the students' hint, or nothing


class CardPage:
    """Cards of one project for one request: `writable`, whether the board takes new things
    (services.writable); `detail`, the post's own page (no comment link, a hint for students
    next to "Report"); `back`, where a reaction sent without JavaScript comes back to."""

    def __init__(self, request, project, viewer, *, writable: bool, detail=False, back=None):
        self.project = project
        self.viewer = viewer
        self.teacher = viewer.teacher if viewer.is_teacher else None
        self.request = request
        self.writable = writable
        self.detail = detail
        self.back = back if back is not None else request.get_full_path()
        token = project.token
        self.post_url = Pattern(reverse("board_post", args=[token, MARKER]))
        self.edit_url = Pattern(reverse("board_post_edit", args=[token, MARKER]))
        self.delete_url = Pattern(reverse("board_post_delete", args=[token, MARKER]))
        self.react_url = Pattern(reverse("board_react", args=[token, MARKER]))
        self.file_url = Pattern(reverse("board_file", args=[token, MARKER]))
        self.thumbnail_url = Pattern(reverse("board_thumbnail", args=[token, MARKER]))
        self.phases = {code: str(label) for code, label in Phase.choices}
        self.kinds = {code: str(label) for code, label in AttachmentKind.choices}
        self.countries = {}
        self.new = _("new")
        self.edit, self.delete = _("Edit"), _("Delete")
        self._report = None  # the report link's markup, split at MARKER (report())
        self._buttons = {}  # reaction button markup by what it shows (_button())

    def cards(self, posts, reactions: dict, since) -> list[Card]:
        """The page's posts; `reactions`, their bars (selectors.reaction_bars)."""
        return [self.card(post, since, reactions=reactions[post.pk]) for post in posts]

    def card(self, post: Post, since, *, reactions, translated=None) -> Card:
        """`translated`: the post's cached translation when the viewer just asked for it."""
        viewer, teacher = self.viewer, self.teacher
        class_teacher = teacher is not None and post.classroom.teacher_id == teacher.pk
        own = (teacher is not None and post.author_teacher_id == teacher.pk) or (
            viewer.is_student and post.author_student_id == viewer.student.pk
        )
        who = {"teacher": teacher} if teacher is not None else {"student": viewer.student}
        visible = post.visible
        language = language_name(post.language) if post.language else ""
        pk = post.pk
        fresh = getattr(post, "new_comment_count", 0)
        return Card(
            post=post,
            url=self.post_url(pk),
            edit_url=self.edit_url(pk),
            delete_url=self.delete_url(pk),
            is_new=since is not None and post.created_at > since and not own,
            held=not visible,
            class_teacher=class_teacher,
            may_change=services.may_change(post, **who),
            may_flag=teacher is not None and not class_teacher and visible,
            flagged_by_me=teacher is not None and post.flagged_by_id == teacher.pk,
            bar=self.bar(post, reactions),
            byline=self._byline(post),
            written_in=_("Written in %(language)s") % {"language": language} if language else "",
            translatable=translation.offered(post),
            translation=translated,
            files=[self._file(attachment) for attachment in post.attachment_list],
            comments_label="" if self.detail else self._comments(post),
            new_comments=fresh,
            new_comments_label=self._new_comments(fresh),
            report=self.report(pk),
        )

    def bar(self, post: Post, reactions: list) -> Bar:
        reactable = self.writable and post.visible
        buttons = ""
        if reactable:
            buttons = format_html_join("", "{}", ((self._button(r),) for r in reactions))
        return Bar(
            pk=str(post.pk),
            url=self.react_url(post.pk),
            reactable=reactable,
            reactions=reactions,
            buttons=buttons,
        )

    def _button(self, reaction: dict) -> SafeString:
        """A reaction button (board.html#reaction): the same for every post of the page with
        the same count and choice, rendered once."""
        key = (
            reaction["kind"],
            reaction["label"],
            reaction["emoji"],
            reaction["mine"],
            reaction["count"],
        )
        button = self._buttons.get(key)
        if button is None:
            if not self._buttons:
                self._button_template = get_template("board/board.html#reaction").template
            button = self._buttons[key] = self._button_template.render(
                Context({"reaction": reaction})
            )
        return button

    def report(self, pk: int) -> SafeString:
        """The moderation app's "Report" link for a post (the students' hint on the post's
        page), from its own template, rendered once a page with MARKER for the id."""
        if self._report is None:
            request = self.request
            html = get_template("moderation/_report_link.html").template.render(
                Context(
                    {
                        "request": request,
                        "user": request.user,
                        "kind": "post",
                        "ref": MARKER,
                        "hint": self.detail,
                    }
                )
            )
            # The rendered link as a format string: its braces doubled, the id's place "{}".
            self._report = (
                str(html).replace("{", "{{").replace("}", "}}").replace(str(MARKER), "{}")
            )
        return format_html(self._report, int(pk))

    def _byline(self, post: Post) -> dict:
        when = timezone.localtime(post.created_at)
        return {
            "classroom": post.classroom.name,
            "country": self._country(post.classroom.teacher.school),
            "phase": self.phases.get(post.phase, post.phase),
            "iso": when.isoformat(),
            "when": self.when(when),
        }

    @staticmethod
    def when(when) -> str:
        """As |date:"DATETIME_FORMAT" (orbis/web/formats): Thu 5 Mar 2026, 09:41, translated."""
        return date_format(when, "DATETIME_FORMAT")

    def _country(self, school) -> str:
        """The country's name ("" when the school was deleted, as the template had)."""
        if school is None:
            return ""
        code = school.country.code
        if code not in self.countries:
            self.countries[code] = str(school.country.name)
        return self.countries[code]

    def _file(self, attachment) -> File:
        url = self.file_url(attachment.pk)
        image = attachment.kind == AttachmentKind.IMAGE
        return File(
            kind=attachment.kind,
            name=attachment.name,
            url=url,
            source=self.thumbnail_url(attachment.pk) if image and attachment.thumbnail else url,
            width=attachment.width,
            height=attachment.height,
            label=self.kinds.get(attachment.kind, attachment.kind),
            size="" if image else filesizeformat(attachment.size),
        )

    @staticmethod
    def _comments(post: Post) -> str:
        count = getattr(post, "comment_count", 0) or 0
        return ngettext("%(counter)s comment", "%(counter)s comments", count) % {"counter": count}

    def _new_comments(self, fresh: int) -> str:
        if self.detail or not fresh:
            return ""
        return ngettext("%(counter)s new", "%(counter)s new", fresh) % {"counter": fresh}
