"""Who may do what with challenges, Discover and compliments. Pure functions; services call them."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from kindling.accounts.models import User
from kindling.moderation.policies import can_edit, is_admin


def is_verified_org(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    from kindling.challenges.models import VerifiedOrganisation

    return VerifiedOrganisation.objects.filter(user=user).exists()


def can_propose_challenge(user: User | AnonymousUser) -> bool:
    """Editors, admins and verified organisations propose challenges."""
    return can_edit(user) or is_verified_org(user)


def can_curate(user: User | AnonymousUser) -> bool:
    """Editors (and admins) review challenges, feature entries, build collections and steer trending."""
    return can_edit(user)


def can_verify_organisations(user: User | AnonymousUser) -> bool:
    return is_admin(user)


def can_see_challenge(user: User | AnonymousUser, challenge) -> bool:  # type: ignore[no-untyped-def]
    """Approved challenges are public; others only for their proposer and the editors reviewing them."""
    if challenge.status == "approved":
        return True
    return user.is_authenticated and (challenge.proposer_id == user.pk or can_curate(user))
