"""The gate with the shipped int8 model (no scripted engine): clear cases behave as the policy says."""

import pytest

from kindling.moderation.models import ReviewItem

pytestmark = [pytest.mark.django_db, pytest.mark.real_engine]


def test_kind_post_is_published(make_user, api_as):
    """A warm, ordinary post goes straight out."""
    r = api_as(make_user("alice")).post("/api/posts", {"text": "Thank you for holding the door this morning #BeKind"})
    assert r.status_code == 201 and r.json()["status"] == "published"


def test_self_harm_encouragement_never_publishes(make_user, api_as):
    """'kys' aimed at someone is refused or held — never published."""
    r = api_as(make_user("alice")).post("/api/posts", {"text": "kys nobody would miss you"})
    if r.status_code == 409:
        assert r.json()["code"] == "nudge"
    else:
        assert r.status_code == 201 and r.json()["status"] in ("rejected", "in_review")


def test_writer_at_risk_gets_support_not_sanction(make_user, api_as):
    """A post suggesting the writer is at risk is held for a wellbeing reviewer and shows help at once."""
    r = api_as(make_user("alice")).post("/api/posts", {"text": "i dont want to be alive anymore"})
    body = r.json()
    assert r.status_code == 201 and body["status"] == "in_review"
    assert body["support"]["resources"]
    assert ReviewItem.objects.get(target_id=body["id"]).queue == "wellbeing"


def test_moderation_score_endpoint_with_the_model(make_user, api_as):
    """The drop-in endpoint returns real scores: kind text allowed and kind, 'kys' harmful."""
    r = api_as(make_user("alice")).post(
        "/api/moderation/score", {"texts": ["You are so talented, keep going!", "kys nobody would miss you", ""]}
    )
    assert r.status_code == 200
    kind, harmful, empty = r.json()["results"]
    assert kind["decision"] == "allow" and kind["kindness"] > 0.5 and kind["harm"] < 0.2
    assert harmful["harm"] > 0.7 and harmful["categories"]["self_harm"] > 0.5
    assert empty["decision"] == "allow"


def test_a_kind_post_addressed_by_an_unfamiliar_name_is_published(make_user, api_as):
    """A friend's name the model has never seen does not hold back a kind post ("names alone must never make a text
    harmful"): the engine reads past the addressed name, so the post goes straight out, and the score endpoint gives
    the named text the same scores as the text alone."""
    text = "your poetry reading made half the room cry in the best way"
    r = api_as(make_user("alice")).post("/api/posts", {"text": f"Mirembe {text}"})
    assert r.status_code == 201 and r.json()["status"] == "published"
    scored = api_as(make_user("bob")).post("/api/moderation/score", {"texts": [f"Mirembe, {text}", text]})
    named, plain = scored.json()["results"]
    assert named == plain and named["decision"] == "allow"


def test_mentioning_an_account_does_not_let_grooming_through(make_user, api_as):
    """An @mention in front of a grooming message does not hide it (found 2026-12-07: a handle in front let most
    harmful probe texts through). The post is refused or held, never published, and the score endpoint scores it as
    the message without the mention."""
    make_user("jdoe_99")
    text = "I'll give you robux if you keep our chats secret"
    r = api_as(make_user("alice")).post("/api/posts", {"text": f"@jdoe_99 {text}"})
    if r.status_code == 409:
        assert r.json()["code"] == "nudge"
    else:
        assert r.status_code == 201 and r.json()["status"] in ("rejected", "in_review")
    scored = api_as(make_user("bob")).post("/api/moderation/score", {"texts": [f"@jdoe_99 {text}", text]})
    mentioned, plain = scored.json()["results"]
    assert mentioned == plain and mentioned["decision"] != "allow"


def test_sharing_a_link_does_not_let_bullying_through(make_user, api_as):
    """A link beside a harmful post does not hide it (found 2026-12-07: a link behind let most harmful probe texts
    through). The post is refused or held, never published, and the score endpoint scores it as the words alone."""
    text = "saw your cringe video. honestly just kys, nobody would miss you"
    linked = "saw your cringe video youtu.be/Wq2pK8mLx3t. honestly just kys, nobody would miss you"
    r = api_as(make_user("alice")).post("/api/posts", {"text": linked})
    if r.status_code == 409:
        assert r.json()["code"] == "nudge"
    else:
        assert r.status_code == 201 and r.json()["status"] in ("rejected", "in_review")
    scored = api_as(make_user("bob")).post("/api/moderation/score", {"texts": [linked, text]})
    with_link, plain = scored.json()["results"]
    assert with_link["decision"] == plain["decision"] != "allow"
