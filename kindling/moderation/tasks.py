"""Background moderation work. With REDIS_URL these run on Celery workers; without it, in process.
Tasks only call services, so a task killed mid-way leaves nothing half-done (acks_late re-runs it)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings


@shared_task(name="moderation.decide_pending", acks_late=True)
def decide_pending_task(older_than_seconds: int | None = None) -> int:
    """Decide posts and comments a crash left pending. Safe to run twice: each item is decided once."""
    from kindling.posts.services import posts_decide_pending

    return posts_decide_pending(
        older_than_seconds=settings.KINDLING_MODERATION_RETRY_AFTER_S if older_than_seconds is None else older_than_seconds
    )


@shared_task(name="moderation.recheck", acks_late=True)
def recheck_task(post_ids: list[int]) -> int:
    """Re-check published posts after a model or policy update; anything the new model would hold goes to review."""
    from kindling.moderation.services import published_recheck

    return published_recheck(post_ids=post_ids)
