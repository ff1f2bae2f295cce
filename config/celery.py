"""Celery app: a real worker when REDIS_URL is set, in-process (eager) execution otherwise."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kindling")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
