"""The demo world (`kindling demo-data`) at a small scale: who is in it, what they wrote, and whether every
counter agrees with the rows behind it (the generator goes through the services, so it must)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from kindling.accounts.models import AgeBand, Follow, User
from kindling.core.demo.moderation import HARSH_POSTS, STAFF, WELLBEING_POSTS
from kindling.core.demo.world import DEMO_PASSWORD, DemoConfig, demo_world_build, demo_world_summary
from kindling.posts.models import Comment, Hashtag, Like, Post, PostStatus, PostView
from kindling.posts.selectors import hashtag_get

MODERATION_POSTS = len(HARSH_POSTS) + len(WELLBEING_POSTS)

SMALL = {"users": 12, "posts": 60, "seed": 7}
# Each test builds a small world through the real services: a few seconds apiece.
pytestmark = pytest.mark.slow


def _load(**overrides: object) -> str:
    out = StringIO()
    call_command("demo-data", **{**SMALL, **overrides}, verbosity=0, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_world_has_the_people_the_spec_asks_for() -> None:
    """maya is an adult public account with the published password; there are teens in both bands, the
    under-16s are private (the sign-up default), and organisation-like accounts exist."""
    output = _load()
    assert "Demo world ready" in output
    users = User.objects.all()
    assert users.count() == 12 + len(STAFF)  # the community plus moderators and an editor
    maya = User.objects.get(username="maya")
    assert maya.age_band == AgeBand.ADULT and not maya.is_private
    assert maya.check_password(DEMO_PASSWORD)
    bands = [u.age_band for u in users]
    assert AgeBand.TEEN_13_15 in bands and AgeBand.TEEN_16_17 in bands
    assert all(u.is_private for u in users if u.age_band == AgeBand.TEEN_13_15)
    assert users.filter(username="riverside_school").exists()
    assert all(u.display_name for u in users)


@pytest.mark.django_db
def test_demo_posts_carry_kindness_hashtags_matched_case_insensitively() -> None:
    """Posts use the kindness hashtags in mixed casing; each tag is one Hashtag whatever the casing."""
    _load(users=16, posts=80)
    assert Post.objects.count() == 80 + MODERATION_POSTS
    for tag in ("SpreadKindness", "BeKind", "DriveByKindness"):
        hashtag = hashtag_get(tag=tag.lower())
        assert hashtag.display == tag  # the first use is canonical, so the display form is the nice one
        assert hashtag.posts.exists()
    assert Hashtag.objects.filter(name__in=["spreadlove", "createkindness"]).exists()
    tagged_lower = Post.objects.filter(text__contains="#bekind").first()
    if tagged_lower is not None:
        assert tagged_lower.hashtags.filter(name="bekind").exists()


@pytest.mark.django_db
def test_demo_counters_match_the_rows_behind_them() -> None:
    """like/comment/share/view counts on every post equal the Like, published Comment, share and PostView
    rows, because everything was created through the services."""
    _load()
    posts = Post.objects.annotate(
        likes_n=Count("likes", distinct=True),
        comments_n=Count("comments", filter=Q(comments__status=PostStatus.PUBLISHED), distinct=True),
        shares_n=Count("shares", distinct=True),
        views_n=Count("views", distinct=True),
    )
    for post in posts:
        assert post.like_count == post.likes_n, post.pk
        assert post.comment_count == post.comments_n, post.pk
        assert post.share_count == post.shares_n, post.pk
        assert post.view_count == post.views_n, post.pk
    assert Like.objects.exists() and Comment.objects.exists() and PostView.objects.exists()
    assert Comment.objects.filter(parent__isnull=False).exists(), "some comments are replies"
    assert Post.objects.filter(shared_from__isnull=False).exists(), "some posts are shares"


@pytest.mark.django_db
def test_demo_content_is_backdated_and_respects_visibility() -> None:
    """Content spreads over the last month, reactions come after the post, views fall on days from the
    post's day to today, and nobody reacted to a private account's post without being an approved follower."""
    _load(users=16, posts=80)
    now = timezone.now()
    oldest = Post.objects.order_by("created_at").first()
    assert oldest is not None and oldest.created_at < now - dt.timedelta(days=7)
    assert not Post.objects.filter(created_at__gt=now).exists()
    for comment in Comment.objects.select_related("post", "parent"):
        assert comment.created_at >= comment.post.created_at
        if comment.parent is not None:
            assert comment.created_at >= comment.parent.created_at
    for like in Like.objects.select_related("post"):
        assert like.created_at >= like.post.created_at
    assert PostView.objects.values("day").distinct().count() > 5
    for view in PostView.objects.select_related("post"):
        assert timezone.localdate(view.post.created_at) <= view.day <= timezone.localdate()
    accepted = set(Follow.objects.filter(status=Follow.Status.ACCEPTED).values_list("follower_id", "followee_id"))
    for like in Like.objects.select_related("post__author").filter(post__author__is_private=True):
        assert (like.user_id, like.post.author_id) in accepted


@pytest.mark.django_db
def test_demo_data_twice_changes_nothing() -> None:
    """A second run finds maya, says the world is already loaded and adds nothing."""
    _load()
    before = demo_world_summary()
    output = _load()
    assert "already loaded" in output
    assert demo_world_summary() == before


@pytest.mark.django_db
def test_demo_world_is_deterministic_for_a_seed() -> None:
    """--reset rebuilds the same world from the same seed: same people, same texts in the same order."""
    _load()
    first = list(Post.objects.order_by("created_at", "id").values_list("author__username", "text"))
    _load(reset=True)
    second = list(Post.objects.order_by("created_at", "id").values_list("author__username", "text"))
    assert first == second
    assert User.objects.count() == 12 + len(STAFF)


@pytest.mark.django_db
def test_demo_world_build_returns_the_summary() -> None:
    """The builder's summary reports the counts read back from the database."""
    counts = demo_world_build(DemoConfig(users=10, posts=30, progress=False), log=lambda _line: None)
    assert counts["users"] == 10 + len(STAFF) and counts["posts"] == 30 + MODERATION_POSTS
    assert counts["teens"] >= 2 and counts["private"] >= 1
    assert counts["likes"] == Like.objects.count()
