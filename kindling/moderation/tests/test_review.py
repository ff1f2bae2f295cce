"""Review console API, decisions with statements of reasons, strikes, appeals, reports and notifications."""

import datetime as dt

import pytest
from django.utils import timezone

from kindling.moderation.models import Appeal, ReviewItem, Strike
from kindling.moderation.selectors import strikes_active
from kindling.posts.models import Post, PostStatus
from kindling.safety.models import Report

pytestmark = pytest.mark.django_db

MODERATION_GETS = ["/api/moderation/queue", "/api/moderation/items/{item}", "/api/moderation/appeals",
                   "/api/moderation/nudge-rates"]
MODERATION_POSTS = [
    ("/api/moderation/items/{item}/decision", {"action": "approve", "rule": "", "explanation": ""}),
    ("/api/moderation/items/{item}/claim", {}),
    ("/api/moderation/items/{item}/notes", {"text": "hmm"}),
    ("/api/moderation/bulk-decision", {"item_ids": [1], "action": "approve"}),
    ("/api/moderation/appeals/{appeal}/decision", {"outcome": "reverse", "reasons": "x"}),
]


def _held(client, text="mean words [[review:insult]]"):
    body = client.post("/api/posts", {"text": text}).json()
    return body, ReviewItem.objects.get(target_type="post", target_id=body["id"])


def test_non_moderators_reach_no_moderation_data(make_user, api_as, api):
    """Every moderation endpoint refuses a normal user with 403 (and anonymous callers with 401)."""
    alice = make_user("alice")
    _, item = _held(api_as(alice))
    nosy = api_as(make_user("nosy"))
    for path in MODERATION_GETS:
        url = path.format(item=item.pk)
        assert nosy.get(url).status_code == 403, url
        assert api.get(url).status_code == 401, url
    for path, body in MODERATION_POSTS:
        url = path.format(item=item.pk, appeal=1)
        r = nosy.post(url, body)
        assert r.status_code in (403, 404) and r.json()["code"] in ("not_moderator", "appeal_not_found"), (url, r.content)
    item.refresh_from_db()
    assert item.status == "open"


def test_queue_orders_by_severity_times_reach(make_user, api_as, moderator):
    """The most severe, widest-reaching item comes first; items carry text, scores and reports."""
    popular, quiet = make_user("popular"), make_user("quiet")
    for i in range(30):
        follower = make_user(f"fan{i}")
        from kindling.accounts.services import follow_create

        follow_create(actor=follower, username="popular")
    _, low = _held(api_as(quiet))
    _, high = _held(api_as(popular))
    items = api_as(moderator).get("/api/moderation/queue").json()["items"]
    assert [i["id"] for i in items[:2]] == [high.pk, low.pk]
    assert {"id", "kind", "text", "scores", "reports"} <= set(items[0])
    assert items[0]["kind"] == "post" and items[0]["scores"]["harm"] > 0


def test_approve_publishes_held_post(make_user, api_as, moderator):
    """Approving a held post publishes it at once, notifies the author, and writes an audit row."""
    from kindling.core.models import AuditEntry

    alice = make_user("alice")
    body, item = _held(api_as(alice))
    r = api_as(moderator).post(f"/api/moderation/items/{item.pk}/decision", {"action": "approve"})
    assert r.status_code == 201 and r.json()["automated_decision"] is False
    assert Post.objects.get(pk=body["id"]).status == PostStatus.PUBLISHED
    assert api_as(make_user("bob")).get(f"/api/posts/{body['id']}").status_code == 200
    assert AuditEntry.objects.filter(action="moderation.decide.approve", target_id=body["id"]).exists()
    assert api_as(moderator).post(f"/api/moderation/items/{item.pk}/decision", {"action": "approve"}).status_code == 409


def test_remove_writes_statement_of_reasons_and_strike(make_user, api_as, moderator):
    """Removal cites a rule, explains, gives redress, and adds a strike that fades with time."""
    alice = make_user("alice")
    body, item = _held(api_as(alice))
    bad = api_as(moderator).post(f"/api/moderation/items/{item.pk}/decision", {"action": "remove", "rule": "nope", "explanation": "x"})
    assert bad.status_code == 422
    r = api_as(moderator).post(
        f"/api/moderation/items/{item.pk}/decision",
        {"action": "remove", "rule": "bullying", "explanation": "Calling someone names."},
    )
    sor = r.json()
    assert r.status_code == 201
    assert sor["rule"] == "bullying" and sor["explanation"] == "Calling someone names."
    assert sor["automated_detection"] is True and sor["automated_decision"] is False
    assert sor["restriction"] and sor["redress"] and sor["facts"] == "own_initiative"
    assert Post.objects.get(pk=body["id"]).status == PostStatus.REMOVED
    assert strikes_active(user=alice) == 1
    Strike.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert strikes_active(user=alice) == 0
    notes = api_as(alice).get("/api/notifications").json()["items"]
    assert any(n["kind"] == "decision" and n["data"]["decision_id"] == sor["decision_id"] for n in notes)


def test_limit_reach_keeps_post_but_flags_it(make_user, api_as, moderator):
    """Limit reach publishes the post with reach_limited set."""
    body, item = _held(api_as(make_user("alice")))
    api_as(moderator).post(f"/api/moderation/items/{item.pk}/decision",
                           {"action": "limit_reach", "rule": "bullying", "explanation": "Borderline."})
    post = Post.objects.get(pk=body["id"])
    assert post.status == PostStatus.PUBLISHED and post.reach_limited is True


def test_claim_notes_and_item_context(make_user, api_as, moderator):
    """Moderators claim items, add notes, and see author history and reports in context."""
    alice = make_user("alice")
    _, item = _held(api_as(alice))
    mod = api_as(moderator)
    assert mod.post(f"/api/moderation/items/{item.pk}/claim").json()["assigned_to"] == "mod_one"
    assert mod.post(f"/api/moderation/items/{item.pk}/notes", {"text": "Looks like a joke between friends?"}).status_code == 201
    detail = mod.get(f"/api/moderation/items/{item.pk}").json()
    assert detail["notes"][0]["text"].startswith("Looks like")
    assert detail["author_history"]["active_strikes"] == 0


def test_bulk_decision_for_floods(make_user, api_as, moderator):
    """One bulk action decides many items, each with its own decision."""
    alice = make_user("alice")
    ids = [_held(api_as(alice), f"spam {i} [[review:insult]]")[1].pk for i in range(3)]
    r = api_as(moderator).post("/api/moderation/bulk-decision",
                               {"item_ids": ids, "action": "remove", "rule": "spam", "explanation": "Flood."})
    assert r.status_code == 201 and len(r.json()["decisions"]) == 3
    assert not ReviewItem.objects.exclude(status="decided").exists()


def test_wellbeing_items_are_never_sanctioned(make_user, api_as, moderator):
    """A support item can't be answered with a warning, suspension or ban."""
    r = api_as(make_user("alice")).post("/api/posts", {"text": "i feel so alone [[support]]"}).json()
    item = ReviewItem.objects.get(target_id=r["id"])
    bad = api_as(moderator).post(f"/api/moderation/items/{item.pk}/decision",
                                 {"action": "warn", "rule": "wellbeing", "explanation": "x"})
    assert bad.status_code == 422


def test_appeal_by_different_moderator_reverses_at_once(make_user, api_as, moderator, moderator_two):
    """An appeal within 6 months is decided by a different moderator; a reversal restores the post at once."""
    alice = make_user("alice")
    body, item = _held(api_as(alice))
    sor = api_as(moderator).post(f"/api/moderation/items/{item.pk}/decision",
                                 {"action": "remove", "rule": "bullying", "explanation": "Insult."}).json()
    a = api_as(alice)
    assert api_as(make_user("eve")).post("/api/appeals", {"decision_id": sor["decision_id"], "text": "mine!"}).status_code == 404
    r = a.post("/api/appeals", {"decision_id": sor["decision_id"], "text": "It was an inside joke with my sister."})
    assert r.status_code == 201
    appeal_id = r.json()["id"]
    assert a.post("/api/appeals", {"decision_id": sor["decision_id"], "text": "again"}).status_code == 409
    assert a.get(f"/api/appeals/{appeal_id}").json()["status"] == "open"
    same = api_as(moderator).post(f"/api/moderation/appeals/{appeal_id}/decision", {"outcome": "reverse", "reasons": "ok"})
    assert same.status_code == 403 and same.json()["code"] == "same_moderator"
    r = api_as(moderator_two).post(f"/api/moderation/appeals/{appeal_id}/decision",
                                   {"outcome": "reverse", "reasons": "Context shows it was friendly."})
    assert r.status_code == 201 and r.json()["status"] == "reversed"
    assert Post.objects.get(pk=body["id"]).status == PostStatus.PUBLISHED
    assert strikes_active(user=alice) == 0
    assert a.get(f"/api/appeals/{appeal_id}").json()["reasons"] == "Context shows it was friendly."


def test_appeal_window_is_six_months(make_user, api_as, moderator):
    """Decisions older than 6 months can't be appealed."""
    from kindling.moderation.models import Decision

    alice = make_user("alice")
    _, item = _held(api_as(alice))
    sor = api_as(moderator).post(f"/api/moderation/items/{item.pk}/decision",
                                 {"action": "remove", "rule": "bullying", "explanation": "Insult."}).json()
    Decision.objects.filter(pk=sor["decision_id"]).update(created_at=timezone.now() - dt.timedelta(days=200))
    r = api_as(alice).post("/api/appeals", {"decision_id": sor["decision_id"], "text": "please"})
    assert r.status_code == 422 and r.json()["code"] == "appeal_window_closed"
    assert Appeal.objects.count() == 0


def test_report_is_acknowledged_and_reporter_told_outcome(make_user, api_as, moderator, make_post):
    """A report gets an id at once, joins the queue, and its reporter learns the outcome."""
    alice, bob = make_user("alice"), make_user("bob")
    post = make_post(alice, "a published post")
    b = api_as(bob)
    r = b.post("/api/reports", {"target_type": "post", "target_id": post.pk, "reason": "bullying", "details": "mean"})
    assert r.status_code == 201
    report_id = r.json()["id"]
    assert b.get(f"/api/reports/{report_id}").json()["status"] == "received"
    assert api_as(make_user("carol")).get(f"/api/reports/{report_id}").status_code == 404
    assert b.post("/api/reports", {"target_type": "post", "target_id": post.pk, "reason": "bullying"}).status_code == 409
    queue = api_as(moderator).get("/api/moderation/queue").json()["items"]
    item = next(i for i in queue if i["target_id"] == post.pk)
    assert item["reports"][0]["reason"] == "bullying"
    api_as(moderator).post(f"/api/moderation/items/{item['id']}/decision",
                           {"action": "remove", "rule": "bullying", "explanation": "Mocking a classmate."})
    report = b.get(f"/api/reports/{report_id}").json()
    assert report["status"] == "resolved" and "removed" in report["outcome"]
    kinds = [n["kind"] for n in b.get("/api/notifications").json()["items"]]
    assert "report_outcome" in kinds and "report_received" in kinds
    from kindling.moderation.models import Decision

    assert Report.objects.get().status == "resolved"
    assert Decision.objects.latest("id").facts == "notice"


@pytest.mark.parametrize("body", [
    {"target_type": "post", "target_id": 999999, "reason": "bullying"},
    {"target_type": "planet", "target_id": 1, "reason": "bullying"},
    {"target_type": "post", "target_id": 1, "reason": "boring"},
    {"target_type": "post"},
])
def test_bad_reports_are_4xx(make_user, api_as, body):
    """Unknown targets, types and reasons are clear 4xx errors."""
    r = api_as(make_user("bob")).post("/api/reports", body)
    assert 400 <= r.status_code < 500 and "code" in r.json()


def test_held_post_is_invisible_on_every_surface(make_user, api_as, api, moderator):
    """Walk every surface as another user and anonymously: a held post appears nowhere, counts nowhere."""
    alice, bob = make_user("alice"), make_user("bob")
    api_as(bob).post("/api/users/alice/follow")
    client_a = api_as(alice)
    client_a.post("/api/posts", {"text": "visible one #BeKind"})
    held = client_a.post("/api/posts", {"text": "held one #BeKind [[review]]"}).json()
    assert held["status"] == "in_review"
    pid = held["id"]
    def ids(client, url):
        return [p["id"] for p in client.get(url).json()["items"]]

    for client in (api_as(bob), api):
        assert client.get(f"/api/posts/{pid}").status_code == 404
        assert pid not in ids(client, "/api/feeds/for-you")
        assert pid not in ids(client, "/api/users/alice/posts")
        assert pid not in ids(client, "/api/hashtags/bekind/posts")
        assert client.get("/api/hashtags/bekind").json()["posts"] == 1
        assert client.get("/api/users/alice").json()["posts"] == 1
        assert client.get(f"/api/posts/{pid}/comments").status_code == 404
    b = api_as(bob)
    assert pid not in [p["id"] for p in b.get("/api/feeds/following").json()["items"]]
    assert b.post(f"/api/posts/{pid}/like").status_code == 404
    assert b.post(f"/api/posts/{pid}/shares", {}).status_code == 404
    assert b.post("/api/reports", {"target_type": "post", "target_id": pid, "reason": "spam"}).status_code == 404
    for page in ("/", "/?feed=following", "/u/alice/", "/t/bekind/", f"/p/{pid}/"):
        from django.test import Client

        web = Client()
        web.force_login(bob)
        response = web.get(page)
        assert b"held one" not in response.content, page
    assert client_a.get(f"/api/posts/{pid}").json()["status"] == "in_review"


def test_moderation_score_endpoint(make_user, api_as, api, settings):
    """POST /api/moderation/score returns one result per text in the engine's shape; ≤ 100 texts; token needed."""
    client = api_as(make_user("alice"))
    r = client.post("/api/moderation/score", {"texts": ["You are wonderful", "die [[block:threat]]"]})
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["decision"] for x in results] == ["allow", "block"]
    assert set(results[0]) == {"harm", "kindness", "categories", "decision"}
    assert client.post("/api/moderation/score", {"texts": ["x"] * 101}).status_code == 422
    assert client.post("/api/moderation/score", {"texts": "not a list"}).status_code == 422
    assert api.post("/api/moderation/score", {"texts": ["x"]}).status_code == 401
    settings.KINDLING_RATELIMITS = {**settings.KINDLING_RATELIMITS, "moderation_score": "1/m"}
    assert client.post("/api/moderation/score", {"texts": ["x"]}).status_code == 429
