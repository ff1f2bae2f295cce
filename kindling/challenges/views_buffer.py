"""Buffered hashtag view counting: one view costs a memory (or Redis) increment, not a database write.

Every recorded post view adds one to each of the post's hashtags for today. Increments collect in a buffer
and are written to `HashtagDailyViews` in one batch (an upsert per hashtag and day) once the buffer holds
`FLUSH_EVERY` events or `FLUSH_AFTER_S` seconds have passed.

* With `REDIS_URL` set, the buffer is a Redis hash shared by every web process: `HINCRBY` per view, and a
  flush atomically `RENAME`s the hash away before reading it, so two processes never write the same
  increments twice and no increment arriving during a flush is lost.
* Without Redis, the buffer is a dict in this process behind a lock (a single-process deployment).

A crash loses at most the unflushed increments of the last few seconds: these are chart numbers, and the
authoritative per-post counts (`Post.view_count`, `PostView`) are written by the posts app as before.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import threading
import time
import uuid
from collections import Counter
from typing import Any, Protocol

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

FLUSH_EVERY = 1000  # events
FLUSH_AFTER_S = 5.0
PENDING_KEY = "kindling:hashtag-views:pending"
POST_TAGS_TTL_S = 300

Key = tuple[int, dt.date]


class Buffer(Protocol):
    def add(self, hashtag_ids: list[int], day: dt.date) -> int:
        """Add one view to each hashtag; return how many events this process added since its last flush."""

    def drain(self) -> Counter[Key]:
        """Take everything buffered so far (it is no longer in the buffer)."""


class LocalBuffer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[Key] = Counter()
        self._events = 0

    def add(self, hashtag_ids: list[int], day: dt.date) -> int:
        with self._lock:
            for hashtag_id in hashtag_ids:
                self._counts[(hashtag_id, day)] += 1
            self._events += 1
            return self._events

    def drain(self) -> Counter[Key]:
        with self._lock:
            counts, self._counts, self._events = self._counts, Counter(), 0
        return counts


class RedisBuffer:
    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)
        self._local_events = 0
        self._lock = threading.Lock()

    def add(self, hashtag_ids: list[int], day: dt.date) -> int:
        stamp = day.isoformat()
        pipe = self._redis.pipeline(transaction=False)
        for hashtag_id in hashtag_ids:
            pipe.hincrby(PENDING_KEY, f"{hashtag_id}|{stamp}", 1)
        pipe.execute()
        with self._lock:
            self._local_events += 1
            return self._local_events

    def drain(self) -> Counter[Key]:
        with self._lock:
            self._local_events = 0
        taking = f"{PENDING_KEY}:flush:{uuid.uuid4().hex}"
        try:
            self._redis.rename(PENDING_KEY, taking)
        except Exception as exc:  # redis.ResponseError "no such key": nothing buffered
            if "no such key" in str(exc).lower():
                return Counter()
            raise
        raw: dict[Any, Any] = self._redis.hgetall(taking)  # type: ignore[assignment]
        self._redis.delete(taking)
        counts: Counter[Key] = Counter()
        for field, value in raw.items():
            tag, _, stamp = field.decode().partition("|")
            counts[(int(tag), dt.date.fromisoformat(stamp))] += int(value)
        return counts


_buffer: Buffer | None = None
_buffer_url: str | None = None
_last_flush = time.monotonic()
_init_lock = threading.Lock()


def buffer() -> Buffer:
    """The buffer for the current settings (tests and the benchmark switch REDIS_URL at run time)."""
    global _buffer, _buffer_url
    url = getattr(settings, "REDIS_URL", "") or ""
    with _init_lock:
        if _buffer is None or _buffer_url != url:
            _buffer = RedisBuffer(url) if url else LocalBuffer()
            _buffer_url = url
        return _buffer


def post_hashtag_ids(post_id: int) -> list[int]:
    """A post's hashtag ids, cached: a published post's hashtags don't change (only rejected posts are edited)."""
    from kindling.posts.models import PostHashtag

    key = f"challenges:post-tags:{post_id}"
    cached = cache.get(key)
    if cached is None:
        cached = list(PostHashtag.objects.filter(post_id=post_id).values_list("hashtag_id", flat=True))
        cache.set(key, cached, POST_TAGS_TTL_S)
    return list(cached)


def hashtag_views_record(*, hashtag_ids: list[int], day: dt.date | None = None) -> None:
    """Buffer one view for each hashtag; flush when the batch is full or old enough."""
    global _last_flush
    if not hashtag_ids:
        return
    events = buffer().add(hashtag_ids, day or timezone.localdate())
    if events >= FLUSH_EVERY or time.monotonic() - _last_flush >= FLUSH_AFTER_S:
        hashtag_views_flush()


def post_view_buffered(*, post_id: int) -> None:
    hashtag_views_record(hashtag_ids=post_hashtag_ids(post_id))


def hashtag_views_flush() -> int:
    """Write everything buffered to `HashtagDailyViews` (one upsert per hashtag and day); return rows written."""
    global _last_flush
    _last_flush = time.monotonic()
    counts = buffer().drain()
    if not counts:
        return 0
    from kindling.challenges.models import HashtagDailyViews

    table = connection.ops.quote_name(HashtagDailyViews._meta.db_table)
    # Both SQLite (3.24+) and PostgreSQL speak INSERT .. ON CONFLICT, so one statement adds to the day's row.
    # The table name is the model's own, quoted; every value is a parameter.
    sql = (
        f"INSERT INTO {table} (hashtag_id, day, views) VALUES (%s, %s, %s) "  # noqa: S608
        f"ON CONFLICT (hashtag_id, day) DO UPDATE SET views = {table}.views + excluded.views"
    )
    rows = [(tag, day, n) for (tag, day), n in sorted(counts.items())]
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    except Exception:
        # Hashtags deleted meanwhile (a foreign key failure) must not lose the rest: write row by row.
        logger.warning("batched hashtag view flush failed; writing %d rows one by one", len(rows), exc_info=True)
        for row in rows:
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(sql, row)
            except Exception:
                logger.warning("dropped %s views of hashtag %s on %s", row[2], row[0], row[1])
    return len(rows)


@atexit.register
def _flush_on_exit() -> None:
    """A process stopping cleanly (a gunicorn worker recycled, `kindling` command ending) writes what it
    buffered in process; Redis-buffered views stay in Redis for the next flush anyway."""
    if isinstance(_buffer, LocalBuffer):
        try:
            hashtag_views_flush()
        except Exception:  # the database may already be gone at interpreter exit
            logger.warning("could not flush buffered hashtag views at exit", exc_info=True)
