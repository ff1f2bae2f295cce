"""Request and response shapes. Responses are built by the serializers below from selector results."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Schema
from pydantic import Field

from kindling.accounts.models import User
from kindling.posts.models import Comment, Post

MAX_DB_ID = 2**63 - 1
ObjectId = Annotated[int, Path(ge=1, le=MAX_DB_ID)]


class ErrorOut(Schema):
    code: str
    message: str


class HealthOut(Schema):
    status: str


class SignupIn(Schema):
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)
    password: str = Field(max_length=256)
    birth_date: dt.date


class SignupOut(Schema):
    id: int
    username: str
    age_band: str


class TokenIn(Schema):
    username: str = Field(max_length=150)
    password: str = Field(max_length=256)
    name: str = Field(default="", max_length=100)


class TokenOut(Schema):
    token: str


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    bio: str
    is_private: bool
    age_band: str
    avatar_url: str | None = None
    bio_pending: str | None = None
    who_can_comment: str = "everyone"
    hold_comments: bool = False


class MePatch(Schema):
    display_name: str | None = Field(default=None, max_length=500)
    bio: str | None = Field(default=None, max_length=3000)
    is_private: bool | None = None
    confirm: bool = False
    who_can_comment: str | None = Field(default=None, max_length=20)
    hold_comments: bool | None = None


class HiddenWordIn(Schema):
    phrase: str = Field(max_length=1000)
    days: int | None = None


class CommentHideIn(Schema):
    hidden: bool = True


class AuthorOut(Schema):
    id: int
    username: str
    display_name: str
    avatar_url: str | None = None


class ProfileOut(Schema):
    id: int
    username: str
    display_name: str
    bio: str
    avatar_url: str | None = None
    is_private: bool
    followers: int
    following: int
    posts: int
    follow_status: str | None = None


class FollowOut(Schema):
    username: str
    status: str


class PostOut(Schema):
    id: int
    status: str
    text: str
    hashtags: list[str]
    mentions: list[str]
    author: AuthorOut
    created_at: dt.datetime
    published_at: dt.datetime | None = None
    image_url: str | None = None
    shared_from: int | None = None
    like_count: int
    comment_count: int
    share_count: int
    view_count: int
    liked_by_me: bool = False
    reach_limited: bool = False
    # Only for the author: why the post is held or was not published, and help when it was held for support.
    reasons: dict | None = None
    support: dict | None = None
    why: list[str] = []  # For You only: the two or three factors that placed the post


class PostIn(Schema):
    text: str = Field(default="", max_length=20000)
    # Resend after a "Rethink?" nudge: the post goes to a moderator instead of being refused.
    confirm: bool = False
    nudge_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID)


class PageOut(Schema):
    items: list[PostOut]
    next_cursor: str | None = None


class CommentIn(Schema):
    text: str = Field(max_length=20000)
    parent_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID)
    confirm: bool = False
    nudge_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID)


class CommentOut(Schema):
    id: int
    post_id: int
    parent_id: int | None = None
    author: AuthorOut
    text: str
    status: str
    created_at: dt.datetime
    replies: list[CommentOut] = []
    reasons: dict | None = None
    awaiting_author_approval: bool = False
    hidden_by_author: bool = False


class CommentPageOut(Schema):
    items: list[CommentOut]
    next_cursor: str | None = None


class ShareIn(Schema):
    note: str | None = Field(default=None, max_length=20000)
    confirm: bool = False
    nudge_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID)


class ResubmitIn(Schema):
    text: str = Field(max_length=20000)


class HashtagOut(Schema):
    tag: str
    display: str
    views: int
    posts: int
    participants: int


def _abs(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(url)


def author_dict(request: HttpRequest, user: User) -> dict:
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "avatar_url": _abs(request, user.avatar.url) if user.avatar else None,
    }


def _moderation_for_author(request: HttpRequest, target_type: str, target_id: int, author_id: int, status: str) -> dict:
    """The statement of reasons and help resources, shown only to the author of held or refused content."""
    from kindling.moderation.models import Decision
    from kindling.moderation.selectors import decision_latest_for, statement_of_reasons
    from kindling.moderation.services import help_resources_list

    if status in ("published", "pending") or getattr(request.user, "pk", None) != author_id:
        return {}
    decision = decision_latest_for(target_type=target_type, target_id=target_id)
    if decision is None:
        return {}
    out: dict = {"reasons": statement_of_reasons(decision)}
    if decision.action == Decision.Action.SUPPORT:
        out["support"] = {
            "message": "You're not alone. Your post is with a trained reviewer, and help is available now.",
            "resources": help_resources_list(),
        }
    return out


def post_dict(request: HttpRequest, post: Post) -> dict:
    """A post exactly as PostOut dumps it (same keys, same order), so a page can be rendered without
    validating it again (For You does; kindling/api/tests/test_schemas.py holds the two together)."""
    moderation = _moderation_for_author(request, "post", post.pk, post.author_id, post.status)
    return {
        "id": post.pk,
        "status": post.status,
        "text": post.text,
        "hashtags": [h.name for h in post.hashtags.all()],
        "mentions": [m.user.username for m in post.mentions.all()],
        "author": author_dict(request, post.author),
        "created_at": post.created_at,
        "published_at": post.published_at,
        "image_url": _abs(request, post.image.url) if post.image else None,
        "shared_from": post.shared_from_id,
        "like_count": post.like_count,
        "comment_count": post.comment_count,
        "share_count": post.share_count,
        "view_count": post.view_count,
        "liked_by_me": bool(getattr(post, "liked_by_me", False)),
        "reach_limited": post.reach_limited,
        "reasons": moderation.get("reasons"),
        "support": moderation.get("support"),
        "why": list(getattr(post, "why", [])),
    }


def comment_dict(request: HttpRequest, comment: Comment) -> dict:
    return {
        **_moderation_for_author(request, "comment", comment.pk, comment.author_id, comment.status),
        "id": comment.pk,
        "post_id": comment.post_id,
        "parent_id": comment.parent_id,
        "author": author_dict(request, comment.author),
        "text": comment.text,
        "status": comment.status,
        "created_at": comment.created_at,
        "replies": [comment_dict(request, r) for r in getattr(comment, "visible_replies", [])],
        "awaiting_author_approval": comment.awaiting_author_approval,
        "hidden_by_author": comment.hidden_by_author,
    }
