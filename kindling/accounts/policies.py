"""Who may do what between accounts. Pure functions over the database; services call them."""

from __future__ import annotations

from kindling.accounts.models import AgeBand, Block, Follow, User


def is_blocked_either_way(a: User, b: User) -> bool:
    if not a.is_authenticated or not b.is_authenticated:
        return False
    return Block.objects.filter(blocker=a, blocked=b).exists() or Block.objects.filter(blocker=b, blocked=a).exists()


def follows(follower: User, followee: User) -> bool:
    if not follower.is_authenticated:
        return False
    return Follow.objects.filter(follower=follower, followee=followee, status=Follow.Status.ACCEPTED).exists()


def is_under_16(user: User) -> bool:
    return user.age_band == AgeBand.TEEN_13_15


def can_contact(actor: User, target: User) -> bool:
    """Mentions and (later) messages: under-16s can be reached only by accounts they follow themselves."""
    if not actor.is_authenticated or actor.pk == target.pk:
        return actor.is_authenticated
    if is_blocked_either_way(actor, target):
        return False
    if is_under_16(target):
        return follows(target, actor)
    return True


def can_view_profile_content(viewer: User, owner: User) -> bool:
    """Posts of a private account are for its approved followers."""
    if viewer.is_authenticated and viewer.pk == owner.pk:
        return True
    if is_blocked_either_way(viewer, owner) or not owner.is_active:
        return False
    return not owner.is_private or follows(viewer, owner)
