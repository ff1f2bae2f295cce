"""Feeds API: Following (reverse chronological) and For You."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from kindling.api.auth import current_user, optional_user, token_auth
from kindling.api.schemas import ErrorOut, PageOut, post_dict
from kindling.feeds.selectors import feed_following_for, feed_for_you

router = Router(tags=["feeds"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut}


@router.get("/feeds/following", response={200: PageOut, **ERRORS}, auth=token_auth)
def feed_following(request: HttpRequest, cursor: str | None = None):  # type: ignore[no-untyped-def]
    rows, next_cursor = feed_following_for(viewer=current_user(request), cursor=cursor)
    return {"items": [post_dict(request, p) for p in rows], "next_cursor": next_cursor}


@router.get("/feeds/for-you", response={200: PageOut, **ERRORS})
def feed_for_you_view(request: HttpRequest, cursor: str | None = None):  # type: ignore[no-untyped-def]
    rows, next_cursor = feed_for_you(viewer=optional_user(request), cursor=cursor)
    return {"items": [post_dict(request, p) for p in rows], "next_cursor": next_cursor}


