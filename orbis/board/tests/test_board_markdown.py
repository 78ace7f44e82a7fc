"""What people type becomes safe HTML: no script, no event handlers, no javascript: links, no
images loaded from elsewhere."""

import re

from orbis.board.markdown import render_markdown


def test_markdown_formats_text():
    html = render_markdown("# Our river\n\n**clean** and *cold*\n\n- fish\n- frogs")
    assert "<h1>Our river</h1>" in html
    assert "<strong>clean</strong>" in html and "<em>cold</em>" in html
    assert "<li>fish</li>" in html


def test_raw_html_is_shown_as_text_never_run():
    html = render_markdown('<script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def tags(html: str) -> list[str]:
    return re.findall(r"<[^>]+>", html)


def test_javascript_links_are_dropped_and_others_get_rel():
    html = render_markdown(
        "[click](javascript:alert(1)) [data](data:text/html,hi) <javascript:alert(3)> "
        "[ok](https://river.example) [JS](JaVaScRiPt:alert(4))"
    )
    assert not [tag for tag in tags(html) if "javascript" in tag.lower() or "data:" in tag]
    assert '<a href="https://river.example" rel="nofollow noopener noreferrer">ok</a>' in html


def test_images_from_elsewhere_show_their_alt_text_only():
    html = render_markdown("![our class photo](https://tracker.example/pixel.png)")
    assert "<img" not in html and "tracker.example" not in html
    assert "our class photo" in html


def test_no_event_handler_reaches_a_tag():
    html = render_markdown(
        '[x](https://a.example "t" onmouseover=alert(1)) <a href="https://a.example" '
        'onclick="alert(1)">y</a> `<b onmouseover=1>`'
    )
    assert not [tag for tag in tags(html) if re.search(r"\son\w+=", tag)]


def test_empty_text_gives_nothing():
    assert render_markdown("   \n") == ""
