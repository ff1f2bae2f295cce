from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import Signal

from kindling.core.models import AuditEntry

# kwargs: actor_id (None for the system), action, target_type, target_id, data. Sent after the service's
# transaction commits, once per audit row: every state change writes one, so a listener that keeps
# derived data (caches) current sees every change without each service having to know about it.
state_changed = Signal()


def audit_record(*, actor: Any, action: str, target_type: str, target_id: int | None, **data: Any) -> AuditEntry:
    """Write an audit row; must run inside the service's transaction so the row and the change land together."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside the service's transaction")
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry.objects.create(
        actor=actor_obj, action=action, target_type=target_type, target_id=target_id, data=data
    )
    actor_id = actor_obj.pk if actor_obj is not None else None
    transaction.on_commit(
        lambda: state_changed.send(
            sender=AuditEntry, actor_id=actor_id, action=action, target_type=target_type, target_id=target_id,
            data=data,
        )
    )
    return entry
