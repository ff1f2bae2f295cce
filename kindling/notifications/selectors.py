from __future__ import annotations

from kindling.accounts.models import User
from kindling.core.pagination import keyset_page
from kindling.notifications.models import Notification


def notifications_for(*, user: User, cursor: str | None, limit: int = 20):
    return keyset_page(Notification.objects.filter(user=user), cursor=cursor, limit=limit)


def notifications_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
