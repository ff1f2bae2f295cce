"""Feeds API: Following (reverse chronological), For You (ranked, with `why` per item) and feedback."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from ninja.renderers import JSONRenderer
from pydantic import Field

from kindling.accounts.services import token_user_id_cached
from kindling.api.auth import bearer_token, current_user, optional_user, token_auth
from kindling.api.schemas import MAX_DB_ID, ErrorOut, PageOut, post_dict
from kindling.core.pagination import DEFAULT_PAGE_SIZE
from kindling.feeds.cache import PageCache, feed_cache_enabled
from kindling.feeds.selectors import feed_following_for, feed_for_you
from kindling.feeds.services import feedback_record
from kindling.feeds.weights import weights_load

router = Router(tags=["feeds"])
# The API's own renderer (NinjaAPI's default), so a cached body is byte-for-byte what ninja would send.
_renderer = JSONRenderer()
_CONTENT_TYPE = f"{_renderer.media_type}; charset={_renderer.charset}"
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
    seconds = weights_load().candidates.cache_seconds
    caching = feed_cache_enabled() and seconds > 0
    token = bearer_token(request)
    slot = None
    if caching:
        # Fast path: the whole response, per viewer (signed-out visitors share one), served only while no change
        # that could alter it has happened since (kindling.feeds.cache). A token that authenticated recently is
        # known by its account id alone, so a hit costs no database query.
        known_id = token_user_id_cached(token=token) if token is not None else None
        if token is None or known_id is not None:
            slot = _page_slot(request, known_id, cursor)
            body = slot.get()
            if body is not None:
                return _page_response(body, cache_state="hit")
    viewer = optional_user(request)
    viewer_id = viewer.pk if viewer.is_authenticated else None
    if caching and (slot is None or slot.viewer_id != viewer_id):
        slot = _page_slot(request, viewer_id, cursor)
        body = slot.get()
        if body is not None:
            return _page_response(body, cache_state="hit")
    rows, next_cursor = feed_for_you(viewer=viewer, cursor=cursor)
    # post_dict is already PageOut's shape (a test holds them together): rendered without re-validating.
    page = {"items": [post_dict(request, p) for p in rows], "next_cursor": next_cursor}
    body = _renderer.render(request, page, response_status=200)
    if slot is None:
        return _page_response(body, cache_state=None)
    slot.put(body, seconds=seconds)
    return _page_response(body, cache_state="miss")


def _page_slot(request: HttpRequest, viewer_id: int | None, cursor: str | None) -> PageCache:
    return PageCache(
        viewer_id=viewer_id, cursor=cursor, limit=DEFAULT_PAGE_SIZE,
        variant=request.get_host(),  # absolute image URLs are built from the host
    )


def _page_response(body: bytes, *, cache_state: str | None) -> HttpResponse:
    response = HttpResponse(body, content_type=_CONTENT_TYPE)
    if cache_state is not None:
        response["X-Kindling-Cache"] = cache_state  # for operators and the benchmark's hit rate
    return response


@router.post("/feeds/feedback", response={204: None, **ERRORS}, auth=token_auth)
def feed_feedback(request: HttpRequest, payload: FeedbackIn):  # type: ignore[no-untyped-def]
    """"Show less like this": lowers the post's author and hashtags in the caller's For You."""
    feedback_record(viewer=current_user(request), post_id=payload.post_id, signal=payload.signal)
    return Status(204, None)
