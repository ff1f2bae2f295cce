"""Test settings: the production settings with fast hashing, finder-served static files and quiet logs."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

# Hashing cost is irrelevant in tests and dominates sign-up heavy suites.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
