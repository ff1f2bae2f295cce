"""People's safety pages: notifications, statements of reasons with an appeal form, appeals, reports (filing one
from a post, comment or profile, and following its outcome), mute, the safety settings (who can comment, hold
comments, hidden words), a post author's controls on comments, and "Edit and resubmit" for a rejected post.

Thin over services and selectors, as `kindling.web.views`: POST + CSRF for every change, and every refusal a
service raises shown with its own 4xx status.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kindling.accounts.selectors import hidden_words_for
from kindling.accounts.services import (
    comment_controls_update,
    hidden_word_add,
    hidden_word_delete,
    mute_create,
    mute_delete,
)
from kindling.core.errors import ApplicationError
from kindling.moderation import selectors as mod_selectors
from kindling.moderation import services as mod_services
from kindling.moderation.models import Appeal
from kindling.moderation.rules import RULES
from kindling.moderation.services import APPEALABLE_ACTIONS
from kindling.notifications import selectors as notif_selectors
from kindling.notifications import services as notif_services
from kindling.posts.models import PostStatus
from kindling.posts.services import comment_approve, comment_hide, post_resubmit
from kindling.safety import selectors as safety_selectors
from kindling.safety import services as safety_services
from kindling.web.views import (
    POST_STATUS_MESSAGES,
    _cursor,
    _error,
    _limit_user,
    _me,
    _nudge_from,
    _post_url,
    _profile_url,
    _safe_next,
)

WHO_CAN_COMMENT = [("everyone", "Everyone"), ("followers", "Only people who follow me"), ("no_one", "No one")]
FACTS_TEXT = {
    "own_initiative": "Found by Kindling on its own initiative",
    "notice": "Someone reported it (a notice)",
    "appeal": "Your appeal",
}


# ------------------------------------------------------------------------------------------ notifications


def _notification_link(data: dict[str, Any]) -> str | None:
    """Where a notification leads: its decision, appeal or report page."""
    for key, name in (("appeal_id", "web:appeal"), ("report_id", "web:report"), ("decision_id", "web:decision")):
        value = data.get(key)
        if isinstance(value, int):
            return reverse(name, args=[value])
    return None


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    try:
        rows, next_cursor = notif_selectors.notifications_for(user=me, cursor=_cursor(request))
    except ApplicationError as exc:
        return _error(request, exc)
    items = [{"n": n, "link": _notification_link(n.data or {}), "unread": n.read_at is None} for n in rows]
    context = {"items": items, "next_cursor": next_cursor, "unread": notif_selectors.notifications_unread_count(user=me)}
    return render(request, "web/safety/notifications.html", context)


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    marked = notif_services.notifications_mark_read(user=_me(request))
    messages.success(request, "All caught up." if marked else "Nothing new to mark.")
    return redirect("web:notifications")


# ------------------------------------------------------------------------------------ decisions & appeals


def _decision_page(request: HttpRequest, decision_id: int, *, appeal_error: str | None = None,
                   appeal_text: str = "", status: int = 200) -> HttpResponse:
    me = _me(request)
    try:
        decision = mod_selectors.decision_get_for(viewer=me, decision_id=decision_id)
    except ApplicationError as exc:
        return _error(request, exc)
    statement = mod_selectors.statement_of_reasons(decision)
    appeals = list(decision.appeals.order_by("-created_at"))
    is_affected = decision.affected_user_id == me.pk
    context = {
        "decision": decision,
        "statement": statement,
        "facts_text": FACTS_TEXT.get(decision.facts, decision.get_facts_display()),
        "rule_text": RULES.get(decision.rule, ""),
        "appeals": appeals,
        "can_appeal": is_affected
        and decision.action in APPEALABLE_ACTIONS
        and not any(a.status == Appeal.Status.OPEN for a in appeals),
        "appeal_error": appeal_error,
        "appeal_text": appeal_text,
        "target_url": _post_url(decision.target_id) if decision.target_type == "post" else None,
    }
    return render(request, "web/safety/decision.html", context, status=status)


@login_required
@require_GET
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    return _decision_page(request, decision_id)


@login_required
@require_POST
def appeal_create(request: HttpRequest, decision_id: int) -> HttpResponse:
    text = request.POST.get("text", "")
    try:
        _limit_user(request, "appeal")
        appeal = mod_services.appeal_create(user=_me(request), decision_id=decision_id, text=text)
    except ApplicationError as exc:
        if exc.status == 404:
            return _error(request, exc)
        return _decision_page(request, decision_id, appeal_error=exc.message, appeal_text=text, status=exc.status)
    messages.success(request, "We received your appeal. A different moderator will review it and tell you why.")
    return redirect("web:appeal", appeal_id=appeal.pk)


@login_required
@require_GET
def appeal_detail(request: HttpRequest, appeal_id: int) -> HttpResponse:
    try:
        appeal = mod_selectors.appeal_get_for(viewer=_me(request), appeal_id=appeal_id)
    except ApplicationError as exc:
        return _error(request, exc)
    return render(request, "web/safety/appeal.html", {"appeal": appeal})


# ------------------------------------------------------------------------------------------------ reports


@login_required
@require_GET
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    try:
        report = safety_selectors.report_get_for(viewer=_me(request), report_id=report_id)
    except ApplicationError as exc:
        return _error(request, exc)
    return render(request, "web/safety/report.html", {"report": report})


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    """One form for posts, comments and profiles: target_type, target_id, reason, details."""
    target_type = request.POST.get("target_type", "")
    raw_id = request.POST.get("target_id", "")
    if not raw_id.isdigit() or len(raw_id) > 18:
        return _error(request, ApplicationError("invalid_report", "Choose something to report.", status=422))
    try:
        _limit_user(request, "report")
        report = safety_services.report_create(
            reporter=_me(request), target_type=target_type, target_id=int(raw_id),
            reason=request.POST.get("reason", ""), details=request.POST.get("details", ""),
        )
    except ApplicationError as exc:
        return _error(request, exc)
    messages.success(request, "Thanks — we received your report and will tell you the outcome.")
    return redirect("web:report", report_id=report.pk)


# ------------------------------------------------------------------------------------------------- mutes


def _mute_action(request: HttpRequest, username: str, *, mute: bool) -> HttpResponse:
    try:
        _limit_user(request, "interact")
        if mute:
            mute_create(actor=_me(request), username=username)
            messages.info(request, f"You muted @{username}. They won't know; you won't see their posts or comments.")
        else:
            mute_delete(actor=_me(request), username=username)
            messages.info(request, f"You unmuted @{username}.")
    except ApplicationError as exc:
        return _error(request, exc)
    return redirect(_safe_next(request, _profile_url(username)))


@login_required
@require_POST
def mute(request: HttpRequest, username: str) -> HttpResponse:
    return _mute_action(request, username, mute=True)


@login_required
@require_POST
def unmute(request: HttpRequest, username: str) -> HttpResponse:
    return _mute_action(request, username, mute=False)


# ------------------------------------------------------------------------------------------- safety settings


def _settings_page(request: HttpRequest, *, error: str | None = None, status: int = 200,
                   word_form: dict[str, str] | None = None) -> HttpResponse:
    me = _me(request)
    context = {
        "who_choices": WHO_CAN_COMMENT,
        "who_can_comment": me.who_can_comment,
        "hold_comments": me.hold_comments,
        "hidden_words": hidden_words_for(user=me),
        "error": error,
        "word_form": word_form or {},
        "active": "safety",
    }
    return render(request, "web/safety/settings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def settings_safety(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _settings_page(request)
    try:
        comment_controls_update(
            user=_me(request), who_can_comment=request.POST.get("who_can_comment", ""),
            hold_comments=request.POST.get("hold_comments") == "on",
        )
    except ApplicationError as exc:
        return _settings_page(request, error=exc.message, status=exc.status)
    messages.success(request, "Your comment settings are saved.")
    return redirect("web:settings_safety")


@login_required
@require_POST
def hidden_word_add_view(request: HttpRequest) -> HttpResponse:
    phrase = request.POST.get("phrase", "")
    raw_days = request.POST.get("days", "").strip()
    form = {"phrase": phrase, "days": raw_days}
    if raw_days and not (raw_days.isdigit() and len(raw_days) <= 5):
        return _settings_page(request, error="Expiry is a number of days (1–3650), or empty for never.",
                              status=422, word_form=form)
    try:
        word = hidden_word_add(user=_me(request), phrase=phrase, days=int(raw_days) if raw_days else None)
    except ApplicationError as exc:
        return _settings_page(request, error=exc.message, status=exc.status, word_form=form)
    messages.success(request, f"“{word.phrase}” is hidden from comments on your posts and from your feeds.")
    return redirect("web:settings_safety")


@login_required
@require_POST
def hidden_word_delete_view(request: HttpRequest, word_id: int) -> HttpResponse:
    try:
        hidden_word_delete(user=_me(request), word_id=word_id)
    except ApplicationError as exc:
        return _error(request, exc)
    messages.info(request, "That word is no longer hidden.")
    return redirect("web:settings_safety")


# ------------------------------------------------------------------------------- a post author's controls


def _comment_action(request: HttpRequest, comment_id: int, action: str) -> HttpResponse:
    try:
        _limit_user(request, "interact")
        if action == "approve":
            comment = comment_approve(actor=_me(request), comment_id=comment_id)
            messages.success(request, "The comment is approved and visible to others.")
        else:
            comment = comment_hide(actor=_me(request), comment_id=comment_id, hidden=action == "hide")
            messages.info(request, "The reply is hidden from others." if action == "hide" else "The reply is visible again.")
    except ApplicationError as exc:
        return _error(request, exc)
    return redirect(_safe_next(request, f"{_post_url(comment.post_id)}#comment-{comment.pk}"))


@login_required
@require_POST
def comment_approve_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _comment_action(request, comment_id, "approve")


@login_required
@require_POST
def comment_hide_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _comment_action(request, comment_id, "hide")


@login_required
@require_POST
def comment_unhide_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    return _comment_action(request, comment_id, "unhide")


@login_required
@require_POST
def post_resubmit_view(request: HttpRequest, post_id: int) -> HttpResponse:
    """Restore-on-edit: the author of a rejected post fixes it and it goes through the gate again."""
    try:
        _limit_user(request, "post")
        post = post_resubmit(actor=_me(request), post_id=post_id, text=request.POST.get("text", ""))
    except ApplicationError as exc:
        nudge = _nudge_from(exc)
        if nudge is not None:
            messages.warning(request, nudge.get("message", "Would you like to rethink this?"))
            return redirect(_post_url(post_id))
        return _error(request, exc)
    level = messages.SUCCESS if post.status == PostStatus.PUBLISHED else messages.INFO
    messages.add_message(request, level, POST_STATUS_MESSAGES.get(post.status, "Your post is saved."))
    return redirect(_post_url(post.pk))
