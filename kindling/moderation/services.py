"""Moderation writes: the pre-distribution gate, nudges, review decisions with statements of reasons,
strikes and sanctions, and appeals. Every change is audited in its transaction."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from kindling.accounts.models import User
from kindling.accounts.services import tokens_forget
from kindling.core.audit import audit_record
from kindling.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied
from kindling.moderation import error_codes as codes
from kindling.moderation.engine import Check, engine_check, engine_explain
from kindling.moderation.models import (
    Appeal,
    Decision,
    HelpResource,
    NudgeEvent,
    ReviewItem,
    ReviewNote,
    Sanction,
    Strike,
    TargetType,
)
from kindling.moderation.policies import can_moderate
from kindling.moderation.rules import CATEGORY_LABELS, REDRESS, RULES, rule_for_categories
from kindling.moderation.targets import target_load, target_set_status
from kindling.notifications.services import notification_create

# kwargs: item_id, decision_id, action. Sent inside the decision's transaction; the safety app tells reporters.
review_item_decided = Signal()

PUBLISHED, IN_REVIEW, REJECTED, REMOVED = "published", "in_review", "rejected", "removed"
MODERATOR_ACTIONS = ("approve", "remove", "limit_reach", "warn", "suspend", "ban")
STRIKING_ACTIONS = ("remove", "warn", "suspend", "ban")
APPEALABLE_ACTIONS = ("block", "remove", "limit_reach", "warn", "suspend", "ban")
NUDGE_REVISION_WINDOW = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class GateOutcome:
    status: str
    action: str  # Decision.Action
    queue: str | None = None
    reason: str | None = None


# ---------------------------------------------------------------------------------------------- the gate


def account_check_can_publish(*, user: User) -> None:
    """Suspended or banned accounts can't publish; the message says until when."""
    now = timezone.now()
    sanction = (
        Sanction.objects.filter(user=user, lifted_at__isnull=True)
        .exclude(kind=Sanction.Kind.SUSPEND, until__lte=now)
        .order_by("-until")
        .first()
    )
    if sanction is None:
        return
    if sanction.kind == Sanction.Kind.BAN:
        raise PermissionDenied(codes.ACCOUNT_SUSPENDED, "This account is banned from posting.")
    until = timezone.localtime(sanction.until).strftime("%d %B %Y %H:%M") if sanction.until else "further notice"
    raise PermissionDenied(codes.ACCOUNT_SUSPENDED, f"Your account is suspended until {until}.")


def content_check(*, text: str) -> Check:
    """Ask the engine about one text (outside any transaction: the engine may be slow)."""
    if not text.strip():
        return Check(decision="allow", harm=0.0, kindness=0.0)
    return engine_check([text])[0]


def gate_outcome(*, check: Check, confirmed: bool) -> GateOutcome:
    """Map an engine decision to what happens to the item. Anything unexpected is held (fail closed)."""
    if check.error is not None:
        return GateOutcome(IN_REVIEW, Decision.Action.HOLD, ReviewItem.Queue.SAFETY, "engine_error")
    if check.decision == "allow":
        return GateOutcome(PUBLISHED, Decision.Action.ALLOW)
    if check.decision == "block":
        return GateOutcome(REJECTED, Decision.Action.BLOCK)
    if check.decision == "support":
        return GateOutcome(IN_REVIEW, Decision.Action.SUPPORT, ReviewItem.Queue.WELLBEING, "support")
    reason = "nudge_confirmed" if check.decision == "nudge" and confirmed else "engine_review"
    return GateOutcome(IN_REVIEW, Decision.Action.HOLD, ReviewItem.Queue.SAFETY, reason)


def nudge_raise(*, user: User, target_type: str, text: str, check: Check) -> None:
    """Record a "Rethink?" prompt and answer 409 with the words that triggered it."""
    categories = check.top_categories()
    with transaction.atomic():
        nudge = NudgeEvent.objects.create(
            user=user, target_type=target_type, categories=categories, harm=check.harm or 0.0
        )
        audit_record(actor=user, action="nudge.shown", target_type="nudge", target_id=nudge.pk)
    labels = [CATEGORY_LABELS.get(c, c.replace("_", " ")) for c in categories]
    described = " and ".join(labels) if labels else "hurtful"
    message = (
        f"This might come across as {described}. Would you like to rethink it? "
        "You can edit it, cancel, or send it anyway for a moderator to review."
    )
    raise Conflict(
        codes.NUDGE,
        message,
        extra={
            "nudge": {
                "id": nudge.pk,
                "categories": categories,
                "spans": [list(span) for span in engine_explain(text)],
                "message": message,
            }
        },
    )


def nudge_note_submission(*, user: User, nudge_id: int | None, confirmed: bool) -> None:
    """After a nudge, a confirmed resend is "sent anyway"; a new submission that passes is "revised"."""
    now = timezone.now()
    qs = NudgeEvent.objects.filter(user=user, outcome=NudgeEvent.Outcome.SHOWN)
    qs = qs.filter(pk=nudge_id) if nudge_id is not None else qs.filter(created_at__gte=now - NUDGE_REVISION_WINDOW)
    nudge = qs.order_by("-created_at").first()
    if nudge is None:
        return
    outcome = NudgeEvent.Outcome.SENT_ANYWAY if confirmed else NudgeEvent.Outcome.REVISED
    NudgeEvent.objects.filter(pk=nudge.pk, outcome=NudgeEvent.Outcome.SHOWN).update(outcome=outcome, resolved_at=now)
    audit_record(actor=user, action=f"nudge.{outcome}", target_type="nudge", target_id=nudge.pk)


def nudge_cancel(*, user: User, nudge_id: int) -> NudgeEvent:
    with transaction.atomic():
        updated = NudgeEvent.objects.filter(pk=nudge_id, user=user, outcome=NudgeEvent.Outcome.SHOWN).update(
            outcome=NudgeEvent.Outcome.CANCELLED, resolved_at=timezone.now()
        )
        nudge = NudgeEvent.objects.filter(pk=nudge_id, user=user).first()
        if nudge is None:
            raise NotFound(codes.NUDGE_NOT_FOUND, "No such nudge.")
        if updated:
            audit_record(actor=user, action="nudge.cancelled", target_type="nudge", target_id=nudge_id)
    return nudge


def _severity(check: Check) -> float:
    values = [check.harm or 0.0, *check.categories.values()]
    return max(values) if check.error is None else 0.6


def _priority(severity: float, reach: int) -> float:
    # Severity times reach, with reach on a log scale so one viral post doesn't starve everything else.
    return round(severity * (1.0 + math.log1p(max(reach, 0))), 6)


def review_item_open(
    *, target_type: str, target_id: int, author: User, reason: str, queue: str, text: str,
    scores: dict, severity: float, reach: int,
) -> ReviewItem:
    """Open (or join) the one open review item for a target, raising its priority if needed."""
    item = ReviewItem.objects.select_for_update().filter(
        target_type=target_type, target_id=target_id
    ).exclude(status=ReviewItem.Status.DECIDED).first()
    priority = _priority(severity, reach)
    if item is None:
        return ReviewItem.objects.create(
            target_type=target_type, target_id=target_id, author=author, reason=reason, queue=queue, text=text,
            scores=scores, severity=severity, reach=reach, priority=priority,
        )
    changed = False
    if priority > item.priority:
        item.severity, item.reach, item.priority, changed = max(item.severity, severity), reach, priority, True
    if queue == ReviewItem.Queue.WELLBEING and item.queue != queue:
        item.queue, changed = queue, True
    if changed:
        item.save(update_fields=["severity", "reach", "priority", "queue", "updated_at"])
    return item


def gate_record(
    *, target_type: str, target_id: int, author: User, text: str, check: Check, outcome: GateOutcome, reach: int = 0
) -> Decision | None:
    """Inside the caller's transaction: write the decision, its statement of reasons, and any review item."""
    if outcome.action == Decision.Action.ALLOW:
        return None
    rule = rule_for_categories(check.categories) if check.error is None else "other"
    labels = ", ".join(CATEGORY_LABELS.get(c, c) for c in check.top_categories())
    if outcome.action == Decision.Action.BLOCK:
        restriction = "Not published"
        explanation = (
            f"Our automated check found this very likely to be {labels or 'harmful'}, which breaks the rule: "
            f"{RULES.get(rule, RULES['other'])} You can edit it and resubmit, or appeal."
        )
    elif outcome.action == Decision.Action.SUPPORT:
        rule = "wellbeing"
        restriction = "Held for a wellbeing reviewer (not a sanction)"
        explanation = (
            "Your post suggests you might be going through something hard. It is held while a trained "
            "reviewer looks at it — you have done nothing wrong. Help is available right now."
        )
    else:
        restriction = "Held for review before it can be seen"
        if outcome.reason == "engine_error":
            explanation = "Our automated check could not finish, so a moderator will look at this before it is shown."
        elif outcome.reason == "nudge_confirmed":
            explanation = f"You chose to send this after a prompt that it might be {labels}; a moderator will review it."
        else:
            explanation = f"Our automated check found this might be {labels or 'harmful'}; a moderator will review it."
    decision = Decision.objects.create(
        target_type=target_type, target_id=target_id, affected_user=author, action=outcome.action,
        restriction=restriction, facts=Decision.Facts.OWN_INITIATIVE, automated_detection=True,
        automated_decision=True, rule=rule, explanation=explanation,
        redress=REDRESS if outcome.action == Decision.Action.BLOCK else "", scores=check.scores_dict(),
    )
    audit_record(
        actor=None, action=f"moderation.gate.{outcome.action}", target_type=target_type, target_id=target_id,
        decision_id=decision.pk, reason=outcome.reason,
    )
    if outcome.queue is not None:
        review_item_open(
            target_type=target_type, target_id=target_id, author=author, reason=outcome.reason or "engine_review",
            queue=outcome.queue, text=text, scores=check.scores_dict(), severity=_severity(check), reach=reach,
        )
    if outcome.action == Decision.Action.BLOCK:
        notification_create(
            user=author, kind="decision", message=f"Your {target_type} was not published: {explanation}",
            decision_id=decision.pk, target_type=target_type, target_id=target_id,
        )
    elif outcome.action == Decision.Action.SUPPORT:
        notification_create(
            user=author, kind="support", message="We're here for you. Help is available right now.",
            decision_id=decision.pk, resources=help_resources_list(),
        )
    return decision


def help_resources_list(*, country: str = "") -> list[dict[str, str]]:
    rows = HelpResource.objects.all()
    if country:
        rows = rows.filter(country__in=[country.upper(), ""])
    found = [{"name": r.name, "contact": r.contact, "url": r.url, "country": r.country} for r in rows]
    return found or [
        {
            "name": "Talk to someone you trust, or your local emergency number if you are in danger now",
            "contact": "",
            "url": "",
            "country": "",
        }
    ]


# ----------------------------------------------------------------------------------- moderator decisions


def _require_moderator(actor: User) -> None:
    if not can_moderate(actor):
        raise PermissionDenied(codes.NOT_MODERATOR, "Only moderators can do this.")


def review_item_claim(*, actor: User, item_id: int, assignee: User | None = None) -> ReviewItem:
    _require_moderator(actor)
    assignee = assignee or actor
    if not can_moderate(assignee):
        raise ApplicationError(codes.INVALID_ACTION, "Items can only be assigned to moderators.", status=422)
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None:
            raise NotFound(codes.ITEM_NOT_FOUND, "No such review item.")
        if item.status == ReviewItem.Status.DECIDED:
            raise Conflict(codes.ITEM_ALREADY_DECIDED, "This item has already been decided.")
        item.status, item.assigned_to = ReviewItem.Status.CLAIMED, assignee
        item.save(update_fields=["status", "assigned_to", "updated_at"])
        audit_record(actor=actor, action="review.claim", target_type="review_item", target_id=item.pk, assignee=assignee.pk)
    return item


def review_note_add(*, actor: User, item_id: int, text: str) -> ReviewNote:
    _require_moderator(actor)
    text = (text or "").strip()
    if not text or len(text) > 2000:
        raise ApplicationError(codes.INVALID_ACTION, "Notes are 1–2,000 characters.", status=422)
    with transaction.atomic():
        item = ReviewItem.objects.filter(pk=item_id).first()
        if item is None:
            raise NotFound(codes.ITEM_NOT_FOUND, "No such review item.")
        note = ReviewNote.objects.create(item=item, author=actor, text=text)
        audit_record(actor=actor, action="review.note", target_type="review_item", target_id=item.pk)
    return note


def _strike_add(*, user: User, decision: Decision) -> None:
    Strike.objects.create(
        user=user, decision=decision, expires_at=timezone.now() + dt.timedelta(days=settings.KINDLING_STRIKE_DAYS)
    )


def review_decide(
    *, actor: User, item_id: int, action: str, rule: str, explanation: str, duration_days: int | None = None,
    facts: str | None = None,
) -> Decision:
    """A moderator's decision on a review item: applied to the content and account, with a statement of
    reasons to the author, outcomes to reporters, a strike where the rules were broken, and an audit row."""
    _require_moderator(actor)
    if action not in MODERATOR_ACTIONS:
        raise ApplicationError(codes.INVALID_ACTION, f"Action must be one of: {', '.join(MODERATOR_ACTIONS)}.", status=422)
    explanation = (explanation or "").strip()
    if action != "approve" and rule not in RULES:
        raise ApplicationError(codes.INVALID_ACTION, f"Cite one of the community rules: {', '.join(RULES)}.", status=422)
    if action != "approve" and not explanation:
        raise ApplicationError(codes.INVALID_ACTION, "Explain the decision to the person it affects.", status=422)
    if len(explanation) > 5000:
        raise ApplicationError(codes.INVALID_ACTION, "Explanations are at most 5,000 characters.", status=422)
    if action == "suspend" and not (duration_days and 1 <= duration_days <= 365):
        raise ApplicationError(codes.INVALID_ACTION, "Suspensions need duration_days between 1 and 365.", status=422)
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None:
            raise NotFound(codes.ITEM_NOT_FOUND, "No such review item.")
        if item.status == ReviewItem.Status.DECIDED:
            raise Conflict(codes.ITEM_ALREADY_DECIDED, "This item has already been decided.")
        if item.queue == ReviewItem.Queue.WELLBEING and action in ("warn", "suspend", "ban"):
            raise ApplicationError(
                codes.INVALID_ACTION, "Wellbeing items are never sanctioned: approve, limit reach or remove.", status=422
            )
        decision = _apply_moderator_action(
            actor=actor, item=item, action=action, rule=rule or "other", explanation=explanation,
            duration_days=duration_days, facts=facts,
        )
        item.status, item.decision = ReviewItem.Status.DECIDED, decision
        item.assigned_to = item.assigned_to or actor
        item.save(update_fields=["status", "decision", "assigned_to", "updated_at"])
        # Inside the transaction: reporters' outcomes land together with the decision, or not at all.
        review_item_decided.send(sender=None, item_id=item.pk, decision_id=decision.pk, action=action)
    return decision


def _apply_moderator_action(
    *, actor: User, item: ReviewItem, action: str, rule: str, explanation: str, duration_days: int | None,
    facts: str | None,
) -> Decision:
    target = target_load(target_type=item.target_type, target_id=item.target_id)
    author = target.author
    if item.target_type != TargetType.USER:
        if action == "approve":
            target_set_status(target_type=item.target_type, target_id=item.target_id, status=PUBLISHED, limit_reach=False)
        elif action == "limit_reach":
            target_set_status(target_type=item.target_type, target_id=item.target_id, status=PUBLISHED, limit_reach=True)
        else:
            target_set_status(target_type=item.target_type, target_id=item.target_id, status=REMOVED)
    restriction = {
        "approve": "None: the content is published",
        "remove": f"The {item.target_type} was removed",
        "limit_reach": f"The {item.target_type} stays up but is not recommended to others",
        "warn": f"The {item.target_type} was removed and the account warned",
        "suspend": f"The {item.target_type} was removed and the account suspended for {duration_days} days",
        "ban": "The account was banned",
    }[action]
    if item.target_type == TargetType.USER and action in ("remove", "warn"):
        restriction = "The account was warned"
    has_notice = item.reason == "report" or facts == Decision.Facts.NOTICE
    decision = Decision.objects.create(
        target_type=item.target_type, target_id=item.target_id, affected_user=author, action=action,
        restriction=restriction, duration_days=duration_days if action == "suspend" else None,
        facts=Decision.Facts.NOTICE if has_notice else Decision.Facts.OWN_INITIATIVE,
        automated_detection=item.reason.startswith("engine") or item.reason in ("nudge_confirmed", "support"),
        automated_decision=False, rule=rule if action != "approve" else (rule or ""), explanation=explanation,
        redress=REDRESS if action != "approve" else "", scores=item.scores, decided_by=actor,
    )
    if action in STRIKING_ACTIONS and item.queue != ReviewItem.Queue.WELLBEING:
        _strike_add(user=author, decision=decision)
    if action == "suspend":
        Sanction.objects.create(
            user=author, kind=Sanction.Kind.SUSPEND, decision=decision,
            until=timezone.now() + dt.timedelta(days=duration_days or 1),
        )
    if action == "ban":
        Sanction.objects.create(user=author, kind=Sanction.Kind.BAN, decision=decision)
        User.objects.filter(pk=author.pk).update(is_active=False)
        tokens_forget(user_id=author.pk)  # a banned account's tokens stop working everywhere at once
        transaction.on_commit(lambda: tokens_forget(user_id=author.pk))
    audit_record(
        actor=actor, action=f"moderation.decide.{action}", target_type=item.target_type, target_id=item.target_id,
        decision_id=decision.pk, review_item_id=item.pk, rule=rule,
    )
    if action == "approve":
        message = f"Your {item.target_type} was reviewed and is now visible. Thanks for your patience."
    else:
        message = f"Decision on your {item.target_type}: {restriction}. Rule: {RULES.get(rule, rule)} {explanation}"
    notification_create(
        user=author, kind="decision", message=message, decision_id=decision.pk,
        target_type=item.target_type, target_id=item.target_id,
    )
    return decision


def review_bulk_decide(
    *, actor: User, item_ids: list[int], action: str, rule: str, explanation: str, duration_days: int | None = None
) -> list[Decision]:
    """The same decision on many items (floods); each gets its own statement of reasons and audit row."""
    _require_moderator(actor)
    if not item_ids or len(item_ids) > 200:
        raise ApplicationError(codes.INVALID_ACTION, "Choose between 1 and 200 items.", status=422)
    with transaction.atomic():
        return [
            review_decide(actor=actor, item_id=i, action=action, rule=rule, explanation=explanation,
                          duration_days=duration_days)
            for i in dict.fromkeys(item_ids)
        ]


# ----------------------------------------------------------------------------------------------- appeals


def appeal_create(*, user: User, decision_id: int, text: str) -> Appeal:
    """Appeal a decision about your own content or account, within 6 months, once at a time."""
    text = (text or "").strip()
    if not text or len(text) > 2000:
        raise ApplicationError(codes.INVALID_ACTION, "Tell us in 1–2,000 characters why the decision is wrong.", status=422)
    decision = Decision.objects.filter(pk=decision_id, affected_user=user).first()
    if decision is None:
        raise NotFound(codes.DECISION_NOT_FOUND, "No such decision about your content.")
    if decision.action not in APPEALABLE_ACTIONS:
        raise ApplicationError(codes.NOT_APPEALABLE, "This decision can't be appealed (nothing was restricted).", status=422)
    if timezone.now() - decision.created_at > dt.timedelta(days=settings.KINDLING_APPEAL_DAYS):
        raise ApplicationError(codes.APPEAL_WINDOW_CLOSED, "Appeals are possible for 6 months after a decision.", status=422)
    with transaction.atomic():
        if Appeal.objects.filter(decision=decision, status=Appeal.Status.OPEN).exists():
            raise Conflict(codes.APPEAL_EXISTS, "You have already appealed this decision; we'll tell you the outcome.")
        appeal = Appeal.objects.create(decision=decision, appellant=user, text=text)
        audit_record(actor=user, action="appeal.create", target_type="appeal", target_id=appeal.pk, decision_id=decision.pk)
        notification_create(
            user=user, kind="appeal_received", message="We received your appeal. A different moderator will review it.",
            appeal_id=appeal.pk,
        )
    return appeal


def appeal_decide(*, actor: User, appeal_id: int, outcome: str, reasons: str) -> Appeal:
    """A different moderator than the one who decided upholds or reverses; a reversal restores at once."""
    _require_moderator(actor)
    if outcome not in ("uphold", "reverse"):
        raise ApplicationError(codes.INVALID_ACTION, "Outcome must be 'uphold' or 'reverse'.", status=422)
    reasons = (reasons or "").strip()
    if not reasons or len(reasons) > 5000:
        raise ApplicationError(codes.INVALID_ACTION, "Give your reasons (1–5,000 characters).", status=422)
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().select_related("decision").filter(pk=appeal_id).first()
        if appeal is None:
            raise NotFound(codes.APPEAL_NOT_FOUND, "No such appeal.")
        if appeal.status != Appeal.Status.OPEN:
            raise Conflict(codes.ITEM_ALREADY_DECIDED, "This appeal has already been decided.")
        original = appeal.decision
        if original.decided_by_id == actor.pk:
            raise PermissionDenied(codes.SAME_MODERATOR, "A different moderator must decide this appeal.")
        appeal.status = Appeal.Status.REVERSED if outcome == "reverse" else Appeal.Status.UPHELD
        appeal.decided_by, appeal.reasons, appeal.decided_at = actor, reasons, timezone.now()
        appeal.save(update_fields=["status", "decided_by", "reasons", "decided_at"])
        if outcome == "reverse":
            _reverse(actor=actor, original=original, reasons=reasons)
        audit_record(actor=actor, action=f"appeal.{appeal.status}", target_type="appeal", target_id=appeal.pk)
        verdict = "reversed: your content is restored" if outcome == "reverse" else "upheld"
        notification_create(
            user=appeal.appellant, kind="appeal_decided", message=f"Your appeal was {verdict}. {reasons}",
            appeal_id=appeal.pk,
        )
    return appeal


def _reverse(*, actor: User, original: Decision, reasons: str) -> None:
    if original.target_type != TargetType.USER:
        target_set_status(
            target_type=original.target_type, target_id=original.target_id, status=PUBLISHED, limit_reach=False
        )
    Strike.objects.filter(decision=original).update(revoked=True)
    lifted = Sanction.objects.filter(decision=original, lifted_at__isnull=True)
    if lifted.filter(kind=Sanction.Kind.BAN).exists():
        User.objects.filter(pk=original.affected_user_id).update(is_active=True)
    lifted.update(lifted_at=timezone.now())
    Decision.objects.create(
        target_type=original.target_type, target_id=original.target_id, affected_user_id=original.affected_user_id,
        action=Decision.Action.REVERSE, restriction="None: the earlier decision was reversed on appeal",
        facts=Decision.Facts.APPEAL, automated_detection=False, automated_decision=False, rule=original.rule,
        explanation=reasons, decided_by=actor,
    )


def bio_submit(*, user: User, bio: str, confirm: bool = False) -> str:
    """A new bio passes the gate before anyone else sees it; until then the old one stays public.
    Returns the bio's status: published, in_review or rejected."""
    from kindling.accounts.services import profile_update

    bio = (bio or "").replace("\x00", "").strip()
    if len(bio) > 300:
        raise ApplicationError("invalid_profile", "Bios are at most 300 characters.", status=422)
    check = content_check(text=bio)
    if check.decision == "nudge" and not confirm:
        nudge_raise(user=user, target_type="bio", text=bio, check=check)
    outcome = gate_outcome(check=check, confirmed=confirm)
    with transaction.atomic():
        if outcome.status == PUBLISHED:
            profile_update(user=user, bio=bio)
            if user.bio_pending:
                User.objects.filter(pk=user.pk).update(bio_pending="")
                user.bio_pending = ""
        else:
            pending = bio if outcome.status == IN_REVIEW else ""
            User.objects.filter(pk=user.pk).update(bio_pending=pending)
            user.bio_pending = pending
            audit_record(actor=user, action="profile.bio_held", target_type="user", target_id=user.pk)
        gate_record(target_type=TargetType.BIO, target_id=user.pk, author=user, text=bio, check=check, outcome=outcome)
        nudge_note_submission(user=user, nudge_id=None, confirmed=confirm and check.decision == "nudge")
    return outcome.status


def published_recheck(*, post_ids: list[int]) -> int:
    """Score published posts again (e.g. after a model update). Posts the engine would now hold, block or
    route to support are taken down to review by a person — never rejected without one. Returns how many."""
    from kindling.posts.models import Post

    posts = list(Post.objects.filter(pk__in=post_ids, status=PUBLISHED).select_related("author"))
    if not posts:
        return 0
    checks = engine_check([p.text for p in posts])
    held = 0
    for post, check in zip(posts, checks, strict=True):
        if check.error is not None or check.decision in ("allow", "nudge"):
            continue
        queue = ReviewItem.Queue.WELLBEING if check.decision == "support" else ReviewItem.Queue.SAFETY
        with transaction.atomic():
            target_set_status(target_type=TargetType.POST, target_id=post.pk, status=IN_REVIEW)
            review_item_open(
                target_type=TargetType.POST, target_id=post.pk, author=post.author, reason="recheck", queue=queue,
                text=post.text, scores=check.scores_dict(), severity=_severity(check),
                reach=post.view_count + post.share_count * 10,
            )
            audit_record(actor=None, action="moderation.recheck.hold", target_type="post", target_id=post.pk)
        held += 1
    return held
