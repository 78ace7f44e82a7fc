from django.db import models


class Heartbeat(models.Model):
    """The last sign of life of a background process: a task worker or the clock.

    A worker beats whenever it starts or finishes a task (django_tasks signals); the clock
    queues a no-op `ping` task every minute, so an idle worker still beats (orbis/ops/heartbeat.py).
    """

    class Kind(models.TextChoices):
        WORKER = "worker"
        CLOCK = "clock"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The worker's id (db_worker --worker-id, random by default) or the clock's host:pid.
    name = models.CharField(max_length=100)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["kind", "-last_seen"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="ops_heartbeat_once")]

    def __str__(self):
        return f"{self.kind} {self.name} ({self.host}:{self.pid})"
