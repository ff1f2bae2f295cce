"""Account services and selectors: age bands over time, teen defaults, follows, blocks, tokens, audit."""

import datetime as dt

import pytest

from kindling.accounts import selectors, services
from kindling.accounts.models import AgeBand, Follow, User
from kindling.accounts.policies import can_contact, can_view_profile_content
from kindling.core.errors import ApplicationError
from kindling.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_age_band_moves_with_time_without_birth_date():
    """A 13-year-old becomes 16-17 on the 16th birthday and 18+ on the 18th, computed from stored dates."""
    today = dt.date(2026, 6, 1)
    user = services.user_signup(
        username="teen", email="teen@example.org", password="a-long-kind-password",
        birth_date=dt.date(2013, 1, 1), today=today,
    )
    assert user.age_band_on(today) == AgeBand.TEEN_13_15
    assert user.age_band_on(dt.date(2028, 12, 31)) == AgeBand.TEEN_13_15
    assert user.age_band_on(dt.date(2029, 1, 1)) == AgeBand.TEEN_16_17
    assert user.age_band_on(dt.date(2031, 1, 1)) == AgeBand.ADULT


def test_thirteenth_birthday_is_allowed_day_before_is_not():
    """Exactly 13 today may join; one day short may not, and nothing is stored."""
    today = dt.date(2026, 6, 1)
    with pytest.raises(ApplicationError) as exc:
        services.user_signup(username="almost", email="a@example.org", password="a-long-kind-password",
                             birth_date=dt.date(2013, 6, 2), today=today)
    assert exc.value.code == "under_minimum_age" and exc.value.status == 403
    assert User.objects.count() == 0 and AuditEntry.objects.count() == 0
    services.user_signup(username="exactly", email="e@example.org", password="a-long-kind-password",
                         birth_date=dt.date(2013, 6, 1), today=today)


def test_signup_writes_audit_row(make_user):
    """Sign-up writes a user.signup audit entry in the same transaction."""
    user = make_user("alice")
    assert AuditEntry.objects.filter(action="user.signup", target_id=user.pk).exists()


def test_user_is_minor_selector(make_user):
    """The one 'under 18' answer: teens are minors, adults and staff without dates are not."""
    teen = make_user("teen", birth_date=dt.date.today().replace(year=dt.date.today().year - 17))
    adult = make_user("adult")
    staff = User.objects.create_superuser("root", "root@example.org", "x-long-password")
    assert selectors.user_is_minor(user=teen) is True
    assert selectors.user_is_minor(user=adult) is False
    assert selectors.user_is_minor(user=staff) is False


def test_under_16_not_suggested_to_strangers(make_user):
    """Suggestions never include under-16 accounts, blocked accounts, or people already followed."""
    young = make_user("young", birth_date=dt.date.today().replace(year=dt.date.today().year - 14))
    viewer, other, followed, blocked = make_user("viewer"), make_user("other"), make_user("fol"), make_user("blk")
    services.follow_create(actor=viewer, username="fol")
    services.block_create(actor=blocked, username="viewer")
    suggested = {u.username for u in selectors.user_suggestions(viewer=viewer, limit=50)}
    assert suggested == {"other"}
    assert young.is_private and other and followed


def test_under_16_can_be_contacted_only_by_accounts_they_follow(make_user):
    """Mentions/messages to an under-16 need the teen to follow the sender; adults are open to all."""
    young = make_user("young", birth_date=dt.date.today().replace(year=dt.date.today().year - 14))
    stranger, friend = make_user("stranger"), make_user("friend")
    assert can_contact(stranger, young) is False
    services.follow_create(actor=young, username="friend")
    assert can_contact(friend, young) is True
    assert can_contact(young, stranger) is True


def test_private_account_content_needs_accepted_follow(make_user):
    """A pending request does not reveal a private account's posts; approval does."""
    owner, fan = make_user("owner", private=True), make_user("fan")
    follow = services.follow_create(actor=fan, username="owner")
    assert follow.status == Follow.Status.PENDING
    assert can_view_profile_content(fan, owner) is False
    services.follow_request_decide(actor=owner, username="fan", approve=True)
    assert can_view_profile_content(fan, owner) is True


def test_going_public_accepts_pending_requests(make_user):
    """Switching to public accepts everyone who was waiting."""
    owner, fan = make_user("owner", private=True), make_user("fan")
    services.follow_create(actor=fan, username="owner")
    services.profile_update(user=owner, is_private=False)
    assert Follow.objects.get(follower=fan).status == Follow.Status.ACCEPTED


def test_block_removes_follows_both_ways(make_user):
    """Blocking ends follows in both directions and refuses new ones."""
    a, b = make_user("aaa"), make_user("bbb")
    services.follow_create(actor=a, username="bbb")
    services.follow_create(actor=b, username="aaa")
    services.block_create(actor=a, username="bbb")
    assert Follow.objects.count() == 0
    with pytest.raises(ApplicationError):
        services.follow_create(actor=b, username="aaa")
    assert selectors.blocked_user_ids(viewer=b) == {a.pk}


def test_tokens_authenticate_and_revoke(make_user):
    """A token authenticates until revoked; a forged one never does."""
    user = make_user("tok")
    token = services.token_create(user=user)
    assert services.token_authenticate(token=token) == user
    assert services.token_authenticate(token=token + "x") is None
    row = user.api_tokens.get()
    services.token_revoke(user=user, token_id=row.pk)
    assert services.token_authenticate(token=token) is None
