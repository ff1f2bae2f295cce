"""The pre-distribution gate: every decision, failing closed, nudges and their outcomes, retries."""

import pytest

from kindling.moderation.models import Decision, NudgeEvent, ReviewItem
from kindling.notifications.models import Notification
from kindling.posts import services as post_services
from kindling.posts.models import Comment, Post, PostStatus

pytestmark = pytest.mark.django_db


def test_allow_publishes(make_user, api_as):
    """An allowed post is published at once."""
    r = api_as(make_user("alice")).post("/api/posts", {"text": "Thank you all #BeKind"})
    assert r.status_code == 201 and r.json()["status"] == "published"


def test_review_holds_and_queues(make_user, api_as):
    """`review` → in_review, a review item, and the author sees why; nobody else sees the post."""
    alice = make_user("alice")
    r = api_as(alice).post("/api/posts", {"text": "you are awful [[review:insult]]"})
    assert r.status_code == 201
    body = r.json()
    assert body["status"] == "in_review"
    assert body["reasons"]["restriction"].startswith("Held for review")
    item = ReviewItem.objects.get(target_type="post", target_id=body["id"])
    assert item.reason == "engine_review" and item.queue == "safety" and item.priority > 0


def test_block_rejects_with_statement_of_reasons(make_user, api_as):
    """`block` → rejected with a statement of reasons carrying the DSA Art. 17 fields, and a notification."""
    alice = make_user("alice")
    r = api_as(alice).post("/api/posts", {"text": "vile threat [[block:threat]]"})
    assert r.status_code == 201
    body = r.json()
    assert body["status"] == "rejected"
    reasons = body["reasons"]
    assert reasons["action"] == "block" and reasons["rule"] == "threats"
    assert reasons["automated_detection"] is True and reasons["automated_decision"] is True
    assert reasons["facts"] == "own_initiative" and "appeal" in reasons["redress"].lower()
    assert reasons["restriction"] and reasons["explanation"]
    assert Notification.objects.filter(user=alice, kind="decision").exists()


def test_support_holds_without_sanction_and_shows_help(make_user, api_as):
    """`support` → held for a wellbeing reviewer; the author sees help resources; no strike, no rejection."""
    alice = make_user("alice")
    r = api_as(alice).post("/api/posts", {"text": "i can't do this anymore [[support]]"})
    body = r.json()
    assert body["status"] == "in_review"
    assert body["support"]["resources"]
    assert ReviewItem.objects.get(target_id=body["id"]).queue == "wellbeing"
    assert not alice.strikes.exists()


@pytest.mark.parametrize("marker", ["[[error]]", "[[hang]]"])
def test_engine_failure_or_timeout_fails_closed(make_user, api_as, moderation_engine, settings, marker):
    """An engine that raises or hangs never lets a post through: it is held for review."""
    settings.KINDLING_MODERATION_TIMEOUT_S = 0.3
    moderation_engine.hang_seconds = 1.0
    r = api_as(make_user("alice")).post("/api/posts", {"text": f"anything {marker}"})
    assert r.status_code == 201 and r.json()["status"] == "in_review"
    item = ReviewItem.objects.get(target_id=r.json()["id"])
    assert item.reason == "engine_error"


def test_engine_missing_fails_closed(make_user, monkeypatch):
    """If the model can't be loaded at all, posts are held, never published."""
    from kindling.moderation import engine

    def broken():
        raise FileNotFoundError("no model")

    engine.set_engine(None)
    monkeypatch.setattr("kindling_ml.get_moderator", broken)
    post = post_services.post_create(author=make_user("alice"), text="hello")
    assert post.status == PostStatus.IN_REVIEW


def test_nudge_is_409_and_creates_nothing(make_user, api_as):
    """`nudge` → 409 with categories, spans and a message; no post is saved; the nudge is recorded."""
    alice = make_user("alice")
    text = "ugh you [[nudge:insult]] again"
    r = api_as(alice).post("/api/posts", {"text": text})
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "nudge"
    nudge = body["nudge"]
    assert nudge["categories"] == ["insult"] and nudge["message"]
    start, end = nudge["spans"][0]
    assert text[start:end] == "[[nudge:insult]]"
    assert Post.objects.count() == 0
    assert NudgeEvent.objects.get().outcome == "shown"


def test_nudge_confirmed_goes_to_review(make_user, api_as):
    """Resending with confirm=true creates the post in review and records 'sent anyway'."""
    client = api_as(make_user("alice"))
    first = client.post("/api/posts", {"text": "meh [[nudge]]"}).json()
    r = client.post("/api/posts", {"text": "meh [[nudge]]", "confirm": True, "nudge_id": first["nudge"]["id"]})
    assert r.status_code == 201 and r.json()["status"] == "in_review"
    assert ReviewItem.objects.get(target_id=r.json()["id"]).reason == "nudge_confirmed"
    assert NudgeEvent.objects.get().outcome == "sent_anyway"


def test_nudge_revised_and_cancelled_outcomes(make_user, api_as):
    """Editing into a kind post marks the nudge revised; an explicit cancel marks it cancelled."""
    client = api_as(make_user("alice"))
    client.post("/api/posts", {"text": "meh [[nudge]]"})
    assert client.post("/api/posts", {"text": "Actually, well done!"}).status_code == 201
    assert NudgeEvent.objects.get().outcome == "revised"
    second = client.post("/api/posts", {"text": "meh [[nudge]]"}).json()["nudge"]["id"]
    r = client.post(f"/api/nudges/{second}/cancel")
    assert r.status_code == 200 and r.json()["outcome"] == "cancelled"
    assert api_as(make_user("bob")).post(f"/api/nudges/{second}/cancel").status_code == 404


def test_comments_pass_the_gate(make_user, api_as, make_post):
    """Comments are gated like posts: held ones are invisible to others and don't count."""
    alice, bob = make_user("alice"), make_user("bob")
    post = make_post(alice)
    r = api_as(bob).post(f"/api/posts/{post.pk}/comments", {"text": "so dumb [[review]]"})
    assert r.status_code == 201 and r.json()["status"] == "in_review"
    assert api_as(alice).get(f"/api/posts/{post.pk}/comments").json()["items"] == []
    post.refresh_from_db()
    assert post.comment_count == 0
    r = api_as(bob).post(f"/api/posts/{post.pk}/comments", {"text": "hm [[nudge]]"})
    assert r.status_code == 409 and Comment.objects.count() == 1


def test_share_note_passes_the_gate(make_user, api_as, make_post):
    """A share's note is checked: a held share doesn't count on the original."""
    alice, bob = make_user("alice"), make_user("bob")
    post = make_post(alice)
    r = api_as(bob).post(f"/api/posts/{post.pk}/shares", {"note": "lol look [[review]]"})
    assert r.json()["status"] == "in_review"
    post.refresh_from_db()
    assert post.share_count == 0


def test_bio_passes_the_gate(make_user, api_as, api):
    """A held bio stays private to its author; the public profile keeps the old one."""
    alice = make_user("alice")
    client = api_as(alice)
    assert client.patch("/api/me", {"bio": "Gardener and baker"}).json()["bio"] == "Gardener and baker"
    me = client.patch("/api/me", {"bio": "creepy [[review:sexual_harassment]]"}).json()
    assert me["bio"] == "Gardener and baker" and me["bio_pending"].startswith("creepy")
    assert api.get("/api/users/alice").json()["bio"] == "Gardener and baker"
    assert ReviewItem.objects.filter(target_type="bio", target_id=alice.pk).exists()


def test_crash_between_save_and_decide_leaves_pending_and_retry_decides_once(make_user, moderation_engine):
    """A post saved but never decided is invisible; the retry decides it exactly once."""
    from kindling.posts.selectors import posts_visible_to

    alice, bob = make_user("alice"), make_user("bob")
    post = Post.objects.create(author=alice, text="saved before the crash #BeKind", status=PostStatus.PENDING)
    assert not posts_visible_to(viewer=bob).filter(pk=post.pk).exists()
    Post.objects.filter(pk=post.pk).update(created_at=post.created_at.replace(year=2020))
    assert post_services.posts_decide_pending(older_than_seconds=60) == 1
    assert post_services.posts_decide_pending(older_than_seconds=60) == 0
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert Decision.objects.filter(target_id=post.pk).count() == 0


def test_resubmit_after_rejection(make_user, api_as):
    """Restore-on-edit: a rejected post, fixed by its author, passes the gate again and is published."""
    client = api_as(make_user("alice"))
    post = client.post("/api/posts", {"text": "nasty [[block]]"}).json()
    r = client.post(f"/api/posts/{post['id']}/resubmit", {"text": "I'm sorry, that was unkind. You did great."})
    assert r.status_code == 200 and r.json()["status"] == "published"
    again = client.post(f"/api/posts/{post['id']}/resubmit", {"text": "again"})
    assert again.status_code == 409


def test_suspended_account_cannot_post(make_user, api_as, moderator):
    """A suspension refuses new posts with account_suspended until it ends."""
    alice = make_user("alice")
    client = api_as(alice)
    held = client.post("/api/posts", {"text": "x [[review]]"}).json()
    item = ReviewItem.objects.get(target_id=held["id"])
    r = api_as(moderator).post(f"/api/moderation/items/{item.pk}/decision",
                               {"action": "suspend", "rule": "bullying", "explanation": "Repeated insults.", "duration_days": 3})
    assert r.status_code == 201
    r = client.post("/api/posts", {"text": "hello again"})
    assert r.status_code == 403 and r.json()["code"] == "account_suspended"


def test_a_banned_accounts_tokens_stop_working_at_once(make_user, api_as, moderator, settings):
    """A ban deactivates the account and forgets its tokens from the shared cache: the For You fast path, which
    trusts that cache, answers 401 on the very next request."""
    settings.FEED_CACHE = True
    alice = make_user("alice")
    client = api_as(alice)
    assert client.get("/api/feeds/for-you").status_code == 200
    assert client.get("/api/feeds/for-you")["X-Kindling-Cache"] == "hit"
    held = client.post("/api/posts", {"text": "x [[review]]"}).json()
    item = ReviewItem.objects.get(target_id=held["id"])
    r = api_as(moderator).post(f"/api/moderation/items/{item.pk}/decision",
                               {"action": "ban", "rule": "bullying", "explanation": "Repeated threats."})
    assert r.status_code == 201
    assert client.get("/api/feeds/for-you").status_code == 401
