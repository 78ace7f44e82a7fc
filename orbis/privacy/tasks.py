from django_tasks import task

from .retention import apply_retention


@task()
def apply_retention_task() -> int:
    """The daily retention sweep (see retention.py); returns how many things it did."""
    return apply_retention().total
