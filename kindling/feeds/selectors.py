"""Feeds. For now For You is recent published posts; ranking arrives with its own issue behind this function."""

from __future__ import annotations

from kindling.accounts.models import User
from kindling.core.pagination import DEFAULT_PAGE_SIZE
from kindling.posts.selectors import Viewer, feed_following, feed_recent


def feed_following_for(*, viewer: User, cursor: str | None, limit: int = DEFAULT_PAGE_SIZE):
    return feed_following(viewer=viewer, cursor=cursor, limit=limit)


def feed_for_you(*, viewer: Viewer, cursor: str | None, limit: int = DEFAULT_PAGE_SIZE):
    return feed_recent(viewer=viewer, cursor=cursor, limit=limit)
