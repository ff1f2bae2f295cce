"""Django settings. Every value comes from an environment variable with a typed default, read here once."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str, secret_key_from

BASE_DIR = Path(__file__).resolve().parent.parent

# Where the SQLite database, media uploads and the generated secret key live.
DATA_DIR = Path(env_str("KINDLING_DATA_DIR", str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

# Debug pages leak internals: off unless explicitly asked for.
DEBUG = env_bool("KINDLING_DEBUG", False)
SECRET_KEY = secret_key_from(DATA_DIR)
ALLOWED_HOSTS = env_list("KINDLING_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("KINDLING_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "kindling.core",
    "kindling.accounts",
    "kindling.posts",
    "kindling.notifications",
    "kindling.moderation",
    "kindling.safety",
    "kindling.challenges",
    "kindling.feeds",
    "kindling.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# PostgreSQL when DATABASE_URL is set (psycopg 3 with its pool); otherwise SQLite in WAL mode in the data dir.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=0)
    _db.setdefault("OPTIONS", {})
    _db["OPTIONS"]["pool"] = {
        "min_size": env_int("KINDLING_DB_POOL_MIN", 2),
        "max_size": env_int("KINDLING_DB_POOL_MAX", 10),
        "timeout": 10,
    }
    DATABASES = {"default": _db}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            # KINDLING_SQLITE_NAME lets a helper process (a test's Celery worker) open another file in the data dir.
            "NAME": str(DATA_DIR / env_str("KINDLING_SQLITE_NAME", "kindling.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Redis (cache + Celery broker) when REDIS_URL is set; otherwise a local cache and tasks run in process.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("KINDLING_CACHE_PREFIX", "kindling"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kindling"}}

# For You page cache (kindling/feeds/cache.py): needs the shared Redis cache, so that an invalidation made by
# one web process reaches all of them; KINDLING_FEED_CACHE=false turns it off.
FEED_CACHE = bool(REDIS_URL) and env_bool("KINDLING_FEED_CACHE", True)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Without a broker there is no worker: run tasks in the calling process, after commit.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL or env_bool("KINDLING_TASKS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("KINDLING_TESTING", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env_bool("KINDLING_TESTING", False)
# Uploads beyond this are refused before Django reads them into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("KINDLING_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# Image limits for posts and avatars.
KINDLING_IMAGE_MAX_BYTES = env_int("KINDLING_IMAGE_MAX_BYTES", 8 * 1024 * 1024)
KINDLING_IMAGE_MAX_PIXELS = env_int("KINDLING_IMAGE_MAX_PIXELS", 25_000_000)
KINDLING_IMAGE_MAX_SIDE = env_int("KINDLING_IMAGE_MAX_SIDE", 2048)

# Dotted path of an engine class to use instead of the shipped model (another vendor's, or a scripted one
# in tests); empty means kindling_ml's own Moderator.
KINDLING_MODERATION_ENGINE = env_str("KINDLING_MODERATION_ENGINE", "")
# The moderation gate waits this long for the engine before holding the item for review (fail closed).
KINDLING_MODERATION_TIMEOUT_S = float(env_str("KINDLING_MODERATION_TIMEOUT_S", "3.0"))
# Pending items older than this are re-decided by `kindling moderation-retry` (a crash left them undecided).
KINDLING_MODERATION_RETRY_AFTER_S = env_int("KINDLING_MODERATION_RETRY_AFTER_S", 60)
# Strikes fade after this many days of good standing.
KINDLING_STRIKE_DAYS = env_int("KINDLING_STRIKE_DAYS", 90)
# Decisions can be appealed for this many days (6 months).
KINDLING_APPEAL_DAYS = env_int("KINDLING_APPEAL_DAYS", 183)

# Rate limits, "<count>/<s|m|h|d>". Generous defaults for people, tight enough to stop floods.
KINDLING_RATELIMITS = {
    "signup": env_str("KINDLING_RATELIMIT_SIGNUP", "5/h"),
    "login": env_str("KINDLING_RATELIMIT_LOGIN", "20/m"),
    "token": env_str("KINDLING_RATELIMIT_TOKEN", "20/m"),
    "post": env_str("KINDLING_RATELIMIT_POST", "30/m"),
    "comment": env_str("KINDLING_RATELIMIT_COMMENT", "60/m"),
    "interact": env_str("KINDLING_RATELIMIT_INTERACT", "300/m"),
    "moderation_score": env_str("KINDLING_RATELIMIT_MODERATION_SCORE", "60/m"),
    "report": env_str("KINDLING_RATELIMIT_REPORT", "20/h"),
    "appeal": env_str("KINDLING_RATELIMIT_APPEAL", "10/d"),
    "compliment": env_str("KINDLING_RATELIMIT_COMPLIMENT", "20/h"),
}

# Production: set KINDLING_HTTPS=1 when served over TLS; `kindling check --deploy` is then clean.
# Off by default only because `make demo` serves plain HTTP on localhost.
HTTPS = env_bool("KINDLING_HTTPS", False)
SECURE_HSTS_SECONDS = env_int("KINDLING_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("KINDLING_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("KINDLING_HSTS_PRELOAD", HTTPS)
SECURE_SSL_REDIRECT = env_bool("KINDLING_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = env_bool("KINDLING_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = env_bool("KINDLING_SECURE_COOKIES", HTTPS)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("KINDLING_BEHIND_PROXY") else None
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KINDLING_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
