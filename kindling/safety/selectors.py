from __future__ import annotations

from kindling.accounts.models import User
from kindling.core.errors import NotFound
from kindling.moderation.policies import can_moderate
from kindling.safety import error_codes as codes
from kindling.safety.models import Report


def report_get_for(*, viewer: User, report_id: int) -> Report:
    """Reporters see their own reports; moderators see all."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or (report.reporter_id != viewer.pk and not can_moderate(viewer)):
        raise NotFound(codes.REPORT_NOT_FOUND, "No such report.")
    return report


def reports_for_target(*, target_type: str, target_id: int) -> list[Report]:
    return list(Report.objects.filter(target_type=target_type, target_id=target_id).order_by("created_at"))
