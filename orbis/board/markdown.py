"""Markdown as typed on the board, turned into safe HTML.

markdown-it-py renders with raw HTML off, then nh3 cleans the result (a second, independent
guard). Images are never loaded from elsewhere: `![alt](url)` shows its alt text only, because
an outside image would tell a stranger's server who is reading a class's board; people attach
images instead, which Orbis checks and serves itself.
"""

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _image_as_text(self, tokens, idx, options, env):
    return escapeHtml(self.renderInlineAsText(tokens[idx].children or [], options, env))


_md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
_md.add_render_rule("image", _image_as_text)


def render_markdown(text: str) -> str:
    if not text.strip():
        return ""
    return nh3.clean(
        _md.render(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
