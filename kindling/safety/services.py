"""Safety writes: reports (acknowledged at once, outcome told to the reporter)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from kindling.accounts.models import User
from kindling.accounts.selectors import user_get_visible
from kindling.core.audit import audit_record
from kindling.core.errors import ApplicationError, Conflict, NotFound
from kindling.moderation.models import Decision, ReviewItem
from kindling.moderation.services import review_item_open
from kindling.notifications.services import notification_create
from kindling.posts.selectors import comment_get_visible, post_get_visible
from kindling.safety import error_codes as codes
from kindling.safety.models import Report

# How urgent each kind of report is, before reach is considered.
REASON_SEVERITY = {
    "threat": 0.95, "self_harm": 0.95, "privacy": 0.9, "sexual": 0.85, "hate": 0.85, "underage": 0.8,
    "bullying": 0.75, "spam": 0.4, "other": 0.5,
}
OUTCOME_TEXT = {
    "approve": "We reviewed it and found no breach of our guidelines, so it stays up.",
    "limit_reach": "We limited how far it spreads: it is no longer recommended to others.",
    "remove": "We removed it for breaking our guidelines.",
    "warn": "We removed it and warned the account.",
    "suspend": "We removed it and suspended the account.",
    "ban": "We banned the account.",
}


def _target_for(*, reporter: User, target_type: str, target_id: int) -> tuple[User, str, int]:
    """The reported thing's author, its text and reach — only if the reporter can see it."""
    try:
        if target_type == "post":
            post = post_get_visible(viewer=reporter, post_id=target_id)
            return post.author, post.text, post.view_count + post.share_count * 10
        if target_type == "comment":
            comment = comment_get_visible(viewer=reporter, comment_id=target_id)
            return comment.author, comment.text, comment.post.view_count
        if target_type == "user":
            user = User.objects.filter(pk=target_id, is_active=True).first()
            if user is None:
                raise NotFound(codes.TARGET_NOT_FOUND, "No such account.")
            user_get_visible(viewer=reporter, username=user.username)
            return user, f"{user.display_name}\n{user.bio}".strip(), user.follower_set.count()
    except NotFound as exc:
        raise NotFound(codes.TARGET_NOT_FOUND, "We can't find what you are reporting.") from exc
    raise ApplicationError(codes.INVALID_REPORT, "target_type must be post, comment or user.", status=422)


def report_create(*, reporter: User, target_type: str, target_id: int, reason: str, details: str = "") -> Report:
    """File a report: acknowledged at once, queued for a moderator by severity × reach."""
    if reason not in Report.Reason.values:
        raise ApplicationError(codes.INVALID_REPORT, f"reason must be one of: {', '.join(Report.Reason.values)}.", status=422)
    details = (details or "").replace("\x00", "").strip()
    if len(details) > 2000:
        raise ApplicationError(codes.INVALID_REPORT, "Details can be at most 2,000 characters.", status=422)
    author, text, reach = _target_for(reporter=reporter, target_type=target_type, target_id=target_id)
    if author.pk == reporter.pk:
        raise ApplicationError(codes.INVALID_REPORT, "You can't report your own content.", status=422)
    try:
        with transaction.atomic():
            item = review_item_open(
                target_type=target_type, target_id=target_id, author=author, reason="report",
                queue=ReviewItem.Queue.WELLBEING if reason == "self_harm" else ReviewItem.Queue.SAFETY,
                text=text, scores={}, severity=REASON_SEVERITY.get(reason, 0.5), reach=reach,
            )
            report = Report.objects.create(
                reporter=reporter, target_type=target_type, target_id=target_id, reason=reason, details=details,
                review_item_id=item.pk,
            )
            audit_record(actor=reporter, action="report.create", target_type="report", target_id=report.pk)
            notification_create(
                user=reporter, kind="report_received",
                message="Thanks for your report. We'll look at it and tell you what we decide.", report_id=report.pk,
            )
    except IntegrityError as exc:
        raise Conflict(codes.ALREADY_REPORTED, "You have already reported this; we'll tell you the outcome.") from exc
    return report


def reports_resolve_for_item(sender: Any = None, *, item_id: int, decision_id: int, action: str, **_: Any) -> None:
    """Tell every reporter of a decided item what happened."""
    decision = Decision.objects.filter(pk=decision_id).first()
    outcome = OUTCOME_TEXT.get(action, "We reviewed it.")
    with transaction.atomic():
        for report in Report.objects.select_for_update().filter(review_item_id=item_id, status=Report.Status.RECEIVED):
            report.status, report.outcome, report.resolved_at = Report.Status.RESOLVED, outcome, timezone.now()
            report.save(update_fields=["status", "outcome", "resolved_at"])
            audit_record(actor=None, action="report.resolve", target_type="report", target_id=report.pk,
                         decision_id=decision.pk if decision else None)
            notification_create(
                user=report.reporter_id, kind="report_outcome", message=f"About your report: {outcome}",
                report_id=report.pk,
            )
