"""The hashtag view buffer: in process by default, Redis when REDIS_URL is set; batches reach the daily table
exactly once."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from django.utils import timezone

from kindling.challenges import views_buffer
from kindling.challenges.models import HashtagDailyViews
from kindling.posts.models import Hashtag

pytestmark = pytest.mark.django_db
REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _tags(*names: str) -> list[int]:
    return [Hashtag.objects.create(name=n, display=n).pk for n in names]


def test_local_buffer_flushes_when_the_batch_is_full(monkeypatch):
    """Nothing is written until FLUSH_EVERY events; then one upsert per hashtag and day carries the sum."""
    monkeypatch.setattr(views_buffer, "FLUSH_EVERY", 5)
    monkeypatch.setattr(views_buffer, "FLUSH_AFTER_S", 3600)
    a, b = _tags("alpha", "beta")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    for _ in range(4):
        views_buffer.hashtag_views_record(hashtag_ids=[a, b])
    assert not HashtagDailyViews.objects.exists()
    views_buffer.hashtag_views_record(hashtag_ids=[a], day=yesterday)  # the fifth event triggers the flush
    rows = {(r.hashtag_id, r.day): r.views for r in HashtagDailyViews.objects.all()}
    assert rows == {(a, timezone.localdate()): 4, (b, timezone.localdate()): 4, (a, yesterday): 1}


@pytest.mark.skipif(not _redis_up(), reason="Redis is not running on 127.0.0.1:6379")
def test_redis_buffer_is_shared_and_drained_once(settings):
    """Two buffers on one Redis (two web processes) add to the same counts; a flush takes them exactly once."""
    settings.REDIS_URL = REDIS_URL
    (a,) = _tags("gamma")
    first = views_buffer.buffer()
    assert isinstance(first, views_buffer.RedisBuffer)
    first.drain()
    other_process = views_buffer.RedisBuffer(REDIS_URL)
    first.add([a], timezone.localdate())
    other_process.add([a], timezone.localdate())
    assert views_buffer.hashtag_views_flush() == 1
    assert views_buffer.hashtag_views_flush() == 0
    assert HashtagDailyViews.objects.get(hashtag_id=a).views == 2
