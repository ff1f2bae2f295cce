"""Reads for challenges, Discover, hashtag reach and compliments. Every post shown goes through
`posts_visible_to` (the one visibility rule); counts and stats cover published posts only."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.db.models import Avg, Count, ExpressionWrapper, F, IntegerField, Q, QuerySet, Sum
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

from kindling.accounts.models import User
from kindling.accounts.selectors import Viewer, blocked_user_ids
from kindling.challenges import error_codes as codes
from kindling.challenges.models import (
    Challenge,
    ChallengeEntry,
    ChallengeStatus,
    Collection,
    Compliment,
    ComplimentProfile,
    ComplimentStatus,
    FeaturedEntry,
    HashtagDailyViews,
    TrendingOverride,
    VerifiedOrganisation,
)
from kindling.challenges.policies import can_see_challenge
from kindling.core.errors import NotFound
from kindling.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, cursor_decode, cursor_encode, keyset_page
from kindling.posts.models import Hashtag, Post, PostHashtag, PostStatus
from kindling.posts.selectors import _published_q, posts_visible_to

# Trending: activity in the last RECENT_DAYS against the RECENT_DAYS before, weighted by kindness.
RECENT_DAYS = 3
MIN_PUBLISHED_SHARE = 0.5  # a hashtag whose posts are mostly held or rejected never trends
# No hard kindness floor: the score is weighted by kindness, so kinder hashtags rank higher. (A floor of 0.5
# emptied trending with the shipped model, whose kindness is calibrated low for everyday, neutral posts.)
MIN_KINDNESS = 0.0
VIEWS_PER_POST = 10  # ten views weigh like one new post


# ------------------------------------------------------------------------------------ challenges


def challenge_phase(challenge: Challenge, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    if now < challenge.starts_at:
        return "upcoming"
    if now >= challenge.ends_at:
        return "ended"
    return "running"


def challenges_public(*, phase: str | None = None) -> QuerySet[Challenge]:
    """Approved challenges, running first, then upcoming, then ended."""
    now = timezone.now()
    qs = Challenge.objects.filter(status=ChallengeStatus.APPROVED).select_related("hashtag", "proposer")
    if phase == "running":
        qs = qs.filter(starts_at__lte=now, ends_at__gt=now)
    elif phase == "upcoming":
        qs = qs.filter(starts_at__gt=now)
    elif phase == "ended":
        qs = qs.filter(ends_at__lte=now)
    return qs.order_by("-is_featured", "ends_at", "id")


def challenges_public_list(*, limit: int = 100) -> list[Challenge]:
    """Running (ending soonest first), then upcoming (starting soonest), then ended (most recent); featured
    challenges first within each group."""
    now = timezone.now()

    def key(c: Challenge) -> tuple[int, bool, float]:
        phase = challenge_phase(c, now)
        if phase == "running":
            return (0, not c.is_featured, c.ends_at.timestamp())
        if phase == "upcoming":
            return (1, not c.is_featured, c.starts_at.timestamp())
        return (2, not c.is_featured, -c.ends_at.timestamp())

    return sorted(challenges_public()[: limit * 3], key=key)[:limit]


def challenges_for_review(*, viewer: Viewer) -> QuerySet[Challenge]:
    return Challenge.objects.filter(
        status__in=[ChallengeStatus.PENDING_REVIEW, ChallengeStatus.CHANGES_REQUESTED]
    ).select_related("hashtag", "proposer").order_by("created_at")


def challenges_proposed_by(*, user: User) -> QuerySet[Challenge]:
    return Challenge.objects.filter(proposer=user).select_related("hashtag").order_by("-created_at")


def challenge_get_visible(*, viewer: Viewer, slug: str) -> Challenge:
    """Approved challenges for everyone; proposals only for their proposer and editors (404 for others)."""
    challenge = Challenge.objects.select_related("hashtag", "proposer", "reviewer").filter(slug=slug).first()
    if challenge is None or not can_see_challenge(viewer, challenge):
        raise NotFound(codes.CHALLENGE_NOT_FOUND, "No such challenge.")
    return challenge


def _entry_posts(*, viewer: Viewer, challenge: Challenge) -> QuerySet[Post]:
    return posts_visible_to(viewer=viewer).filter(challenge_entries__challenge=challenge, status=PostStatus.PUBLISHED)


def _best_score() -> Any:
    # Integer, so keyset paging compares exactly: kindness counts most, then shares, comments and likes.
    return ExpressionWrapper(
        Cast(Coalesce(F("kindness_score"), 0.0) * 100, IntegerField())
        + F("like_count") * 3 + F("comment_count") * 5 + F("share_count") * 8,
        output_field=IntegerField(),
    )


def challenge_entries(
    *, viewer: Viewer, challenge: Challenge, sort: str = "new", cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
) -> tuple[list[Post], str | None]:
    """Entries the viewer may see: `new` (newest first) or `best` (highest score first), keyset-paged."""
    qs = _entry_posts(viewer=viewer, challenge=challenge)
    if sort != "best":
        return keyset_page(qs, cursor=cursor, limit=limit)
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    qs = qs.annotate(best=_best_score())
    if cursor:
        score, last_id = cursor_decode(cursor, kinds=[int, int])
        qs = qs.filter(Q(best__lt=score) | Q(best=score, id__lt=last_id))
    rows: list[Post] = list(qs.order_by("-best", "-id")[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = cursor_encode([rows[-1].best, rows[-1].pk])  # type: ignore[attr-defined]
    return rows, next_cursor


def challenge_featured(*, viewer: Viewer, challenge: Challenge) -> list[Post]:
    ids = list(FeaturedEntry.objects.filter(challenge=challenge).order_by("created_at").values_list("post_id", flat=True))
    found = {p.pk: p for p in posts_visible_to(viewer=viewer).filter(pk__in=ids, status=PostStatus.PUBLISHED)}
    return [found[i] for i in ids if i in found]


def challenge_stats(*, challenge: Challenge) -> dict[str, Any]:
    """Live stats over published entries only (held, rejected and deleted posts never count)."""
    posts = Post.objects.filter(_published_q(), challenge_entries__challenge=challenge)
    agg = posts.aggregate(
        entries=Count("id", distinct=True),
        participants=Count("author", distinct=True),
        views=Sum("view_count"),
        kindness=Avg("kindness_score"),
    )
    kindness = agg["kindness"]
    return {
        "entries": agg["entries"] or 0,
        "participants": agg["participants"] or 0,
        "views": agg["views"] or 0,
        "average_kindness": round(float(kindness), 3) if kindness is not None else None,
    }


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    span = max((end - start).days, 0)
    return [start + dt.timedelta(days=i) for i in range(span + 1)]


def hashtag_views_per_day(*, hashtag: Hashtag, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    rows = HashtagDailyViews.objects.filter(hashtag=hashtag, day__gte=start, day__lte=end).values_list("day", "views")
    return dict(rows)


def challenge_chart(*, challenge: Challenge) -> list[dict[str, Any]]:
    """Entries and views per day from the start to today (or the end, if it ended)."""
    start = timezone.localdate(challenge.starts_at)
    end = min(timezone.localdate(), timezone.localdate(challenge.ends_at))
    if end < start:
        return []
    entries = dict(
        ChallengeEntry.objects.filter(challenge=challenge, post__in=Post.objects.filter(_published_q()))
        .annotate(day=TruncDate("post__published_at"))
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    views = hashtag_views_per_day(hashtag=challenge.hashtag, start=start, end=end)
    return [{"day": d.isoformat(), "entries": entries.get(d, 0), "views": views.get(d, 0)} for d in _days(start, end)]


def challenges_for_hashtag(*, hashtag: Hashtag) -> list[Challenge]:
    return list(challenges_public().filter(hashtag=hashtag)[:10])


def organisation_badge(*, user: User) -> str | None:
    org = VerifiedOrganisation.objects.filter(user=user).first()
    return org.name if org else None


def verified_org_names(user_ids: list[int]) -> dict[int, str]:
    return dict(VerifiedOrganisation.objects.filter(user_id__in=user_ids).values_list("user_id", "name"))


# --------------------------------------------------------------------------------------- discover


def collections_visible(*, viewer: Viewer, limit: int = 6, per_collection: int = 6) -> list[dict[str, Any]]:
    """Published collections with their posts in order, each post filtered by the visibility rule."""
    collections = list(Collection.objects.filter(is_published=True).order_by("-created_at")[:limit])
    return [collection_with_posts(viewer=viewer, collection=c, limit=per_collection) for c in collections]


def collection_with_posts(*, viewer: Viewer, collection: Collection, limit: int = 50) -> dict[str, Any]:
    ids = list(collection.items.order_by("position", "id").values_list("post_id", flat=True))
    found = {p.pk: p for p in posts_visible_to(viewer=viewer).filter(pk__in=ids, status=PostStatus.PUBLISHED)}
    posts = [found[i] for i in ids if i in found][:limit]
    return {"collection": collection, "posts": posts}


def collection_get(*, slug: str) -> Collection:
    collection = Collection.objects.filter(slug=slug, is_published=True).first()
    if collection is None:
        raise NotFound(codes.COLLECTION_NOT_FOUND, "No such collection.")
    return collection


def trending_hashtags(*, limit: int = 10, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Kind hashtags growing now. For each hashtag used in the last 2×RECENT_DAYS days:

    activity = published posts + views / VIEWS_PER_POST, in the recent window and in the window before;
    score = average kindness × recent activity × growth, with growth = (recent + 1) / (earlier + 1).
    A hashtag trends only if most of its posts were published (held or rejected posts count against it)
    and their average kindness is above MIN_KINDNESS. Editors' pins come first; hidden ones never show."""
    now = now or timezone.now()
    mid = now - dt.timedelta(days=RECENT_DAYS)
    since = now - dt.timedelta(days=2 * RECENT_DAYS)
    published = _published_q("post__")
    rows = (
        PostHashtag.objects.filter(post__created_at__gte=since, post__deleted_at__isnull=True)
        .exclude(post__status=PostStatus.PENDING)
        .values("hashtag_id")
        .annotate(
            total=Count("post", distinct=True),
            published=Count("post", filter=published, distinct=True),
            recent=Count("post", filter=published & Q(post__created_at__gte=mid), distinct=True),
            earlier=Count("post", filter=published & Q(post__created_at__lt=mid), distinct=True),
            kindness=Avg("post__kindness_score", filter=published),
        )
    )
    today = timezone.localdate(now)
    mid_day = today - dt.timedelta(days=RECENT_DAYS - 1)
    since_day = mid_day - dt.timedelta(days=RECENT_DAYS)
    views: dict[int, dict[str, int]] = {}
    for row in (
        HashtagDailyViews.objects.filter(day__gte=since_day, day__lte=today)
        .values("hashtag_id")
        .annotate(recent=Sum("views", filter=Q(day__gte=mid_day)), earlier=Sum("views", filter=Q(day__lt=mid_day)))
    ):
        views[row["hashtag_id"]] = {"recent": row["recent"] or 0, "earlier": row["earlier"] or 0}
    overrides = dict(TrendingOverride.objects.values_list("hashtag_id", "mode"))
    scored: list[tuple[float, int, dict[str, Any]]] = []
    for row in rows:
        tag_id = row["hashtag_id"]
        if overrides.get(tag_id) == "hide" or not row["total"]:
            continue
        if row["published"] / row["total"] <= MIN_PUBLISHED_SHARE:
            continue
        kindness = float(row["kindness"] or 0.0)
        if kindness <= MIN_KINDNESS:
            continue
        v = views.get(tag_id, {"recent": 0, "earlier": 0})
        recent = row["recent"] + v["recent"] / VIEWS_PER_POST
        earlier = row["earlier"] + v["earlier"] / VIEWS_PER_POST
        growth = (recent + 1) / (earlier + 1)
        score = kindness * recent * growth
        if score <= 0:
            continue
        scored.append((score, tag_id, {"posts": row["recent"], "views": v["recent"], "kindness": round(kindness, 3),
                                       "growth": round(growth, 2)}))
    pinned = [tag_id for tag_id, mode in overrides.items() if mode == "pin"]
    scored.sort(key=lambda s: (-s[0], s[1]))
    ordered_ids = pinned + [tag_id for _, tag_id, _ in scored if tag_id not in pinned]
    details = {tag_id: (score, d) for score, tag_id, d in scored}
    names = {h.pk: h for h in Hashtag.objects.filter(pk__in=ordered_ids[:limit])}
    out = []
    for tag_id in ordered_ids[:limit]:
        hashtag = names.get(tag_id)
        if hashtag is None:
            continue
        score, d = details.get(tag_id, (0.0, {"posts": 0, "views": 0, "kindness": None, "growth": None}))
        out.append({"tag": hashtag.name, "display": hashtag.display, "pinned": tag_id in pinned,
                    "score": round(score, 3) if math.isfinite(score) else 0.0, **d})
    return out


def discover(*, viewer: Viewer) -> dict[str, Any]:
    """The Discover page: featured (then running, then upcoming) challenges, collections, trending hashtags."""
    now = timezone.now()
    challenges = [c for c in challenges_public() if challenge_phase(c, now) != "ended"][:6]
    return {
        "challenges": challenges,
        "collections": collections_visible(viewer=viewer),
        "trending_hashtags": trending_hashtags(),
    }


# ----------------------------------------------------------------------------------- hashtag reach


def hashtag_top_posts(*, viewer: Viewer, hashtag: Hashtag, limit: int = 5) -> list[Post]:
    qs = posts_visible_to(viewer=viewer).filter(hashtags=hashtag, status=PostStatus.PUBLISHED)
    return list(qs.annotate(best=_best_score()).order_by("-best", "-id")[:limit])


def hashtag_views_chart(*, hashtag: Hashtag, days: int = 30) -> list[dict[str, Any]]:
    end = timezone.localdate()
    start = end - dt.timedelta(days=days - 1)
    views = hashtag_views_per_day(hashtag=hashtag, start=start, end=end)
    return [{"day": d.isoformat(), "views": views.get(d, 0)} for d in _days(start, end)]


# ------------------------------------------------------------------------------------- compliments


def _hidden_senders(user: User) -> set[int]:
    return blocked_user_ids(viewer=user)


def compliments_inbox(*, user: User, limit: int = 50) -> list[Compliment]:
    """Compliments waiting for the recipient's answer, newest first, without blocked senders."""
    qs = Compliment.objects.filter(recipient=user, status=ComplimentStatus.PENDING_ACCEPTANCE, sender__is_active=True)
    hidden = _hidden_senders(user)
    if hidden:
        qs = qs.exclude(sender_id__in=hidden)
    return list(qs.select_related("sender").order_by("-created_at", "-id")[:limit])


def compliments_received(*, user: User, limit: int = 50) -> list[Compliment]:
    """Compliments the recipient kept (delivered or accepted), for their own page."""
    qs = Compliment.objects.filter(
        recipient=user, status__in=[ComplimentStatus.DELIVERED, ComplimentStatus.ACCEPTED], sender__is_active=True
    )
    hidden = _hidden_senders(user)
    if hidden:
        qs = qs.exclude(sender_id__in=hidden)
    return list(qs.select_related("sender").order_by("-created_at", "-id")[:limit])


def compliments_on_profile(*, viewer: Viewer, user: User, limit: int = 20) -> list[Compliment]:
    """The compliments a person chose to show on their profile; none for a viewer blocked either way,
    and none from senders the viewer has blocked."""
    if not user.is_active:
        return []
    hidden = blocked_user_ids(viewer=viewer) | _hidden_senders(user)
    if viewer.is_authenticated and viewer.pk in hidden:
        return []
    profile = ComplimentProfile.objects.filter(user=user).first()
    if profile is not None and not profile.show_on_profile:
        return []
    qs = Compliment.objects.filter(
        recipient=user, show_on_profile=True, sender__is_active=True,
        status__in=[ComplimentStatus.DELIVERED, ComplimentStatus.ACCEPTED],
    )
    if hidden:
        qs = qs.exclude(sender_id__in=hidden)
    return list(qs.select_related("sender").order_by("-created_at", "-id")[:limit])


def compliment_counts(*, user: User) -> dict[str, int]:
    profile = ComplimentProfile.objects.filter(user=user).first()
    if profile is None:
        return {"sent": 0, "received": 0, "accepted": 0}
    return {"sent": profile.sent_count, "received": profile.received_count, "accepted": profile.accepted_count}
