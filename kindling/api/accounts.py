"""Accounts API: sign-up, tokens, me, profiles, follows, blocks."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import File, Router, Status, UploadedFile

from kindling.accounts import selectors as account_selectors
from kindling.accounts import services as account_services
from kindling.accounts.services import USERNAME_RE
from kindling.api.auth import current_user, optional_user, token_auth
from kindling.api.edge import limit_by_ip, limit_by_user
from kindling.api.schemas import (
    ErrorOut,
    FollowOut,
    HiddenWordIn,
    MeOut,
    MePatch,
    ObjectId,
    PageOut,
    ProfileOut,
    SignupIn,
    SignupOut,
    TokenIn,
    TokenOut,
    post_dict,
)
from kindling.core.errors import NotFound
from kindling.moderation.services import bio_submit
from kindling.posts.selectors import posts_by_author, user_post_count

router = Router(tags=["accounts"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _username_or_404(username: str) -> str:
    # Malformed names (NUL bytes, slashes, 10k characters) never reach the database.
    if not USERNAME_RE.match(username):
        raise NotFound("user_not_found", "No such user.")
    return username


def _me(request: HttpRequest, user) -> dict:  # type: ignore[no-untyped-def]
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "bio": user.bio,
        "is_private": user.is_private,
        "age_band": user.age_band,
        "avatar_url": request.build_absolute_uri(user.avatar.url) if user.avatar else None,
        "bio_pending": user.bio_pending or None,
        "who_can_comment": user.who_can_comment,
        "hold_comments": user.hold_comments,
    }


@router.post("/auth/signup", response={201: SignupOut, **ERRORS}, summary="Create an account (13+)")
def signup(request: HttpRequest, payload: SignupIn):  # type: ignore[no-untyped-def]
    limit_by_ip("signup", request)
    user = account_services.user_signup(
        username=payload.username, email=payload.email, password=payload.password, birth_date=payload.birth_date
    )
    return Status(201, {"id": user.pk, "username": user.username, "age_band": user.age_band})


@router.post("/auth/tokens", response={201: TokenOut, **ERRORS}, summary="Exchange credentials for an API token")
def token_create(request: HttpRequest, payload: TokenIn):  # type: ignore[no-untyped-def]
    limit_by_ip("token", request)
    user = account_services.user_check_credentials(username=payload.username, password=payload.password)
    return Status(201, {"token": account_services.token_create(user=user, name=payload.name)})


@router.get("/me", response={200: MeOut, **ERRORS}, auth=token_auth)
def me_get(request: HttpRequest):  # type: ignore[no-untyped-def]
    return _me(request, current_user(request))


@router.patch("/me", response={200: MeOut, **ERRORS}, auth=token_auth)
def me_patch(request: HttpRequest, payload: MePatch):  # type: ignore[no-untyped-def]
    user = current_user(request)
    if payload.bio is not None and payload.bio.strip() != user.bio:
        # Bios pass the moderation gate; the old one stays public until the new one is allowed.
        bio_submit(user=user, bio=payload.bio, confirm=payload.confirm)
    user = account_services.profile_update(
        user=user, display_name=payload.display_name, is_private=payload.is_private
    )
    user = account_services.comment_controls_update(
        user=user, who_can_comment=payload.who_can_comment, hold_comments=payload.hold_comments
    )
    return _me(request, user)


@router.get("/me/hidden-words", response={200: dict, **ERRORS}, auth=token_auth, tags=["safety"])
def hidden_words(request: HttpRequest):  # type: ignore[no-untyped-def]
    rows = account_selectors.hidden_words_for(user=current_user(request))
    return {"items": [{"id": w.pk, "phrase": w.phrase, "expires_at": w.expires_at} for w in rows]}


@router.post("/me/hidden-words", response={201: dict, **ERRORS}, auth=token_auth, tags=["safety"])
def hidden_word_add(request: HttpRequest, payload: HiddenWordIn):  # type: ignore[no-untyped-def]
    word = account_services.hidden_word_add(user=current_user(request), phrase=payload.phrase, days=payload.days)
    return Status(201, {"id": word.pk, "phrase": word.phrase, "expires_at": word.expires_at})


@router.delete("/me/hidden-words/{word_id}", response={204: None, **ERRORS}, auth=token_auth, tags=["safety"])
def hidden_word_delete(request: HttpRequest, word_id: ObjectId):  # type: ignore[no-untyped-def]
    account_services.hidden_word_delete(user=current_user(request), word_id=word_id)
    return Status(204, None)


@router.post("/users/{username}/mute", response={201: FollowOut, **ERRORS}, auth=token_auth, tags=["safety"])
def mute(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    actor = current_user(request)
    limit_by_user("interact", actor)
    row = account_services.mute_create(actor=actor, username=_username_or_404(username))
    return Status(201, {"username": row.muted.username, "status": "muted"})


@router.delete("/users/{username}/mute", response={204: None, **ERRORS}, auth=token_auth, tags=["safety"])
def unmute(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    account_services.mute_delete(actor=current_user(request), username=_username_or_404(username))
    return Status(204, None)


@router.post("/me/avatar", response={200: MeOut, **ERRORS}, auth=token_auth)
def me_avatar(request: HttpRequest, image: UploadedFile = File(...)):  # type: ignore[no-untyped-def]  # noqa: B008
    user = account_services.avatar_set(user=current_user(request), upload=image)
    return _me(request, user)


@router.get("/me/follow-requests", response={200: list[FollowOut], **ERRORS}, auth=token_auth)
def follow_requests(request: HttpRequest):  # type: ignore[no-untyped-def]
    pending = account_selectors.follow_requests_pending(user=current_user(request))
    return [{"username": f.follower.username, "status": f.status} for f in pending]


@router.post("/me/follow-requests/{username}/approve", response={204: None, **ERRORS}, auth=token_auth)
def follow_request_approve(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    account_services.follow_request_decide(
        actor=current_user(request), username=_username_or_404(username), approve=True
    )
    return Status(204, None)


@router.post("/me/follow-requests/{username}/decline", response={204: None, **ERRORS}, auth=token_auth)
def follow_request_decline(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    account_services.follow_request_decide(
        actor=current_user(request), username=_username_or_404(username), approve=False
    )
    return Status(204, None)


@router.get("/users/{username}", response={200: ProfileOut, **ERRORS})
def user_get(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    viewer = optional_user(request)
    user = account_selectors.user_get_visible(viewer=viewer, username=_username_or_404(username))
    stats = account_selectors.user_stats(user=user)
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "bio": user.bio,
        "avatar_url": request.build_absolute_uri(user.avatar.url) if user.avatar else None,
        "is_private": user.is_private,
        "followers": stats["followers"],
        "following": stats["following"],
        "posts": user_post_count(user=user),
        "follow_status": account_selectors.follow_status(viewer=viewer, target=user),
    }


@router.get("/users/{username}/posts", response={200: PageOut, **ERRORS})
def user_posts(request: HttpRequest, username: str, cursor: str | None = None):  # type: ignore[no-untyped-def]
    viewer = optional_user(request)
    user = account_selectors.user_get_visible(viewer=viewer, username=_username_or_404(username))
    rows, next_cursor = posts_by_author(viewer=viewer, author=user, cursor=cursor)
    return {"items": [post_dict(request, p) for p in rows], "next_cursor": next_cursor}


@router.post("/users/{username}/follow", response={201: FollowOut, **ERRORS}, auth=token_auth)
def follow(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    actor = current_user(request)
    limit_by_user("interact", actor)
    row = account_services.follow_create(actor=actor, username=_username_or_404(username))
    return Status(201, {"username": row.followee.username, "status": row.status})


@router.delete("/users/{username}/follow", response={204: None, **ERRORS}, auth=token_auth)
def unfollow(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    account_services.follow_delete(actor=current_user(request), username=_username_or_404(username))
    return Status(204, None)


@router.post("/users/{username}/block", response={201: FollowOut, **ERRORS}, auth=token_auth)
def block(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    actor = current_user(request)
    limit_by_user("interact", actor)
    row = account_services.block_create(actor=actor, username=_username_or_404(username))
    return Status(201, {"username": row.blocked.username, "status": "blocked"})


@router.delete("/users/{username}/block", response={204: None, **ERRORS}, auth=token_auth)
def unblock(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    account_services.block_delete(actor=current_user(request), username=_username_or_404(username))
    return Status(204, None)
