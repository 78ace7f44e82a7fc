"""Orbis settings: every value comes from the environment, with safe development defaults (each
variable is described in the README's "Configuration" table).

Production sets ORBIS_ENV=production, which turns DEBUG off and makes SECRET_KEY mandatory.
Reading this module creates nothing on disk: the `orbis` command makes the folders under var/
(orbis/cli.py), and the outbox, media and backups make theirs when they first write.
"""

import os
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from orbis.settings_parts.environment import env_bool, env_choice, env_int, env_list, env_str
from orbis.settings_parts.security import *  # noqa: F403  (the same in every environment)

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("ORBIS_VAR_DIR", BASE_DIR.parent / "var"))

PRODUCTION = env_str("ORBIS_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production (50+ random characters).")
    SECRET_KEY = "development-only-secret-key-never-use-in-production-0123456789"
elif PRODUCTION and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")
):
    # Django's deploy check (security.W009), enforced: a weak key lets anyone forge sessions and
    # password-reset links.
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: it needs 50 or more random characters, at least "
        "5 different ones, and must not start with 'django-insecure-'. Generate one with: "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "axes",
    "csp",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "template_partials",
    "orbis.web",
    "orbis.accounts",
    "orbis.schools",
    "orbis.classrooms",
    "orbis.students",
    "orbis.partners",
    "orbis.projects",
    "orbis.notifications",
    "orbis.uploads",
    "orbis.board",
    "orbis.live",
    "orbis.reflections",
    "orbis.showcase",
    "orbis.challenges",
    "orbis.moderation",
    "orbis.privacy",
    "orbis.ops",
    "orbis.learn",
    "orbis.home",
    "orbis.demo",
]

MIDDLEWARE = [
    # First: every log line of a request carries its id (orbis/ops/logging.py).
    "orbis.ops.logging.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files (hashed names, gzip) before anything else runs.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "orbis.web.security.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "orbis.accounts.middleware.RememberLanguageMiddleware",
    "orbis.students.middleware.StudentMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "orbis.urls"
WSGI_APPLICATION = "orbis.wsgi.application"
# Form fields written in Python, the same HTML as Django's widget templates.
FORM_RENDERER = "orbis.web.rendering.QuickRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "orbis.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# `orbis serve --production`: gunicorn processes, threads, seconds before a stuck request is
# stopped. Cores + 1 processes: the pages spend their time in Python, so more only queue for the
# cores (benchmarks/load.py on 2 cores: p95 76 ms with 3 processes, 84-105 ms with 5).
_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", min((_CORES or 1) + 1, 9), minimum=1)
WEB_THREADS = env_int("WEB_THREADS", 1, minimum=1)
WEB_TIMEOUT = env_int("WEB_TIMEOUT", 60, minimum=1)

# Databases: embedded SQLite (WAL) unless DATABASE_URL names another, e.g. PostgreSQL, and
# optionally a streaming read replica of the PostgreSQL primary (orbis/db_router.py).
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 0)
DATABASE_POOL = env_bool("DATABASE_POOL", False)
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "").strip()


def database(url: str) -> dict:
    """One entry of DATABASES. Connections kept open are checked before reuse, so a restarted
    PostgreSQL costs no failed request; DATABASE_POOL gives each process a psycopg pool instead
    (worthwhile with WEB_THREADS above 1)."""
    config = dj_database_url.parse(url, conn_max_age=DATABASE_CONN_MAX_AGE)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers and one writer work at once; IMMEDIATE avoids lock upgrades failing.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    if config["CONN_MAX_AGE"]:
        config["CONN_HEALTH_CHECKS"] = True
    if DATABASE_POOL:
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise ImproperlyConfigured("DATABASE_POOL=true needs PostgreSQL (DATABASE_URL).")
        if config["CONN_MAX_AGE"]:
            raise ImproperlyConfigured(
                "DATABASE_POOL=true replaces DATABASE_CONN_MAX_AGE: leave it at 0."
            )
        config.setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", max(WEB_THREADS, 2)),
        }
    return config


DATABASES = {
    "default": database(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'orbis.sqlite3'}")),
}
if DATABASE_REPLICA_URL:
    # Tests run against one database: the replica alias mirrors it.
    DATABASES["replica"] = {**database(DATABASE_REPLICA_URL), "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["orbis.db_router.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Counters every web process must share (the student join throttle, allauth's rate limits,
# translation quotas): in production a table of the database (`orbis createcachetable`, which
# `orbis serve --production` runs), not each process's memory.
CACHE_BACKEND = env_choice(
    "CACHE_BACKEND", "database" if PRODUCTION else "local", ("database", "local")
)
if CACHE_BACKEND == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "orbis_cache",
        }
    }

ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"  # the rest: settings_parts

# Email: development writes every message to var/outbox (and prints it); production uses SMTP.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "orbis.mail.OutboxBackend",
)
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(VAR_DIR / "outbox")))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Orbis <orbis@localhost>")
# Where people write to the people who run this Orbis (a sign-up email that doesn't arrive, a
# barrier, a question): shown on the pages that need it. By default DEFAULT_FROM_EMAIL's address.
ORBIS_CONTACT_EMAIL = env_str("ORBIS_CONTACT_EMAIL", parseaddr(DEFAULT_FROM_EMAIL)[1])

# Background work goes through Django's tasks API: in production the database-backed queue,
# worked by `orbis worker`; in development and tests each task runs at once.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if PRODUCTION
            else "django_tasks.backends.immediate.ImmediateBackend",
        ),
    }
}
# `orbis clock`: the daily digest from this hour (UTC) on; live-session reminders every minute.
DIGEST_HOUR_UTC = env_int("DIGEST_HOUR_UTC", 6, minimum=0, maximum=23)
# /healthz fails only when the database doesn't answer, or also while no worker was seen for
# 5 minutes. A task RUNNING longer than TASK_STALE_MINUTES lost its worker: the clock requeues it.
HEALTH_REQUIRE_WORKER = env_bool("HEALTH_REQUIRE_WORKER", False)
TASK_STALE_MINUTES = env_int("TASK_STALE_MINUTES", 15, minimum=1)

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
    ("uk", _("Ukrainian")),
    ("tr", _("Turkish")),
    ("hi", _("Hindi")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way to write a day and a moment per language (orbis/web/formats), on every page.
FORMAT_MODULE_PATH = "orbis.web.formats"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# Static files: in production `collectstatic` writes content-hashed names (cached for a year) and
# gzip copies that WhiteNoise serves; development and tests serve the source files as they are.
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# Media are never served by URL (there is no MEDIA_URL route): views that check permissions
# stream them with orbis.uploads.serving.file_response.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Login throttling (django-axes): failed logins for one email from one IP address lock that pair
# out (answer 429); a successful login resets the count. allauth's own rate limits apply too.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "orbis.web.security.login_identifier"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_DISABLE_ACCESS_LOG = True  # failed attempts are kept until the cool-off ends
AXES_VERBOSE = False  # no banner on every command; failures and lockouts are still logged
# The client's IP address (allauth's rate limits, django-axes, the student join form): behind
# TRUSTED_PROXY_COUNT proxies, the address the first of them saw. Exactly the number of proxies:
# with too many, a client can choose its address with a forged X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "orbis.web.security.client_ip"

# Guessing at the student join form: wrong secret words for one nickname in a class, and wrong
# codes or secret words from one IP address (a whole class often shares one), per window.
STUDENT_JOIN_FAILURE_LIMIT = env_int("STUDENT_JOIN_FAILURE_LIMIT", 10)
STUDENT_JOIN_IP_FAILURE_LIMIT = env_int("STUDENT_JOIN_IP_FAILURE_LIMIT", 30)
STUDENT_JOIN_WINDOW_MINUTES = env_int("STUDENT_JOIN_WINDOW_MINUTES", 15)

# Production is HTTPS only (headers and cookies for every environment: settings_parts/security).
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# LOG_FORMAT=json: one JSON object per line, for log collectors; text is for people.
LOG_FORMAT = env_str("LOG_FORMAT", "text").lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {"()": "orbis.ops.logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per task run is noise in a terminal; failures are still logged.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

# Uploads are checked by content (orbis/uploads): per-kind size limits, an image pixel limit,
# and the longest side a stored image keeps.
_MB = 1024 * 1024
_UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 25)
ORBIS_UPLOAD_MAX_BYTES = {
    "image": env_int("UPLOAD_MAX_IMAGE_MB", _UPLOAD_MAX_MB) * _MB,
    "pdf": env_int("UPLOAD_MAX_PDF_MB", _UPLOAD_MAX_MB) * _MB,
    "audio": env_int("UPLOAD_MAX_AUDIO_MB", _UPLOAD_MAX_MB) * _MB,
    "document": env_int("UPLOAD_MAX_DOCUMENT_MB", _UPLOAD_MAX_MB) * _MB,
    "video": env_int("UPLOAD_MAX_VIDEO_MB", 200) * _MB,
}
ORBIS_UPLOAD_MAX_IMAGE_PIXELS = env_int("UPLOAD_MAX_IMAGE_MEGAPIXELS", 40) * 1_000_000
ORBIS_UPLOAD_IMAGE_MAX_SIDE = env_int("UPLOAD_IMAGE_MAX_SIDE", 2560)
# Files above 2.5 MB go to a temporary file as they arrive (never whole into memory), and no
# more than the largest limit is written to disk.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_TEMP_DIR = os.environ.get("FILE_UPLOAD_TEMP_DIR") or None
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "orbis.uploads.handlers.CappedTemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# Media storage: local files under MEDIA_ROOT, or private objects (no ACL) in S3-compatible
# storage; credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or the machine's role.
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", "local", ("local", "s3"))
_MEDIA_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if MEDIA_STORAGE == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    _MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "location": env_str("AWS_LOCATION", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            # A file read through the storage spools to disk past this, not into memory.
            "max_memory_size": FILE_UPLOAD_MAX_MEMORY_SIZE,
        },
    }
STORAGES = {
    "default": _MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Board translation through a LibreTranslate-compatible service, asked only when a member clicks
# "Translate"; each translation is kept. TRANSLATION_HOURLY_LIMIT: asks per member and hour.
TRANSLATION_API_URL = env_str("TRANSLATION_API_URL", "").strip()
TRANSLATION_API_KEY = env_str("TRANSLATION_API_KEY", "").strip()
TRANSLATION_TIMEOUT = env_int("TRANSLATION_TIMEOUT", 5)
TRANSLATION_HOURLY_LIMIT = env_int("TRANSLATION_HOURLY_LIMIT", 30)
if TRANSLATION_API_URL and not TRANSLATION_API_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("TRANSLATION_API_URL must start with https:// or http://")

# Limits (orbis/accounts/limits.py), counted in the database: lower for accounts younger than
# NEW_ACCOUNT_DAYS. Students' work counts per classroom, at three times its teacher's limit.
NEW_ACCOUNT_DAYS = env_int("NEW_ACCOUNT_DAYS", 7)
PARTNER_REQUESTS_PER_DAY = env_int("PARTNER_REQUESTS_PER_DAY", 30)
NEW_PARTNER_REQUESTS_PER_DAY = env_int("NEW_PARTNER_REQUESTS_PER_DAY", 5)
BOARD_WRITES_PER_HOUR = env_int("BOARD_WRITES_PER_HOUR", 200)
NEW_BOARD_WRITES_PER_HOUR = env_int("NEW_BOARD_WRITES_PER_HOUR", 20)
UPLOADS_PER_DAY = env_int("UPLOADS_PER_DAY", 500)
NEW_UPLOADS_PER_DAY = env_int("NEW_UPLOADS_PER_DAY", 20)
CHALLENGE_ENTRIES_PER_DAY = env_int("CHALLENGE_ENTRIES_PER_DAY", 50)
NEW_CHALLENGE_ENTRIES_PER_DAY = env_int("NEW_CHALLENGE_ENTRIES_PER_DAY", 5)

# Retention (orbis/privacy/retention.py, daily at RETENTION_HOUR_UTC): inactive teachers are
# warned, then deleted; inactive classrooms go with their students; so do unconfirmed sign-ups.
RETENTION_INACTIVE_TEACHER_DAYS = env_int("RETENTION_INACTIVE_TEACHER_DAYS", 730)
RETENTION_WARNING_DAYS = env_int("RETENTION_WARNING_DAYS", 30, minimum=0)
RETENTION_INACTIVE_CLASSROOM_DAYS = env_int("RETENTION_INACTIVE_CLASSROOM_DAYS", 540, minimum=1)
RETENTION_UNCONFIRMED_DAYS = env_int("RETENTION_UNCONFIRMED_DAYS", 14, minimum=1)
RETENTION_HOUR_UTC = env_int("RETENTION_HOUR_UTC", 3, minimum=0, maximum=23)
if RETENTION_WARNING_DAYS >= RETENTION_INACTIVE_TEACHER_DAYS:
    raise ImproperlyConfigured(
        "RETENTION_WARNING_DAYS must be shorter than RETENTION_INACTIVE_TEACHER_DAYS."
    )
