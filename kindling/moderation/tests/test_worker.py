"""A real Celery worker against Redis: pending items are decided by the worker, and killing a worker in the
middle of a check publishes nothing unchecked. Runs when REDIS_URL is set (CI sets it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from kindling.posts.models import Post, PostStatus

pytestmark = [
    pytest.mark.slow,
    pytest.mark.enable_socket,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)"),
]
ROOT = Path(__file__).resolve().parents[3]


def _worker_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env["KINDLING_MODERATION_ENGINE"] = "kindling.moderation.testing.ScriptedEngine"
    env["KINDLING_SCRIPTED_HANG_SECONDS"] = "30"
    env["KINDLING_MODERATION_TIMEOUT_S"] = "60"  # still mid-check when the test kills the worker
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        env.pop("DATABASE_URL", None)
        env["KINDLING_DATA_DIR"] = str(Path(db["NAME"]).parent)
        env["KINDLING_SQLITE_NAME"] = Path(db["NAME"]).name
    else:
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return env


@pytest.fixture
def worker(transactional_db, settings):
    from config.celery import app

    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "kindling"), "worker", "--pool", "solo", "-Q", queue, "--without-heartbeat",
         "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=_worker_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    app.conf.task_always_eager = False
    yield proc, queue
    app.conf.task_always_eager = True
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def _pending_post(make_user, text):
    post = Post.objects.create(author=make_user(), text=text, status=PostStatus.PENDING)
    Post.objects.filter(pk=post.pk).update(created_at=post.created_at.replace(year=2020))
    return post


def test_worker_decides_pending_posts(worker, make_user):
    """A pending post is decided by the worker process (published when the engine allows it)."""
    from kindling.moderation.tasks import decide_pending_task

    proc, queue = worker
    post = _pending_post(make_user, "a kind pending post")
    decide_pending_task.apply_async(args=[0], queue=queue)
    decided = _wait_for(lambda: Post.objects.get(pk=post.pk).status != PostStatus.PENDING)
    assert decided, proc.stdout.read1(20000).decode() if proc.poll() is not None else "worker did not decide in time"
    assert Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED


def test_killed_worker_publishes_nothing_unchecked(worker, make_user, moderation_engine):
    """Killing the worker while the engine is checking leaves the post pending and invisible; a retry decides it once."""
    from kindling.moderation.tasks import decide_pending_task
    from kindling.posts.services import posts_decide_pending

    proc, queue = worker
    post = _pending_post(make_user, "slow to check [[hang]]")
    decide_pending_task.apply_async(args=[0], queue=queue)
    time.sleep(6)  # the worker is now inside the (scripted, 30 s) engine call
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert Post.objects.get(pk=post.pk).status == PostStatus.PENDING
    moderation_engine.hang_seconds = 0.01
    assert posts_decide_pending(older_than_seconds=0) == 1
    assert Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED
    assert posts_decide_pending(older_than_seconds=0) == 0
    assert settings.CELERY_TASK_ACKS_LATE is True
