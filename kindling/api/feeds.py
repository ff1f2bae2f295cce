"""Feeds API: Following (reverse chronological), For You (ranked, with `why` per item) and feedback."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from kindling.api.auth import current_user, optional_user, token_auth
from kindling.api.schemas import MAX_DB_ID, ErrorOut, PageOut, post_dict
from kindling.feeds.selectors import feed_following_for, feed_for_you
from kindling.feeds.services import feedback_record

router = Router(tags=["feeds"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class FeedbackIn(Schema):
    post_id: int = Field(ge=1, le=MAX_DB_ID)
    signal: str = Field(max_length=32, description='"show_less": lower this post\'s author and hashtags for me')


@router.get("/feeds/following", response={200: PageOut, **ERRORS}, auth=token_auth)
def feed_following(request: HttpRequest, cursor: str | None = None):  # type: ignore[no-untyped-def]
    rows, next_cursor = feed_following_for(viewer=current_user(request), cursor=cursor)
    return {"items": [post_dict(request, p) for p in rows], "next_cursor": next_cursor}


@router.get("/feeds/for-you", response={200: PageOut, **ERRORS})
def feed_for_you_view(request: HttpRequest, cursor: str | None = None):  # type: ignore[no-untyped-def]
    """Ranked for the caller (or for anyone, signed out); each item's `why` names what placed it."""
    rows, next_cursor = feed_for_you(viewer=optional_user(request), cursor=cursor)
    return {"items": [post_dict(request, p) for p in rows], "next_cursor": next_cursor}


@router.post("/feeds/feedback", response={204: None, **ERRORS}, auth=token_auth)
def feed_feedback(request: HttpRequest, payload: FeedbackIn):  # type: ignore[no-untyped-def]
    """"Show less like this": lowers the post's author and hashtags in the caller's For You."""
    feedback_record(viewer=current_user(request), post_id=payload.post_id, signal=payload.signal)
    return Status(204, None)
