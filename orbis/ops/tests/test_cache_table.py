"""With the database cache (production), every migrate leaves its table in place: saves write to
the cache (the partner search index's generation), whatever command runs after migrate."""

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_migrate

from orbis.ops.apps import _create_cache_table


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_cache_table(settings):
    assert post_migrate.has_listeners(apps.get_app_config("ops"))
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "orbis_test_cache",
        }
    }
    try:
        assert "orbis_test_cache" not in connection.introspection.table_names()
        _create_cache_table(sender=apps.get_app_config("ops"), using="default")
        assert "orbis_test_cache" in connection.introspection.table_names()
        caches["default"].set("key", "value")
        assert caches["default"].get("key") == "value"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS orbis_test_cache")
