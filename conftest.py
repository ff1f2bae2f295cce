"""Repository-wide test set-up.

pytest-django imports `config.settings` before any conftest runs, so an environment variable set here
comes too late for values that settings compute at import time. We set KINDLING_TESTING for anything that
reads it later (subprocesses, late imports) and apply its effect on static files directly: tests render
templates with `{% static %}` without running collectstatic, so they need the plain storage (no manifest)
and WhiteNoise serving from the app finders.
"""

from __future__ import annotations

import os

os.environ.setdefault("KINDLING_TESTING", "1")

from django.conf import settings

if not settings.DEBUG:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
