"""The moderator pages: the review console, an item's page and decision form, bulk decisions, appeals and the
nudge outcome chart. The scripted engine (root conftest) holds texts with ``[[review]]`` and ``[[support]]``."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from kindling.moderation.models import Appeal, Decision, NudgeEvent, ReviewItem, ReviewNote
from kindling.moderation.services import appeal_create, review_decide
from kindling.posts.models import PostStatus

PASSWORD = "a-long-kind-password"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def moderator(make_user):  # type: ignore[no-untyped-def]
    user = make_user("mod_mia")
    user.groups.add(Group.objects.get(name="moderator"))
    return user


@pytest.fixture
def held(make_user, make_post):  # type: ignore[no-untyped-def]
    author = make_user("ana")
    post = make_post(author, "You are [[review]] a clown")
    assert post.status == PostStatus.IN_REVIEW
    return post


def _item_for(post) -> ReviewItem:  # type: ignore[no-untyped-def]
    return ReviewItem.objects.get(target_type="post", target_id=post.pk)


@pytest.mark.django_db
def test_console_needs_a_moderator(make_user, held):  # type: ignore[no-untyped-def]
    """Anonymous visitors are sent to log in; signed-in non-moderators get a 403 page, on every moderator URL."""
    item = _item_for(held)
    assert Client().get(reverse("web:moderation")).status_code == 302
    client = _client(make_user("nosy"))
    for url in (
        reverse("web:moderation"),
        reverse("web:moderation_item", args=[item.pk]),
        reverse("web:moderation_appeals"),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Only moderators" in response.content.decode()
    response = client.post(reverse("web:moderation_decide", args=[item.pk]), {"action": "approve"})
    assert response.status_code == 403
    assert _item_for(held).status == ReviewItem.Status.OPEN


@pytest.mark.django_db
def test_console_lists_queue_by_priority_with_facts(moderator, make_user, make_post, held):  # type: ignore[no-untyped-def]
    """Rows show kind, excerpt, top scores, report count, author and assignee; filters narrow the queue."""
    support_post = make_post(make_user("sol"), "I can't go on [[support]]")
    html = _client(moderator).get(reverse("web:moderation")).content.decode()
    assert "You are [[review]] a clown" in html
    assert "insult 80%" in html
    assert "@ana" in html and "0 reports" in html and "unassigned" in html
    assert 'href="/moderation/items/' in html
    assert "Review</a>" in html  # the nav shows moderators the Review link
    wellbeing = _client(moderator).get(reverse("web:moderation") + "?queue=wellbeing").content.decode()
    assert "I can&#x27;t go on" in wellbeing and "a clown" not in wellbeing
    assert support_post.status == PostStatus.IN_REVIEW


@pytest.mark.django_db
def test_item_page_shows_context_and_decision_approves_held_post(moderator, held):  # type: ignore[no-untyped-def]
    """The item page has the full text, score bars, reports, author history and notes; approving publishes the
    post for everyone and tells the author."""
    item = _item_for(held)
    client = _client(moderator)
    page = client.get(reverse("web:moderation_item", args=[item.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for expected in ("You are [[review]] a clown", "Engine scores", "Author history", "active strike", "Notes",
                     'name="rule"', 'name="explanation"', 'value="suspend"'):
        assert expected in html, expected

    response = client.post(
        reverse("web:moderation_decide", args=[item.pk]),
        {"action": "approve", "rule": "bullying", "explanation": "Friendly banter between friends."},
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:moderation")
    held.refresh_from_db()
    assert held.status == PostStatus.PUBLISHED
    assert Client().get(reverse("web:post", args=[held.pk])).status_code == 200
    assert Decision.objects.filter(target_id=held.pk, action="approve", decided_by=moderator).exists()


@pytest.mark.django_db
def test_decision_form_refusal_is_shown_with_its_status(moderator, held):  # type: ignore[no-untyped-def]
    """Removing without a rule re-renders the form with the service's message (422) and keeps the input."""
    item = _item_for(held)
    response = _client(moderator).post(
        reverse("web:moderation_decide", args=[item.pk]), {"action": "remove", "rule": "", "explanation": "Mean"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Cite one of the community rules" in html and ">Mean</textarea>" in html
    assert _item_for(held).status == ReviewItem.Status.OPEN


@pytest.mark.django_db
def test_claim_note_and_decided_item(moderator, held):  # type: ignore[no-untyped-def]
    item = _item_for(held)
    client = _client(moderator)
    client.post(reverse("web:moderation_claim", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.CLAIMED and item.assigned_to == moderator
    client.post(reverse("web:moderation_note", args=[item.pk]), {"text": "Checked the thread: it's a joke."})
    assert ReviewNote.objects.filter(item=item).count() == 1
    empty = client.post(reverse("web:moderation_note", args=[item.pk]), {"text": "  "})
    assert empty.status_code == 422
    review_decide(actor=moderator, item_id=item.pk, action="approve", rule="", explanation="")
    again = client.post(reverse("web:moderation_decide", args=[item.pk]), {"action": "approve"})
    assert again.status_code == 409
    assert "already been decided" in again.content.decode()
    assert client.get(reverse("web:moderation_item", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_bulk_decision_removes_a_flood(moderator, make_user, make_post):  # type: ignore[no-untyped-def]
    spammer = make_user("spam")
    posts = [make_post(spammer, f"Buy now [[review]] {i}") for i in range(3)]
    ids = [_item_for(p).pk for p in posts]
    client = _client(moderator)
    refused = client.post(reverse("web:moderation_bulk"), {"item_ids": ids, "action": "remove", "rule": "spam"})
    assert refused.status_code == 422 and "Explain the decision" in refused.content.decode()
    response = client.post(
        reverse("web:moderation_bulk"),
        {"item_ids": ids[:2], "action": "remove", "rule": "spam", "explanation": "Spam flood."},
    )
    assert response.status_code == 302
    assert [_item_for(p).status for p in posts] == ["decided", "decided", "open"]


@pytest.mark.django_db
def test_appeals_page_decides_and_refuses_the_same_moderator(moderator, make_user, held):  # type: ignore[no-untyped-def]
    item = _item_for(held)
    decision = review_decide(actor=moderator, item_id=item.pk, action="remove", rule="bullying", explanation="Mean.")
    appeal = appeal_create(user=held.author, decision_id=decision.pk, text="It was a joke between friends.")
    same = _client(moderator)
    page = same.get(reverse("web:moderation_appeals")).content.decode()
    assert "It was a joke between friends." in page
    assert "You made the original decision" in page
    refused = same.post(reverse("web:moderation_appeal_decide", args=[appeal.pk]), {"outcome": "reverse", "reasons": "ok"})
    assert refused.status_code == 403
    assert "A different moderator must decide this appeal." in refused.content.decode()

    other = make_user("mod_max")
    other.groups.add(Group.objects.get(name="moderator"))
    response = _client(other).post(
        reverse("web:moderation_appeal_decide", args=[appeal.pk]), {"outcome": "reverse", "reasons": "Context shows a joke."}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    held.refresh_from_db()
    assert appeal.status == Appeal.Status.REVERSED and held.status == PostStatus.PUBLISHED


@pytest.mark.django_db
def test_nudge_rates_chart(moderator, make_user):  # type: ignore[no-untyped-def]
    someone = make_user("sam")
    for outcome in ("shown", "revised", "revised", "sent_anyway"):
        NudgeEvent.objects.create(user=someone, target_type="post", harm=0.5, outcome=outcome)
    html = _client(moderator).get(reverse("web:moderation")).content.decode()
    assert "Rethink?” prompts" in html
    assert '<svg class="bar bar-revised"' in html and 'width="100" height="10" class="bar-fill"' in html
    assert "(50%)" in html and "4 prompts shown in total" in html
