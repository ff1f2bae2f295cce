"""Account reads. Every profile lookup goes through here so blocks and teen rules apply everywhere."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from kindling.accounts import error_codes as codes
from kindling.accounts.models import AgeBand, Block, Follow, HiddenWord, Mute, User
from kindling.accounts.policies import is_blocked_either_way
from kindling.core.errors import NotFound

Viewer = User | AnonymousUser


def user_is_minor(*, user: User) -> bool:
    """The one answer to "is this account under 18?" for features such as payouts and direct messages."""
    return user.age_band != AgeBand.ADULT


def blocked_user_ids(*, viewer: Viewer) -> set[int]:
    """Accounts hidden from the viewer because either side blocked the other."""
    if not viewer.is_authenticated:
        return set()
    pairs = Block.objects.filter(Q(blocker_id=viewer.pk) | Q(blocked_id=viewer.pk)).values_list(
        "blocker_id", "blocked_id"
    )
    ids: set[int] = set()
    for blocker_id, blocked_id in pairs:
        ids.add(blocked_id if blocker_id == viewer.pk else blocker_id)
    return ids


@dataclass(frozen=True)
class ViewerRelations:
    """Who the viewer follows (accepted), is blocked from either way, has muted, and which words they hide."""

    follows: frozenset[int] = field(default_factory=frozenset)
    blocked: frozenset[int] = field(default_factory=frozenset)
    muted: frozenset[int] = field(default_factory=frozenset)
    hidden_phrases: tuple[str, ...] = ()


def viewer_relations(*, viewer: Viewer) -> ViewerRelations:
    """Everything a feed needs to know about the viewer's relations, in one round trip.

    Hand-written SQL on purpose: five small index reads as one UNION ALL. Built with the ORM, the same union
    cost 2.1 ms per request at 100k users (query compilation), as much as the four separate queries it
    replaces; as plain SQL it is one statement whose only cost is the database's.
    """
    if not viewer.is_authenticated:
        return ViewerRelations()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    sql = _RELATIONS_SQL.format(
        follow=Follow._meta.db_table, block=Block._meta.db_table, mute=Mute._meta.db_table,
        word=HiddenWord._meta.db_table,
    )
    uid = viewer.pk
    found: dict[str, set] = {"f": set(), "b": set(), "m": set(), "w": set()}
    with connection.cursor() as cursor:
        cursor.execute(sql, [uid, Follow.Status.ACCEPTED.value, uid, uid, uid, uid, now])
        for kind, other, text in cursor.fetchall():
            found[kind].add(text if kind == "w" else other)
    return ViewerRelations(
        follows=frozenset(found["f"]), blocked=frozenset(found["b"]), muted=frozenset(found["m"]),
        hidden_phrases=tuple(sorted(found["w"])),
    )


_RELATIONS_SQL = """
SELECT 'f', followee_id, NULL FROM {follow} WHERE follower_id = %s AND status = %s
UNION ALL SELECT 'b', blocked_id, NULL FROM {block} WHERE blocker_id = %s
UNION ALL SELECT 'b', blocker_id, NULL FROM {block} WHERE blocked_id = %s
UNION ALL SELECT 'm', muted_id, NULL FROM {mute} WHERE muter_id = %s
UNION ALL SELECT 'w', NULL, phrase FROM {word} WHERE user_id = %s AND (expires_at IS NULL OR expires_at > %s)
"""


def followee_ids(*, viewer: Viewer) -> QuerySet:
    return Follow.objects.filter(follower_id=viewer.pk, status=Follow.Status.ACCEPTED).values("followee_id")


def follow_accepted_exists(*, follower: int | OuterRef, followee: int | OuterRef) -> Exists:
    """`EXISTS` an accepted follow from `follower` to `followee` (ids, or OuterRefs to the outer query's columns).

    A correlated probe of the follow pair's unique index. Prefer it to `user_id IN (followee_ids ...)` inside an
    `OR`: PostgreSQL costs a hashed IN-subplan there as rebuilt for every outer row, which once turned a 60-post id
    lookup into a scan of every user (30 ms at 100k users instead of under 1 ms).
    """
    pair = Q(follower_id=follower, followee_id=followee, status=Follow.Status.ACCEPTED)
    return Exists(Follow.objects.filter(pair))


def user_get_visible(*, viewer: Viewer, username: str) -> User:
    """A profile the viewer may see; blocked either way reads as not found."""
    user = User.objects.filter(username__iexact=username, is_active=True).first()
    if user is None or (viewer.is_authenticated and is_blocked_either_way(viewer, user)):  # type: ignore[arg-type]
        raise NotFound(codes.USER_NOT_FOUND, "No such user.")
    return user


def follow_status(*, viewer: Viewer, target: User) -> str | None:
    if not viewer.is_authenticated or viewer.pk == target.pk:
        return None
    row = Follow.objects.filter(follower_id=viewer.pk, followee=target).values_list("status", flat=True).first()
    return row


def user_stats(*, user: User) -> dict[str, int]:
    return {
        "followers": Follow.objects.filter(followee=user, status=Follow.Status.ACCEPTED).count(),
        "following": Follow.objects.filter(follower=user, status=Follow.Status.ACCEPTED).count(),
    }


def follow_requests_pending(*, user: User) -> QuerySet[Follow]:
    return Follow.objects.filter(followee=user, status=Follow.Status.PENDING).select_related("follower")


def user_suggestions(*, viewer: Viewer, limit: int = 5) -> list[User]:
    """Accounts to suggest. Under-16s are never suggested to strangers, and nobody the viewer blocked."""
    today = timezone.localdate()
    qs = User.objects.filter(is_active=True, is_staff=False).exclude(turns_16_on__gt=today)
    if viewer.is_authenticated:
        qs = qs.exclude(pk=viewer.pk).exclude(pk__in=followee_ids(viewer=viewer))
        hidden = blocked_user_ids(viewer=viewer)
        if hidden:
            qs = qs.exclude(pk__in=hidden)
    return list(qs.order_by("-date_joined")[:limit])


def user_blocked_by(*, viewer: Viewer, username: str) -> User | None:
    """The account the viewer blocked under this username, or None; lets a blocker find them to unblock."""
    if not viewer.is_authenticated:
        return None
    block = (
        Block.objects.select_related("blocked")
        .filter(blocker_id=viewer.pk, blocked__username__iexact=username, blocked__is_active=True)
        .first()
    )
    return block.blocked if block is not None else None


def muted_user_ids(*, viewer: Viewer) -> set[int]:
    if not viewer.is_authenticated:
        return set()
    return set(Mute.objects.filter(muter_id=viewer.pk).values_list("muted_id", flat=True))


def hidden_phrases(*, user: Viewer) -> list[str]:
    """The user's hidden words that have not expired."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    return list(
        HiddenWord.objects.filter(user_id=user.pk)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .values_list("phrase", flat=True)
    )


def hidden_words_for(*, user: User) -> list[HiddenWord]:
    return list(HiddenWord.objects.filter(user=user).order_by("phrase"))


def hidden_phrase_matcher(phrases: list[str]) -> re.Pattern[str] | None:
    """A whole-word, case-insensitive matcher: "mean" hides "so mean!" but not "meaning"."""
    if not phrases:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in p.split()) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
