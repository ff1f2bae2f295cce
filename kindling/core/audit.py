from __future__ import annotations

from typing import Any

from django.db import transaction

from kindling.core.models import AuditEntry


def audit_record(*, actor: Any, action: str, target_type: str, target_id: int | None, **data: Any) -> AuditEntry:
    """Write an audit row; must run inside the service's transaction so the row and the change land together."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside the service's transaction")
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor_obj, action=action, target_type=target_type, target_id=target_id, data=data
    )
