"""Small template helpers for the safety and moderation pages: the nav's unread count and Review link, the
words that triggered a "Rethink?" prompt, and the moderation facts an author sees on their own post.

Each one is a thin call into a selector; none decides visibility itself."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kindling.accounts.selectors import muted_user_ids
from kindling.moderation.models import Decision
from kindling.moderation.policies import can_moderate
from kindling.moderation.rules import RULES
from kindling.moderation.selectors import decision_latest_for
from kindling.moderation.services import help_resources_list
from kindling.notifications.selectors import notifications_unread_count
from kindling.safety.models import Report

register = template.Library()


@register.simple_tag(takes_context=True)
def safety_nav(context: template.Context) -> dict[str, Any]:
    """`{% safety_nav as nav %}`: the signed-in person's unread notifications and whether they moderate.
    Cached on the request so the header asks once per page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return {"unread": 0, "moderator": False}
    cached = getattr(request, "_kindling_safety_nav", None)
    if cached is None:
        cached = {"unread": notifications_unread_count(user=user), "moderator": can_moderate(user)}
        request._kindling_safety_nav = cached
    return cached


def _nudged_text(context: template.Context) -> str:
    """The text a nudge is about: `nudge_text` when the include passes it, else the page form's `text`."""
    text = context.get("nudge_text")
    if text is None:
        form = context.get("form")
        field = form["text"] if form is not None and hasattr(form, "fields") and "text" in form.fields else None
        text = field.value() if field is not None else ""
    return str(text or "")


@register.simple_tag(takes_context=True)
def nudge_marked(context: template.Context, spans: object) -> SafeString:
    """The submitted text with the words the engine flagged wrapped in <mark>; everything escaped.
    Spans are offsets into the text as the service saw it (stripped)."""
    raw = _nudged_text(context).replace("\x00", "").strip()
    pieces: list[str] = []
    pos = 0
    ranges = []
    for span in spans if isinstance(spans, list | tuple) else []:
        try:
            start, end = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= start < end <= len(raw):
            ranges.append((start, end))
    for start, end in sorted(ranges):
        if start < pos:
            continue
        pieces.append(escape(raw[pos:start]))
        pieces.append(f"<mark>{escape(raw[start:end])}</mark>")
        pos = end
    pieces.append(escape(raw[pos:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped


@register.simple_tag
def latest_decision(target_type: str, target_id: int) -> Decision | None:
    """The newest moderation decision on a target (shown to its author only, by the template)."""
    return decision_latest_for(target_type=target_type, target_id=target_id)


@register.simple_tag
def help_resources() -> list[dict[str, str]]:
    return help_resources_list()


@register.filter
def rule_text(code: str) -> str:
    return RULES.get(code or "", "")


@register.simple_tag(takes_context=True)
def is_muted(context: template.Context, person: Any) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or person is None:
        return False
    return person.pk in muted_user_ids(viewer=user)


@register.filter
def percent(value: object) -> int:
    """0.0–1.0 → 0–100 for score bars."""
    try:
        return max(0, min(100, round(float(value) * 100)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


@register.filter
def top_scores(scores: object, count: int = 3) -> list[tuple[str, float]]:
    """The highest engine scores of an item, as (name, value), largest first. With a count under 10 (the
    queue's chips), scores below 5% are left out as noise; the item page asks for all of them."""
    if not isinstance(scores, dict):
        return []
    flat: dict[str, float] = {}
    for key, value in scores.items():
        if isinstance(value, dict):
            for sub, subvalue in value.items():
                if isinstance(subvalue, int | float):
                    flat[str(sub)] = float(subvalue)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            flat[str(key)] = float(value)
    flat.pop("kindness", None)
    ranked = sorted(flat.items(), key=lambda kv: kv[1], reverse=True)
    if int(count) < 10:
        ranked = [kv for kv in ranked if kv[1] >= 0.05]
    return ranked[: int(count)]


@register.simple_tag
def report_reasons() -> list[tuple[str, str]]:
    return list(Report.Reason.choices)


@register.filter
def words(code: object) -> str:
    """`limit_reach` → `limit reach`, for codes shown to people."""
    return str(code or "").replace("_", " ")
