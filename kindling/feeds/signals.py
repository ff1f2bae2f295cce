"""Keep the stored rank current: each post event rewrites that one post's row (a handful of queries).

The posts app sends these after commit, so a failure here can never undo the user's action; it is logged
and the next event or `kindling refresh-ranks` repairs the row.
"""

from __future__ import annotations

import logging
from typing import Any

from kindling.feeds import ranker
from kindling.feeds.services import rank_refresh_post, rank_remove

logger = logging.getLogger(__name__)


def on_post_published(sender: Any, *, post_id: int, **kwargs: Any) -> None:
    try:
        rank_refresh_post(post_id=post_id)
    except Exception:
        logger.exception("feed rank update failed for published post %s", post_id)


def on_post_hidden(sender: Any, *, post_id: int, **kwargs: Any) -> None:
    try:
        rank_remove(post_id=post_id)
    except Exception:
        logger.exception("feed rank removal failed for post %s", post_id)


def on_post_engaged(sender: Any, *, post_id: int, kind: str, count: int | None = None, **kwargs: Any) -> None:
    if kind == "view" and count is not None and not ranker.is_view_checkpoint(count):
        return
    try:
        rank_refresh_post(post_id=post_id)
    except Exception:
        logger.exception("feed rank update failed for post %s after %s", post_id, kind)
