"""A post's card, as the board and the post's page show it, built in Python.

The board shows 20 cards a page. Through Django's template engine they took about 15 ms, more
than all the rest of the page (issue 7: a key page may cost 20-30 ms in all); built here, with
what is the same for every card worked out once a page, they take about 1 ms. The markup is
the one the templates had. The rare parts stay templates: the moderation state of a held post
(board/_status.html) and the translation (board/_translation.html), rendered with a plain
context (no context processors). The report link is the moderation app's template, rendered
once a page with a marker id.

Every value put in the markup is escaped with html.escape (what Django's escaping does, without
its lazy-string checks, which cost more than the rest here), except body_html, the stored output
of the board's Markdown cleaner (markdown.py), shown as is as the template did with |safe, and
the partials' output, already escaped by their templates.
"""

from html import escape as esc

from django.middleware.csrf import get_token
from django.template import Context
from django.template.defaultfilters import filesizeformat
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orbis.projects.vocabulary import Phase

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


def _partial(name: str, request, csrf_token: str, **values) -> SafeString:
    """A partial with just what it reads: a plain Context, no context processors."""
    context = Context({"request": request, "csrf_token": csrf_token, **values})
    return mark_safe(get_template(name).template.render(context))


class CardRenderer:
    """Cards of one project for one request. `writable`: whether the board takes new things
    (services.writable); `detail`: the post's own page (no comment link, a hint for students
    next to "Report"); `back`: where a reaction sent without JavaScript comes back to."""

    def __init__(self, request, project, *, writable: bool, detail: bool = False, back=None):
        self.request = request
        self.project = project
        self.writable = writable
        self.detail = detail
        token = project.token
        self.post_url = Pattern(reverse("board_post", args=[token, MARKER]))
        self.edit_url = Pattern(reverse("board_post_edit", args=[token, MARKER]))
        self.delete_url = Pattern(reverse("board_post_delete", args=[token, MARKER]))
        self.react_url = Pattern(reverse("board_react", args=[token, MARKER]))
        self.file_url = Pattern(reverse("board_file", args=[token, MARKER]))
        self.thumbnail_url = Pattern(reverse("board_thumbnail", args=[token, MARKER]))
        self.back = esc(back if back is not None else request.get_full_path())
        # One masked token for all the cards' forms (each get_token() call masks it anew, 64
        # characters that don't compress); the views give the page's template the same one.
        self.csrf_token = get_token(request)
        self.csrf = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(self.csrf_token)}">'
        )
        self.phases = {code: str(label) for code, label in Phase.choices}
        self.kinds = {code: str(label) for code, label in AttachmentKind.choices}
        self.months = {number: str(name).title() for number, name in MONTHS_3.items()}
        self.countries = {}
        self.buttons = {}
        self.new_tag = f' <span class="tag new">{esc(_("new"))}</span>'
        self.edit, self.delete = esc(_("Edit")), esc(_("Delete"))
        self._report = None

    # ---- the card ------------------------------------------------------------------------------

    def card(self, card: dict) -> SafeString:
        post: Post = card["post"]
        post_url = self.post_url(post.pk)
        classes = "card post" + (" is-new" if card["is_new"] else "")
        classes += "" if post.visible else " is-held"
        parts = [
            f'<article class="{classes}" id="post-{post.pk}">\n<header>\n',
            f'<h2 dir="auto"><a href="{esc(post_url)}">{esc(post.title)}</a>',
            self.new_tag if card["is_new"] else "",
            "</h2>\n",
            self._byline(post, card),
            "</header>\n",
        ]
        if not post.visible:
            parts.append(self._status(post, card))
        if post.body_html:
            lang = f' lang="{esc(post.language)}"' if post.language else ""
            # body_html is the Markdown cleaner's output (markdown.py), stored with the post.
            parts.append(f'<div class="post-body" dir="auto"{lang}>{post.body_html}</div>\n')
        if card["translatable"]:
            translation = _partial(
                "board/_translation.html",
                self.request,
                self.csrf_token,
                project=self.project,
                post=post,
                translation=card["translation"],
            )
            parts.append(
                f'<div class="translation" id="translation-{post.pk}" aria-live="polite">'
                f"{translation}</div>\n"
            )
        if post.attachment_list:  # selectors.with_details
            parts.append(self._attachments(post.attachment_list))
        parts += [
            "<footer>\n",
            self.reactions(post, card["reactions"]),
            '\n<p class="actions">',
            self._actions(post, card, post_url),
            "</p>\n</footer>\n</article>\n",
        ]
        return mark_safe("".join(parts))

    def _byline(self, post: Post, card: dict) -> str:
        when = timezone.localtime(post.created_at)
        language = ""
        if card["language_name"]:
            written = _("Written in %(language)s") % {"language": card["language_name"]}
            language = f' · <span class="tag post-language">{esc(written)}</span>'
        phase = self.phases.get(post.phase, post.phase)
        return (
            f'<p class="muted">{esc(post.author_name)} · {esc(post.classroom.name)}, '
            f"{self._country(post.classroom.teacher.school)} · "
            f'<span class="tag">{esc(phase)}</span> · '
            f'<time datetime="{when.isoformat()}">{esc(self._when(when))}</time>{language}</p>\n'
        )

    def _when(self, when) -> str:
        """As the template's |date:"j M Y, H:i": 5 Mar 2026, 09:41 (month names translated)."""
        return f"{when.day} {self.months[when.month]} {when.year:04d}, {when:%H:%M}"

    def _country(self, school) -> str:
        """The country's name, escaped ("" when the school was deleted, as the template had)."""
        if school is None:
            return ""
        code = school.country.code
        if code not in self.countries:
            self.countries[code] = esc(str(school.country.name))
        return self.countries[code]

    def _status(self, post: Post, card: dict) -> str:
        return _partial(
            "board/_status.html",
            self.request,
            self.csrf_token,
            token=self.project.token,
            item=post,
            kind="post",
            class_teacher=card["class_teacher"],
            flagged_by_me=card["flagged_by_me"],
        )

    def _attachments(self, attachments) -> str:
        items = []
        for attachment in attachments:
            file_url = esc(self.file_url(attachment.pk))
            name = esc(attachment.name)
            if attachment.kind == AttachmentKind.IMAGE:
                source = file_url
                if attachment.thumbnail:
                    source = esc(self.thumbnail_url(attachment.pk))
                size = ""
                if attachment.width:
                    size = f' width="{int(attachment.width)}" height="{int(attachment.height)}"'
                item = (
                    f'<a href="{file_url}"><img src="{source}" alt="{name}" loading="lazy"{size}>'
                    "</a>"
                )
            elif attachment.kind == AttachmentKind.AUDIO:
                item = (
                    f'<audio controls preload="none" src="{file_url}"></audio> '
                    f'<span class="muted">{name}</span>'
                )
            elif attachment.kind == AttachmentKind.VIDEO:
                item = f'<video controls preload="none" src="{file_url}"></video>'
            else:
                kind = esc(self.kinds.get(attachment.kind, attachment.kind))
                size = esc(filesizeformat(attachment.size))
                item = (
                    f'<a href="{file_url}">{name}</a> <span class="muted">({kind}, {size})</span>'
                )
            items.append(f"<li>{item}</li>\n")
        return '<ul class="attachments">\n' + "".join(items) + "</ul>\n"

    def _actions(self, post: Post, card: dict, post_url: str) -> str:
        links = []
        if not self.detail:
            count = getattr(post, "comment_count", 0) or 0
            text = ngettext("%(counter)s comment", "%(counter)s comments", count)
            link = f'<a href="{esc(post_url)}#comments">{esc(text % {"counter": count})}</a>'
            fresh = card["new_comments"]
            if fresh:
                text = ngettext("%(counter)s new", "%(counter)s new", fresh) % {"counter": fresh}
                link += f' <span class="tag new">{esc(text)}</span>'
            links.append(link)
        if card["may_change"] and self.writable:
            links.append(f'<a href="{esc(self.edit_url(post.pk))}">{self.edit}</a>')
        if card["may_change"]:
            links.append(f'<a href="{esc(self.delete_url(post.pk))}">{self.delete}</a>')
        report = self.report(post.pk)
        if report:
            links.append(report)
        return "\n".join(links)

    def report(self, pk: int) -> str:
        """The moderation app's "Report" link for a post, from its own template, rendered once
        a page with MARKER for the id."""
        if self._report is None:
            html = _partial(
                "moderation/_report_link.html",
                self.request,
                self.csrf_token,
                user=self.request.user,
                kind="post",
                ref=MARKER,
                hint=self.detail,
            )
            self._report = str(html).split(str(MARKER))
        return str(int(pk)).join(self._report)

    # ---- reactions -----------------------------------------------------------------------------

    def reactions(self, post: Post, bar: list[dict], error: str | None = None) -> SafeString:
        """The reaction bar (selectors.reaction_bars). Members react with one form whose
        buttons each send their kind: htmx sends the clicked button's name and value too, and
        swaps the bar for the view's answer (this again)."""
        errors = f'<p class="errors" role="alert">{esc(error)}</p>' if error else ""
        if self.writable and post.visible:
            react_url = esc(self.react_url(post.pk))
            buttons = "".join(
                self._button(reaction)
                + (f" {int(reaction['count'])}" if reaction["count"] else "")
                + "</button>"
                for reaction in bar
            )
            return mark_safe(
                f'<form method="post" action="{react_url}" class="reactions" '
                f'id="reactions-{post.pk}" hx-post="{react_url}" hx-target="this" '
                f'hx-swap="outerHTML">{self.csrf}<input type="hidden" name="next" '
                f'value="{self.back}#post-{post.pk}">\n{buttons}{errors}</form>'
            )
        counts = "".join(
            f'<span class="reaction" title="{esc(reaction["label"])}"><span aria-hidden="true">'
            f'{esc(reaction["emoji"])}</span> <span class="visually-hidden">'
            f"{esc(reaction['label'])}</span> {int(reaction['count'])}</span>"
            for reaction in bar
            if reaction["count"]
        )
        return mark_safe(f'<div class="reactions" id="reactions-{post.pk}">{counts}{errors}</div>')

    def _button(self, reaction: dict) -> str:
        """A reaction button up to its count: the same for every post of the page."""
        key = (reaction["kind"], reaction["label"], reaction["emoji"], reaction["mine"])
        if key not in self.buttons:
            label = esc(reaction["label"])
            self.buttons[key] = (
                f'<button type="submit" name="kind" value="{esc(reaction["kind"])}" '
                f'class="reaction" aria-pressed="{"true" if reaction["mine"] else "false"}" '
                f'title="{label}"><span aria-hidden="true">{esc(reaction["emoji"])}</span> '
                f'<span class="visually-hidden">{label}</span>'
            )
        return self.buttons[key]
