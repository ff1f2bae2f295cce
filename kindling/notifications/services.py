from __future__ import annotations

from typing import Any

from django.utils import timezone

from kindling.accounts.models import User
from kindling.notifications.models import Notification


def notification_create(*, user: User | int, kind: str, message: str, **data: Any) -> Notification:
    """Called inside the caller's transaction, so a notification exists exactly when its cause does."""
    user_id = user if isinstance(user, int) else user.pk
    return Notification.objects.create(user_id=user_id, kind=kind, message=message[:500], data=data)


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
