"""Challenges: proposing, curation, entries (through the publish signal and the composer), featured entries,
stats and the chart, verified organisations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kindling.challenges import selectors, services
from kindling.challenges.models import Challenge, ChallengeEntry, ChallengeStatus, HashtagDailyViews
from kindling.challenges.views_buffer import hashtag_views_flush
from kindling.core.errors import ApplicationError
from kindling.core.models import AuditEntry
from kindling.notifications.models import Notification
from kindling.posts.services import post_view_record, viewer_key_for

pytestmark = pytest.mark.django_db


def test_editor_proposal_waits_for_review_and_is_hidden_until_approved(editor, make_user):
    """A proposal is pending_review, audited, invisible to others; approval makes it public and tells the proposer."""
    start = timezone.now() + dt.timedelta(days=1)
    challenge = services.challenge_propose(
        actor=editor, hashtag="#KindNotes", title="Kind notes week", description="Leave a kind note.",
        starts_at=start, ends_at=start + dt.timedelta(days=7), prize_pool="Books for the school library",
    )
    assert challenge.status == ChallengeStatus.PENDING_REVIEW
    assert challenge.hashtag.name == "kindnotes" and challenge.slug == "kind-notes-week"
    assert AuditEntry.objects.filter(action="challenge.propose", target_id=challenge.pk).exists()
    stranger = make_user()
    assert challenge not in selectors.challenges_public()
    with pytest.raises(ApplicationError) as exc:
        selectors.challenge_get_visible(viewer=stranger, slug=challenge.slug)
    assert exc.value.status == 404

    services.challenge_review(actor=editor, challenge=challenge, action="approve")
    assert selectors.challenge_get_visible(viewer=stranger, slug=challenge.slug).status == "approved"
    assert Notification.objects.filter(user=editor, kind="challenge_approve").exists()


def test_only_editors_admins_and_verified_orgs_propose(make_user, admin_user):
    """A plain member gets 403; once an admin verifies their organisation (audited) they may propose."""
    cafe = make_user("corner_cafe")
    start = timezone.now() + dt.timedelta(days=1)
    kwargs = dict(hashtag="CafeKindness", title="Pay it forward", description="Buy a stranger a coffee.",
                  starts_at=start, ends_at=start + dt.timedelta(days=3))
    with pytest.raises(ApplicationError) as exc:
        services.challenge_propose(actor=cafe, **kwargs)  # type: ignore[arg-type]
    assert exc.value.status == 403 and exc.value.code == "not_allowed_to_propose"

    with pytest.raises(ApplicationError) as exc:
        services.organisation_verify(actor=cafe, user=cafe, name="Corner Café")
    assert exc.value.status == 403

    services.organisation_verify(actor=admin_user, user=cafe, name="Corner Café")
    assert AuditEntry.objects.filter(action="organisation.verify", target_id=cafe.pk, actor=admin_user).exists()
    assert selectors.organisation_badge(user=cafe) == "Corner Café"
    challenge = services.challenge_propose(actor=cafe, **kwargs)  # type: ignore[arg-type]
    assert challenge.status == ChallengeStatus.PENDING_REVIEW


@pytest.mark.parametrize(
    ("start_days", "end_days", "message"),
    [(2, 1, "end after"), (-10, -1, "past"), (1, 400, "a year")],
)
def test_bad_dates_are_refused(editor, start_days, end_days, message):
    now = timezone.now()
    with pytest.raises(ApplicationError) as exc:
        services.challenge_propose(
            actor=editor, hashtag="Dates", title="Dates", description="d",
            starts_at=now + dt.timedelta(days=start_days), ends_at=now + dt.timedelta(days=end_days),
        )
    assert exc.value.status == 422 and exc.value.code == "invalid_dates" and message in exc.value.message


def test_checklist_must_be_fully_confirmed(editor):
    """Every inclusivity item must be true; the refusal names what is missing."""
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(ApplicationError) as exc:
        services.challenge_propose(
            actor=editor, hashtag="Check", title="Check", description="d", starts_at=start,
            ends_at=start + dt.timedelta(days=1), checklist={"no_cost_to_join": True, "accessible": False},
        )
    assert exc.value.code == "checklist_incomplete" and "accessible" in exc.value.extra["missing"]


def test_same_hashtag_cannot_run_twice_at_once(make_challenge):
    make_challenge("Overlap")
    with pytest.raises(ApplicationError) as exc:
        make_challenge("overlap", approve=False)
    assert exc.value.status == 409 and exc.value.code == "hashtag_taken"


def test_request_changes_needs_reasons_and_the_proposer_resubmits(editor, make_challenge, make_user):
    challenge = make_challenge("Resubmit", approve=False)
    with pytest.raises(ApplicationError) as exc:
        services.challenge_review(actor=editor, challenge=challenge, action="request_changes", reasons="  ")
    assert exc.value.status == 422
    services.challenge_review(actor=editor, challenge=challenge, action="request_changes", reasons="Add a rule for teens.")
    assert challenge.status == ChallengeStatus.CHANGES_REQUESTED
    services.challenge_update(actor=editor, challenge=challenge, rules="Teens: ask a parent first.")
    assert challenge.status == ChallengeStatus.PENDING_REVIEW
    services.challenge_review(actor=editor, challenge=challenge, action="decline", reasons="Too close to another one.")
    with pytest.raises(ApplicationError) as exc:
        services.challenge_review(actor=editor, challenge=challenge, action="approve")
    assert exc.value.status == 409
    with pytest.raises(ApplicationError) as exc:
        services.challenge_review(actor=make_user(), challenge=challenge, action="approve")
    assert exc.value.status == 403


def test_published_post_with_the_hashtag_joins_while_running_only(
    make_challenge, make_user, make_post, django_capture_on_commit_callbacks
):
    """The post_published listener records entries for running challenges; held posts and posts for an
    upcoming challenge don't join."""
    running = make_challenge("KindWeek")
    upcoming = make_challenge("LaterKind", starts_in=dt.timedelta(days=2))
    author = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        joined = make_post(author, "Held a door, so kind #KindWeek #LaterKind")
        held = make_post(author, "Something [[review]] #KindWeek")
    assert list(ChallengeEntry.objects.filter(challenge=running).values_list("post_id", flat=True)) == [joined.pk]
    assert not ChallengeEntry.objects.filter(post=held).exists()
    assert not ChallengeEntry.objects.filter(challenge=upcoming).exists()


def test_entries_best_and_new_with_visibility_stats_and_chart(
    make_challenge, make_user, make_post, django_capture_on_commit_callbacks
):
    """Entries are paged newest first or best first; a private author's entry is hidden from strangers;
    stats count entries, participants, views and average kindness; the chart has entries and views per day."""
    challenge = make_challenge("GoodWeek")
    alice, bob, viewer = make_user(), make_user(private=True), make_user()
    with django_capture_on_commit_callbacks(execute=True):
        kind = make_post(alice, "So kind of you #GoodWeek")
        plain = make_post(alice, "Walked the dog #GoodWeek")
        private = make_post(bob, "A kind word #GoodWeek")
        post_view_record(post=plain, viewer_key=viewer_key_for(user=viewer))
    hashtag_views_flush()
    new, _ = selectors.challenge_entries(viewer=viewer, challenge=challenge, sort="new")
    assert [p.pk for p in new] == [plain.pk, kind.pk]
    best, _ = selectors.challenge_entries(viewer=viewer, challenge=challenge, sort="best")
    assert [p.pk for p in best] == [kind.pk, plain.pk]
    page1, cursor = selectors.challenge_entries(viewer=bob, challenge=challenge, sort="best", limit=1)
    page2, _ = selectors.challenge_entries(viewer=bob, challenge=challenge, sort="best", cursor=cursor, limit=2)
    assert [p.pk for p in page1 + page2] == [private.pk, kind.pk, plain.pk]  # ties: newest first

    stats = selectors.challenge_stats(challenge=challenge)
    assert stats == {"entries": 3, "participants": 2, "views": 1, "average_kindness": pytest.approx(0.7, abs=0.001)}
    chart = selectors.challenge_chart(challenge=challenge)
    today = chart[-1]
    assert today["day"] == timezone.localdate().isoformat() and today["entries"] == 3 and today["views"] == 1


def test_composer_entry_and_featured_entries(make_challenge, make_user, make_post, editor):
    """An author enters their own published post; only editors feature entries; held posts can't enter."""
    challenge = make_challenge("KindWeek")
    author, other = make_user(), make_user()
    post = make_post(author, "Planted a tree for the street, kindly")
    services.challenge_entry_add(actor=author, challenge=challenge, post_id=post.pk)
    assert ChallengeEntry.objects.filter(challenge=challenge, post=post).exists()
    with pytest.raises(ApplicationError) as exc:
        services.challenge_entry_add(actor=other, challenge=challenge, post_id=post.pk)
    assert exc.value.status == 403
    held = make_post(author, "hmm [[review]]")
    with pytest.raises(ApplicationError) as exc:
        services.challenge_entry_add(actor=author, challenge=challenge, post_id=held.pk)
    assert exc.value.status == 409

    with pytest.raises(ApplicationError) as exc:
        services.challenge_feature_entry(actor=author, challenge=challenge, post_id=post.pk)
    assert exc.value.status == 403
    services.challenge_feature_entry(actor=editor, challenge=challenge, post_id=post.pk)
    assert [p.pk for p in selectors.challenge_featured(viewer=other, challenge=challenge)] == [post.pk]


def test_ended_challenge_takes_no_new_entries(make_challenge, make_user, make_post, django_capture_on_commit_callbacks):
    challenge = make_challenge("OldKind")
    Challenge.objects.filter(pk=challenge.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=10), ends_at=timezone.now() - dt.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_post(make_user(), "late but kind #OldKind")
    assert not ChallengeEntry.objects.exists()
    challenge.refresh_from_db()
    assert selectors.challenge_phase(challenge) == "ended"


def test_views_per_day_are_buffered_then_flushed(make_user, make_post, django_capture_on_commit_callbacks):
    """Recording a view writes nothing to the daily table until the buffer is flushed; then one row per
    hashtag and day carries the sum."""
    author = make_user()
    post = make_post(author, "kind #One #Two")
    viewers = [make_user() for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        for v in viewers:
            post_view_record(post=post, viewer_key=viewer_key_for(user=v))
    assert not HashtagDailyViews.objects.exists()
    assert hashtag_views_flush() == 2
    assert sorted(HashtagDailyViews.objects.values_list("hashtag__name", "views")) == [("one", 3), ("two", 3)]
    with django_capture_on_commit_callbacks(execute=True):
        post_view_record(post=post, viewer_key=viewer_key_for(user=make_user()))
    hashtag_views_flush()
    assert sorted(HashtagDailyViews.objects.values_list("hashtag__name", "views")) == [("one", 4), ("two", 4)]


def test_trending_is_growth_weighted_by_kindness(make_user, make_post):
    """Same activity: the kinder hashtag ranks first. A hashtag busy last week but quiet now ranks below one
    growing now; views count too (ten views weigh like a post)."""
    from kindling.posts.models import Hashtag, Post

    author = make_user()
    for i in range(2):
        make_post(author, f"so kind {i} #Warm")
        make_post(author, f"fine {i} #Meh")
    old = [make_post(author, f"kind old {i} #Fading") for i in range(4)]
    Post.objects.filter(pk__in=[p.pk for p in old]).update(created_at=timezone.now() - dt.timedelta(days=4))
    make_post(author, "kind new #Fading")
    rows = selectors.trending_hashtags()
    order = [t["tag"] for t in rows]
    assert order.index("warm") < order.index("meh")
    assert order.index("warm") < order.index("fading")
    fading = next(t for t in rows if t["tag"] == "fading")
    assert fading["growth"] < 1 and fading["posts"] == 1

    HashtagDailyViews.objects.create(hashtag=Hashtag.objects.get(name="meh"), day=timezone.localdate(), views=200)
    assert selectors.trending_hashtags()[0]["tag"] == "meh"
