"""Settings, read strictly from the environment with safe development defaults.

``DEBUG`` defaults to on only so that ``make run`` works on a bare machine; with
``DEBUG=off`` a real ``SECRET_KEY`` is required and secure cookies/HSTS apply.
A boolean or number that is not understood stops the start (``coordination/env.py``).
Importing this module creates no folder: ``make run`` creates the ones under
``VAR_DIR``, and the code that writes a file creates its own folder.
"""

from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from coordination.env import StrictEnv

BASE_DIR = Path(__file__).resolve().parent.parent

env = StrictEnv()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env")

# Runtime files of a development machine: SQLite, mail, media, the Celery broker.
VAR_DIR = BASE_DIR / env.str("VAR_DIR", default="var")

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
DEBUG = env.bool("DEBUG", default=True)
# `make run` keeps a key it generated once in a file (run.env: var/secret_key),
# so the demo runs with DEBUG off and without a key in any file under git.
SECRET_KEY_FILE = env.str("SECRET_KEY_FILE", default="")
if SECRET_KEY_FILE and env.str("SECRET_KEY", default=""):
    raise ImproperlyConfigured("Set SECRET_KEY or SECRET_KEY_FILE, not both.")
if SECRET_KEY_FILE:
    SECRET_KEY = (BASE_DIR / SECRET_KEY_FILE).read_text(encoding="utf-8").strip()
else:
    SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured("Set SECRET_KEY (32+ characters) when DEBUG is off.")
# Off only where the portal is served over plain HTTP on the developer's own
# machine (`make run`, run.env): no secure-only cookies, HTTPS redirect or HSTS.
HTTPS = env.bool("HTTPS", default=not DEBUG)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "coordination.apps.CoordinationConfig",
    "swg",
    "projects_db",
    "reports",
    "dashboards",
]

MIDDLEWARE = [
    "coordination.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "coordination.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coordination.urls"
WSGI_APPLICATION = "coordination.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "coordination.context_processors.portal",
            ],
        },
    },
]

# Widget templates come from templates/django/forms/ too: text inputs and text
# areas take dir="auto", so Arabic typed into an English page (and the reverse)
# is shown in its own direction (docs/architecture.md, "Text direction").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections (README "Operating in production"): seconds a web or
# worker process keeps its connection; 0 closes it after each request (behind
# pgbouncer in transaction mode keep 0).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ],
)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: lock an email+IP pair after five failures for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Failures count under the normalised email, so every spelling shares one counter.
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"

# The client's address, for the lockout and the password-reset throttle (read
# through axes.helpers.get_client_ip_address). Exposed directly, it is
# REMOTE_ADDR only: trusting X-Forwarded-For without a proxy would let a client
# name a new address for every guess. Behind REVERSE_PROXY_COUNT proxies
# (docker-compose.yml sets 1: the TLS proxy in front of web, which must set
# X-Forwarded-For to the address it received the request from), the address
# comes from X-Forwarded-For. django-ipware counts only the proxies listed
# *inside* that header (the nearest proxy is REMOTE_ADDR, not in it), hence
# the minus one; it matches the count strictly, so a header with extra,
# client-written entries falls back to the proxy's own address instead of
# letting the client choose one.
REVERSE_PROXY_COUNT = env.int("REVERSE_PROXY_COUNT", default=0)
if REVERSE_PROXY_COUNT > 0:
    AXES_IPWARE_PROXY_COUNT = REVERSE_PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_PROXY_COUNT = None
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic"))]
LANGUAGES_RTL = {"ar"}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates follow the active language (coordination/formats/; docs/architecture.md,
# "Text direction").
FORMAT_MODULE_PATH = ["coordination.formats"]
TIME_ZONE = "Africa/Tripoli"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Uploads are private in every mode (coordination/storage.py): no MEDIA_URL, no
# route or WhiteNoise folder serves them; a permission-checked view streams each
# one. PRIVATE_MEDIA_ROOT must lie outside everything served (a system check says so).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
PRIVATE_STORAGE = env.str("PRIVATE_STORAGE", default="filesystem")
if PRIVATE_STORAGE == "filesystem":
    PRIVATE_STORAGE_CONFIG = {"BACKEND": "coordination.storage.PrivateFileSystemStorage"}
elif PRIVATE_STORAGE == "s3":
    # Optional: an S3-compatible bucket through django-storages (install
    # 'django-storages[s3]'). Objects are private and reached only through the
    # download views, which stream them; no signed URL is handed out.
    PRIVATE_STORAGE_CONFIG = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("PRIVATE_S3_BUCKET"),
            "endpoint_url": env.str("PRIVATE_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("PRIVATE_S3_REGION", default="") or None,
            "location": env.str("PRIVATE_S3_PREFIX", default="private"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured(
        f"PRIVATE_STORAGE={PRIVATE_STORAGE!r} is not known; use filesystem or s3."
    )
# `make run` (run.env) serves static files from the source folders through
# WhiteNoise, without collectstatic, so the demo starts in seconds with DEBUG off.
STATIC_FROM_SOURCE = env.bool("STATIC_FROM_SOURCE", default=False)
STORAGES = {
    # A FileField that forgets storage=private_storage still lands in private storage.
    "default": PRIVATE_STORAGE_CONFIG,
    "private": PRIVATE_STORAGE_CONFIG,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or STATIC_FROM_SOURCE
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if not DEBUG:
    # Production serves static files from the collected, hashed set (gunicorn + WhiteNoise).
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")
    WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = STATIC_FROM_SOURCE

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: console-free by default so development mail lands in var/mail/.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# The MoP Technical Cooperation Office mailbox that receives every circulated
# minutes (assessment Annex 1.1: minutes go to MoP and the members).
MOP_MINUTES_EMAIL = env.str("MOP_MINUTES_EMAIL", default="")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="SWG Portal <no-reply@swg.planning.gov.ly>"
)

# Celery. Without a broker URL the embedded filesystem transport is used, so that
# `make run` runs the worker and beat with no Redis (kombu's filesystem transport).
# kombu does not create these folders; the Makefile's `dirs` target does.
CELERY_DEV_DIR = VAR_DIR / "celery"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DEV_DIR / "out"),
        "data_folder_out": str(CELERY_DEV_DIR / "out"),
        "processed_folder": str(CELERY_DEV_DIR / "processed"),
        "store_processed": False,
        "control_folder": str(CELERY_DEV_DIR / "control"),
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# /healthz: beat or the worker silent for this many seconds is "down" (both
# check in every minute); HEALTHZ_TOKEN, when set, lets a monitor read the
# detail with "Authorization: Bearer <token>" (coordination/health.py).
HEARTBEAT_STALE_AFTER = env.int("HEARTBEAT_STALE_AFTER", default=180)
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")

# A queued email whose send task did not reach the broker (it was down) for this
# many seconds is queued again by the sweeper (coordination/outbox.py).
OUTBOX_UNDISPATCHED_AFTER = env.int("OUTBOX_UNDISPATCHED_AFTER", default=60)
CELERY_BEAT_SCHEDULE = {
    # Lets /healthz see that beat schedules and a worker consumes (coordination/health.py).
    "heartbeat": {"task": "coordination.tasks.heartbeat", "schedule": 60.0},
    # Mail queued while the broker was down goes out within a minute of its return.
    "outbox-sweep": {"task": "coordination.tasks.outbox_sweep", "schedule": 60.0},
    # Gives up import jobs whose worker died, and queues again lost ones.
    "import-jobs-sweep": {"task": "swg.tasks.import_jobs_sweep", "schedule": 60.0},
    # Fails progress-report renderings unfinished after REPORT_GENERATION_TIME_LIMIT,
    # so their page says why and offers to generate again (reports/services/reports.py).
    "report-generations-sweep": {
        "task": "reports.tasks.report_generations_sweep_task",
        "schedule": 300.0,
    },
    # Archive uploads whose indexing task was lost (broker down) are queued again.
    "document-versions-requeue": {
        "task": "swg.tasks.document_versions_requeue",
        "schedule": 300.0,
    },
    "import-jobs-cleanup": {
        "task": "swg.tasks.import_jobs_purge",
        "schedule": crontab(hour=3, minute=15),
    },
    # DESIGN §5: the monthly meeting schedule on the first working day (Sunday to
    # Thursday) that is not a public holiday, 08:00 Tripoli time. The holiday list
    # must leave a working day in each month's first week, so the entry fires on
    # days 1-7 and the task sends only on the right one.
    "monthly-schedule": {
        "task": "swg.tasks.monthly_schedule_send_task",
        "schedule": crontab(hour=8, minute=0, day_of_month="1-7"),
    },
    # A dated archive of the database and the private files every night, old ones
    # pruned (coordination/backup.py; BACKUP_SCHEDULE_ENABLED=off turns it off).
    "backup": {"task": "coordination.tasks.backup_task", "schedule": crontab(hour=2, minute=30)},
    # DESIGN §5: quarterly update reminders, opening message, reminder and
    # escalation; the service decides which one the day calls for.
    # The weekly notification digest, on the first working day of the Libyan
    # week (Sunday) at 08:00 Tripoli (coordination/notifications.py).
    "notification-digest": {
        "task": "coordination.tasks.notifications_digest_task",
        "schedule": crontab(hour=8, minute=0, day_of_week="sun"),
    },
    "quarterly-reminders": {
        "task": "projects_db.tasks.quarterly_reminders_task",
        "schedule": crontab(hour=8, minute=30),
    },
}

# Quarterly update reminders (projects_db/services/reminders.py): the reminder
# goes this many days before the deadline, the escalation this many days after.
QUARTERLY_REMINDER_DAYS_BEFORE = env.int("QUARTERLY_REMINDER_DAYS_BEFORE", default=5)
QUARTERLY_ESCALATION_DAYS_AFTER = env.int("QUARTERLY_ESCALATION_DAYS_AFTER", default=1)
# The queue tasks go to when none is named (a test's private worker queue).
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")

# Calendar replies (README "Calendar replies"): invitations name this mailbox as
# their ORGANIZER, so the Accept / Decline a calendar client sends (iTIP REPLY,
# RFC 5546) lands there; with an IMAP host set, beat has the worker read it
# every CALENDAR_REPLIES_INTERVAL seconds (swg/services/calendar_replies.py).
CALENDAR_REPLIES_ADDRESS = env.str("CALENDAR_REPLIES_ADDRESS", default="")
CALENDAR_REPLIES_IMAP_HOST = env.str("CALENDAR_REPLIES_IMAP_HOST", default="")
CALENDAR_REPLIES_IMAP_SECURITY = env.str("CALENDAR_REPLIES_IMAP_SECURITY", default="ssl")
CALENDAR_REPLIES_IMAP_PORT = env.int(
    "CALENDAR_REPLIES_IMAP_PORT", default=993 if CALENDAR_REPLIES_IMAP_SECURITY == "ssl" else 143
)
CALENDAR_REPLIES_IMAP_USER = env.str("CALENDAR_REPLIES_IMAP_USER", default="")
CALENDAR_REPLIES_IMAP_PASSWORD = env.str("CALENDAR_REPLIES_IMAP_PASSWORD", default="")
CALENDAR_REPLIES_IMAP_FOLDER = env.str("CALENDAR_REPLIES_IMAP_FOLDER", default="INBOX")
CALENDAR_REPLIES_IMAP_TIMEOUT = env.int("CALENDAR_REPLIES_IMAP_TIMEOUT", default=30)
CALENDAR_REPLIES_INTERVAL = env.int("CALENDAR_REPLIES_INTERVAL", default=180)
# A reply is a few kilobytes; anything larger is not read (hostile input).
CALENDAR_REPLIES_MAX_BYTES = env.int("CALENDAR_REPLIES_MAX_BYTES", default=1024 * 1024)
CALENDAR_REPLIES_MAX_MESSAGES = env.int("CALENDAR_REPLIES_MAX_MESSAGES", default=200)
if CALENDAR_REPLIES_IMAP_SECURITY not in {"ssl", "starttls", "none"}:
    raise ImproperlyConfigured(
        f"CALENDAR_REPLIES_IMAP_SECURITY={CALENDAR_REPLIES_IMAP_SECURITY!r} "
        "is not one of ssl, starttls, none."
    )
if CALENDAR_REPLIES_ADDRESS and "@" not in CALENDAR_REPLIES_ADDRESS:
    raise ImproperlyConfigured(
        f"CALENDAR_REPLIES_ADDRESS={CALENDAR_REPLIES_ADDRESS!r} is not an email address."
    )
if CALENDAR_REPLIES_IMAP_HOST:
    if not (CALENDAR_REPLIES_ADDRESS and CALENDAR_REPLIES_IMAP_USER):
        raise ImproperlyConfigured(
            "CALENDAR_REPLIES_IMAP_HOST needs CALENDAR_REPLIES_ADDRESS (the mailbox "
            "invitations name as organizer) and CALENDAR_REPLIES_IMAP_USER."
        )
    if CALENDAR_REPLIES_IMAP_SECURITY == "none" and CALENDAR_REPLIES_IMAP_HOST not in {
        "127.0.0.1",
        "::1",
        "localhost",
    }:
        raise ImproperlyConfigured(
            "CALENDAR_REPLIES_IMAP_SECURITY=none sends the password in clear: only for "
            "a server on this machine; use ssl or starttls."
        )
    CELERY_BEAT_SCHEDULE["calendar-replies"] = {
        "task": "swg.tasks.calendar_replies_fetch_task",
        "schedule": float(CALENDAR_REPLIES_INTERVAL),
    }

# Backups (`manage.py backup` / `manage.py restore`, README "Operations").
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")
BACKUP_RETENTION_DAYS = env.int("BACKUP_RETENTION_DAYS", default=30)
BACKUP_KEEP_AT_LEAST = env.int("BACKUP_KEEP_AT_LEAST", default=7)
BACKUP_SCHEDULE_ENABLED = env.bool("BACKUP_SCHEDULE_ENABLED", default=True)

# One cache for every web process in production (docker-compose.yml: Redis), so
# that the request throttles (coordination/throttle.py) count across workers.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# Password reset requests allowed per address and per client address in a window
# (seconds); past them the form says to wait. The link itself is valid for
# PASSWORD_RESET_TIMEOUT (Django's default, three days).
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_LIMIT_PER_CLIENT = env.int("PASSWORD_RESET_LIMIT_PER_CLIENT", default=10)
PASSWORD_RESET_LIMIT_WINDOW = 3600

# The admin shows the history of a record but never reverts it: a change goes
# through a service, which applies the rules and records who made it
# (docs/architecture.md).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Uploads: imports larger than this are refused with a message at the field.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
# Import files hold personal data: beat removes them (and their job) after this many days.
IMPORT_RETENTION_DAYS = env.int("IMPORT_RETENTION_DAYS", default=30)
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES
# What the import job accepts before and while it reads a file
# (coordination/spreadsheets/reader.py): an XLSX's unpacked size and number of
# parts (read from the zip's directory, before parsing), then rows below the
# header, columns, and characters in a cell (Excel's own limit).
IMPORT_MAX_UNCOMPRESSED_BYTES = env.int("IMPORT_MAX_UNCOMPRESSED_BYTES", default=25 * 1024 * 1024)
IMPORT_MAX_ZIP_ENTRIES = env.int("IMPORT_MAX_ZIP_ENTRIES", default=200)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20_000)
IMPORT_MAX_COLUMNS = env.int("IMPORT_MAX_COLUMNS", default=100)
IMPORT_MAX_CELL_CHARS = env.int("IMPORT_MAX_CELL_CHARS", default=32_767)
# A running import writes its percentage for the page at most this often: each
# write is a commit that the rows wait for (swg/services/imports.py).
IMPORT_PROGRESS_SECONDS = env.float("IMPORT_PROGRESS_SECONDS", default=0.5)
# An import job whose worker has shown no sign of life for this long is given
# up (failed, with a retry) by the sweeper (swg/services/imports.py).
IMPORT_JOB_STALE_SECONDS = env.int("IMPORT_JOB_STALE_SECONDS", default=120)
# A progress report's PDF renders in seconds; one queued or running for this many
# seconds is failed by beat's sweep and the page offers to generate it again.
REPORT_GENERATION_TIME_LIMIT = env.int("REPORT_GENERATION_TIME_LIMIT", default=15 * 60)

# The document archive (swg/exchange/documents.py): the largest upload, what a
# DOCX/XLSX/ODT may unpack to (read from its zip directory before anything is
# opened), and how much text the indexing job reads from one file.
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
DOCUMENT_MAX_ZIP_ENTRIES = env.int("DOCUMENT_MAX_ZIP_ENTRIES", default=1000)
DOCUMENT_MAX_UNPACKED_BYTES = env.int("DOCUMENT_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)
DOCUMENT_TEXT_MAX_PAGES = env.int("DOCUMENT_TEXT_MAX_PAGES", default=300)
DOCUMENT_TEXT_MAX_CHARS = env.int("DOCUMENT_TEXT_MAX_CHARS", default=500_000)

# REST API (projects_db.api): a token per user or the browser session; the
# same permission module as the pages. Throttle rates are "N/second|minute|hour|day".
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="30/minute"),
        "user": env.str("API_THROTTLE_USER", default="1000/hour"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SWG Coordination Portal API",
    "DESCRIPTION": "Technical-assistance projects of the Libyan SWGs (IATI-aligned).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # DESIGN §1: everything is behind login, the API description too.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Self-hosted Swagger UI: the portal loads nothing from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Duplication check (projects_db): titles at least this similar are flagged.
# Trigram similarity on PostgreSQL; difflib's ratio (which runs higher) elsewhere.
DUPLICATE_TITLE_TRIGRAM_THRESHOLD = env.float("DUPLICATE_TITLE_TRIGRAM_THRESHOLD", default=0.4)
DUPLICATE_TITLE_DIFFLIB_THRESHOLD = env.float("DUPLICATE_TITLE_DIFFLIB_THRESHOLD", default=0.6)

# An SWG is "typically limited to 8-10 members" (assessment Annex 1.1).
SWG_MEMBER_WARNING_THRESHOLD = 10

# Content-Security-Policy (django-csp): scripts, styles, fonts and images only
# from the portal itself, so that text a user managed to inject is never run.
# Templates carry no inline <script>, no on…="" handlers and no style=""; what
# needs behaviour uses data attributes read by static/js/portal.js. Images may
# be data: URIs (Bootstrap's icons are). No page may be framed, and forms post
# only to the portal.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Browser features no page of the portal uses (coordination/middleware.py).
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "camera": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "payment": "()",
    "usb": "()",
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # LOG_FORMAT=json: one JSON object a line (coordination/logs.py) for a collector.
    "formatters": {
        "json": {"()": "coordination.logs.JsonFormatter"},
        "plain": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env.str("LOG_FORMAT", default="plain") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
