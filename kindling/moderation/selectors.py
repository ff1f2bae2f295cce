"""Moderation reads. Everything here but the author's own statements of reasons is for moderators only."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from kindling.accounts.models import User
from kindling.core.errors import NotFound, PermissionDenied
from kindling.moderation import error_codes as codes
from kindling.moderation.models import Appeal, Decision, NudgeEvent, ReviewItem, Strike
from kindling.moderation.policies import can_moderate


def _require_moderator(viewer: User) -> None:
    if not can_moderate(viewer):
        raise PermissionDenied(codes.NOT_MODERATOR, "Only moderators can see this.")


def review_queue(*, viewer: User, queue: str | None = None, status: str | None = None, limit: int = 50) -> list[ReviewItem]:
    """Open items, most severe × widest reach first."""
    _require_moderator(viewer)
    qs = ReviewItem.objects.select_related("author", "assigned_to")
    qs = qs.filter(status=status) if status else qs.exclude(status=ReviewItem.Status.DECIDED)
    if queue:
        qs = qs.filter(queue=queue)
    return list(qs.order_by("-priority", "id")[: max(1, min(limit, 200))])


def review_item_get(*, viewer: User, item_id: int) -> ReviewItem:
    _require_moderator(viewer)
    item = ReviewItem.objects.select_related("author", "assigned_to", "decision").filter(pk=item_id).first()
    if item is None:
        raise NotFound(codes.ITEM_NOT_FOUND, "No such review item.")
    return item


def author_history(*, viewer: User, author: User) -> dict:
    """Context for a decision: the author's active strikes and recent decisions."""
    _require_moderator(viewer)
    now = timezone.now()
    return {
        "active_strikes": Strike.objects.filter(user=author, revoked=False, expires_at__gt=now).count(),
        "decisions": list(
            Decision.objects.filter(affected_user=author)
            .exclude(action__in=["allow"])
            .order_by("-created_at")
            .values("id", "action", "rule", "target_type", "target_id", "created_at")[:10]
        ),
        "joined": author.date_joined,
    }


def decision_latest_for(*, target_type: str, target_id: int) -> Decision | None:
    return Decision.objects.filter(target_type=target_type, target_id=target_id).order_by("-created_at", "-id").first()


def decision_get_for(*, viewer: User, decision_id: int) -> Decision:
    """The affected person and moderators may read a decision's statement of reasons."""
    decision = Decision.objects.filter(pk=decision_id).first()
    if decision is None or (decision.affected_user_id != viewer.pk and not can_moderate(viewer)):
        raise NotFound(codes.DECISION_NOT_FOUND, "No such decision.")
    return decision


def statement_of_reasons(decision: Decision) -> dict:
    return {
        "decision_id": decision.pk,
        "action": decision.action,
        "restriction": decision.restriction,
        "duration_days": decision.duration_days,
        "facts": decision.facts,
        "automated_detection": decision.automated_detection,
        "automated_decision": decision.automated_decision,
        "rule": decision.rule,
        "explanation": decision.explanation,
        "redress": decision.redress,
        "created_at": decision.created_at,
    }


def appeal_get_for(*, viewer: User, appeal_id: int) -> Appeal:
    appeal = Appeal.objects.select_related("decision").filter(pk=appeal_id).first()
    if appeal is None or (appeal.appellant_id != viewer.pk and not can_moderate(viewer)):
        raise NotFound(codes.APPEAL_NOT_FOUND, "No such appeal.")
    return appeal


def appeals_open(*, viewer: User) -> QuerySet[Appeal]:
    _require_moderator(viewer)
    return Appeal.objects.filter(status=Appeal.Status.OPEN).select_related("decision", "appellant").order_by("created_at")


def strikes_active(*, user: User) -> int:
    return Strike.objects.filter(user=user, revoked=False, expires_at__gt=timezone.now()).count()


def nudge_rates(*, viewer: User, days: int = 30) -> dict[str, int]:
    """How people respond to "Rethink?" prompts, for admins."""
    _require_moderator(viewer)
    since = timezone.now() - dt.timedelta(days=days)
    counts = {o: 0 for o in NudgeEvent.Outcome.values}
    for outcome in NudgeEvent.objects.filter(created_at__gte=since).values_list("outcome", flat=True):
        counts[outcome] += 1
    return counts
