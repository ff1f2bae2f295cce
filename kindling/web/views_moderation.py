"""Moderator pages: the keyboard-driven review console, an item's page with its decision form, bulk decisions,
appeals, and nudge outcome rates. Thin over `kindling.moderation` services and selectors, mirroring
`kindling.api.moderation`.

Every page needs `can_moderate` (a 403 page otherwise); every change is a POST with CSRF; every refusal a service
raises is shown with its own 4xx status (never a 500).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from kindling.accounts.selectors import user_get_visible
from kindling.core.errors import ApplicationError
from kindling.moderation import selectors as mod_selectors
from kindling.moderation import services as mod_services
from kindling.moderation.models import ReviewItem
from kindling.moderation.policies import can_moderate
from kindling.moderation.rules import RULES
from kindling.safety import selectors as safety_selectors
from kindling.web.views import _error, _me

# What a moderator may decide, in the order the form offers it.
ACTIONS: list[tuple[str, str]] = [
    ("approve", "Approve — publish it"),
    ("remove", "Remove"),
    ("limit_reach", "Limit reach — keep it up, never recommend it"),
    ("warn", "Warn — remove and warn the account"),
    ("suspend", "Suspend the account for N days"),
    ("ban", "Ban the account"),
]
WELLBEING_ACTIONS = {"approve", "remove", "limit_reach"}
QUEUES = [("", "All queues"), ("safety", "Safety"), ("wellbeing", "Wellbeing")]
NUDGE_OUTCOMES = [
    ("shown", "Shown, no answer yet"),
    ("revised", "Revised"),
    ("cancelled", "Cancelled"),
    ("sent_anyway", "Sent anyway"),
]


def moderator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in (else the login page) and a moderator (else a 403 page)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_moderate(request.user):  # type: ignore[arg-type]
            return render(
                request, "web/error.html", {"message": "Only moderators can see this page.", "code": "not_moderator"},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapped


def _int_or_none(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def _item_url(item_id: int) -> str:
    return reverse("web:moderation_item", kwargs={"item_id": item_id})


def _decision_kwargs(request: HttpRequest) -> dict[str, Any]:
    return {
        "action": request.POST.get("action", ""),
        "rule": request.POST.get("rule", ""),
        "explanation": request.POST.get("explanation", ""),
        "duration_days": _int_or_none(request.POST.get("duration_days")),
    }


def _rows(items: list[ReviewItem]) -> list[dict[str, Any]]:
    """Queue rows with their reports count (read through the safety selector, as the API does)."""
    return [
        {
            "item": item,
            "reports": len(safety_selectors.reports_for_target(target_type=item.target_type, target_id=item.target_id)),
        }
        for item in items
    ]


def _console_context(request: HttpRequest) -> dict[str, Any]:
    me = _me(request)
    queue = request.GET.get("queue", "")
    if queue not in {"safety", "wellbeing"}:
        queue = ""
    items = mod_selectors.review_queue(viewer=me, queue=queue or None)
    rates = mod_selectors.nudge_rates(viewer=me)
    total = sum(rates.values())
    biggest = max(rates.values(), default=0) or 1
    return {
        "rows": _rows(items),
        "queue": queue,
        "queues": QUEUES,
        "actions": ACTIONS,
        "rules": RULES,
        "open_appeals": mod_selectors.appeals_open(viewer=me).count(),
        "nudge_rates": [
            {
                "key": key,
                "label": label,
                "count": rates.get(key, 0),
                "width": round(100 * rates.get(key, 0) / biggest),
                "share": round(100 * rates.get(key, 0) / total) if total else 0,
            }
            for key, label in NUDGE_OUTCOMES
        ],
        "nudge_total": total,
    }


@moderator_required
@require_GET
def console(request: HttpRequest) -> HttpResponse:
    try:
        context = _console_context(request)
    except ApplicationError as exc:
        return _error(request, exc)
    return render(request, "web/moderation/console.html", context)


def _item_page(request: HttpRequest, item_id: int, *, error: str | None = None, status: int = 200,
               form: dict[str, Any] | None = None) -> HttpResponse:
    me = _me(request)
    try:
        item = mod_selectors.review_item_get(viewer=me, item_id=item_id)
        history = mod_selectors.author_history(viewer=me, author=item.author)
    except ApplicationError as exc:
        return _error(request, exc)
    reports = safety_selectors.reports_for_target(target_type=item.target_type, target_id=item.target_id)
    actions = ACTIONS if item.queue != ReviewItem.Queue.WELLBEING else [a for a in ACTIONS if a[0] in WELLBEING_ACTIONS]
    context = {
        "item": item,
        "history": history,
        "reports": reports,
        "notes": list(item.notes.select_related("author").order_by("created_at")),
        "decision": mod_selectors.statement_of_reasons(item.decision) if item.decision else None,
        "actions": actions,
        "rules": RULES,
        "error": error,
        "form": form or {},
        "chosen_action": (form or {}).get("action") or request.GET.get("action", ""),
        "decided": item.status == ReviewItem.Status.DECIDED,
    }
    return render(request, "web/moderation/item.html", context, status=status)


@moderator_required
@require_GET
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    return _item_page(request, item_id)


@moderator_required
@require_POST
def item_claim(request: HttpRequest, item_id: int) -> HttpResponse:
    name = request.POST.get("assignee", "").strip().lstrip("@")
    try:
        assignee = user_get_visible(viewer=_me(request), username=name) if name else None
        item = mod_services.review_item_claim(actor=_me(request), item_id=item_id, assignee=assignee)
    except ApplicationError as exc:
        return _error(request, exc)
    who = "you" if item.assigned_to_id == request.user.pk else f"@{item.assigned_to.username}"  # type: ignore[union-attr]
    messages.success(request, f"Item {item.pk} is assigned to {who}.")
    return redirect(_item_url(item.pk) if request.POST.get("from") != "console" else reverse("web:moderation"))


@moderator_required
@require_POST
def item_note(request: HttpRequest, item_id: int) -> HttpResponse:
    try:
        mod_services.review_note_add(actor=_me(request), item_id=item_id, text=request.POST.get("text", ""))
    except ApplicationError as exc:
        if exc.status == 404:
            return _error(request, exc)
        return _item_page(request, item_id, error=exc.message, status=exc.status)
    messages.success(request, "Note added.")
    return redirect(f"{_item_url(item_id)}#notes")


@moderator_required
@require_POST
def item_decide(request: HttpRequest, item_id: int) -> HttpResponse:
    kwargs = _decision_kwargs(request)
    try:
        decision = mod_services.review_decide(actor=_me(request), item_id=item_id, **kwargs)
    except ApplicationError as exc:
        if exc.status == 404:
            return _error(request, exc)
        return _item_page(request, item_id, error=exc.message, status=exc.status, form=kwargs)
    messages.success(request, f"Decided: {decision.get_action_display()}. The author has been told why.")
    return redirect("web:moderation")


@moderator_required
@require_POST
def bulk_decide(request: HttpRequest) -> HttpResponse:
    ids = [i for i in (_int_or_none(raw) for raw in request.POST.getlist("item_ids")) if i is not None]
    kwargs = _decision_kwargs(request)
    try:
        decisions = mod_services.review_bulk_decide(actor=_me(request), item_ids=ids, **kwargs)
    except ApplicationError as exc:
        try:
            context = _console_context(request)
        except ApplicationError as inner:
            return _error(request, inner)
        context.update(bulk_error=exc.message, bulk_form=kwargs, selected=set(ids))
        return render(request, "web/moderation/console.html", context, status=exc.status)
    messages.success(request, f"Decided {len(decisions)} item{'s' if len(decisions) != 1 else ''}.")
    return redirect("web:moderation")


def _appeals_page(request: HttpRequest, *, errors: dict[int, str] | None = None, status: int = 200) -> HttpResponse:
    try:
        appeals = list(mod_selectors.appeals_open(viewer=_me(request)))
    except ApplicationError as exc:
        return _error(request, exc)
    rows = [
        {
            "appeal": appeal,
            "statement": mod_selectors.statement_of_reasons(appeal.decision),
            "same_moderator": appeal.decision.decided_by_id == request.user.pk,
            "error": (errors or {}).get(appeal.pk),
        }
        for appeal in appeals
    ]
    return render(request, "web/moderation/appeals.html", {"rows": rows}, status=status)


@moderator_required
@require_GET
def appeals(request: HttpRequest) -> HttpResponse:
    return _appeals_page(request)


@moderator_required
@require_POST
def appeal_decide(request: HttpRequest, appeal_id: int) -> HttpResponse:
    try:
        appeal = mod_services.appeal_decide(
            actor=_me(request), appeal_id=appeal_id, outcome=request.POST.get("outcome", ""),
            reasons=request.POST.get("reasons", ""),
        )
    except ApplicationError as exc:
        if exc.status == 404:
            return _error(request, exc)
        return _appeals_page(request, errors={appeal_id: exc.message}, status=exc.status)
    messages.success(request, f"Appeal {appeal.pk} {appeal.status}. The person has been told your reasons.")
    return redirect("web:moderation_appeals")
