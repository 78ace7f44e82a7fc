"""Reads to a PostgreSQL read replica, writes to the primary (set DATABASE_REPLICA_URL).

A replica lags the primary by a few milliseconds, so reads that must see what was just written
stay on the primary: every read inside a transaction on it (services read, check and write in
one `transaction.atomic()`), and the tables that a request writes and the next one reads
at once — sessions (a login is followed by a redirect), login throttling, the cache's counters
(CACHE_BACKEND=database) and the task queue.
"""

from django.db import connections

PRIMARY = "default"
REPLICA = "replica"
# App labels whose reads always go to the primary: the task queue, sessions, login throttling,
# the cache and the heartbeats must read what was just written.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "django_cache", "django_tasks_database", "ops"})


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: an object read from the replica may point to one
        # read from the primary.
        return {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica receives the primary's schema by replication.
        return db == PRIMARY
