"""What the moderators hide carries it on the item itself (hidden_by_staff): hiding sets it,
restoring clears it, and the migration filled it once from the audit log. The board reads its
own field, never this app's log."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps

from orbis.board.models import Comment, Post
from orbis.moderation.models import Action, AuditLog

from .test_decisions import decide, make_report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["post", "comment"])
def test_hiding_sets_the_field_and_restoring_clears_it(
    kind, post, comment, teacher_client, staff_client
):
    item = {"post": post, "comment": comment}[kind]
    report = make_report(teacher_client, kind, item.pk)
    decide(staff_client, report, "hide")
    item.refresh_from_db()
    assert item.hidden_by_staff and item.status == "rejected"
    decide(staff_client, report, "restore", reason="A misunderstanding")
    item.refresh_from_db()
    assert not item.hidden_by_staff and item.status == "approved"


def test_the_migration_fills_the_field_from_the_audit_log(post, comment, staff):
    fill = importlib.import_module("orbis.moderation.migrations.0002_fill_hidden_by_staff").fill

    def log(action, kind, target_id, **extra):
        return AuditLog.objects.create(
            actor=staff, actor_name="staff", action=action, target_kind=kind,
            target_id=target_id, target_label="x", reason="r", **extra,
        )  # fmt: skip

    Post.objects.filter(pk=post.pk).update(status="rejected")
    Comment.objects.filter(pk=comment.pk).update(status="rejected")
    log(Action.HIDE, "post", post.pk)
    restored = log(Action.HIDE, "comment", comment.pk)
    log(Action.RESTORE, "comment", comment.pk, undoes=restored)
    log(Action.HIDE, "post", None)  # a target deleted since
    fill(apps, None)
    post.refresh_from_db()
    comment.refresh_from_db()
    assert post.hidden_by_staff and not comment.hidden_by_staff


def test_the_board_does_not_import_moderation():
    board = Path(__file__).resolve().parents[2] / "board"
    for path in board.rglob("*.py"):
        if "tests" not in path.parts:
            text = path.read_text()
            assert "from orbis.moderation" not in text and "import orbis.moderation" not in text
