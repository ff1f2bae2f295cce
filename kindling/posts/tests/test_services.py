"""Post services: status from the gate, counters, mentions and teen rules, views, audit."""

import datetime as dt

import pytest

from kindling.accounts.services import follow_create
from kindling.core.models import AuditEntry
from kindling.posts import selectors, services
from kindling.posts.models import Like, Mention, Post, PostStatus, PostView

pytestmark = pytest.mark.django_db


def test_new_post_is_published_by_the_gate_and_audited(make_user):
    """An allowed post is published; creation and decision both leave audit rows."""
    user = make_user("alice")
    post = services.post_create(author=user, text="hello #BeKind")
    assert post.status == PostStatus.PUBLISHED and post.published_at is not None
    assert post.harm_score is not None and post.kindness_score is not None
    actions = set(AuditEntry.objects.filter(target_type="post", target_id=post.pk).values_list("action", flat=True))
    assert actions == {"post.create", "post.decide"}


def test_gate_decides_once(make_user):
    """A post the gate already decided is not decided again by a retry."""
    user = make_user("alice")
    post = services.post_create(author=user, text="held [[review]]")
    assert post.status == PostStatus.IN_REVIEW
    Post.objects.filter(pk=post.pk).update(text="now harmless")
    assert services.post_decide(post=post).status == PostStatus.IN_REVIEW


def test_mentions_respect_teen_rule(make_user):
    """A stranger's @mention of an under-16 isn't recorded; one they follow is."""
    young = make_user("young", birth_date=dt.date.today().replace(year=dt.date.today().year - 14))
    stranger, friend = make_user("stranger"), make_user("friend")
    follow_create(actor=young, username="friend")
    services.post_create(author=stranger, text="hey @young")
    services.post_create(author=friend, text="hey @young")
    assert list(Mention.objects.values_list("post__author__username", flat=True)) == ["friend"]


def test_like_counter_matches_rows(make_user):
    """like_count always equals the number of Like rows."""
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    post = services.post_create(author=alice, text="x")
    services.like_create(actor=bob, post_id=post.pk)
    services.like_create(actor=carol, post_id=post.pk)
    services.like_create(actor=carol, post_id=post.pk)
    services.like_delete(actor=bob, post_id=post.pk)
    post.refresh_from_db()
    assert post.like_count == Like.objects.filter(post=post).count() == 1


def test_view_is_counted_once_per_day(make_user):
    """One view per viewer per post per day; a new day counts again."""
    alice, bob = make_user("alice"), make_user("bob")
    post = services.post_create(author=alice, text="x")
    key = services.viewer_key_for(user=bob)
    assert services.post_view_record(post=post, viewer_key=key) is True
    assert services.post_view_record(post=post, viewer_key=key) is False
    PostView.objects.update(day=dt.date(2020, 1, 1))
    assert services.post_view_record(post=post, viewer_key=key) is True
    post.refresh_from_db()
    assert post.view_count == 2


def test_anonymous_viewer_key_is_hashed():
    """Anonymous viewers are counted by a hash, never by their raw address."""
    key = services.viewer_key_for(user=None, fingerprint="203.0.113.9|Mozilla")
    assert key.startswith("a:") and "203.0.113.9" not in key


def test_deleting_a_share_decrements_origin(make_user):
    """Deleting a share takes it off the original's share count but keeps its trace row."""
    alice, bob = make_user("alice"), make_user("bob")
    post = services.post_create(author=alice, text="origin")
    share = services.share_create(actor=bob, post_id=post.pk, note="")
    post.refresh_from_db()
    assert post.share_count == 1
    services.post_delete(actor=bob, post_id=share.pk)
    post.refresh_from_db()
    assert post.share_count == 0
    assert Post.objects.get(pk=share.pk).shared_from_id == post.pk


def test_share_of_hidden_original_is_not_revealed(make_user):
    """When the original becomes invisible, the share no longer exposes it."""
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    post = services.post_create(author=alice, text="origin")
    share = services.share_create(actor=bob, post_id=post.pk, note="look")
    Post.objects.filter(pk=post.pk).update(status=PostStatus.REMOVED)
    share = selectors.post_get_visible(viewer=carol, post_id=share.pk)
    assert selectors.post_original_visible(viewer=carol, post=share) is None
