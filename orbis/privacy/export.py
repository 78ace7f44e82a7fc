"""Everything Orbis holds about a teacher and her classrooms, as a zip of JSON and files.

Left out on purpose: her password hash, her calendar feed's secret address (only whether it
exists), and her students' secret words and classes' join codes: they are credentials, and a
copy in a download would let anyone who finds it sign in as a student.

The zip is written to a temporary file (files are copied through the storage in chunks), so
memory stays small whatever the account's size; the response streams that file.
"""

import json
import shutil
import tempfile
import zipfile

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import FileField, ForeignKey, Q

from orbis.accounts.models import User
from orbis.board.models import Comment, Post, Reaction
from orbis.challenges.models import ChallengeEntry
from orbis.live.models import LiveSession
from orbis.projects.models import Project
from orbis.reflections.models import ReflectionResponse
from orbis.showcase.models import Showcase

SECRET_FIELDS = {"password", "secret", "session_version", "join_code", "nickname_key", "token"}


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        try:
            return super().default(o)
        except TypeError:  # e.g. a django-countries Country: its code
            return str(o)


def _row(obj, *, exclude=()) -> dict:
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS or field.name in exclude:
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, FileField):
            value = f"files/{value.name}" if value else ""
        elif isinstance(field, ForeignKey):
            data[field.attname] = value
            continue
        data[field.name] = value
    return data


def _author(item, user: User) -> str:
    if item.author_teacher_id == user.pk:
        return "you"
    if item.author_teacher_id:
        return "a teacher of your class"
    return f"student: {item.author_student.nickname}"


def _board_item(item, user: User) -> dict:
    data = _row(item, exclude=("author_teacher", "author_student", "flagged_by"))
    data["author"] = _author(item, user)
    return data


def collect(user: User) -> tuple[dict[str, object], list[str]]:
    """The JSON documents (name → content) and the storage paths of the files to include."""
    classrooms = list(user.classrooms.prefetch_related("students", "availability"))
    ids = [c.pk for c in classrooms]
    documents: dict[str, object] = {}
    files: list[str] = []

    account = _row(user, exclude=("is_superuser", "is_staff"))
    account["email_addresses"] = [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in user.emailaddress_set.all()
    ]
    account["notification_preferences"] = list(
        user.notification_preferences.values("kind", "email")
    )
    account["calendar_feed"] = hasattr(user, "calendar_feed")
    documents["account.json"] = account

    school = user.school
    documents["school.json"] = (
        None if school is None else {**_row(school), "terms": [_row(t) for t in school.terms.all()]}
    )
    for classroom in classrooms:
        documents[f"classrooms/{classroom.pk}.json"] = {
            **_row(classroom),
            "timetable": [_row(p, exclude=("classroom",)) for p in classroom.availability.all()],
            "students": [
                {"nickname": s.nickname, "joined_at": s.joined_at, "last_seen_at": s.last_seen_at}
                for s in classroom.students.all()
            ],
            "note": "Students' secret words and the join code are left out: they are credentials.",
        }

    projects = Project.objects.filter(Q(owner=user) | Q(memberships__classroom__in=ids)).distinct()
    documents["projects.json"] = [
        {
            **_row(project, exclude=("answers", "template_reasons", "owner")),
            "owned_by_you": project.owner_id == user.pk,
            "your_classes": [
                {"classroom": m.classroom_id, "role": m.role, "joined_at": m.joined_at}
                for m in project.memberships.all()
                if m.classroom_id in ids
            ],
        }
        for project in projects.prefetch_related("memberships")
    ]

    mine = Q(author_teacher=user) | Q(classroom__in=ids)
    posts = []
    for post in (
        Post.objects.filter(mine).select_related("author_student").prefetch_related("attachments")
    ):
        data = _board_item(post, user)
        data["attachments"] = [_row(a, exclude=("post",)) for a in post.attachments.all()]
        files += [a.file.name for a in post.attachments.all() if a.file]
        posts.append(data)
    documents["board/posts.json"] = posts
    documents["board/comments.json"] = [
        _board_item(c, user) for c in Comment.objects.filter(mine).select_related("author_student")
    ]
    documents["board/reactions.json"] = [
        {"post": r.post_id, "kind": r.kind, "created_at": r.created_at}
        for r in Reaction.objects.filter(author_teacher=user)
    ]
    documents["reflections.json"] = [
        {**_board_item(r, user), "prompt_text": r.prompt.text}
        for r in ReflectionResponse.objects.filter(mine).select_related("author_student", "prompt")
    ]
    documents["live_sessions.json"] = [
        {**_row(s, exclude=("created_by",)), "created_by_you": s.created_by_id == user.pk}
        for s in LiveSession.objects.filter(
            Q(created_by=user) | Q(attendances__classroom__in=ids)
        ).distinct()
    ]
    entries = []
    for entry in (
        ChallengeEntry.objects.filter(mine)
        .select_related("challenge", "author_student")
        .prefetch_related("media")
    ):
        data = _board_item(entry, user)
        data["challenge_title"] = entry.challenge.title
        data["media"] = [_row(m, exclude=("entry",)) for m in entry.media.all()]
        files += [m.file.name for m in entry.media.all() if m.file]
        entries.append(data)
    documents["challenges.json"] = entries
    showcases = []
    for showcase in Showcase.objects.filter(project__in=projects).prefetch_related("items"):
        showcases.append(
            {
                **_row(showcase, exclude=("published_by",)),
                "items": [_row(i, exclude=("consent_by",)) for i in showcase.items.all()],
            }
        )
        if showcase.final_product_file:
            files.append(showcase.final_product_file.name)
    documents["showcase.json"] = showcases
    documents["notifications.json"] = [
        {**_row(n, exclude=("recipient",)), "text": n.text} for n in user.notifications.all()
    ]
    return documents, sorted(set(files))


def build_zip(user: User):
    """A temporary file holding the zip, positioned at its start."""
    documents, files = collect(user)
    archive = tempfile.TemporaryFile()  # noqa: SIM115 (the response streams and closes it)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in documents.items():
            zf.writestr(name, json.dumps(content, cls=_Encoder, indent=2, ensure_ascii=False))
        for path in files:
            if not default_storage.exists(path):
                continue
            with default_storage.open(path, "rb") as source, zf.open(f"files/{path}", "w") as out:
                shutil.copyfileobj(source, out, 1024 * 1024)
    archive.seek(0)
    return archive
