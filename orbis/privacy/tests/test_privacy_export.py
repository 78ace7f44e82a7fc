import io
import json
import zipfile

from django.urls import reverse

from orbis.board.models import Attachment
from tests.factories import ClassroomFactory, StudentFactory


def download(client) -> zipfile.ZipFile:
    response = client.post(reverse("privacy_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_page_explains_the_download(world, client):
    page = client.get(reverse("privacy_export")).content.decode()
    assert "secret words" in page


def test_the_zip_holds_her_data_and_files_and_nobody_elses(world, client, outsider):
    other = ClassroomFactory(teacher=outsider, name="Outsider class")
    StudentFactory(classroom=other, nickname="Lontra")
    archive = download(client)
    names = set(archive.namelist())
    expected = {
        "account.json",
        "school.json",
        f"classrooms/{world.gisel_class.pk}.json",
        "projects.json",
        "board/posts.json",
        "board/comments.json",
        "reflections.json",
        "live_sessions.json",
        "challenges.json",
        "showcase.json",
        "notifications.json",
    }
    assert expected <= names

    def load(name):
        return json.loads(archive.read(name))

    account = load("account.json")
    assert account["email"] == "gisel@school.test"
    assert "password" not in account
    assert account["calendar_feed"] is True
    assert account["email_addresses"][0]["email"] == "gisel@school.test"
    assert account["notification_preferences"] == [{"kind": "board_post", "email": "off"}]
    assert load("school.json")["name"] == "Escuela Rosario"

    room = load(f"classrooms/{world.gisel_class.pk}.json")
    assert {s["nickname"] for s in room["students"]} == {"Puma", "Zorrito"}
    assert "join_code" not in room
    raw = b"".join(archive.read(n) for n in names if n.endswith(".json")).decode()
    assert world.puma.secret not in raw
    assert "Lontra" not in raw and "Outsider class" not in raw
    assert f"classrooms/{world.jhansi_class.pk}.json" not in names

    titles = {p["title"]: p for p in load("board/posts.json")}
    assert {"Our river", "My drawing", "Plan notes", "Solo work"} == set(titles)
    assert titles["Our river"]["author"] == "you"
    assert titles["My drawing"]["author"] == "student: Puma"
    assert titles["My drawing"]["status"] == "approved"
    assert {c["body"] for c in load("board/comments.json")} == {"Lovely!", "Thank you all"}
    assert [s["title"] for s in load("live_sessions.json")] == ["First call"]
    assert [e["author"] for e in load("challenges.json")] == ["student: Puma"]
    assert {p["title"] for p in load("projects.json")} == {
        world.gisels_project.title,
        world.jhansis_project.title,
        world.solo_project.title,
    }

    # Every file she or her students uploaded is inside, with the bytes stored.
    for attachment in Attachment.objects.filter(post=world.puma_post):
        inside = f"files/{attachment.file.name}"
        assert titles["My drawing"]["attachments"][0]["file"] == inside
        with attachment.file.open("rb") as stored:
            assert archive.read(inside) == stored.read()
    jhansis = Attachment.objects.get(post=world.jhansi_post)
    assert f"files/{jhansis.file.name}" not in names
    assert any(n.startswith("files/challenges/") or "city" in n for n in names)
