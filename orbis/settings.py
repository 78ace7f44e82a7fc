"""Orbis settings: every value comes from the environment, with safe development defaults.

Production sets ORBIS_ENV=production, which turns DEBUG off and makes SECRET_KEY mandatory.
"""

import contextlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("ORBIS_VAR_DIR", BASE_DIR.parent / "var"))


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


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
    # The same rules as Django's deploy check (security.W009), enforced: a weak key lets
    # anyone forge sessions and password-reset links.
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
    # Production and scale: static files (hashed names, gzip), before anything else runs.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "orbis.core.security.PermissionsPolicyMiddleware",
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
# Form fields written in Python, the same HTML as Django's widget templates (orbis/rendering.py).
FORM_RENDERER = "orbis.rendering.QuickRenderer"

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

# Database: embedded SQLite (WAL) unless DATABASE_URL names another, e.g. PostgreSQL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'orbis.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and one writer work at once; IMMEDIATE avoids lock upgrades failing.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt while its (email, IP) pair is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: teachers log in with their email; it must be confirmed.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "orbis.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Orbis] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

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

# Background work (emails, notifications, large matching runs) goes through Django's tasks API.
# Production: the database-backed queue, worked by `orbis worker`. Development and tests run
# each task at once, so one command runs everything.
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

# `orbis clock` (and the clock inside `orbis serve`/`orbis demo`) sends the daily email digest
# at or after this hour, UTC; live-session reminders go every minute.
DIGEST_HOUR_UTC = env_int("DIGEST_HOUR_UTC", 6)
if not 0 <= DIGEST_HOUR_UTC <= 23:
    raise ImproperlyConfigured(f"DIGEST_HOUR_UTC must be 0 to 23, not {DIGEST_HOUR_UTC}")

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
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one email from
# one IP address, that pair is locked out for AXES_COOLOFF_MINUTES (answer 429). A successful
# login resets the count. (allauth's own rate limits apply as well.)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "orbis.core.security.login_identifier"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Failed attempts are kept (until the cool-off ends), successful logins are not logged.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no banner on every command; failures and lockouts are still logged
# The client's IP address, for allauth's rate limits, django-axes and the student join form:
# REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies (each appending to
# X-Forwarded-For) the address the first of them saw. Set it to exactly the number of proxies:
# with too many, a client can choose its address with a forged header.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "orbis.core.security.client_ip"

# Guessing at the student join form: at most STUDENT_JOIN_FAILURE_LIMIT wrong secret words for
# one nickname in a class, and STUDENT_JOIN_IP_FAILURE_LIMIT wrong codes or secret words from one
# IP address (a whole class often shares one), in STUDENT_JOIN_WINDOW_MINUTES.
STUDENT_JOIN_FAILURE_LIMIT = env_int("STUDENT_JOIN_FAILURE_LIMIT", 10)
STUDENT_JOIN_IP_FAILURE_LIMIT = env_int("STUDENT_JOIN_IP_FAILURE_LIMIT", 30)
STUDENT_JOIN_WINDOW_MINUTES = env_int("STUDENT_JOIN_WINDOW_MINUTES", 15)

# Content Security Policy (django-csp), in every environment: only our own scripts, styles,
# images and fonts; no inline script or style, no plugins, no framing. A view that sets its
# own policy keeps it (uploaded files get a stricter one in orbis/uploads/serving.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# Features no Orbis page uses are switched off for every page (and anything embedded in it).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# LOG_FORMAT=json writes one JSON object per line (time, level, logger, message, request_id,
# exception) for log collectors; text (the default) is for people reading a terminal.
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

# Uploads and media storage. Uploads are checked by content (orbis/uploads): per-kind size
# limits, image pixel limit, and the longest side a stored image keeps. Media are never served
# by URL (there is no MEDIA_URL route, not even in development): views that check permissions
# stream them with orbis.uploads.serving.file_response.
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

# Media storage: local files under MEDIA_ROOT, or S3-compatible object storage (AWS, MinIO,
# Scaleway, OVH …) with MEDIA_STORAGE=s3. Credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (or the machine's IAM role). Objects stay private (no ACL).
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local")
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
elif MEDIA_STORAGE == "local":
    _MEDIA_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3, not {MEDIA_STORAGE!r}")
STORAGES = {
    "default": _MEDIA_BACKEND,
    # Production and scale: in production, `collectstatic` writes content-hashed names (cached
    # for a year by browsers) and gzip copies that WhiteNoise serves. Development and tests
    # serve the source files as they are (no collectstatic needed).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Board translation: a machine-translation service with a LibreTranslate-compatible API
# (POST {url}/translate). Unset, posts show their language but no "Translate" button. The
# service is asked only when a member clicks, and each translation is kept in the database.
TRANSLATION_API_URL = env_str("TRANSLATION_API_URL", "").strip()
TRANSLATION_API_KEY = env_str("TRANSLATION_API_KEY", "").strip()
TRANSLATION_TIMEOUT = env_int("TRANSLATION_TIMEOUT", 5)
# Translations one member may ask of the service per hour (cached ones don't count).
TRANSLATION_HOURLY_LIMIT = env_int("TRANSLATION_HOURLY_LIMIT", 30)
if TRANSLATION_API_URL and not TRANSLATION_API_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("TRANSLATION_API_URL must start with https:// or http://")

# Trust: sign-up asks to accept the rules of collaboration (orbis/accounts/forms.py). Accounts
# younger than NEW_ACCOUNT_DAYS have lower limits (orbis/accounts/limits.py), counted from the
# database so they hold across processes. Students' work counts per classroom, at three times
# its teacher's limit.
ACCOUNT_FORMS = {"signup": "orbis.accounts.forms.SignupForm"}
NEW_ACCOUNT_DAYS = env_int("NEW_ACCOUNT_DAYS", 7)
PARTNER_REQUESTS_PER_DAY = env_int("PARTNER_REQUESTS_PER_DAY", 30)
NEW_PARTNER_REQUESTS_PER_DAY = env_int("NEW_PARTNER_REQUESTS_PER_DAY", 5)
BOARD_WRITES_PER_HOUR = env_int("BOARD_WRITES_PER_HOUR", 200)
NEW_BOARD_WRITES_PER_HOUR = env_int("NEW_BOARD_WRITES_PER_HOUR", 20)
UPLOADS_PER_DAY = env_int("UPLOADS_PER_DAY", 500)
NEW_UPLOADS_PER_DAY = env_int("NEW_UPLOADS_PER_DAY", 20)
CHALLENGE_ENTRIES_PER_DAY = env_int("CHALLENGE_ENTRIES_PER_DAY", 50)
NEW_CHALLENGE_ENTRIES_PER_DAY = env_int("NEW_CHALLENGE_ENTRIES_PER_DAY", 5)

# Privacy: retention periods (orbis/privacy/retention.py, run daily by the clock or by
# `orbis apply_retention`). Teachers who haven't logged in for RETENTION_INACTIVE_TEACHER_DAYS
# are warned RETENTION_WARNING_DAYS before and then deleted (their shared work anonymised);
# classrooms with no activity for RETENTION_INACTIVE_CLASSROOM_DAYS are deleted with their
# students; sign-ups never confirmed go after RETENTION_UNCONFIRMED_DAYS.
RETENTION_INACTIVE_TEACHER_DAYS = env_int("RETENTION_INACTIVE_TEACHER_DAYS", 730)
RETENTION_WARNING_DAYS = env_int("RETENTION_WARNING_DAYS", 30)
RETENTION_INACTIVE_CLASSROOM_DAYS = env_int("RETENTION_INACTIVE_CLASSROOM_DAYS", 540)
RETENTION_UNCONFIRMED_DAYS = env_int("RETENTION_UNCONFIRMED_DAYS", 14)
RETENTION_HOUR_UTC = env_int("RETENTION_HOUR_UTC", 3)
if (
    min(RETENTION_INACTIVE_CLASSROOM_DAYS, RETENTION_UNCONFIRMED_DAYS) < 1
    or not 0 <= RETENTION_WARNING_DAYS < RETENTION_INACTIVE_TEACHER_DAYS
    or not 0 <= RETENTION_HOUR_UTC <= 23
):
    raise ImproperlyConfigured(
        "Retention periods must be at least 1 day, RETENTION_WARNING_DAYS shorter than "
        "RETENTION_INACTIVE_TEACHER_DAYS, and RETENTION_HOUR_UTC 0 to 23."
    )

# Production and scale (README "Run it for a school network", deploy/): the web server, static
# files, database connections and read replicas.
# `orbis serve --production` runs gunicorn with WEB_CONCURRENCY processes of WEB_THREADS threads
# each; a request taking longer than WEB_TIMEOUT seconds is stopped (its process restarted).
# The default is cores + 1 (at most 9): the pages spend their time in Python, not waiting on
# the database, so gunicorn's 2 × cores + 1 only makes processes queue for the cores (measured
# on 2 cores, benchmarks/load.py: p95 76 ms with 3 processes, 84-105 ms with 5, PostgreSQL on
# the same machine). Each process holds its own Django (about 100 MB), its partner search
# index (about 40 MB at 20,000 classrooms) and one database connection per thread.
_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", min((_CORES or 1) + 1, 9))
WEB_THREADS = env_int("WEB_THREADS", 1)
WEB_TIMEOUT = env_int("WEB_TIMEOUT", 60)
if min(WEB_CONCURRENCY, WEB_THREADS, WEB_TIMEOUT) < 1:
    raise ImproperlyConfigured("WEB_CONCURRENCY, WEB_THREADS and WEB_TIMEOUT must be 1 or more.")
# WhiteNoise warns at every start while STATIC_ROOT doesn't exist yet (before collectstatic).
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The cache holds counters that must be shared by every web process (the student join
# throttle, allauth's rate limits, translation quotas): in production a table of the database
# (`orbis createcachetable`, which `orbis serve --production` runs), not each process's memory.
CACHE_BACKEND = env_str("CACHE_BACKEND", "database" if PRODUCTION else "local")
if CACHE_BACKEND == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "orbis_cache",
        }
    }
elif CACHE_BACKEND != "local":
    raise ImproperlyConfigured(f"CACHE_BACKEND must be database or local, not {CACHE_BACKEND!r}")

# Database connections. Kept open (DATABASE_CONN_MAX_AGE seconds) they are checked before
# reuse, so a restarted PostgreSQL costs no failed request. DATABASE_POOL=true gives each
# process a psycopg connection pool instead (PostgreSQL only; needs the psycopg-pool package):
# worthwhile with WEB_THREADS above 1.
DATABASE_POOL = env_bool("DATABASE_POOL", False)
# Scaling out, the step after more web and worker processes: a streaming read replica of the
# PostgreSQL primary. Reads go to it, writes (and every read inside a transaction, and the
# sessions, login throttling and task queue) to the primary: orbis/db_router.py.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0)
    )
    # Tests run against one database: the replica alias mirrors it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["orbis.db_router.PrimaryReplicaRouter"]
for _database in DATABASES.values():
    if _database["CONN_MAX_AGE"]:
        _database["CONN_HEALTH_CHECKS"] = True
    if DATABASE_POOL:
        if _database["ENGINE"] != "django.db.backends.postgresql":
            raise ImproperlyConfigured("DATABASE_POOL=true needs PostgreSQL (DATABASE_URL).")
        if _database["CONN_MAX_AGE"]:
            raise ImproperlyConfigured(
                "DATABASE_POOL=true replaces DATABASE_CONN_MAX_AGE: leave it at 0."
            )
        _database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", max(WEB_THREADS, 2)),
        }

# ops: health check, worker heartbeats, requeueing tasks of dead workers (orbis/ops).
# /healthz fails (503) only when the database doesn't answer, unless HEALTH_REQUIRE_WORKER is
# true: then also while no task worker has been seen in the last 5 minutes.
HEALTH_REQUIRE_WORKER = env_bool("HEALTH_REQUIRE_WORKER", False)
# A task RUNNING for longer than this lost its worker (killed mid-job): the clock puts it back
# in the queue. Keep it above the longest task's run time.
TASK_STALE_MINUTES = env_int("TASK_STALE_MINUTES", 15)
if TASK_STALE_MINUTES < 1:
    raise ImproperlyConfigured("TASK_STALE_MINUTES must be at least 1.")
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
