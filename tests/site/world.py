"""One rich world for the tests that walk every URL of the project (test_role_matrix.py,
test_fuzz_forms.py, test_query_budget.py, test_page_weight.py).

Gisel (owner) teaches 6th grade B (student Puma); Jhansi's Delhi class (student Tiger) is a
partner of her running project and a co-editor teacher's class too. The running project has
board posts (Puma's, with a picture; Gisel's; one waiting; one flagged), a comment, a reaction,
a live session, reflection prompts and an answer. Gisel's completed project has a published
showcase. An open challenge has an approved entry with a picture and a waiting one. An outsider
teacher has the same kinds of objects in her own project: the "other user's ids". A staff user
runs the challenges.

The values each URL parameter takes in this world, and asking a URL without changing the world,
are in tests/site/world_urls.py.
"""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from orbis.accounts.models import User
from orbis.board import services as board
from orbis.board.models import Attachment, Post
from orbis.challenges import services as challenges
from orbis.live import services as live
from orbis.moderation import services as moderation
from orbis.moderation.models import Reason
from orbis.moderation.targets import describe
from orbis.notifications.models import Notification
from orbis.partners.models import PartnerRequest, PartnerSuggestion
from orbis.projects.access import project_with_members
from orbis.projects.models import JoinRequest, Membership, Project
from orbis.reflections import services as reflections
from orbis.reflections.models import ReflectionPrompt
from orbis.showcase import services as showcases
from orbis.students.middleware import SESSION_KEY
from tests.builders import add_partner, build_project, enter, open_challenge
from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    SchoolTermFactory,
    StudentFactory,
    TeacherFactory,
)
from tests.samples import png, png_upload, uploaded

ROLES = (
    "anonymous",
    "stranger_student",  # a student of a class that is in none of Gisel's projects
    "outsider",
    "partner",
    "member_student",
    "co_editor",
    "owner",
    "staff",
)


@dataclass
class World:
    users: dict[str, User | None]
    students: dict[str, object]
    # side -> key -> value; keys are "<what>" as kwargs_for asks for them.
    ids: dict[str, dict[str, object]] = field(default_factory=dict)

    def client(self, role: str) -> Client:
        client = Client()
        if role in self.students:
            student = self.students[role]
            session = client.session
            session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
            session.save()
        elif self.users.get(role) is not None:
            client.force_login(self.users[role])
        return client


def _post(project, classroom, title, *, teacher=None, student=None, uploads=(), approve=True):
    post = board.post_create(
        project=project,
        classroom=classroom,
        phase="execution",
        title=title,
        body=f"Text of {title}",
        uploads=list(uploads),
        teacher=teacher if student is None else None,
        student=student,
    )
    if approve:
        Post.objects.filter(pk=post.pk).update(status=Post.Status.APPROVED)
        post.refresh_from_db()
    return post


def _picture():
    return uploaded(png(), "drawing.png", "image/png")


def _project_objects(project, classroom, teacher, student, partner_room, partner_teacher):
    """Posts, a comment, a reaction, a session, prompts and an answer in a running project."""
    post = _post(project, classroom, "Our river", student=student, uploads=[_picture()])
    teacher_post = _post(project, classroom, "Plan of the week", teacher=teacher)
    pending = _post(project, classroom, "Not yet approved", student=student, approve=False)
    flagged = _post(project, classroom, "Flagged post", teacher=teacher)
    board.item_flag(item=flagged, teacher=partner_teacher, reason="Shows a face")
    comment = board.comment_create(post=post, starter="like", body="Nice river", teacher=teacher)
    board.reaction_toggle(post=post, kind="heart", student=student)
    session = live.schedule_session(
        project=project_with_members(project.token),
        actor=teacher,
        title="Rivers we live by",
        agenda="Greetings.",
        starts_at=timezone.now() + timedelta(days=3),
        minutes=45,
        meeting_url="https://meet.jit.si/orbis-world",
        classrooms=[classroom, partner_room],
    )
    reflections.ensure_prompts(project)
    prompt = ReflectionPrompt.objects.filter(project=project).order_by("pk").first()
    if prompt is None:
        prompt = reflections.prompt_add(project, phase="reflection", text="What surprised you?")
    response = reflections.student_answer(prompt, student=student, text="The river is long.")
    return {
        "token": project.token,
        "post": post.pk,
        "teacher_post": teacher_post.pk,
        "pending_post": pending.pk,
        "flagged_post": flagged.pk,
        "comment": comment.pk,
        "attachment": Attachment.objects.get(post=post).pk,
        "session": session.pk,
        "prompt": prompt.pk,
        "response": response.pk,
        "activity": project.activities.order_by("pk").first().pk,
        "membership": Membership.objects.get(project=project, classroom=partner_room).pk,
    }


def build_world() -> World:
    school = SchoolFactory(
        name="Escuela Rosario", country="AR", city="Rosario", time_zone="America/Argentina/Cordoba"
    )
    gisel = TeacherFactory(email="gisel@school.test", display_name="Gisel", school=school)
    room = ClassroomFactory(teacher=gisel, name="6th grade B")
    AvailabilityPeriodFactory(classroom=room, weekday=1, start_minute=780, end_minute=850)
    puma = StudentFactory(classroom=room, nickname="Puma")
    delhi_school = SchoolFactory(
        name="Delhi Public School", country="IN", city="Delhi", time_zone="Asia/Kolkata"
    )
    jhansi = TeacherFactory(email="jhansi@school.test", display_name="Jhansi", school=delhi_school)
    delhi = ClassroomFactory(teacher=jhansi, name="Class of Delhi", languages=["en"])
    tiger = StudentFactory(classroom=delhi, nickname="Tiger")
    co_editor = TeacherFactory(email="coed@school.test", display_name="Coed")
    co_room = ClassroomFactory(teacher=co_editor, name="Coed class")
    outsider = TeacherFactory(email="outsider@school.test", display_name="Outsider")
    out_room = ClassroomFactory(teacher=outsider, name="Outside class")
    lynx = StudentFactory(classroom=out_room, nickname="Lynx")
    out_partner = ClassroomFactory(name="Outside partner")
    staff = TeacherFactory(email="staff@orbis.test", is_staff=True, school=None)

    # Gisel's running project: Delhi a member, the co-editor's class a co-editor.
    running = build_project(room, status=Project.Status.RUNNING)
    add_partner(running, delhi)
    add_partner(running, co_room, role=Membership.Role.CO_EDITOR)
    own = _project_objects(running, room, gisel, puma, delhi, jhansi)
    asking = ClassroomFactory(teacher=jhansi, name="7th grade C", languages=["en"])
    own["join"] = JoinRequest.objects.create(project=running, classroom=asking, message="Hi").pk

    # Gisel's completed project with a published showcase.
    done = build_project(room, status=Project.Status.RUNNING)
    add_partner(done, delhi)
    shown = _post(done, room, "Our mural", student=puma, uploads=[_picture()])
    Project.objects.filter(pk=done.pk).update(status=Project.Status.COMPLETED)
    done.refresh_from_db()
    showcase = showcases.showcase_of(done)
    showcases.set_items(showcase, by=gisel, post_ids=[shown.pk])
    showcases.update_showcase(
        showcase,
        by=gisel,
        values={name: getattr(showcase, name) for name in showcases.TEXT_FIELDS},
        upload=_picture(),
    )
    item = showcase.items.get()
    showcases.set_consent(showcase, by=gisel, choices={item.pk: (True, True)})
    showcases.publish(showcase, by=gisel)

    # Jhansi's open project that Gisel's class asked to join.
    theirs = build_project(delhi, status=Project.Status.OPEN)
    sent = JoinRequest.objects.create(project=theirs, classroom=room, message="Hola!")

    # The outsider's own running project and objects.
    out_project = build_project(out_room, status=Project.Status.RUNNING)
    add_partner(out_project, out_partner)
    outside = _project_objects(
        out_project, out_room, outsider, lynx, out_partner, out_partner.teacher
    )

    # Challenges: an approved entry of Gisel's class with a picture, a waiting one by Puma.
    challenge = open_challenge()
    entry = enter(challenge, room, files=[png_upload()], show_faces=True)
    challenges.entry_consent(entry=entry, teacher=gisel, show_names=True, show_faces=True)
    waiting = enter(challenge, room, student=puma, files=[png_upload()], title="Puma's city")
    out_entry = enter(challenge, out_room, files=[png_upload()], title="Outside city")

    # Partners, school, notifications, the calendar feed.
    term = SchoolTermFactory(school=school, name="Primer cuatrimestre")
    out_term = SchoolTermFactory(school=outsider.school, name="Outside term")
    partner_request = PartnerRequest.objects.create(
        from_classroom=delhi, to_classroom=room, introduction="Namaste from Delhi!"
    )
    suggestion = PartnerSuggestion.objects.create(classroom=room, partner=delhi, score=80)
    notification = Notification.objects.create(
        recipient=gisel, kind=Notification.Kind.SHOWCASE_PUBLISHED, params={"project": "X"}, url="/"
    )
    out_request = PartnerRequest.objects.create(
        from_classroom=out_partner, to_classroom=out_room, introduction="Hello!"
    )
    out_suggestion = PartnerSuggestion.objects.create(
        classroom=out_room, partner=out_partner, score=70
    )
    out_join = JoinRequest.objects.create(project=out_project, classroom=delhi, message="Hi")
    out_sent = JoinRequest.objects.create(project=theirs, classroom=out_room, message="Hi")
    out_notification = Notification.objects.create(
        recipient=outsider, kind=Notification.Kind.SHOWCASE_PUBLISHED, params={"project": "Y"}
    )
    feed = live.feed_of(gisel)
    # Jhansi reports Gisel's post to the staff.
    report = moderation.report_create(
        reporter=jhansi,
        target=describe("post", Post.objects.get(pk=own["teacher_post"])),
        reason=Reason.INAPPROPRIATE,
        details="Shows a child's full name.",
    )

    own |= {
        "done_token": done.token,
        "showcase_slug": showcase.slug,
        "showcase_attachment": Attachment.objects.get(post=shown).pk,
        "challenge_slug": challenge.slug,
        "media": entry.media.order_by("pk").first().pk,
        "entry": entry.pk,
        "pending_entry": waiting.pk,
        "feed_token": feed.token,
        "classroom": room.pk,
        "partner_classroom": delhi.pk,
        "student": puma.pk,
        "term": term.pk,
        "school": school.pk,
        "request": partner_request.pk,
        "suggestion": suggestion.pk,
        "notification": notification.pk,
        "sent_join": sent.pk,
        "report": report.pk,
        "ref": str(own["post"]),
    }
    outside |= {
        "done_token": out_project.token,
        "showcase_slug": showcase.slug,
        "showcase_attachment": outside["attachment"],
        "challenge_slug": challenge.slug,
        "media": out_entry.media.order_by("pk").first().pk,
        "entry": out_entry.pk,
        "pending_entry": out_entry.pk,
        "feed_token": live.feed_of(outsider).token,
        "classroom": out_room.pk,
        "partner_classroom": out_partner.pk,
        "student": lynx.pk,
        "term": out_term.pk,
        "school": outsider.school_id,
        "request": out_request.pk,
        "suggestion": out_suggestion.pk,
        "notification": out_notification.pk,
        "join": out_join.pk,
        "sent_join": out_sent.pk,
        "report": report.pk,  # only staff see reports: nobody's own
        "ref": str(outside["post"]),
    }
    missing = {
        key: (value + 10_000_000 if isinstance(value, int) else secrets.token_urlsafe(12))
        for key, value in own.items()
    }
    missing["showcase_slug"] = missing["challenge_slug"] = "nothing-here-at-all"
    missing["ref"] = str(own["post"] + 10_000_000)
    return World(
        users={
            "anonymous": None,
            "outsider": outsider,
            "partner": jhansi,
            "co_editor": co_editor,
            "owner": gisel,
            "staff": staff,
        },
        students={"stranger_student": lynx, "member_student": puma, "partner_student": tiger},
        ids={"own": own, "outsider": outside, "missing": missing},
    )
