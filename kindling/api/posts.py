"""Posts API: create (JSON or multipart), read, delete, likes, comments, shares, feeds and hashtags."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from kindling.api.auth import current_user, optional_user, token_auth
from kindling.api.edge import limit_by_user, parse_body
from kindling.api.schemas import (
    CommentHideIn,
    CommentIn,
    CommentOut,
    CommentPageOut,
    ErrorOut,
    HashtagOut,
    ObjectId,
    PageOut,
    PostIn,
    PostOut,
    ResubmitIn,
    ShareIn,
    comment_dict,
    post_dict,
)
from kindling.core.errors import NotFound
from kindling.core.ratelimit import client_ip
from kindling.posts import selectors as post_selectors
from kindling.posts import services as post_services
from kindling.posts.parsing import is_valid_tag

router = Router(tags=["posts"])
ERRORS = {
    400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut,
    429: ErrorOut,
}
POST_BODY_DOC = {
    "requestBody": {
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/PostIn"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"text": {"type": "string"}, "image": {"type": "string", "format": "binary"}},
                }
            },
        },
        "required": True,
    }
}


def _visible(request: HttpRequest, post_id: int):  # type: ignore[no-untyped-def]
    return post_selectors.post_get_visible(viewer=request.user, post_id=post_id)  # type: ignore[arg-type]


@router.post("/posts", response={201: PostOut, **ERRORS}, auth=token_auth, openapi_extra=POST_BODY_DOC)
def post_create(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Create a post from JSON `{text}` or multipart with `text` and an `image` file."""
    author = current_user(request)
    limit_by_user("post", author)
    data, files = parse_body(request, PostIn)
    post = post_services.post_create(
        author=author, text=data.text, image=files.get("image"), confirm=data.confirm, nudge_id=data.nudge_id
    )
    # The author always sees their own new post, so it is serialised as created: no second read on the hot path.
    return Status(201, post_dict(request, post))


@router.get("/posts/{post_id}", response={200: PostOut, **ERRORS})
def post_get(request: HttpRequest, post_id: ObjectId):  # type: ignore[no-untyped-def]
    viewer = optional_user(request)
    post = post_selectors.post_get_visible(viewer=viewer, post_id=post_id)
    fingerprint = f"{client_ip(request)}|{request.headers.get('User-Agent', '')}"
    key = post_services.viewer_key_for(user=viewer if viewer.is_authenticated else None, fingerprint=fingerprint)  # type: ignore[arg-type]
    if post_services.post_view_record(post=post, viewer_key=key):
        post.view_count += 1
    return post_dict(request, post)


@router.delete("/posts/{post_id}", response={204: None, **ERRORS}, auth=token_auth)
def post_delete(request: HttpRequest, post_id: ObjectId):  # type: ignore[no-untyped-def]
    post_services.post_delete(actor=current_user(request), post_id=post_id)
    return Status(204, None)


@router.post("/posts/{post_id}/resubmit", response={200: PostOut, **ERRORS}, auth=token_auth)
def post_resubmit(request: HttpRequest, post_id: ObjectId, payload: ResubmitIn):  # type: ignore[no-untyped-def]
    """Restore-on-edit: fix a post that was not published and send it through the gate again."""
    author = current_user(request)
    limit_by_user("post", author)
    post = post_services.post_resubmit(actor=author, post_id=post_id, text=payload.text)
    return post_dict(request, post_selectors.post_get_visible(viewer=author, post_id=post.pk))


@router.post("/posts/{post_id}/like", response={201: PostOut, **ERRORS}, auth=token_auth)
def like(request: HttpRequest, post_id: ObjectId):  # type: ignore[no-untyped-def]
    actor = current_user(request)
    limit_by_user("interact", actor)
    post_services.like_create(actor=actor, post_id=post_id)
    return Status(201, post_dict(request, _visible(request, post_id)))


@router.delete("/posts/{post_id}/like", response={200: PostOut, **ERRORS}, auth=token_auth)
def unlike(request: HttpRequest, post_id: ObjectId):  # type: ignore[no-untyped-def]
    post_services.like_delete(actor=current_user(request), post_id=post_id)
    return post_dict(request, _visible(request, post_id))


@router.post("/posts/{post_id}/comments", response={201: CommentOut, **ERRORS}, auth=token_auth)
def comment_create(request: HttpRequest, post_id: ObjectId, payload: CommentIn):  # type: ignore[no-untyped-def]
    author = current_user(request)
    limit_by_user("comment", author)
    comment = post_services.comment_create(
        author=author, post_id=post_id, text=payload.text, parent_id=payload.parent_id, confirm=payload.confirm,
        nudge_id=payload.nudge_id,
    )
    return Status(201, comment_dict(request, comment))


@router.get("/posts/{post_id}/comments", response={200: CommentPageOut, **ERRORS})
def comment_list(request: HttpRequest, post_id: ObjectId, cursor: str | None = None):  # type: ignore[no-untyped-def]
    viewer = optional_user(request)
    post = post_selectors.post_get_visible(viewer=viewer, post_id=post_id)
    rows, next_cursor = post_selectors.comments_visible_to(viewer=viewer, post=post, cursor=cursor)
    return {"items": [comment_dict(request, c) for c in rows], "next_cursor": next_cursor}


@router.post("/comments/{comment_id}/approve", response={200: CommentOut, **ERRORS}, auth=token_auth)
def comment_approve(request: HttpRequest, comment_id: ObjectId):  # type: ignore[no-untyped-def]
    """The post's author approves a comment held for their approval."""
    comment = post_services.comment_approve(actor=current_user(request), comment_id=comment_id)
    return comment_dict(request, comment)


@router.post("/comments/{comment_id}/hide", response={200: CommentOut, **ERRORS}, auth=token_auth)
def comment_hide(request: HttpRequest, comment_id: ObjectId, payload: CommentHideIn | None = None):  # type: ignore[no-untyped-def]
    """The post's author hides (`{"hidden": false}` un-hides) a reply on their post."""
    hidden = payload.hidden if payload else True
    comment = post_services.comment_hide(actor=current_user(request), comment_id=comment_id, hidden=hidden)
    return comment_dict(request, comment)


@router.delete("/comments/{comment_id}", response={204: None, **ERRORS}, auth=token_auth)
def comment_delete(request: HttpRequest, comment_id: ObjectId):  # type: ignore[no-untyped-def]
    post_services.comment_delete(actor=current_user(request), comment_id=comment_id)
    return Status(204, None)


@router.post("/posts/{post_id}/shares", response={201: PostOut, **ERRORS}, auth=token_auth)
def share_create(request: HttpRequest, post_id: ObjectId, payload: ShareIn | None = None):  # type: ignore[no-untyped-def]
    actor = current_user(request)
    limit_by_user("post", actor)
    share = post_services.share_create(
        actor=actor, post_id=post_id, note=payload.note if payload else None,
        confirm=payload.confirm if payload else False, nudge_id=payload.nudge_id if payload else None,
    )
    return Status(201, post_dict(request, post_selectors.post_get_visible(viewer=actor, post_id=share.pk)))


def _hashtag(tag: str):  # type: ignore[no-untyped-def]
    tag = tag.lstrip("#")
    if not is_valid_tag(tag):
        raise NotFound("hashtag_not_found", "Nobody has used that hashtag yet.")
    return post_selectors.hashtag_get(tag=tag)


@router.get("/hashtags/{tag}", response={200: HashtagOut, **ERRORS}, tags=["hashtags"])
def hashtag_get(request: HttpRequest, tag: str):  # type: ignore[no-untyped-def]
    optional_user(request)
    hashtag = _hashtag(tag)
    return {"tag": hashtag.name, "display": hashtag.display, **post_selectors.hashtag_reach(hashtag=hashtag)}


@router.get("/hashtags/{tag}/posts", response={200: PageOut, **ERRORS}, tags=["hashtags"])
def hashtag_posts(request: HttpRequest, tag: str, cursor: str | None = None):  # type: ignore[no-untyped-def]
    viewer = optional_user(request)
    rows, next_cursor = post_selectors.hashtag_posts(viewer=viewer, hashtag=_hashtag(tag), cursor=cursor)
    return {"items": [post_dict(request, p) for p in rows], "next_cursor": next_cursor}
