"""The challenges, Discover, hashtag reach and compliments API, including bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kindling.accounts.models import Block
from kindling.accounts.services import follow_create
from kindling.challenges.models import HashtagDailyViews
from kindling.posts.models import Hashtag

pytestmark = pytest.mark.django_db


def _body(tag: str = "KindWeek", start_days: float = -0.1, end_days: float = 7, **extra):  # type: ignore[no-untyped-def]
    now = timezone.now()
    return {
        "hashtag": tag, "title": f"{tag} challenge", "description": "One kind act a day.", "rules": "Be kind.",
        "starts_at": (now + dt.timedelta(days=start_days)).isoformat(),
        "ends_at": (now + dt.timedelta(days=end_days)).isoformat(), **extra,
    }


def test_propose_review_list_and_detail(api, api_as, editor, make_user):
    """Editor proposes (201 pending_review), the public list hides it until approved, detail has stats."""
    as_editor = api_as(editor)
    created = as_editor.post("/api/challenges", _body(prize_pool="€200 for a shelter"))
    assert created.status_code == 201, created.json()
    slug = created.json()["slug"]
    assert created.json()["status"] == "pending_review"
    assert api.get("/api/challenges").json()["items"] == []
    assert api.get(f"/api/challenges/{slug}").status_code == 404

    reviewed = as_editor.post(f"/api/challenges/{slug}/review", {"action": "approve", "reasons": ""})
    assert reviewed.status_code == 200 and reviewed.json()["status"] == "approved"
    items = api.get("/api/challenges").json()["items"]
    assert [c["slug"] for c in items] == [slug] and items[0]["phase"] == "running"
    detail = api.get(f"/api/challenges/{slug}").json()
    assert detail["stats"] == {"entries": 0, "participants": 0, "views": 0, "average_kindness": None}
    assert detail["prize_pool"] == "€200 for a shelter" and detail["review_notes"] is None
    assert detail["chart"][-1]["day"] == timezone.localdate().isoformat()


def test_bad_input(api, api_as, editor, make_user):
    """Non-editor 403, bad dates 422, bad hashtag 422, unknown slug 404, bad review action 422, anonymous 401."""
    member = api_as(make_user())
    assert member.post("/api/challenges", _body()).json()["code"] == "not_allowed_to_propose"
    assert member.post("/api/challenges", _body()).status_code == 403
    assert api.post("/api/challenges", _body()).status_code == 401
    as_editor = api_as(editor)
    bad = as_editor.post("/api/challenges", _body(start_days=3, end_days=1))
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_dates"
    assert as_editor.post("/api/challenges", {**_body(), "ends_at": "soon"}).status_code == 422
    assert as_editor.post("/api/challenges", _body(tag="#no spaces")).json()["code"] == "invalid_hashtag"
    incomplete = as_editor.post("/api/challenges", _body(checklist={"accessible": False}))
    assert incomplete.status_code == 422 and incomplete.json()["code"] == "checklist_incomplete"
    assert api.get("/api/challenges/no-such-thing").status_code == 404
    assert api.get("/api/challenges/no-such-thing/entries").status_code == 404
    slug = as_editor.post("/api/challenges", _body()).json()["slug"]
    assert as_editor.post(f"/api/challenges/{slug}/review", {"action": "maybe"}).status_code == 422
    assert as_editor.post(f"/api/challenges/{slug}/review", {"action": "decline"}).status_code == 422  # no reasons
    assert member.post(f"/api/challenges/{slug}/review", {"action": "approve"}).status_code == 403
    assert as_editor.post("/api/challenges/no-such/review", {"action": "approve"}).status_code == 404
    assert as_editor.get(f"/api/challenges/{slug}/entries?sort=worst").status_code == 422
    assert api.get(f"/api/challenges/{slug}/entries?cursor=%%%").status_code == 404  # not public yet


def test_entries_join_by_hashtag_and_featured(api, api_as, editor, make_user, make_challenge, django_capture_on_commit_callbacks):
    challenge = make_challenge("KindWeek")
    author = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        created = api_as(author).post("/api/posts", {"text": "Shovelled my neighbour's path #KindWeek"})
    post_id = created.json()["id"]
    page = api.get(f"/api/challenges/{challenge.slug}/entries?sort=new").json()
    assert [p["id"] for p in page["items"]] == [post_id]
    assert api.get(f"/api/challenges/{challenge.slug}/entries?sort=best").json()["items"][0]["id"] == post_id
    assert api.get(f"/api/challenges/{challenge.slug}/entries?cursor=bad").status_code == 400

    assert api_as(author).post(f"/api/challenges/{challenge.slug}/featured", {"post_id": post_id}).status_code == 403
    featured = api_as(editor).post(f"/api/challenges/{challenge.slug}/featured", {"post_id": post_id})
    assert featured.status_code == 201
    assert [p["id"] for p in api.get(f"/api/challenges/{challenge.slug}").json()["featured"]] == [post_id]
    assert api_as(editor).post(f"/api/challenges/{challenge.slug}/featured", {"post_id": 999999}).status_code == 404


def test_discover_collections_trending_and_overrides(api, api_as, editor, make_user, make_post, make_challenge):
    """Discover lists running/upcoming challenges, collections (visible posts only) and trending hashtags
    weighted by kindness; a hashtag whose posts are mostly held never trends; editors pin and hide."""
    make_challenge("KindWeek")
    author, private_author = make_user(), make_user(private=True)
    kind_posts = [make_post(author, f"a kind deed {i} #Helping") for i in range(3)]
    hidden = make_post(private_author, "kind and private #Helping")
    make_post(author, "kind #Murky")
    for i in range(3):
        make_post(author, f"kind [[review]] {i} #Murky")
    make_post(author, "just a plain post #Plain")  # kindness 0.3: trends, but below the kinder #Helping

    collection = api_as(editor).post(
        "/api/collections", {"title": "Quiet helpers", "post_ids": [kind_posts[1].pk, hidden.pk, kind_posts[0].pk]}
    )
    assert collection.status_code == 201
    assert api_as(author).post("/api/collections", {"title": "Mine", "post_ids": [kind_posts[0].pk]}).status_code == 403

    data = api.get("/api/discover").json()
    assert set(data) == {"challenges", "collections", "trending_hashtags"}
    assert [c["hashtag"] for c in data["challenges"]] == ["kindweek"]
    assert [p["id"] for p in data["collections"][0]["posts"]] == [kind_posts[1].pk, kind_posts[0].pk]
    assert [t["tag"] for t in data["trending_hashtags"]] == ["helping", "plain"]  # #Murky: mostly held

    as_editor = api_as(editor)
    assert as_editor.post("/api/discover/trending/plain", {"mode": "pin"}).status_code == 200
    assert [t["tag"] for t in api.get("/api/discover").json()["trending_hashtags"]] == ["plain", "helping"]
    as_editor.post("/api/discover/trending/helping", {"mode": "hide"})
    assert [t["tag"] for t in api.get("/api/discover").json()["trending_hashtags"]] == ["plain"]
    assert as_editor.post("/api/discover/trending/plain", {"mode": "boost"}).status_code == 422
    assert api_as(author).post("/api/discover/trending/plain", {"mode": "hide"}).status_code == 403
    assert as_editor.post("/api/discover/trending/nosuchtag", {"mode": "pin"}).status_code == 404


def test_hashtag_reach_has_views_per_day_top_posts_and_challenges(api, make_user, make_post, make_challenge):
    challenge = make_challenge("KindWeek")
    post = make_post(make_user(), "so kind #KindWeek")
    HashtagDailyViews.objects.create(hashtag=Hashtag.objects.get(name="kindweek"), day=timezone.localdate(), views=42)
    data = api.get("/api/hashtags/KindWeek/reach").json()
    assert data["views_per_day"][-1] == {"day": timezone.localdate().isoformat(), "views": 42}
    assert len(data["views_per_day"]) == 30
    assert [p["id"] for p in data["top_posts"]] == [post.pk]
    assert [c["slug"] for c in data["related_challenges"]] == [challenge.slug]
    assert api.get("/api/hashtags/nope_never/reach").status_code == 404


def test_verify_organisation_admin_only(api_as, admin_user, make_user, editor):
    org = make_user("food_bank")
    assert api_as(editor).post("/api/organisations/food_bank/verify", {"name": "Food Bank"}).status_code == 403
    assert api_as(admin_user).post("/api/organisations/food_bank/verify", {"name": "Food Bank"}).status_code == 201
    created = api_as(org).post("/api/challenges", _body(tag="FeedKind"))
    assert created.status_code == 201
    assert api_as(admin_user).post("/api/organisations/ghost/verify", {"name": "x"}).status_code == 404


def test_compliment_send_inbox_accept_decline(api, api_as, make_user):
    sender, recipient = make_user("sender"), make_user("recipient")
    as_sender, as_recipient = api_as(sender), api_as(recipient)
    sent = as_sender.post("/api/compliments", {"to": "recipient", "text": "You are so kind to everyone"})
    assert sent.status_code == 201 and sent.json()["status"] == "pending_acceptance"
    inbox = as_recipient.get("/api/compliments/inbox").json()["items"]
    assert [c["id"] for c in inbox] == [sent.json()["id"]] and inbox[0]["sender"]["username"] == "sender"
    assert as_sender.post(f"/api/compliments/{sent.json()['id']}/accept").status_code == 404  # not theirs
    accepted = as_recipient.post(f"/api/compliments/{sent.json()['id']}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    shown = api.get("/api/users/recipient/compliments").json()["items"]
    assert [c["text"] for c in shown] == ["You are so kind to everyone"]

    second = as_sender.post("/api/compliments", {"to": "recipient", "text": "Your kindness is contagious"}).json()
    assert as_recipient.post(f"/api/compliments/{second['id']}/decline").json()["status"] == "declined"
    assert as_recipient.post("/api/compliments/99999/accept").status_code == 404
    counts = as_recipient.get("/api/compliments/settings").json()
    assert (counts["received"], counts["accepted"]) == (2, 1)


def test_compliment_refusals(api, api_as, make_user):
    """not_kind 422 (sarcasm, held text), under-16 rules, blocked sender, bad body, no auth."""
    sender = make_user("sender")
    as_sender = api_as(sender)
    make_user("target")
    sarcastic = as_sender.post("/api/compliments", {"to": "target", "text": "Wow, you finally did something right"})
    assert sarcastic.status_code == 422 and sarcastic.json()["code"] == "not_kind"
    held = as_sender.post("/api/compliments", {"to": "target", "text": "kind [[review:insult]]"})
    assert held.status_code == 422 and held.json()["code"] == "not_kind"

    today = timezone.localdate()
    teen = make_user("teen", birth_date=today.replace(year=today.year - 14) - dt.timedelta(days=2))
    refused = as_sender.post("/api/compliments", {"to": "teen", "text": "So kind of you"})
    assert refused.status_code == 403 and refused.json()["code"] == "compliments_limited"
    follow_create(actor=teen, username="sender")
    assert as_sender.post("/api/compliments", {"to": "teen", "text": "So kind of you"}).json()["status"] == "delivered"

    Block.objects.create(blocker=teen, blocked=sender)
    assert as_sender.post("/api/compliments", {"to": "teen", "text": "So kind"}).status_code == 403
    assert as_sender.post("/api/compliments", {"to": "target"}).status_code == 422
    assert api.post("/api/compliments", {"to": "target", "text": "kind"}).status_code == 401
    assert as_sender.post("/api/compliments", {"to": "ghost", "text": "kind"}).status_code == 404


def test_compliment_block_and_settings_api(api_as, make_user):
    sender, recipient = make_user("sender"), make_user("recipient")
    cid = api_as(sender).post("/api/compliments", {"to": "recipient", "text": "kind soul"}).json()["id"]
    as_recipient = api_as(recipient)
    assert as_recipient.post(f"/api/compliments/{cid}/block").json()["status"] == "declined"
    assert Block.objects.filter(blocker=recipient, blocked=sender).exists()
    patched = as_recipient.patch("/api/compliments/settings", {"who_can_compliment": "no_one"})
    assert patched.status_code == 200 and patched.json()["who_can_compliment"] == "no_one"
    assert as_recipient.patch("/api/compliments/settings", {"who_can_compliment": "all"}).status_code == 422


def test_cover_image_is_re_encoded_and_only_for_proposer_or_editor(api_as, editor, make_user, make_challenge):
    import io

    from PIL import Image

    challenge = make_challenge("Covered")

    def png() -> io.BytesIO:
        buf = io.BytesIO()
        Image.new("RGB", (40, 20), "orange").save(buf, format="PNG")
        buf.seek(0)
        buf.name = "cover.png"
        return buf

    assert api_as(make_user()).post(f"/api/challenges/{challenge.slug}/cover", {"image": png()}, multipart=True).status_code == 403
    done = api_as(editor).post(f"/api/challenges/{challenge.slug}/cover", {"image": png()}, multipart=True)
    assert done.status_code == 200 and done.json()["cover_url"].endswith(".jpg")
    bad = io.BytesIO(b"not an image")
    bad.name = "x.png"
    assert api_as(editor).post(f"/api/challenges/{challenge.slug}/cover", {"image": bad}, multipart=True).status_code == 400
    assert api_as(editor).post(f"/api/challenges/{challenge.slug}/cover", {}, multipart=True).status_code == 422
