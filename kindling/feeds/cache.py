"""The For You page cache (settings.FEED_CACHE: on with Redis, as a per-process cache could not be
invalidated across workers).

A cached page is served only while nothing that could change it has happened. Two version stamps are read
with the page in one round trip and must both match the ones it was stored with:

- the viewer's version, bumped when the viewer's own state changes (follows, blocks either way, mutes,
  hidden words, likes, "show less", their own new post);
- the visibility epoch, bumped whenever any post or account may have become less visible (deletion,
  moderation decisions, privacy changes, suspensions) — so a removed post never outlives its removal in
  anyone's cached page.

Both are driven by the audit trail (kindling.core.audit.state_changed): every service writes an audit row,
so a new kind of state change invalidates everything by default until it is listed below as narrower.
Engagement counts inside a cached page may lag by at most `cache_seconds` (weights.toml).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache

EPOCH_KEY = "feed:epoch"
VIEWER_VERSION_SECONDS = 24 * 3600

# Changes to the actor's own view (and, for these relationships, the other account's view too).
_VIEWER_ACTIONS = {
    "like.create", "like.delete", "mute.create", "mute.delete", "hidden_word.add", "hidden_word.delete",
    "post.create", "feed.feedback",
}
_PAIR_ACTIONS = {"follow.create", "follow.delete", "follow.approve", "follow.decline", "block.create", "block.delete"}
# Changes that cannot alter which posts anyone sees, or how a feed page looks.
_NO_FEED_EFFECT_PREFIXES = (
    "nudge.", "token.", "compliment.", "challenge.", "collection.", "organisation.", "trending.", "comment.",
    "review.claim", "review.note", "report.create", "user.signup", "profile.avatar", "profile.comment_controls",
    "profile.bio_held", "appeal.create",
    # The gate's decision on a post comes with post.decide / post.resubmit, handled below; on anything else
    # (comments, bios, compliments) it changes no feed.
    "moderation.gate.",
)


def feed_cache_enabled() -> bool:
    return bool(settings.FEED_CACHE)


def feed_cache_version_key(viewer_id: int) -> str:
    return f"feed:v:{viewer_id}"


def feed_cache_bump(*, viewer_ids: Iterable[int | None] = (), everyone: bool = False) -> None:
    """Make cached pages unreachable: those of these viewers, or (everyone) every viewer's."""
    stamp = uuid.uuid4().hex  # never repeats, so a bump can never restore an older stamp
    viewers = {feed_cache_version_key(v): stamp for v in viewer_ids if v is not None}
    if viewers:
        # Outlives by far anything stored under it (pages: cache_seconds; viewer context: a minute), so its
        # expiry can never make an old entry current again.
        cache.set_many(viewers, timeout=VIEWER_VERSION_SECONDS)
    if everyone:
        cache.set(EPOCH_KEY, stamp, timeout=None)


def on_state_changed(
    sender: Any, *, actor_id: int | None, action: str, target_type: str, target_id: int | None,
    data: dict[str, Any] | None = None, **kwargs: Any,
) -> None:
    if action == "post.decide" and (data or {}).get("status") == "published":
        # A new post going live only adds to what people may see; its author should see it at once.
        action = "post.create"
    if action in _VIEWER_ACTIONS:
        feed_cache_bump(viewer_ids=[actor_id])
    elif action in _PAIR_ACTIONS:
        feed_cache_bump(viewer_ids=[actor_id, target_id if target_type == "user" else None])
    elif not action.startswith(_NO_FEED_EFFECT_PREFIXES):
        feed_cache_bump(viewer_ids=[actor_id], everyone=True)


def on_post_hidden(sender: Any, **kwargs: Any) -> None:
    # Also reached by paths that hide a post without a service of their own (e.g. a failed re-check).
    feed_cache_bump(everyone=True)


def _page_key(viewer_id: int | None, cursor: str | None, limit: int, variant: str) -> str:
    digest = hashlib.sha1(f"{cursor}:{limit}:{variant}".encode(), usedforsecurity=False).hexdigest()
    return f"feed:page:{viewer_id or 'anon'}:{digest}"


class PageCache:
    """One page's cache slot: `get()` returns the stored body if still valid; `put()` stores a new one
    with the stamps read by `get()`, so a change made while the page was being computed invalidates it."""

    def __init__(self, *, viewer_id: int | None, cursor: str | None, limit: int, variant: str = "") -> None:
        self.viewer_id = viewer_id
        self.key = _page_key(viewer_id, cursor, limit, variant)
        self.version_key = feed_cache_version_key(viewer_id) if viewer_id else None
        self.stamp: tuple[Any, Any] = (None, None)

    def get(self) -> bytes | None:
        keys = [self.key, EPOCH_KEY] + ([self.version_key] if self.version_key else [])
        got = cache.get_many(keys)
        self.stamp = (got.get(self.version_key) if self.version_key else 0, got.get(EPOCH_KEY))
        stored = got.get(self.key)
        if stored is None or (stored[0], stored[1]) != self.stamp:
            return None
        body: bytes = stored[2]
        return body

    def put(self, body: bytes, *, seconds: int) -> None:
        cache.set(self.key, (self.stamp[0], self.stamp[1], body), seconds)
