"""The post cards (prepared once a page by orbis/board/cards.py, rendered by the board's template,
board/board.html#card): every value escaped, reactions in one form per post that works without
JavaScript, and the blank forms rendered once."""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from orbis.board import forms as board_forms
from orbis.board import services
from orbis.board.cards import MARKER, CardPage, Pattern
from orbis.board.forms import BoardFilterForm, PostForm, form_html
from orbis.board.models import Attachment, Reaction
from orbis.projects.access import Viewer
from orbis.projects.models import Project
from tests.factories import StudentFactory
from tests.helpers import student_client_for

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>\"'&"


def board_url(project):
    return reverse("board", args=[project.token])


def teacher_post(project, classroom, title="Hello", body=""):
    return services.post_create(
        project=project, classroom=classroom, phase="execution", title=title, body=body,
        uploads=[], teacher=classroom.teacher,
    )  # fmt: skip


def cards_html(response) -> str:
    page = response.content.decode()
    start = page.index("<section aria-label=")
    return page[start : page.index("</section>", start)]


# ---- escaping ----------------------------------------------------------------------------------


def test_every_value_on_a_card_is_escaped(teacher_client, partnered, classroom, delhi):
    classroom.name = f"6B {HOSTILE}"
    classroom.save()
    post = teacher_post(partnered, classroom, title=f"Title {HOSTILE}", body="*fine*")
    tiger = StudentFactory(classroom=delhi, nickname="Ti<b>ger</b>\"'&")
    by_tiger = services.post_create(
        project=partnered, classroom=delhi, phase="definition", title="By Tiger", body="",
        uploads=[], student=tiger,
    )  # fmt: skip
    services.item_approve(item=by_tiger, teacher=delhi.teacher)
    Attachment.objects.create(
        post=post, kind="document", file="board/x.docx", name=f'notes"><img src=x>{HOSTILE}',
        content_type="application/octet-stream", size=2048,
    )  # fmt: skip
    Attachment.objects.create(
        post=post, kind="audio", file="board/a.mp3", name=f"song {HOSTILE}",
        content_type="audio/mpeg", size=10,
    )  # fmt: skip
    html = cards_html(teacher_client.get(board_url(partnered)))
    assert "<script>" not in html and "<b>" not in html and "<img src=x>" not in html
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;"
    assert f"Title {escaped}</a>" in html
    assert f"6B {escaped}," in html
    assert "Ti&lt;b&gt;ger&lt;/b&gt;&quot;&#x27;&amp; · Class of Delhi" in html
    assert f"notes&quot;&gt;&lt;img src=x&gt;{escaped}</a>" in html
    assert f'<span class="muted">song {escaped}</span>' in html
    assert "<em>fine</em>" in html  # the stored, cleaned Markdown is shown as HTML


def test_attachments_of_each_kind(teacher_client, partnered, classroom):
    post = teacher_post(partnered, classroom)
    files = {
        kind: Attachment.objects.create(
            post=post,
            kind=kind,
            file=f"board/{kind}",
            name=f"{kind}.bin",
            content_type="application/octet-stream",
            size=1536,
            **extra,
        )
        for kind, extra in [
            ("image", {"thumbnail": "board/thumb.webp", "width": 40, "height": 30}),
            ("audio", {}),
            ("video", {}),
            ("pdf", {}),
        ]
    }
    bare = Attachment.objects.create(
        post=post, kind="image", file="board/bare", name="bare.png", content_type="image/png",
        size=5,
    )  # fmt: skip
    html = cards_html(teacher_client.get(board_url(partnered)))

    def url(name, attachment):
        return reverse(name, args=[partnered.token, attachment.pk])

    image = files["image"]
    assert (
        f'<li><a href="{url("board_file", image)}"><img src="{url("board_thumbnail", image)}" '
        'alt="image.bin" loading="lazy" width="40" height="30"></a></li>'
    ) in html
    assert (
        f'<a href="{url("board_file", bare)}"><img src="{url("board_file", bare)}" '
        'alt="bare.png" loading="lazy"></a>'
    ) in html
    assert (
        f'<audio controls preload="none" src="{url("board_file", files["audio"])}"></audio> '
        '<span class="muted">audio.bin</span>'
    ) in html
    assert f'<video controls preload="none" src="{url("board_file", files["video"])}">' in html
    assert (
        f'<a href="{url("board_file", files["pdf"])}">pdf.bin</a> '
        '<span class="muted">(PDF, 1.5\xa0KB)</span>'
    ) in html


# ---- what a card says -------------------------------------------------------------------------


def test_a_card_shows_author_class_phase_time_and_links(teacher_client, partnered, classroom):
    post = teacher_post(partnered, classroom, title="River", body="Cold water")
    html = cards_html(teacher_client.get(board_url(partnered)))
    when = timezone.localtime(post.created_at)
    post_url = reverse("board_post", args=[partnered.token, post.pk])
    assert f'<h2 dir="auto"><a href="{post_url}">River</a></h2>' in html
    assert (
        f'<p class="muted">Gisel · 6th grade B, Argentina · <span class="tag">Execution</span> · '
        f'<time datetime="{when.isoformat()}">{date_filter(when, "DATETIME_FORMAT")}</time>'
    ) in html
    assert f'<a href="{post_url}#comments">0 comments</a>' in html
    assert f'<a href="{reverse("board_post_edit", args=[partnered.token, post.pk])}">Edit' in html
    report = reverse("moderation_report", args=["post", post.pk])
    assert f'<a class="report-link" href="{report}" rel="nofollow">Report</a>' in html


def test_a_class_whose_school_is_gone_still_shows(teacher_client, partnered, delhi):
    teacher_post(partnered, delhi, title="From Delhi")
    delhi.teacher.school.delete()  # the teacher stays, without a school
    html = cards_html(teacher_client.get(board_url(partnered)))
    assert "Jhansi · Class of Delhi,  · " in html


def test_the_card_speaks_the_viewer_language(teacher_client, partnered, classroom):
    teacher_post(partnered, classroom, title="River", body="We went to the river to see the fish.")
    html = cards_html(teacher_client.get(board_url(partnered), HTTP_ACCEPT_LANGUAGE="fr"))
    assert "0 commentaire</a>" in html and ">Modifier</a>" in html and ">Signaler</a>" in html
    assert "Réalisation" in html


@pytest.mark.parametrize("language", ["en", "fr", "ar", "hi"])
def test_card_dates_read_as_the_date_filter(language, rf_request, partnered):
    with translation.override(language), timezone.override(ZoneInfo("Asia/Kolkata")):
        card_page = CardPage(rf_request, partnered, Viewer(teacher=rf_request.user), writable=True)
        for month in range(1, 13):
            moment = timezone.localtime(datetime(2026, month, 3, 21, 7, tzinfo=UTC))
            assert card_page.when(moment) == date_filter(moment, "DATETIME_FORMAT")


@pytest.fixture
def rf_request(teacher):
    request = RequestFactory().get("/board/")
    request.user = teacher
    request.student = None
    return request


def test_url_patterns_give_what_reverse_gives(partnered):
    for token in (partnered.token, f"a{MARKER}b"):
        for name in ("board_post", "board_post_edit", "board_react", "board_file"):
            pattern = Pattern(reverse(name, args=[token, MARKER]))
            for pk in (1, 42, MARKER):
                assert pattern(pk) == reverse(name, args=[token, pk])


def test_students_see_no_report_link_on_the_board_but_a_hint_on_the_post(
    student_client, partnered, classroom
):
    post = teacher_post(partnered, classroom)
    board = cards_html(student_client.get(board_url(partnered)))
    assert "report-link" not in board and "Tell your teacher" not in board
    page = student_client.get(reverse("board_post", args=[partnered.token, post.pk]))
    assert "Something wrong here? Tell your teacher." in page.content.decode()


def test_a_held_post_shows_the_teacher_her_buttons(partner_client, partnered, tiger):
    services.post_create(
        project=partnered, classroom=tiger.classroom, phase="execution", title="Waiting",
        body="", uploads=[], student=tiger,
    )  # fmt: skip
    html = cards_html(partner_client.get(board_url(partnered)))
    assert 'class="card post is-held"' in html and "Waiting for your approval." in html
    assert html.count('name="csrfmiddlewaretoken"') >= 2


def test_one_csrf_token_for_the_whole_page(teacher_client, partnered, classroom, tiger):
    teacher_post(partnered, classroom)
    services.post_create(
        project=partnered, classroom=tiger.classroom, phase="execution", title="Waiting",
        body="", uploads=[], student=tiger,
    )  # fmt: skip
    page = teacher_client.get(board_url(partnered)).content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    tokens |= set(re.findall(r'"X-CSRFToken": "([^"]+)"', page))
    assert len(tokens) == 1


# ---- reactions ---------------------------------------------------------------------------------


def test_reactions_are_one_form_per_post_whose_buttons_send_their_kind(
    student_client, partnered, classroom
):
    post = teacher_post(partnered, classroom)
    html = cards_html(student_client.get(board_url(partnered)))
    react = reverse("board_react", args=[partnered.token, post.pk])
    assert html.count(f'<form method="post" action="{react}"') == 1
    buttons = re.findall(r'<button type="submit" name="kind" value="(\w+)"', html)
    assert buttons == list(Reaction.Kind.values)
    # Without JavaScript the browser sends the clicked button's kind and comes back.
    back = f"{board_url(partnered)}#post-{post.pk}"
    response = student_client.post(react, {"kind": "clap", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    html = cards_html(student_client.get(board_url(partnered)))
    assert 'value="clap" class="reaction" aria-pressed="true" title="Well done">' in html
    assert '<span class="visually-hidden">Well done</span> 1</button>' in html


def test_counts_and_own_reactions_per_viewer(
    student_client, partner_client, partnered, classroom, student, partner_teacher
):
    post = teacher_post(partnered, classroom)
    services.reaction_toggle(post=post, kind="heart", student=student)
    services.reaction_toggle(post=post, kind="heart", teacher=partner_teacher)
    services.reaction_toggle(post=post, kind="idea", teacher=partner_teacher)
    mine = cards_html(student_client.get(board_url(partnered)))
    assert re.findall(r'value="(\w+)" class="reaction" aria-pressed="true"', mine) == ["heart"]
    assert '<span class="visually-hidden">Love it</span> 2</button>' in mine
    theirs = cards_html(partner_client.get(board_url(partnered)))
    pressed = re.findall(r'value="(\w+)" class="reaction" aria-pressed="true"', theirs)
    assert pressed == ["heart", "idea"]


def test_an_archived_board_shows_counts_without_buttons(
    teacher_client, partnered, classroom, student
):
    post = teacher_post(partnered, classroom)
    services.reaction_toggle(post=post, kind="wow", student=student)
    Project.objects.filter(pk=partnered.pk).update(status=Project.Status.ARCHIVED)
    html = cards_html(teacher_client.get(board_url(partnered)))
    assert "<button" not in html
    assert (
        f'<div class="reactions" id="reactions-{post.pk}"><span class="reaction" title="Wow">'
        '<span aria-hidden="true">😮</span> <span class="visually-hidden">Wow</span> 1</span>'
        "</div>"
    ) in html


def test_htmx_gets_the_bar_as_the_board_shows_it(student_client, partnered, classroom):
    post = teacher_post(partnered, classroom)
    url = reverse("board_react", args=[partnered.token, post.pk])
    bar = student_client.post(url, {"kind": "idea"}, headers={"HX-Request": "true"})
    html = bar.content.decode()
    assert html.startswith(f'<form method="post" action="{url}" class="reactions"')
    assert f'id="reactions-{post.pk}" hx-post="{url}" hx-target="this"' in html
    back = reverse("board_post", args=[partnered.token, post.pk])
    assert f'name="next" value="{back}#post-{post.pk}"' in html
    on_board = cards_html(student_client.get(board_url(partnered)))
    start = on_board.index(f'<form method="post" action="{url}"')
    board_bar = on_board[start : on_board.index("</form>", start) + len("</form>")]

    def without_next(bar):
        return re.sub(r'name="(next|csrfmiddlewaretoken)" value="[^"]*"', "", bar)

    # The same buttons, counts and state; only where a no-JS click comes back to differs.
    assert without_next(html) == without_next(board_bar)
    assert 'aria-pressed="true" title="Good idea"' in html


# ---- blank forms ---------------------------------------------------------------------------------


def test_a_blank_form_is_rendered_once_as_the_include_renders_it(classroom, delhi, monkeypatch):
    board_forms._BLANK_HTML.clear()
    rooms = [classroom, delhi]
    fresh = render_to_string("includes/form.html", {"form": BoardFilterForm(classrooms=rooms)})
    assert form_html(BoardFilterForm(classrooms=rooms)) == fresh
    rendered = []
    monkeypatch.setattr(
        board_forms, "render_to_string", lambda *a, **k: rendered.append(a) or "again"
    )
    assert form_html(BoardFilterForm(classrooms=rooms)) == fresh and rendered == []
    # What the HTML depends on is in the key: the classes, the initial values, the language.
    delhi.name = "Class of New Delhi"
    form_html(BoardFilterForm(classrooms=rooms))
    form_html(PostForm(classrooms=rooms, initial={"phase": "execution"}))
    form_html(PostForm(classrooms=rooms, initial={"phase": "reflection"}))
    with translation.override("fr"):
        form_html(BoardFilterForm(classrooms=rooms))
    assert len(rendered) == 4
    # A bound form (values typed, errors) is rendered every time.
    form_html(BoardFilterForm({"phase": "execution"}, classrooms=rooms))
    form_html(BoardFilterForm({"phase": "execution"}, classrooms=rooms))
    assert len(rendered) == 6


def test_the_board_forms_show_each_class_and_language(teacher_client, partnered, delhi):
    board_forms._BLANK_HTML.clear()
    assert "Class of Delhi" in teacher_client.get(board_url(partnered)).content.decode()
    delhi.name = "Class of New Delhi"
    delhi.save()
    page = teacher_client.get(board_url(partnered)).content.decode()
    assert "Class of New Delhi" in page
    french = teacher_client.get(board_url(partnered), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Toutes les phases" in french.content.decode()


def test_a_student_client_sees_cards_too(partnered, classroom, tiger):
    teacher_post(partnered, classroom, title="For everyone")
    html = cards_html(student_client_for(tiger).get(board_url(partnered)))
    assert "For everyone" in html and "<button" in html
