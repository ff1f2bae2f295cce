"""Test settings: the production settings with fast hashing, finder-served static files and quiet logs."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

# Hashing cost is irrelevant in tests and dominates sign-up heavy suites.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Tests run tasks in process; the Celery worker test turns this off for itself and starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory, so a worker process started by a test can open the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-kindling.sqlite3")}  # noqa: F405

# Off whatever the environment says (CI sets REDIS_URL): tests that exercise the feed cache turn it on.
FEED_CACHE = False
