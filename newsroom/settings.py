"""One settings module, driven by the environment.

With nothing set, Newsroom runs embedded: SQLite under ``var/``, Celery eager,
local-memory cache. ``DATABASE_URL`` and ``REDIS_URL`` switch to the full stack.
With ``DEBUG`` off a real ``SECRET_KEY`` is required, so a misconfigured
production process fails at start instead of running insecurely.
"""

import os
import re
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("NEWSROOM_DATA_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default="DATABASE_URL" not in os.environ)
_DEV_SECRET = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of 50+ characters when DEBUG is off."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "articles",
    "entities",
    "datatables",
    "search",
    "ingest",
    # The media library (images, renditions) and the story body editors own.
    "images",
    "body",
    # The reader-facing site, on top of the apps above.
    "public",
    # The API for apps, newsletters and partners (/api/v1/), on top of everything.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "api",
    # Failed-login tracking and lockout (see the AXES_ settings below).
    "axes",
    # Last: its post_migrate handler gives the roles every other app's permissions.
    "desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CORS headers for the API (CORS_URLS_REGEX), before anything that can answer.
    "corsheaders.middleware.CorsMiddleware",
    # %00 in a path or query is a 400 before anything queries with it.
    "newsroom.security.RefuseNulMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response.
    "newsroom.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304s for pages with an ETag or Last-Modified (article pages set both).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Refuses an oversized request (413), in the reader's language, before anything
    # reads its body (nothing above does).
    "newsroom.security.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A save whose follow-up tasks could not be queued says so (Redis outage).
    "newsroom.outages.QueueOutageMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "newsroom" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another one.
if "DATABASE_URL" in os.environ:
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Server-side binding (Django's documented psycopg 3 option): PostgreSQL then
        # sees one statement text per query shape and psycopg prepares a statement
        # once it has run this many times on a connection, so the article page's read
        # is planned once per connection, not per request. "off" behind a pooler that
        # cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
        _prepare = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5").strip().lower()
        # ASCII decimal digits only: isdigit() also passes "²", which int() refuses.
        _prepared = _prepare.isascii() and _prepare.isdecimal()
        if _prepare not in {"off", "none"} and not _prepared:
            raise ImproperlyConfigured(
                f"DATABASE_PREPARE_THRESHOLD must be a number or off, not {_prepare!r}"
            )
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=_prepared,
            prepare_threshold=int(_prepare) if _prepared else None,
        )
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    (DATA_DIR / "static").mkdir(exist_ok=True)  # WhiteNoise expects STATIC_ROOT to exist
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "newsroom.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6's default, taken now

REDIS_URL = os.environ.get("REDIS_URL", "")
# Seconds to wait for Redis to accept a connection (cache, broker, result store). Short:
# when Redis is unreachable, pages are served uncached and saves go on (issue #17).
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", 0.5))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "public.cache.NewsroomRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            # Passed to redis-py's connection pool: a dead Redis costs at most this
            # per operation, and the backend then skips Redis for a short cool-off.
            "OPTIONS": {"socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
                        "socket_timeout": max(REDIS_SOCKET_TIMEOUT, 1.0)},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: a real broker with REDIS_URL, otherwise tasks run in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
# A task must be redelivered after a worker dies, but not while a live worker
# is still on it: longer than the hard time limit.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", 900)),
    # A request that enqueues must not wait on a dead broker: fail fast, the sweep retries.
    "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
    # A dead worker's unacked messages are put back by a live worker's scan: at its
    # start, then every interval x throttle seconds (kombu's default 10 x 10 = 100 s).
    "unacked_restore_interval": int(os.environ.get("CELERY_UNACKED_RESTORE_INTERVAL", 10)),
    "unacked_restore_throttle": int(os.environ.get("CELERY_UNACKED_RESTORE_THROTTLE", 10)),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# When the broker is down a save must not hang: publishing gives up quickly and
# the article stays pending for the sweep to enqueue later.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2,
}
# Nothing reads task results (each run is recorded on its article), and a result store
# subscription made on every enqueue retried for ~19 s when Redis was down (issue #17).
CELERY_TASK_IGNORE_RESULT = True
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_SOCKET_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = 5.0
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.2},
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "publish-due-articles": {
        "task": "articles.tasks.publish_due_task",
        "schedule": float(os.environ.get("NEWSROOM_PUBLISH_INTERVAL", 20)),
    },
    "sweep-unprocessed-articles": {
        "task": "articles.tasks.sweep_unprocessed_task",
        "schedule": 300.0,
    },
    "sweep-stored-stories": {
        "task": "public.tasks.sweep_stories_task",
        "schedule": 300.0,
    },
    "dispatch-due-feeds": {
        "task": "ingest.tasks.dispatch_due_feeds_task",
        "schedule": float(os.environ.get("NEWSROOM_INGEST_DISPATCH_INTERVAL", 60)),
    },
    "recheck-outdated-articles": {
        "task": "desk.tasks.recheck_outdated_task",
        "schedule": crontab(hour=3, minute=17),
    },
}

# Ingestion (ingest/fetch.py): how feeds and their pages are fetched.
NEWSROOM_INGEST_USER_AGENT = os.environ.get(
    "NEWSROOM_INGEST_USER_AGENT", "NewsroomIngest/1.0 (+https://github.com/newsroom; feeds)"
)
NEWSROOM_INGEST_TIMEOUT = float(os.environ.get("NEWSROOM_INGEST_TIMEOUT", 10))  # per read
NEWSROOM_INGEST_DEADLINE = float(os.environ.get("NEWSROOM_INGEST_DEADLINE", 30))  # whole body
NEWSROOM_INGEST_MAX_BYTES = int(os.environ.get("NEWSROOM_INGEST_MAX_BYTES", 10 * 1024 * 1024))
NEWSROOM_INGEST_MAX_REDIRECTS = int(os.environ.get("NEWSROOM_INGEST_MAX_REDIRECTS", 5))
NEWSROOM_INGEST_HOST_CONCURRENCY = int(os.environ.get("NEWSROOM_INGEST_HOST_CONCURRENCY", 2))
NEWSROOM_INGEST_HOST_INTERVAL = float(os.environ.get("NEWSROOM_INGEST_HOST_INTERVAL", 0.5))
# Loopback and private addresses are refused outside DEBUG (a feed URL must not reach
# inside our network); the demo feed and the tests run on loopback.
NEWSROOM_INGEST_ALLOW_PRIVATE = env_bool("NEWSROOM_INGEST_ALLOW_PRIVATE", default=DEBUG)
NEWSROOM_INGEST_ITEMS_PER_POLL = int(os.environ.get("NEWSROOM_INGEST_ITEMS_PER_POLL", 50))
# How long a poll's claim on its feed lasts: above the task's hard time limit (600 s).
NEWSROOM_INGEST_LEASE = int(os.environ.get("NEWSROOM_INGEST_LEASE", 900))

# Login lockout (django-axes): 5 failures for one username from one IP lock that
# pair out for 15 minutes. Axes' backend comes first so a locked-out pair is refused
# before the password is even checked; force_login (tests) bypasses backends.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", 0.25))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", 0)) or None
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))


def media_storage() -> dict:
    """Uploaded images: the local filesystem, or any S3-compatible bucket when
    ``NEWSROOM_S3_BUCKET`` is set (django-storages, ``pip install .[s3]``; credentials
    from the usual AWS_* variables, read by boto3 itself)."""
    bucket = os.environ.get("NEWSROOM_S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "default_acl": None,
        "querystring_auth": False,
        "file_overwrite": False,
        # Names are content hashes: a stored file never changes.
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    for option, variable in (("endpoint_url", "NEWSROOM_S3_ENDPOINT_URL"),
                             ("region_name", "NEWSROOM_S3_REGION"),
                             ("custom_domain", "NEWSROOM_S3_CUSTOM_DOMAIN"),
                             ("location", "NEWSROOM_S3_PREFIX")):
        if os.environ.get(variable):
            options[option] = os.environ[variable]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


# Where images are read from, for the Content-Security-Policy.
def media_origin(storage: dict) -> str:
    options = storage.get("OPTIONS", {})
    if options.get("custom_domain"):
        return "https://" + options["custom_domain"]
    if options.get("endpoint_url"):
        return options["endpoint_url"].rstrip("/")
    if "bucket_name" in options:
        return f"https://{options['bucket_name']}.s3.amazonaws.com"
    return ""


STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Imports: the largest article file an editor may upload or paste.
NEWSROOM_MAX_IMPORT_BYTES = int(os.environ.get("NEWSROOM_MAX_IMPORT_BYTES", 5 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = NEWSROOM_MAX_IMPORT_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = NEWSROOM_MAX_IMPORT_BYTES + 1024 * 1024
# The story editor posts about a dozen fields a block: room for long stories.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 30_000
# Images: the largest upload (bytes) and picture (pixels) accepted; bigger ones, and
# decompression bombs, are refused with a message (images/processing.py).
NEWSROOM_MAX_IMAGE_BYTES = int(os.environ.get("NEWSROOM_MAX_IMAGE_BYTES", 20 * 1024 * 1024))
NEWSROOM_MAX_IMAGE_PIXELS = int(os.environ.get("NEWSROOM_MAX_IMAGE_PIXELS", 40_000_000))
# Serve MEDIA from Django itself (the embedded default and a single box); turn off
# where a web server or a bucket serves it.
NEWSROOM_SERVE_MEDIA = env_bool(
    "NEWSROOM_SERVE_MEDIA", default="NEWSROOM_S3_BUCKET" not in os.environ
)
# How long a signed preview link opens the page (seconds).
NEWSROOM_PREVIEW_MAX_AGE = int(os.environ.get("NEWSROOM_PREVIEW_MAX_AGE", 48 * 3600))
# Where the shared data sets live (the seed article for the demo).
NEWSROOM_SHARED_DIR = Path(os.environ.get("NEWSROOM_SHARED_DIR", BASE_DIR.parent / "shared"))

# The largest request body accepted at all (newsroom.security refuses bigger ones
# with 413 from their Content-Length, before reading them): above every upload limit.
NEWSROOM_MAX_REQUEST_BYTES = int(
    os.environ.get("NEWSROOM_MAX_REQUEST_BYTES", 60 * 1024 * 1024)
)
# Content-Security-Policy (newsroom.security.SecurityHeadersMiddleware). Inline
# styles are allowed because the admin and some templates use style attributes;
# scripts only from our own static files, so injected markup can never run code.
NEWSROOM_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    # Our images come from MEDIA (this site, or the bucket when S3 is configured).
    "img-src": " ".join(filter(None, ["'self' data:", media_origin(STORAGES["default"])])),
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
NEWSROOM_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
)

# The API (api/). Rates are DRF's "<n>/<second|minute|hour|day>", per token for
# token-authenticated clients and per client address for anonymous ones.
_RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")
NEWSROOM_API_RATES = {
    "anon": os.environ.get("NEWSROOM_API_ANON_RATE", "120/minute"),
    "token": os.environ.get("NEWSROOM_API_TOKEN_RATE", "1200/minute"),
}
for _name, _rate in NEWSROOM_API_RATES.items():
    if not _RATE.match(_rate):
        raise ImproperlyConfigured(
            f"NEWSROOM_API_{_name.upper()}_RATE must look like 120/minute, not {_rate!r}"
        )
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenThrottle", "api.throttling.AnonThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    # Proxies in front of the site whose X-Forwarded-For may be trusted (as for axes);
    # 0 means the client is the connection's address.
    "NUM_PROXIES": int(os.environ.get("AXES_PROXY_COUNT", 0)),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom API",
    "DESCRIPTION": (
        "Published articles, sections, entities and search for apps, newsletters and "
        "partners; and the desk's own work (imports, verdicts, entities, tables, workflow) "
        "with per-user tokens. Errors are application/problem+json (RFC 9457)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # 3.1: JSON Schema proper, so a nullable nested object validates as documented.
    "OAS_VERSION": "3.1.0",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.problem_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "articles.models.Article.Status",
        "BlockKindEnum": "articles.models.Block.Kind",
        "EntityKindEnum": "entities.models.Entity.Kind",
        "ColumnTypeEnum": "datatables.grid.COLUMN_TYPES",
        "StoryBlockTypeEnum": "api.serializers.STORY_BLOCK_TYPES",
    },
}
# Browser clients on other origins may call the API (never the site or the admin).
CORS_ALLOWED_ORIGINS = env_list("NEWSROOM_API_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_HEADERS = ["accept", "accept-language", "authorization", "content-type",
                      "if-match", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Location"]

# Security headers; the HTTPS-only parts switch on outside DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"},
                # One line per request at INFO: ingestion would drown the log.
                "httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}
