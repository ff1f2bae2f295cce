"""Safety tools: mute, hidden words (whole words, expiry), who can comment, hold comments, hide a reply."""

import datetime as dt

import pytest
from django.utils import timezone

from kindling.accounts.models import HiddenWord
from kindling.posts.models import Post

pytestmark = pytest.mark.django_db


def _comment_texts(client, post_id):
    items = client.get(f"/api/posts/{post_id}/comments").json()["items"]
    return [c["text"] for c in items]


def test_mute_hides_posts_from_my_feeds_and_comments(make_user, api_as, make_post):
    """Muting removes the account's posts from my Following feed and its comments from my view; others unaffected."""
    me, loud, other = make_user("mia"), make_user("loud"), make_user("other")
    c = api_as(me)
    c.post("/api/users/loud/follow")
    p = make_post(loud, "daily rant")
    make_post(other, "hello from other")
    api_as(loud).post(f"/api/posts/{p.pk}/comments", {"text": "me again"})
    assert c.post("/api/users/loud/mute").status_code == 201
    assert [x["id"] for x in c.get("/api/feeds/following").json()["items"]] == []
    assert _comment_texts(c, p.pk) == []
    assert _comment_texts(api_as(other), p.pk) == ["me again"]
    assert c.delete("/api/users/loud/mute").status_code == 204
    assert [x["id"] for x in c.get("/api/feeds/following").json()["items"]] == [p.pk]


def test_hidden_words_whole_word_and_expiry(make_user, api_as, make_post):
    """Hidden words hide matching comments on my posts (whole words, any case) and posts in my feeds; they expire."""
    me, bob = make_user("mia"), make_user("bob")
    c = api_as(me)
    c.post("/api/users/bob/follow")
    r = c.post("/api/me/hidden-words", {"phrase": "  Spoiler  ", "days": 7})
    assert r.status_code == 201 and r.json()["phrase"] == "spoiler"
    mine = make_post(me, "my post")
    b = api_as(bob)
    b.post(f"/api/posts/{mine.pk}/comments", {"text": "SPOILER: he wins"})
    b.post(f"/api/posts/{mine.pk}/comments", {"text": "spoilers are fine"})
    assert _comment_texts(c, mine.pk) == ["spoilers are fine"]
    assert _comment_texts(api_as(make_user("eve")), mine.pk) == ["spoilers are fine"]
    assert "SPOILER: he wins" in _comment_texts(b, mine.pk)
    spoiler_post = make_post(bob, "big spoiler inside")
    plain = make_post(bob, "nothing to see")
    ids = [x["id"] for x in c.get("/api/feeds/following").json()["items"]]
    assert plain.pk in ids and spoiler_post.pk not in ids
    HiddenWord.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    ids = [x["id"] for x in c.get("/api/feeds/following").json()["items"]]
    assert spoiler_post.pk in ids
    assert c.post("/api/me/hidden-words", {"phrase": ""}).status_code == 422
    word_id = c.get("/api/me/hidden-words").json()["items"][0]["id"]
    assert c.delete(f"/api/me/hidden-words/{word_id}").status_code == 204
    assert api_as(bob).delete(f"/api/me/hidden-words/{word_id}").status_code == 404


def test_who_can_comment(make_user, api_as, make_post):
    """no_one closes comments; followers limits them to people I follow."""
    me, friend, stranger = make_user("mia"), make_user("friend"), make_user("stranger")
    c = api_as(me)
    c.post("/api/users/friend/follow")
    post = make_post(me, "mine")
    assert c.patch("/api/me", {"who_can_comment": "followers"}).json()["who_can_comment"] == "followers"
    assert api_as(friend).post(f"/api/posts/{post.pk}/comments", {"text": "hi"}).status_code == 201
    r = api_as(stranger).post(f"/api/posts/{post.pk}/comments", {"text": "hi"})
    assert r.status_code == 403 and r.json()["code"] == "comments_limited"
    c.patch("/api/me", {"who_can_comment": "no_one"})
    r = api_as(friend).post(f"/api/posts/{post.pk}/comments", {"text": "hi again"})
    assert r.status_code == 403 and r.json()["code"] == "comments_off"
    assert c.post(f"/api/posts/{post.pk}/comments", {"text": "my own"}).status_code == 201
    assert c.patch("/api/me", {"who_can_comment": "martians"}).status_code == 422


def test_hold_all_comments_for_approval(make_user, api_as, make_post):
    """With hold_comments on, comments wait for my approval: I see them flagged, others don't, counts wait."""
    me, bob, eve = make_user("mia"), make_user("bob"), make_user("eve")
    c = api_as(me)
    c.patch("/api/me", {"hold_comments": True})
    post = make_post(me, "mine")
    comment = api_as(bob).post(f"/api/posts/{post.pk}/comments", {"text": "nice!"}).json()
    assert _comment_texts(api_as(eve), post.pk) == []
    mine = c.get(f"/api/posts/{post.pk}/comments").json()["items"]
    assert mine[0]["awaiting_author_approval"] is True
    assert Post.objects.get(pk=post.pk).comment_count == 0
    assert api_as(eve).post(f"/api/comments/{comment['id']}/approve").status_code == 404
    assert c.post(f"/api/comments/{comment['id']}/approve").status_code == 200
    assert _comment_texts(api_as(eve), post.pk) == ["nice!"]
    assert Post.objects.get(pk=post.pk).comment_count == 1


def test_hide_a_reply(make_user, api_as, make_post):
    """I can hide a reply on my post: others stop seeing it, its writer still does, and I can un-hide it."""
    me, bob, eve = make_user("mia"), make_user("bob"), make_user("eve")
    post = make_post(me, "mine")
    comment = api_as(bob).post(f"/api/posts/{post.pk}/comments", {"text": "meh"}).json()
    c = api_as(me)
    assert c.post(f"/api/comments/{comment['id']}/hide").json()["hidden_by_author"] is True
    assert _comment_texts(api_as(eve), post.pk) == []
    assert _comment_texts(api_as(bob), post.pk) == ["meh"]
    assert Post.objects.get(pk=post.pk).comment_count == 0
    assert api_as(bob).post(f"/api/comments/{comment['id']}/hide").status_code == 404
    c.post(f"/api/comments/{comment['id']}/hide", {"hidden": False})
    assert _comment_texts(api_as(eve), post.pk) == ["meh"]
    assert Post.objects.get(pk=post.pk).comment_count == 1
