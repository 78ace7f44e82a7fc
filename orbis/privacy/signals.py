"""Deleting a row deletes what it leaves behind elsewhere.

- Files: every model with FileFields (board attachments, challenge media, showcase products…)
  has its stored files removed once the deletion commits, however the row went (a service, a
  cascade from a classroom or an account, the admin). Files are outside the transaction, so they
  go only after it commits: a rolled-back deletion keeps them.
- Names: notifications keep the names they mention as text (params). When a classroom goes,
  its students' nicknames are taken out of the other teachers' notifications about it.
"""

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete, pre_delete

from orbis.uploads.storage import delete_stored


def _file_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _delete_files(sender, instance, **kwargs) -> None:
    paths = [getattr(instance, name).name for name in _file_fields(sender)]
    paths = [p for p in paths if p]
    if paths:
        transaction.on_commit(lambda: delete_stored(*paths))


def _classroom_going(sender, instance, **kwargs) -> None:
    from .services import scrub_notifications

    nicknames = list(instance.students.values_list("nickname", flat=True))
    scrub_notifications(nicknames=nicknames, classroom_names=[instance.name])


def connect() -> None:
    for model in apps.get_models():
        if _file_fields(model):
            post_delete.connect(_delete_files, sender=model, dispatch_uid=f"files:{model._meta}")
    pre_delete.connect(
        _classroom_going,
        sender=apps.get_model("classrooms", "Classroom"),
        dispatch_uid="privacy:classroom",
    )
