"""A collaboration in full swing, and one finished, so every space of a project has something.

The story of the seed documents: Gisel's class in Rosario (AR) and Jhansi's in Hyderabad (IN)
run "My School" together: they post pictures of their schools on the board, a student's post
waits for Gisel's approval, a live session is scheduled at a time the slot finder proposed (with
its reminders), and the classes reflect. A finished project, "Hobbies, Sports and Free Time"
with Olenka's class in Lviv (UA), has a published showcase and certificates. Staff opened the
International Day of Play challenge, and two classes entered.

Everything goes through the apps' own services, as a teacher's clicks would, and is created
once: running the demo again finds the story there and adds nothing.
"""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from orbis.accounts.models import User
from orbis.board import services as board
from orbis.board.models import Comment, Reaction
from orbis.challenges import services as challenges
from orbis.challenges.models import Challenge
from orbis.core.plans import generator
from orbis.core.slots import SlotRequest, find_slots
from orbis.live import services as live
from orbis.live.finder import schedule_of
from orbis.projects.models import Membership, Project
from orbis.projects.services import plans
from orbis.projects.services.status import change_status
from orbis.reflections import services as reflections
from orbis.schools.calendars import school_calendar
from orbis.showcase import services as showcase
from orbis.uploads.processing import clean_upload

from . import pictures

GISEL = "gisel.crespo@demo.orbis.test"
JHANSI = "jhansi.reddy@demo.orbis.test"
OLENKA = "olenka.kovalenko@demo.orbis.test"
RUNNING_TEMPLATE = "my-school"
FINISHED_TEMPLATE = "hobbies-sports-and-free-time"
CHALLENGE_SLUG = "international-day-of-play"


def _picture(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


def _classroom(email: str, name: str):
    teacher = User.objects.filter(email=email).select_related("school").first()
    if teacher is None or teacher.school is None:
        return None, None
    return teacher, teacher.classrooms.filter(name=name).first()


def _project(owner, classroom, template: str, answers: dict, start: date) -> Project:
    answers = {**answers, "start": start.isoformat()}
    request = plans.plan_request_from_answers(
        answers, [school_calendar(owner.school)]
    )
    plan = generator.generate_plan(request, template_key=template)
    return plans.project_create_from_plan(
        owner=owner,
        classroom=classroom,
        answers=answers,
        plan=plan,
        max_partners=answers["max_partners"],
    )


def _run_with(project: Project, owner, partners) -> None:
    """Open the project, take the partner classes in, start it (as the owner's clicks do)."""
    Project.objects.filter(pk=project.pk).update(status=Project.Status.OPEN)
    for classroom in partners:
        Membership.objects.get_or_create(project=project, classroom=classroom)
    project.refresh_from_db()
    change_status(project, Project.Status.RUNNING, by=owner)
    project.refresh_from_db()


def _student(classroom, nickname: str):
    return classroom.students.filter(nickname=nickname).first() or classroom.students.first()


def _answers(classroom, *, weeks: int, languages: list[str], sdgs: list[int]) -> dict:
    return {
        "classroom": classroom.pk,
        "age_min": classroom.age_min,
        "age_max": classroom.age_max,
        "subject": "social-studies",
        "competencies": ["intercultural-communication", "empathy"],
        "sdgs": sdgs,
        "weeks": weeks,
        "mode": "live",
        "approach": "",
        "languages": languages,
        "text_language": "en",
        "max_partners": 3,
    }


def load_running_project(today: date) -> Project | None:
    """Gisel and Jhansi's "My School", running: board, a waiting post, a live session."""
    gisel, rosario = _classroom(GISEL, "6th grade B")
    jhansi, hyderabad = _classroom(JHANSI, "Class 7 Science")
    if rosario is None or hyderabad is None:
        return None
    if Project.objects.filter(owner=gisel, template_key=RUNNING_TEMPLATE).exists():
        return None
    with transaction.atomic():
        project = _project(
            gisel,
            rosario,
            RUNNING_TEMPLATE,
            _answers(rosario, weeks=2, languages=["es", "en"], sdgs=[4]),
            start=today - timedelta(days=3),
        )
        _run_with(project, gisel, [hyderabad])
        ours = board.post_create(
            project=project,
            classroom=rosario,
            phase="definition",
            title="Our school in Rosario",
            body=(
                "Hola from **Escuela Juana Azurduy**! We are 28 students in 6th grade B. "
                "Our school is near the Paraná river; the flag on the roof was painted by the "
                "7th grade.\n\n- Lessons start at 07:40\n- We have *mate cocido* at the break"
            ),
            uploads=[_picture("our-school.png", pictures.school("rosario"))],
            teacher=gisel,
        )
        theirs = board.post_create(
            project=project,
            classroom=hyderabad,
            phase="definition",
            title="Sri Vidya Niketan, Hyderabad",
            body=(
                "Namaste! Our school has 900 students. This is our building during the "
                "monsoon. We start with the morning assembly at 08:30."
            ),
            uploads=[
                _picture(
                    "our-school-hyderabad.png",
                    pictures.school("hyderabad", wall=(240, 200, 120), roof=(120, 90, 160)),
                )
            ],
            teacher=jhansi,
        )
        tiger = _student(hyderabad, "Tiger")
        if tiger is not None:
            question = board.comment_create(
                post=ours,
                starter=Comment.Starter.WONDER,
                body="I wonder what mate cocido tastes like. Is it sweet?",
                student=tiger,
            )
            if question.pending:
                board.item_approve(item=question, teacher=jhansi)
        board.comment_create(
            post=theirs,
            starter=Comment.Starter.LIKE,
            body="We like your building! Our class wants to know what the morning assembly is.",
            teacher=gisel,
        )
        board.reaction_toggle(post=ours, kind=Reaction.Kind.HEART, teacher=jhansi)
        board.reaction_toggle(post=theirs, kind=Reaction.Kind.CLAP, teacher=gisel)
        condor = _student(rosario, "Condor")
        if condor is not None:
            # Left waiting: the demo teacher finds it in her approval queue.
            board.post_create(
                project=project,
                classroom=rosario,
                phase="definition",
                title="The game we play at the break",
                body="We play *la mancha*: one of us chases and the others run!",
                uploads=[_picture("la-mancha.png", pictures.game("la-mancha"))],
                student=condor,
            )
        _schedule_first_session(project, gisel, [rosario, hyderabad], today)
        prompt = _first_prompt(project)
        if prompt is not None:
            reflections.class_answer(
                prompt,
                teacher=jhansi,
                classroom=hyderabad,
                text="We were surprised that in Rosario school starts so early!",
            )
    return project


def _schedule_first_session(project, actor, classrooms, today: date) -> None:
    """The live session at the slot finder's best time in the coming two weeks."""
    proposal = find_slots(
        SlotRequest(
            classes=tuple(schedule_of(room) for room in classrooms),
            first_day=today + timedelta(days=1),
            last_day=today + timedelta(days=14),
            minutes=40,
        )
    )
    if not proposal.best:
        return
    slot = proposal.best[0]
    live.schedule_session(
        project=project,
        actor=actor,
        title="Meet our partners: questions about our schools",
        agenda=(
            "1. Each class shows its school (5 minutes each)\n"
            "2. Questions from both classes\n"
            "3. What we'll post on the board next"
        ),
        starts_at=slot.start,
        minutes=40,
        meeting_url=f"https://meet.jit.si/orbis-demo-{project.token[:8]}",
        classrooms=list(classrooms),
    )


def _first_prompt(project):
    reflections.ensure_prompts(project)
    return project.reflection_prompt_set.order_by("order", "pk").first()


def load_finished_project(today: date) -> Project | None:
    """Gisel's finished "Hobbies, Sports and Free Time" with Olenka's and Jhansi's classes,
    with a published showcase (so certificates can be downloaded)."""
    gisel, rosario = _classroom(GISEL, "6th grade B")
    olenka, lviv = _classroom(OLENKA, "Form 8-B English")
    jhansi, hyderabad = _classroom(JHANSI, "Class 7 Science")
    if rosario is None or lviv is None or hyderabad is None:
        return None
    if Project.objects.filter(owner=gisel, template_key=FINISHED_TEMPLATE).exists():
        return None
    with transaction.atomic():
        project = _project(
            gisel,
            rosario,
            FINISHED_TEMPLATE,
            _answers(rosario, weeks=3, languages=["en"], sdgs=[3]),
            start=today - timedelta(days=35),
        )
        _run_with(project, gisel, [lviv, hyderabad])
        posts = [
            board.post_create(
                project=project,
                classroom=rosario,
                phase="execution",
                title="Football and kites in Rosario",
                body="At the weekend we play football by the river and fly kites in spring.",
                uploads=[_picture("football-and-kites.png", pictures.game("rosario-play"))],
                teacher=gisel,
            ),
            board.post_create(
                project=project,
                classroom=lviv,
                phase="execution",
                title="Our hobbies in Lviv",
                body=(
                    "Most of our class loves football too, but we call it *футбол*. In winter "
                    "we skate on the lake in Stryiskyi park."
                ),
                uploads=[_picture("lviv-games.png", pictures.game("lviv-play"))],
                teacher=olenka,
            ),
            board.post_create(
                project=project,
                classroom=hyderabad,
                phase="execution",
                title="Kite festival in Hyderabad",
                body="In January the sky over Hyderabad is full of kites for Sankranti.",
                uploads=[_picture("kite-festival.png", pictures.festival("sankranti"))],
                teacher=jhansi,
            ),
        ]
        for prompt_index, (teacher, classroom, text) in enumerate(
            [
                (gisel, rosario, "Football is loved everywhere, but the games differ."),
                (olenka, lviv, "We learnt that kites are a festival in India."),
                (jhansi, hyderabad, "We'd like to learn the Ukrainian winter games."),
            ]
        ):
            prompt = _first_prompt(project)
            if prompt is not None and prompt_index < 3:
                reflections.class_answer(prompt, teacher=teacher, classroom=classroom, text=text)
        change_status(project, Project.Status.COMPLETED, by=gisel)
        project.refresh_from_db()
        show = showcase.showcase_of(project)
        showcase.update_showcase(
            show,
            by=gisel,
            values={
                "intro": (
                    "Three classes on three continents compared how they play and spend "
                    "their free time."
                ),
                "final_product_text": (
                    "A shared photo story: one picture and one paragraph from each class."
                ),
                "final_product_url": "",
                "show_reflections": True,
            },
        )
        items = showcase.set_items(show, by=gisel, post_ids=[post.pk for post in posts])
        # Drawings without faces: each class's teacher allows its pictures to be shown.
        for teacher in (gisel, olenka, jhansi):
            own = {
                item.pk: (False, True)
                for item in items
                if item.post.classroom.teacher_id == teacher.pk
            }
            showcase.set_consent(show, by=teacher, choices=own)
        showcase.publish(show, by=gisel)
    return project


def load_challenge(today: date) -> Challenge | None:
    """The International Day of Play challenge, open, with two classes' creations."""
    if Challenge.objects.filter(slug=CHALLENGE_SLUG).exists():
        return None
    gisel, rosario = _classroom(GISEL, "7th grade A")
    olenka, lviv = _classroom(OLENKA, "Form 8-B English")
    with transaction.atomic():
        challenge = challenges.challenge_create(
            title="International Day of Play — build and share your creation",
            slug=CHALLENGE_SLUG,
            theme="Play",
            description=(
                "Build a game, a toy or a playground model with your class and share it with "
                "classes around the world. Every class that takes part gets a certificate."
            ),
            rules=(
                "- One entry per class, with at least one picture, video or document\n"
                "- No faces in pictures unless your school allows it\n"
                "- First names or nicknames only"
            ),
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=50),
            sdgs=[3, 4],
            status=Challenge.Status.OPEN,
        )
        for teacher, classroom, title, picture in (
            (gisel, rosario, "Our cardboard football table", pictures.game("table")),
            (olenka, lviv, "A kite that flies in winter", pictures.festival("winter-kite")),
        ):
            if classroom is None:
                continue
            upload = clean_upload(_picture("creation.png", picture))
            challenges.entry_create(
                challenge=challenge,
                classroom=classroom,
                title=title,
                description="Made by the whole class in two lessons.",
                uploads=[upload],
                teacher=teacher,
                show_faces=True,
            )
    return challenge


def load_collaboration(today: date) -> list[str]:
    """Load the parts of the story that are missing; returns what was created."""
    created = []
    if load_running_project(today) is not None:
        created.append("a running project with its board and a live session")
    if load_finished_project(today) is not None:
        created.append("a finished project with its showcase")
    if load_challenge(today) is not None:
        created.append("the International Day of Play challenge")
    return created
