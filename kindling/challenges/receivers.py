"""Listeners on the posts app's after-commit signals. A failure here is logged and never undoes the
user's action (the posts app sends these after commit)."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def on_post_published(sender: Any, *, post_id: int, **kwargs: Any) -> None:
    """A published post that uses a running challenge's hashtag joins that challenge."""
    from kindling.challenges.services import challenge_entries_record_for_post

    try:
        challenge_entries_record_for_post(post_id=post_id)
    except Exception:
        logger.exception("recording challenge entries failed for post %s", post_id)


def on_post_engaged(sender: Any, *, post_id: int, kind: str, **kwargs: Any) -> None:
    """Each counted post view adds one to its hashtags' views of the day, through the buffer."""
    if kind != "view":
        return
    from kindling.challenges.views_buffer import post_view_buffered

    try:
        post_view_buffered(post_id=post_id)
    except Exception:
        logger.exception("buffering the hashtag views of post %s failed", post_id)
