"""Challenges, Discover, hashtag reach, verified organisations and compliments. Thin over the challenges
app's services and selectors; every post returned went through the visibility rule."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from kindling.accounts.models import User
from kindling.api.auth import current_user, optional_user, token_auth
from kindling.api.schemas import ErrorOut, ObjectId, PageOut, PostOut, author_dict, post_dict
from kindling.challenges import selectors, services
from kindling.challenges.models import INCLUSIVITY_CHECKLIST, Challenge, Compliment
from kindling.challenges.policies import can_curate
from kindling.core.errors import ApplicationError, NotFound
from kindling.posts.parsing import is_valid_tag
from kindling.posts.selectors import hashtag_get, hashtag_reach

router = Router(tags=["challenges"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut,
          429: ErrorOut, 503: ErrorOut}
CHECKLIST_DOC = "; ".join(f"`{k}`: {v}" for k, v in INCLUSIVITY_CHECKLIST.items())


class ChallengeIn(Schema):
    hashtag: str = Field(max_length=100)
    title: str = Field(max_length=1000)
    description: str = Field(max_length=20000)
    rules: str = Field(default="", max_length=20000)
    starts_at: dt.datetime
    ends_at: dt.datetime
    prize_pool: str | None = Field(default=None, max_length=1000)
    checklist: dict[str, bool] | None = Field(
        default=None, description=f"The inclusivity checklist, every item true. Omitted = confirmed. {CHECKLIST_DOC}"
    )


class ChallengePatch(Schema):
    title: str | None = Field(default=None, max_length=1000)
    description: str | None = Field(default=None, max_length=20000)
    rules: str | None = Field(default=None, max_length=20000)
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    prize_pool: str | None = Field(default=None, max_length=1000)
    checklist: dict[str, bool] | None = None


class ChallengeCreatedOut(Schema):
    slug: str
    status: str


class ChallengeOut(Schema):
    slug: str
    title: str
    hashtag: str
    description: str
    rules: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    phase: str
    prize_pool: str
    cover_url: str | None = None
    is_featured: bool
    proposer: dict
    verified_organisation: str | None = None
    checklist: dict[str, bool] = {}
    review_notes: str | None = None


class ChallengeListOut(Schema):
    items: list[ChallengeOut]


class ChallengeDetailOut(ChallengeOut):
    stats: dict
    chart: list[dict]
    featured: list[PostOut]


class ReviewIn(Schema):
    action: str = Field(max_length=40)
    reasons: str = Field(default="", max_length=5000)


class PostIdIn(Schema):
    post_id: int = Field(ge=1, le=2**63 - 1)


class CollectionIn(Schema):
    title: str = Field(max_length=1000)
    description: str = Field(default="", max_length=5000)
    post_ids: list[int] = Field(max_length=100)


class CollectionOut(Schema):
    slug: str
    title: str
    description: str
    posts: list[PostOut]


class TrendingIn(Schema):
    mode: str = Field(max_length=10)


class DiscoverOut(Schema):
    challenges: list[ChallengeOut]
    collections: list[CollectionOut]
    trending_hashtags: list[dict]


class HashtagReachOut(Schema):
    tag: str
    display: str
    posts: int
    views: int
    participants: int
    views_per_day: list[dict]
    top_posts: list[PostOut]
    related_challenges: list[ChallengeOut]


class OrganisationIn(Schema):
    name: str = Field(max_length=1000)


class ComplimentIn(Schema):
    to: str = Field(max_length=150)
    text: str = Field(max_length=5000)
    post_id: int | None = Field(default=None, ge=1, le=2**63 - 1)


class ComplimentCreatedOut(Schema):
    id: int
    status: str


class ComplimentOut(Schema):
    id: int
    sender: dict
    text: str
    status: str
    show_on_profile: bool
    created_at: dt.datetime
    post_id: int | None = None


class ComplimentListOut(Schema):
    items: list[ComplimentOut]


class AcceptIn(Schema):
    show_on_profile: bool | None = None


class ReportIn(Schema):
    reason: str = Field(default="bullying", max_length=40)
    details: str = Field(default="", max_length=2000)


class ComplimentSettingsIn(Schema):
    who_can_compliment: Literal["everyone", "following", "no_one"] | None = None
    show_on_profile: bool | None = None


class ComplimentSettingsOut(Schema):
    who_can_compliment: str
    show_on_profile: bool
    sent: int
    received: int
    accepted: int


# ---------------------------------------------------------------------------------------- helpers


def challenge_dict(request: HttpRequest, challenge: Challenge, *, orgs: dict[int, str] | None = None) -> dict[str, Any]:
    viewer = request.user
    private = viewer.is_authenticated and (viewer.pk == challenge.proposer_id or can_curate(viewer))  # type: ignore[arg-type]
    org = (orgs or {}).get(challenge.proposer_id) if orgs is not None else selectors.organisation_badge(user=challenge.proposer)
    return {
        "slug": challenge.slug,
        "title": challenge.title,
        "hashtag": challenge.hashtag.name,
        "description": challenge.description,
        "rules": challenge.rules,
        "starts_at": challenge.starts_at,
        "ends_at": challenge.ends_at,
        "status": challenge.status,
        "phase": selectors.challenge_phase(challenge),
        "prize_pool": challenge.prize_pool,
        "cover_url": request.build_absolute_uri(challenge.cover.url) if challenge.cover else None,
        "is_featured": challenge.is_featured,
        "proposer": author_dict(request, challenge.proposer),
        "verified_organisation": org,
        "checklist": challenge.checklist,
        # Reviewer notes are for the proposer and editors only.
        "review_notes": challenge.review_notes if private else None,
    }


def _challenges(request: HttpRequest, rows: list[Challenge]) -> list[dict[str, Any]]:
    orgs = selectors.verified_org_names([c.proposer_id for c in rows])
    return [challenge_dict(request, c, orgs=orgs) for c in rows]


def _challenge(request: HttpRequest, slug: str) -> Challenge:
    return selectors.challenge_get_visible(viewer=optional_user(request), slug=slug)


def _user(username: str) -> User:
    user = User.objects.filter(username__iexact=username, is_active=True).first()
    if user is None:
        raise NotFound("user_not_found", "No such account.")
    return user


def compliment_dict(request: HttpRequest, compliment: Compliment) -> dict[str, Any]:
    return {
        "id": compliment.pk,
        "sender": author_dict(request, compliment.sender),
        "text": compliment.text,
        "status": compliment.status,
        "show_on_profile": compliment.show_on_profile,
        "created_at": compliment.created_at,
        "post_id": compliment.post_id,
    }


# ------------------------------------------------------------------------------------- challenges


@router.get("/challenges", response={200: ChallengeListOut, **ERRORS})
def challenge_list(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Public (approved) challenges: running, then upcoming, then ended."""
    optional_user(request)
    return {"items": _challenges(request, selectors.challenges_public_list())}


@router.post("/challenges", response={201: ChallengeCreatedOut, **ERRORS}, auth=token_auth)
def challenge_propose(request: HttpRequest, payload: ChallengeIn):  # type: ignore[no-untyped-def]
    """Editors, admins and verified organisations propose a challenge; it waits for an editor's review."""
    challenge = services.challenge_propose(
        actor=current_user(request), hashtag=payload.hashtag, title=payload.title, description=payload.description,
        rules=payload.rules, starts_at=payload.starts_at, ends_at=payload.ends_at, prize_pool=payload.prize_pool or "",
        checklist=payload.checklist,
    )
    return Status(201, {"slug": challenge.slug, "status": challenge.status})


@router.get("/challenges/review-queue", response={200: ChallengeListOut, **ERRORS}, auth=token_auth)
def challenge_review_queue(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Proposals waiting for an editor (editors only)."""
    actor = current_user(request)
    if not can_curate(actor):
        raise ApplicationError("not_editor", "Only editors can see the review queue.", status=403)
    return {"items": _challenges(request, list(selectors.challenges_for_review(viewer=actor)))}


@router.get("/challenges/{slug}", response={200: ChallengeDetailOut, **ERRORS})
def challenge_get(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    challenge = _challenge(request, slug)
    viewer = request.user
    return {
        **challenge_dict(request, challenge),
        "stats": selectors.challenge_stats(challenge=challenge),
        "chart": selectors.challenge_chart(challenge=challenge),
        "featured": [post_dict(request, p) for p in selectors.challenge_featured(viewer=viewer, challenge=challenge)],  # type: ignore[arg-type]
    }


@router.patch("/challenges/{slug}", response={200: ChallengeCreatedOut, **ERRORS}, auth=token_auth)
def challenge_update(request: HttpRequest, slug: str, payload: ChallengePatch):  # type: ignore[no-untyped-def]
    """The proposer revises a proposal after "request changes"; it goes back for review."""
    challenge = selectors.challenge_get_visible(viewer=current_user(request), slug=slug)
    challenge = services.challenge_update(actor=current_user(request), challenge=challenge, **payload.model_dump(exclude_unset=True))
    return {"slug": challenge.slug, "status": challenge.status}


@router.post("/challenges/{slug}/cover", response={200: ChallengeOut, **ERRORS}, auth=token_auth,
             openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": {
                 "type": "object", "properties": {"image": {"type": "string", "format": "binary"}}}}},
                 "required": True}})
def challenge_cover(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    """Multipart `image`: the proposer or an editor sets the cover (re-encoded, metadata stripped)."""
    actor = current_user(request)
    challenge = selectors.challenge_get_visible(viewer=actor, slug=slug)
    upload = request.FILES.get("image")
    if upload is None:
        raise ApplicationError("invalid", "Send the cover as a multipart file named `image`.", status=422)
    challenge = services.challenge_set_cover(actor=actor, challenge=challenge, upload=upload)
    return challenge_dict(request, challenge)


@router.post("/challenges/{slug}/review", response={200: ChallengeCreatedOut, **ERRORS}, auth=token_auth)
def challenge_review(request: HttpRequest, slug: str, payload: ReviewIn):  # type: ignore[no-untyped-def]
    """Editors: `approve`, `request_changes` (reasons required) or `decline` (reasons required)."""
    actor = current_user(request)
    if not can_curate(actor):
        raise ApplicationError("not_editor", "Only editors can review challenges.", status=403)
    challenge = selectors.challenge_get_visible(viewer=actor, slug=slug)
    challenge = services.challenge_review(actor=actor, challenge=challenge, action=payload.action, reasons=payload.reasons)
    return {"slug": challenge.slug, "status": challenge.status}


@router.get("/challenges/{slug}/entries", response={200: PageOut, **ERRORS})
def challenge_entries(request: HttpRequest, slug: str, sort: Literal["best", "new"] = "new", cursor: str | None = None):  # type: ignore[no-untyped-def]
    challenge = _challenge(request, slug)
    rows, next_cursor = selectors.challenge_entries(viewer=request.user, challenge=challenge, sort=sort, cursor=cursor)  # type: ignore[arg-type]
    return {"items": [post_dict(request, p) for p in rows], "next_cursor": next_cursor}


@router.post("/challenges/{slug}/entries", response={201: ChallengeCreatedOut, **ERRORS}, auth=token_auth)
def challenge_enter(request: HttpRequest, slug: str, payload: PostIdIn):  # type: ignore[no-untyped-def]
    """Enter one of your published posts in a running challenge (the composer's challenge picker)."""
    actor = current_user(request)
    challenge = selectors.challenge_get_visible(viewer=actor, slug=slug)
    services.challenge_entry_add(actor=actor, challenge=challenge, post_id=payload.post_id)
    return Status(201, {"slug": challenge.slug, "status": "entered"})


@router.post("/challenges/{slug}/featured", response={201: ChallengeCreatedOut, **ERRORS}, auth=token_auth)
def challenge_feature_entry(request: HttpRequest, slug: str, payload: PostIdIn):  # type: ignore[no-untyped-def]
    """Editors feature an entry at the top of the challenge page."""
    actor = current_user(request)
    if not can_curate(actor):
        raise ApplicationError("not_editor", "Only editors can feature entries.", status=403)
    challenge = selectors.challenge_get_visible(viewer=actor, slug=slug)
    services.challenge_feature_entry(actor=actor, challenge=challenge, post_id=payload.post_id)
    return Status(201, {"slug": challenge.slug, "status": "featured"})


@router.post("/challenges/{slug}/feature", response={200: ChallengeCreatedOut, **ERRORS}, auth=token_auth)
def challenge_feature(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    """Editors put an approved challenge at the top of Discover."""
    actor = current_user(request)
    challenge = selectors.challenge_get_visible(viewer=actor, slug=slug)
    challenge = services.challenge_set_featured(actor=actor, challenge=challenge)
    return {"slug": challenge.slug, "status": challenge.status}


# -------------------------------------------------------------------------------------- discover


def _collection(request: HttpRequest, item: dict[str, Any]) -> dict[str, Any]:
    c = item["collection"]
    return {"slug": c.slug, "title": c.title, "description": c.description,
            "posts": [post_dict(request, p) for p in item["posts"]]}


@router.get("/discover", response={200: DiscoverOut, **ERRORS}, tags=["discover"])
def discover(request: HttpRequest):  # type: ignore[no-untyped-def]
    viewer = optional_user(request)
    data = selectors.discover(viewer=viewer)
    return {
        "challenges": _challenges(request, data["challenges"]),
        "collections": [_collection(request, item) for item in data["collections"]],
        "trending_hashtags": data["trending_hashtags"],
    }


@router.post("/collections", response={201: CollectionOut, **ERRORS}, auth=token_auth, tags=["discover"])
def collection_create(request: HttpRequest, payload: CollectionIn):  # type: ignore[no-untyped-def]
    actor = current_user(request)
    collection = services.collection_create(
        actor=actor, title=payload.title, description=payload.description, post_ids=payload.post_ids
    )
    return Status(201, _collection(request, selectors.collection_with_posts(viewer=actor, collection=collection)))


@router.get("/collections/{slug}", response={200: CollectionOut, **ERRORS}, tags=["discover"])
def collection_get(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    viewer = optional_user(request)
    collection = selectors.collection_get(slug=slug)
    return _collection(request, selectors.collection_with_posts(viewer=viewer, collection=collection))


@router.post("/discover/trending/{tag}", response={200: dict, **ERRORS}, auth=token_auth, tags=["discover"])
def trending_override(request: HttpRequest, tag: str, payload: TrendingIn):  # type: ignore[no-untyped-def]
    """Editors `pin` a hashtag to trending, `hide` it from trending, or `clear` their choice."""
    services.trending_override_set(actor=current_user(request), tag=tag, mode=payload.mode)
    return {"tag": tag.lstrip("#").casefold(), "mode": payload.mode}


@router.get("/hashtags/{tag}/reach", response={200: HashtagReachOut, **ERRORS}, tags=["hashtags"])
def hashtag_reach_detail(request: HttpRequest, tag: str):  # type: ignore[no-untyped-def]
    """Views per day (last 30 days), top posts and related challenges of a hashtag."""
    from kindling.challenges.views_buffer import hashtag_views_flush

    viewer = optional_user(request)
    if not is_valid_tag(tag.lstrip("#")):
        raise NotFound("hashtag_not_found", "Nobody has used that hashtag yet.")
    hashtag = hashtag_get(tag=tag)
    hashtag_views_flush()  # the chart includes views still in this process's buffer
    return {
        "tag": hashtag.name,
        "display": hashtag.display,
        **hashtag_reach(hashtag=hashtag),
        "views_per_day": selectors.hashtag_views_chart(hashtag=hashtag),
        "top_posts": [post_dict(request, p) for p in selectors.hashtag_top_posts(viewer=viewer, hashtag=hashtag)],
        "related_challenges": _challenges(request, selectors.challenges_for_hashtag(hashtag=hashtag)),
    }


# --------------------------------------------------------------------------------- organisations


@router.post("/organisations/{username}/verify", response={201: dict, **ERRORS}, auth=token_auth, tags=["challenges"])
def organisation_verify(request: HttpRequest, username: str, payload: OrganisationIn):  # type: ignore[no-untyped-def]
    """Admins grant the verified-organisation badge (audited)."""
    org = services.organisation_verify(actor=current_user(request), user=_user(username), name=payload.name)
    return Status(201, {"username": org.user.username, "name": org.name, "verified": True})


@router.delete("/organisations/{username}/verify", response={204: None, **ERRORS}, auth=token_auth, tags=["challenges"])
def organisation_unverify(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    services.organisation_unverify(actor=current_user(request), user=_user(username))
    return Status(204, None)


# ----------------------------------------------------------------------------------- compliments


@router.post("/compliments", response={201: ComplimentCreatedOut, **ERRORS}, auth=token_auth, tags=["compliments"])
def compliment_send(request: HttpRequest, payload: ComplimentIn):  # type: ignore[no-untyped-def]
    """Send a short compliment. 422 `not_kind` when it doesn't read as clearly kind; 503
    `engine_unavailable` (nothing sent) when the engine can't check it."""
    compliment = services.compliment_send(
        sender=current_user(request), to_username=payload.to, text=payload.text, post_id=payload.post_id
    )
    return Status(201, {"id": compliment.pk, "status": compliment.status})


@router.get("/compliments/inbox", response={200: ComplimentListOut, **ERRORS}, auth=token_auth, tags=["compliments"])
def compliment_inbox(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The kindness inbox: compliments from people you don't follow, waiting for your answer."""
    rows = selectors.compliments_inbox(user=current_user(request))
    return {"items": [compliment_dict(request, c) for c in rows]}


@router.get("/compliments/received", response={200: ComplimentListOut, **ERRORS}, auth=token_auth, tags=["compliments"])
def compliment_received(request: HttpRequest):  # type: ignore[no-untyped-def]
    rows = selectors.compliments_received(user=current_user(request))
    return {"items": [compliment_dict(request, c) for c in rows]}


@router.post("/compliments/{compliment_id}/accept", response={200: ComplimentOut, **ERRORS}, auth=token_auth, tags=["compliments"])
def compliment_accept(request: HttpRequest, compliment_id: ObjectId, payload: AcceptIn | None = None):  # type: ignore[no-untyped-def]
    compliment = services.compliment_accept(
        actor=current_user(request), compliment_id=compliment_id, show_on_profile=payload.show_on_profile if payload else None
    )
    return compliment_dict(request, compliment)


@router.post("/compliments/{compliment_id}/decline", response={200: ComplimentOut, **ERRORS}, auth=token_auth, tags=["compliments"])
def compliment_decline(request: HttpRequest, compliment_id: ObjectId):  # type: ignore[no-untyped-def]
    compliment = services.compliment_decline(actor=current_user(request), compliment_id=compliment_id)
    return compliment_dict(request, compliment)


@router.post("/compliments/{compliment_id}/block", response={200: ComplimentOut, **ERRORS}, auth=token_auth, tags=["compliments"])
def compliment_block(request: HttpRequest, compliment_id: ObjectId):  # type: ignore[no-untyped-def]
    """One step: decline and block the sender."""
    compliment = services.compliment_block_sender(actor=current_user(request), compliment_id=compliment_id)
    return compliment_dict(request, compliment)


@router.post("/compliments/{compliment_id}/report", response={200: ComplimentOut, **ERRORS}, auth=token_auth, tags=["compliments"])
def compliment_report(request: HttpRequest, compliment_id: ObjectId, payload: ReportIn | None = None):  # type: ignore[no-untyped-def]
    """One step: decline and report the sender to the moderators."""
    compliment = services.compliment_report_sender(
        actor=current_user(request), compliment_id=compliment_id,
        reason=payload.reason if payload else "bullying", details=payload.details if payload else "",
    )
    return compliment_dict(request, compliment)


def _settings_dict(user: User) -> dict[str, Any]:
    profile = services.compliment_profile_for(user)
    return {
        "who_can_compliment": services.effective_who_can_compliment(user, profile),
        "show_on_profile": profile.show_on_profile,
        **selectors.compliment_counts(user=user),
    }


@router.get("/compliments/settings", response={200: ComplimentSettingsOut, **ERRORS}, auth=token_auth, tags=["compliments"])
def compliment_settings(request: HttpRequest):  # type: ignore[no-untyped-def]
    return _settings_dict(current_user(request))


@router.patch("/compliments/settings", response={200: ComplimentSettingsOut, **ERRORS}, auth=token_auth, tags=["compliments"])
def compliment_settings_update(request: HttpRequest, payload: ComplimentSettingsIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    services.compliment_settings_update(
        user=user, who_can_compliment=payload.who_can_compliment, show_on_profile=payload.show_on_profile
    )
    return _settings_dict(user)


@router.get("/users/{username}/compliments", response={200: ComplimentListOut, **ERRORS}, tags=["compliments"])
def compliments_on_profile(request: HttpRequest, username: str):  # type: ignore[no-untyped-def]
    """The compliments a person chose to show on their profile."""
    viewer = optional_user(request)
    rows = selectors.compliments_on_profile(viewer=viewer, user=_user(username))
    return {"items": [compliment_dict(request, c) for c in rows]}
