"""Moderation, reports, appeals, notifications and the drop-in scoring endpoint."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from kindling.api.auth import current_user, token_auth
from kindling.api.edge import limit_by_user
from kindling.api.schemas import MAX_DB_ID, ErrorOut, ObjectId
from kindling.core.errors import ApplicationError
from kindling.moderation import selectors as mod_selectors
from kindling.moderation import services as mod_services
from kindling.moderation.engine import Check, _engine
from kindling.moderation.models import ReviewItem
from kindling.notifications import selectors as notif_selectors
from kindling.notifications import services as notif_services
from kindling.safety import selectors as safety_selectors
from kindling.safety import services as safety_services

router = Router(tags=["moderation"], auth=token_auth)
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class ScoreIn(Schema):
    texts: list[str] = Field(max_length=100)


class DecisionIn(Schema):
    action: str = Field(max_length=20)
    rule: str = Field(default="", max_length=100)
    explanation: str = Field(default="", max_length=20000)
    duration_days: int | None = Field(default=None, ge=1, le=365)


class BulkDecisionIn(DecisionIn):
    item_ids: list[int] = Field(max_length=200)


class ClaimIn(Schema):
    assignee: str | None = Field(default=None, max_length=150)


class NoteIn(Schema):
    text: str = Field(max_length=20000)


class AppealIn(Schema):
    decision_id: int = Field(ge=1, le=MAX_DB_ID)
    text: str = Field(max_length=20000)


class AppealDecisionIn(Schema):
    outcome: str = Field(max_length=20)
    reasons: str = Field(max_length=20000)


class ReportIn(Schema):
    target_type: str = Field(max_length=20)
    target_id: int = Field(ge=1, le=MAX_DB_ID)
    reason: str = Field(max_length=40)
    details: str = Field(default="", max_length=20000)


def _item_dict(item: ReviewItem, *, detail: bool = False, viewer=None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    reports = safety_selectors.reports_for_target(target_type=item.target_type, target_id=item.target_id)
    data: dict[str, Any] = {
        "id": item.pk,
        "kind": item.target_type,
        "target_id": item.target_id,
        "queue": item.queue,
        "reason": item.reason,
        "status": item.status,
        "text": item.text,
        "scores": item.scores,
        "severity": item.severity,
        "reach": item.reach,
        "priority": item.priority,
        "author": {"id": item.author_id, "username": item.author.username},
        "assigned_to": item.assigned_to.username if item.assigned_to else None,
        "reports": [{"id": r.pk, "reason": r.reason, "details": r.details, "created_at": r.created_at} for r in reports],
        "created_at": item.created_at,
    }
    if detail:
        data["author_history"] = mod_selectors.author_history(viewer=viewer, author=item.author)
        data["notes"] = [
            {"author": n.author.username, "text": n.text, "created_at": n.created_at}
            for n in item.notes.select_related("author").order_by("created_at")
        ]
        data["decision"] = mod_selectors.statement_of_reasons(item.decision) if item.decision else None
    return data


@router.post("/moderation/score", response={200: dict, **ERRORS}, summary="Score texts with the moderation engine")
def moderation_score(request: HttpRequest, payload: ScoreIn):  # type: ignore[no-untyped-def]
    """Drop-in moderation service: up to 100 texts → one result each, `{harm, kindness, categories, decision}`."""
    user = current_user(request)
    limit_by_user("moderation_score", user)
    if any(len(t) > 100_000 for t in payload.texts):
        raise ApplicationError("text_too_long", "Each text can be at most 100,000 characters.", status=422)
    try:
        scores = _engine().score(list(payload.texts))
    except Exception as exc:
        raise ApplicationError("engine_unavailable", "The moderation engine is not available.", status=503) from exc
    results = []
    for score in scores:
        check = Check(decision=score.decision, harm=score.harm, kindness=score.kindness, categories=dict(score.categories))
        results.append({
            "harm": round(float(check.harm or 0), 4),
            "kindness": round(float(check.kindness or 0), 4),
            "categories": {k: round(float(v), 4) for k, v in check.categories.items()},
            "decision": check.decision,
        })
    return {"results": results}


@router.get("/moderation/queue", response={200: dict, **ERRORS})
def queue(request: HttpRequest, queue: str | None = None, status: str | None = None):  # type: ignore[no-untyped-def]
    viewer = current_user(request)
    items = mod_selectors.review_queue(viewer=viewer, queue=queue, status=status)
    return {"items": [_item_dict(i) for i in items]}


@router.get("/moderation/items/{item_id}", response={200: dict, **ERRORS})
def item_get(request: HttpRequest, item_id: ObjectId):  # type: ignore[no-untyped-def]
    viewer = current_user(request)
    return _item_dict(mod_selectors.review_item_get(viewer=viewer, item_id=item_id), detail=True, viewer=viewer)


@router.post("/moderation/items/{item_id}/claim", response={200: dict, **ERRORS})
def item_claim(request: HttpRequest, item_id: ObjectId, payload: ClaimIn | None = None):  # type: ignore[no-untyped-def]
    from kindling.accounts.models import User

    actor = current_user(request)
    assignee = None
    if payload and payload.assignee:
        assignee = User.objects.filter(username__iexact=payload.assignee).first()
        if assignee is None:
            raise ApplicationError("user_not_found", "No such moderator.", status=404)
    item = mod_services.review_item_claim(actor=actor, item_id=item_id, assignee=assignee)
    return _item_dict(item)


@router.post("/moderation/items/{item_id}/notes", response={201: dict, **ERRORS})
def item_note(request: HttpRequest, item_id: ObjectId, payload: NoteIn):  # type: ignore[no-untyped-def]
    note = mod_services.review_note_add(actor=current_user(request), item_id=item_id, text=payload.text)
    return Status(201, {"id": note.pk, "text": note.text})


@router.post("/moderation/items/{item_id}/decision", response={201: dict, **ERRORS})
def item_decide(request: HttpRequest, item_id: ObjectId, payload: DecisionIn):  # type: ignore[no-untyped-def]
    decision = mod_services.review_decide(
        actor=current_user(request), item_id=item_id, action=payload.action, rule=payload.rule,
        explanation=payload.explanation, duration_days=payload.duration_days,
    )
    return Status(201, mod_selectors.statement_of_reasons(decision))


@router.post("/moderation/bulk-decision", response={201: dict, **ERRORS})
def bulk_decide(request: HttpRequest, payload: BulkDecisionIn):  # type: ignore[no-untyped-def]
    decisions = mod_services.review_bulk_decide(
        actor=current_user(request), item_ids=payload.item_ids, action=payload.action, rule=payload.rule,
        explanation=payload.explanation, duration_days=payload.duration_days,
    )
    return Status(201, {"decisions": [d.pk for d in decisions]})


@router.get("/moderation/appeals", response={200: dict, **ERRORS})
def appeals_open(request: HttpRequest):  # type: ignore[no-untyped-def]
    rows = mod_selectors.appeals_open(viewer=current_user(request))
    return {"items": [_appeal_dict(a, moderator=True) for a in rows]}


@router.post("/moderation/appeals/{appeal_id}/decision", response={201: dict, **ERRORS})
def appeal_decide(request: HttpRequest, appeal_id: ObjectId, payload: AppealDecisionIn):  # type: ignore[no-untyped-def]
    appeal = mod_services.appeal_decide(
        actor=current_user(request), appeal_id=appeal_id, outcome=payload.outcome, reasons=payload.reasons
    )
    return Status(201, _appeal_dict(appeal))


@router.get("/moderation/nudge-rates", response={200: dict, **ERRORS})
def nudge_rates(request: HttpRequest, days: int = 30):  # type: ignore[no-untyped-def]
    return mod_selectors.nudge_rates(viewer=current_user(request), days=max(1, min(days, 365)))


@router.get("/moderation/decisions/{decision_id}", response={200: dict, **ERRORS})
def decision_get(request: HttpRequest, decision_id: ObjectId):  # type: ignore[no-untyped-def]
    decision = mod_selectors.decision_get_for(viewer=current_user(request), decision_id=decision_id)
    return mod_selectors.statement_of_reasons(decision)


@router.post("/nudges/{nudge_id}/cancel", response={200: dict, **ERRORS}, tags=["posts"])
def nudge_cancel(request: HttpRequest, nudge_id: ObjectId):  # type: ignore[no-untyped-def]
    nudge = mod_services.nudge_cancel(user=current_user(request), nudge_id=nudge_id)
    return {"id": nudge.pk, "outcome": nudge.outcome}


def _appeal_dict(appeal, *, moderator: bool = False) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    data = {
        "id": appeal.pk,
        "decision_id": appeal.decision_id,
        "status": appeal.status,
        "text": appeal.text,
        "reasons": appeal.reasons,
        "created_at": appeal.created_at,
        "decided_at": appeal.decided_at,
    }
    if moderator:
        data["decision"] = mod_selectors.statement_of_reasons(appeal.decision)
        data["appellant"] = appeal.appellant.username
    return data


@router.post("/appeals", response={201: dict, **ERRORS}, tags=["appeals"])
def appeal_create(request: HttpRequest, payload: AppealIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    limit_by_user("appeal", user)
    appeal = mod_services.appeal_create(user=user, decision_id=payload.decision_id, text=payload.text)
    return Status(201, _appeal_dict(appeal))


@router.get("/appeals/{appeal_id}", response={200: dict, **ERRORS}, tags=["appeals"])
def appeal_get(request: HttpRequest, appeal_id: ObjectId):  # type: ignore[no-untyped-def]
    return _appeal_dict(mod_selectors.appeal_get_for(viewer=current_user(request), appeal_id=appeal_id))


@router.post("/reports", response={201: dict, **ERRORS}, tags=["reports"])
def report_create(request: HttpRequest, payload: ReportIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    limit_by_user("report", user)
    report = safety_services.report_create(
        reporter=user, target_type=payload.target_type, target_id=payload.target_id, reason=payload.reason,
        details=payload.details,
    )
    return Status(201, {"id": report.pk, "status": report.status,
                        "message": "Thanks — we received your report and will tell you the outcome."})


@router.get("/reports/{report_id}", response={200: dict, **ERRORS}, tags=["reports"])
def report_get(request: HttpRequest, report_id: ObjectId):  # type: ignore[no-untyped-def]
    report = safety_selectors.report_get_for(viewer=current_user(request), report_id=report_id)
    return {
        "id": report.pk, "target_type": report.target_type, "target_id": report.target_id, "reason": report.reason,
        "status": report.status, "outcome": report.outcome or None, "created_at": report.created_at,
        "resolved_at": report.resolved_at,
    }


@router.get("/notifications", response={200: dict, **ERRORS}, tags=["notifications"])
def notifications(request: HttpRequest, cursor: str | None = None):  # type: ignore[no-untyped-def]
    user = current_user(request)
    rows, next_cursor = notif_selectors.notifications_for(user=user, cursor=cursor)
    return {
        "items": [
            {"id": n.pk, "kind": n.kind, "message": n.message, "data": n.data, "created_at": n.created_at,
             "read": n.read_at is not None}
            for n in rows
        ],
        "next_cursor": next_cursor,
        "unread": notif_selectors.notifications_unread_count(user=user),
    }


@router.post("/notifications/read", response={200: dict, **ERRORS}, tags=["notifications"])
def notifications_read(request: HttpRequest):  # type: ignore[no-untyped-def]
    return {"marked": notif_services.notifications_mark_read(user=current_user(request))}


@router.get("/help-resources", response={200: dict, **ERRORS}, auth=None, tags=["safety"])
def help_resources(request: HttpRequest, country: str = ""):  # type: ignore[no-untyped-def]
    return {"items": mod_services.help_resources_list(country=country[:2])}


