"""Who may moderate. Roles are Django groups (moderator, editor, admin); superusers hold every role."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from kindling.accounts.models import User

MODERATOR_GROUP = "moderator"
EDITOR_GROUP = "editor"
ADMIN_GROUP = "admin"


def _in_group(user: User | AnonymousUser, *names: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=names).exists()


def can_moderate(user: User | AnonymousUser) -> bool:
    return _in_group(user, MODERATOR_GROUP, ADMIN_GROUP)


def can_edit(user: User | AnonymousUser) -> bool:
    return _in_group(user, EDITOR_GROUP, ADMIN_GROUP)


def is_admin(user: User | AnonymousUser) -> bool:
    return _in_group(user, ADMIN_GROUP)
