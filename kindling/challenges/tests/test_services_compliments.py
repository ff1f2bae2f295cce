"""Compliments: the stricter kindness rule, who may compliment whom, the kindness inbox, counters, blocking
and reporting in one step, rate limits and failing closed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kindling.accounts.models import Block
from kindling.accounts.services import follow_create
from kindling.challenges import selectors, services
from kindling.challenges.models import Compliment, ComplimentStatus
from kindling.core.errors import ApplicationError
from kindling.notifications.models import Notification
from kindling.safety.models import Report

pytestmark = pytest.mark.django_db

KIND = "You explain things so kindly, thank you"


def _teen_birth_date() -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - 14) - dt.timedelta(days=3)


def _refused(**kwargs) -> ApplicationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ApplicationError) as exc:
        services.compliment_send(**kwargs)
    return exc.value


def test_stranger_compliment_waits_in_the_inbox_and_accepting_shows_it(make_user):
    """From someone the recipient doesn't follow: pending_acceptance, in the inbox, a notification; accepting
    puts it on the profile and counts sent/received/accepted."""
    sender, recipient = make_user("sam"), make_user("rita")
    compliment = services.compliment_send(sender=sender, to_username="Rita", text=KIND)
    assert compliment.status == ComplimentStatus.PENDING_ACCEPTANCE
    assert [c.pk for c in selectors.compliments_inbox(user=recipient)] == [compliment.pk]
    assert Notification.objects.filter(user=recipient, kind="compliment").exists()
    assert selectors.compliments_on_profile(viewer=sender, user=recipient) == []

    services.compliment_accept(actor=recipient, compliment_id=compliment.pk)
    assert selectors.compliments_inbox(user=recipient) == []
    assert [c.pk for c in selectors.compliments_on_profile(viewer=sender, user=recipient)] == [compliment.pk]
    assert selectors.compliment_counts(user=sender)["sent"] == 1
    assert selectors.compliment_counts(user=recipient) == {"sent": 0, "received": 1, "accepted": 1}
    with pytest.raises(ApplicationError) as exc:
        services.compliment_accept(actor=recipient, compliment_id=compliment.pk)
    assert exc.value.status == 409


def test_from_someone_followed_is_delivered_directly(make_user):
    sender, recipient = make_user(), make_user()
    follow_create(actor=recipient, username=sender.username)
    compliment = services.compliment_send(sender=sender, to_username=recipient.username, text=KIND)
    assert compliment.status == ComplimentStatus.DELIVERED and compliment.show_on_profile
    assert selectors.compliments_inbox(user=recipient) == []


def test_sarcastic_or_lukewarm_text_is_refused_with_an_explanation(make_user):
    """The compliment rule is stricter than posting: merely allowed text (kindness 0.3) or a nudge is refused."""
    sender, recipient = make_user(), make_user()
    err = _refused(sender=sender, to_username=recipient.username, text="Nice haircut, for once")
    assert err.status == 422 and err.code == "not_kind" and "backhanded" in err.message
    err = _refused(sender=sender, to_username=recipient.username, text="So kind [[nudge:insult]]")
    assert err.code == "not_kind"
    assert not Compliment.objects.exists()


def test_engine_failure_sends_nothing(make_user):
    """Fail closed: no unchecked compliment is ever delivered."""
    sender, recipient = make_user(), make_user()
    err = _refused(sender=sender, to_username=recipient.username, text="kind words [[error]]")
    assert err.status == 503 and err.code == "engine_unavailable"
    assert not Compliment.objects.exists()


def test_under_16_hears_only_from_accounts_they_follow_by_default(make_user):
    teen = make_user("teen", birth_date=_teen_birth_date())
    stranger, friend = make_user(), make_user()
    follow_create(actor=teen, username=friend.username)
    err = _refused(sender=stranger, to_username="teen", text=KIND)
    assert err.status == 403 and err.code == "compliments_limited"
    assert services.compliment_send(sender=friend, to_username="teen", text=KIND).status == "delivered"
    assert services.effective_who_can_compliment(teen) == "following"


def test_recipient_settings_no_one_and_following(make_user):
    sender, recipient = make_user(), make_user()
    services.compliment_settings_update(user=recipient, who_can_compliment="no_one")
    assert _refused(sender=sender, to_username=recipient.username, text=KIND).code == "compliments_off"
    services.compliment_settings_update(user=recipient, who_can_compliment="following")
    assert _refused(sender=sender, to_username=recipient.username, text=KIND).code == "compliments_limited"
    with pytest.raises(ApplicationError):
        services.compliment_settings_update(user=recipient, who_can_compliment="friends")


def test_blocked_self_empty_too_long_and_unknown(make_user):
    sender, recipient = make_user(), make_user()
    assert _refused(sender=sender, to_username=sender.username, text=KIND).code == "self_compliment"
    assert _refused(sender=sender, to_username="nobody_here", text=KIND).status == 404
    assert _refused(sender=sender, to_username=recipient.username, text="  ").code == "empty_compliment"
    assert _refused(sender=sender, to_username=recipient.username, text="kind " * 80).code == "compliment_too_long"
    Block.objects.create(blocker=recipient, blocked=sender)
    err = _refused(sender=sender, to_username=recipient.username, text=KIND)
    assert err.status == 403 and err.code == "cannot_compliment"


def test_block_or_report_the_sender_in_one_step(make_user):
    sender, recipient, other = make_user(), make_user(), make_user()
    first = services.compliment_send(sender=sender, to_username=recipient.username, text=KIND)
    second = services.compliment_send(sender=sender, to_username=recipient.username, text=KIND + "!")
    services.compliment_block_sender(actor=recipient, compliment_id=first.pk)
    assert Block.objects.filter(blocker=recipient, blocked=sender).exists()
    assert set(Compliment.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {"declined"}
    assert selectors.compliments_inbox(user=recipient) == []

    third = services.compliment_send(sender=other, to_username=recipient.username, text=KIND)
    services.compliment_report_sender(actor=recipient, compliment_id=third.pk)
    report = Report.objects.get(reporter=recipient)
    assert report.target_type == "user" and report.target_id == other.pk and KIND in report.details
    with pytest.raises(ApplicationError) as exc:
        services.compliment_decline(actor=other, compliment_id=third.pk)  # not the recipient
    assert exc.value.status == 404


def test_senders_are_rate_limited(make_user, settings):
    settings.KINDLING_RATELIMITS = {**settings.KINDLING_RATELIMITS, "compliment": "2/h"}
    sender, recipient = make_user(), make_user()
    services.compliment_send(sender=sender, to_username=recipient.username, text=KIND)
    services.compliment_send(sender=sender, to_username=recipient.username, text=KIND)
    assert _refused(sender=sender, to_username=recipient.username, text=KIND).status == 429


@pytest.mark.real_engine
def test_the_shipped_model_tells_a_compliment_from_a_backhanded_one(make_user):
    """With the real engine and its policy's [compliment] thresholds: warm praise is delivered, backhanded or
    sarcastic "compliments" are refused as not_kind."""
    sender, recipient = make_user(), make_user()
    sent = services.compliment_send(sender=sender, to_username=recipient.username,
                                    text="You are so kind, thank you for helping me yesterday!")
    assert sent.status == ComplimentStatus.PENDING_ACCEPTANCE
    for text in ("Wow, you finally did something right for once.", "Nice haircut, did you do it yourself in the dark?"):
        assert _refused(sender=sender, to_username=recipient.username, text=text).code == "not_kind"
