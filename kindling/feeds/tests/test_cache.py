"""The For You page cache: a cached page is served again until anything that could change it happens, and
never after — a removed post, a block, a "show less", a like must all show on the very next request."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kindling.accounts.services import block_create
from kindling.core.audit import state_changed
from kindling.core.models import AuditEntry
from kindling.feeds.cache import EPOCH_KEY, feed_cache_version_key
from kindling.feeds.services import rank_refresh_post
from kindling.posts.services import like_create, post_delete

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_cache(settings):
    # The test cache (local memory, or Redis in CI) stands in for Redis; only the switch matters here.
    settings.FEED_CACHE = True


def _world(make_user, make_post):
    author, other, viewer = make_user("author"), make_user("other"), make_user("viewer")
    posts = [make_post(author, "Morning walk with friends #BeKind"), make_post(other, "Baked bread for the street")]
    for p in posts:
        rank_refresh_post(post_id=p.pk)
    return author, other, viewer, posts


def _ids(client) -> list[int]:
    r = client.get("/api/feeds/for-you")
    assert r.status_code == 200
    return [item["id"] for item in r.json()["items"]]


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/feeds/for-you").status_code == 200
    return len(ctx.captured_queries)


def test_a_cached_page_is_served_without_recomputing(
    feed_cache, make_user, make_post, api_as, django_assert_max_num_queries
):
    """The second request for the same page is the same bytes, served without a database query: the token
    authenticated a moment ago, so the shared cache knows its account."""
    _author, _other, viewer, posts = _world(make_user, make_post)
    client = api_as(viewer)
    first = client.get("/api/feeds/for-you")
    with django_assert_max_num_queries(0):
        second = client.get("/api/feeds/for-you")
    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert (first["X-Kindling-Cache"], second["X-Kindling-Cache"]) == ("miss", "hit")
    assert {p.pk for p in posts} <= {item["id"] for item in second.json()["items"]}


def test_without_the_cache_every_request_recomputes(make_user, make_post, api_as, django_assert_max_num_queries):
    """With FEED_CACHE off (no Redis), nothing is served from a cache: a new post shows at once."""
    _author, other, viewer, _posts = _world(make_user, make_post)
    client = api_as(viewer)
    _ids(client)
    new = make_post(other, "A new one")
    rank_refresh_post(post_id=new.pk)
    assert new.pk in _ids(client)
    assert "X-Kindling-Cache" not in client.get("/api/feeds/for-you")


def test_a_deleted_post_leaves_every_cached_page(
    feed_cache, make_user, make_post, api_as, api, django_capture_on_commit_callbacks
):
    """Deleting a post bumps the visibility epoch: no viewer's cached page, signed in or out, still shows it."""
    author, _other, viewer, posts = _world(make_user, make_post)
    client = api_as(viewer)
    assert posts[0].pk in _ids(client) and posts[0].pk in _ids(api)
    with django_capture_on_commit_callbacks(execute=True):
        post_delete(actor=author, post_id=posts[0].pk)
    assert posts[0].pk not in _ids(client)
    assert posts[0].pk not in _ids(api)


def test_a_block_by_the_author_reaches_the_viewers_cached_page(
    feed_cache, make_user, make_post, api_as, django_capture_on_commit_callbacks
):
    """When an author blocks the viewer, the viewer's cached page drops the author's posts at once."""
    author, _other, viewer, posts = _world(make_user, make_post)
    client = api_as(viewer)
    assert posts[0].pk in _ids(client)
    with django_capture_on_commit_callbacks(execute=True):
        block_create(actor=author, username=viewer.username)
    assert posts[0].pk not in _ids(client)


def test_show_less_and_likes_refresh_the_viewers_page(
    feed_cache, make_user, make_post, api_as, django_capture_on_commit_callbacks
):
    """A like shows as liked_by_me on the next load; "show less" recomputes the viewer's page."""
    _author, _other, viewer, posts = _world(make_user, make_post)
    client = api_as(viewer)
    items = client.get("/api/feeds/for-you").json()["items"]
    assert not any(i["liked_by_me"] for i in items)
    with django_capture_on_commit_callbacks(execute=True):
        like_create(actor=viewer, post_id=posts[1].pk)
    liked = {i["id"]: i["liked_by_me"] for i in client.get("/api/feeds/for-you").json()["items"]}
    assert liked[posts[1].pk] is True
    assert _queries(client) == 0  # cached again
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/api/feeds/feedback", {"post_id": posts[0].pk, "signal": "show_less"})
    assert r.status_code == 204
    assert AuditEntry.objects.filter(action="feed.feedback", actor=viewer, target_id=posts[0].pk).exists()
    assert _queries(client) > 1  # recomputed with the feedback


def test_another_viewers_change_leaves_my_page_cached(feed_cache, make_user, make_post, django_capture_on_commit_callbacks):
    """Changes that only concern someone else (their like) keep my stamps, so my page stays cached."""
    from django.core.cache import cache

    _author, other, viewer, posts = _world(make_user, make_post)
    mine = cache.get(feed_cache_version_key(viewer.pk))
    epoch = cache.get(EPOCH_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        like_create(actor=other, post_id=posts[0].pk)
    assert cache.get(feed_cache_version_key(viewer.pk)) == mine
    assert cache.get(EPOCH_KEY) == epoch
    assert cache.get(feed_cache_version_key(other.pk)) is not None


def test_unknown_state_changes_invalidate_everyone(feed_cache, make_user):
    """A kind of change the cache has not been taught about is treated as possibly hiding posts from anyone."""
    from django.core.cache import cache

    assert cache.get(EPOCH_KEY) is None
    state_changed.send(sender=AuditEntry, actor_id=None, action="something.new", target_type="post", target_id=1,
                       data={})
    assert cache.get(EPOCH_KEY) is not None


def test_signed_out_visitors_share_one_cached_page(feed_cache, make_user, make_post, api, django_assert_max_num_queries):
    """Anonymous For You is one cache entry for everyone: the second visitor costs no query at all."""
    _world(make_user, make_post)
    first = api.get("/api/feeds/for-you")
    with django_assert_max_num_queries(0):
        second = api.get("/api/feeds/for-you")
    assert second.content == first.content
    assert AnonymousUser().pk is None


def test_a_revoked_token_gets_401_even_with_a_cached_page(
    feed_cache, make_user, make_post, api, django_capture_on_commit_callbacks
):
    """Revoking a token forgets it at once: the next For You request with it is a 401, not the cached page."""
    from kindling.accounts.models import ApiToken
    from kindling.accounts.services import token_create, token_revoke

    _author, _other, viewer, _posts = _world(make_user, make_post)
    token = token_create(user=viewer)
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/feeds/for-you", headers=headers).status_code == 200
    assert api.get("/api/feeds/for-you", headers=headers)["X-Kindling-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        token_revoke(user=viewer, token_id=ApiToken.objects.get(user=viewer).pk)
    assert api.get("/api/feeds/for-you", headers=headers).status_code == 401


def test_a_deactivated_account_gets_401_even_with_a_cached_page(feed_cache, make_user, make_post, api):
    """An account deactivated (here by a plain save, as the admin site does) stops authenticating at once."""
    from kindling.accounts.services import token_create

    _author, _other, viewer, _posts = _world(make_user, make_post)
    headers = {"Authorization": f"Bearer {token_create(user=viewer)}"}
    assert api.get("/api/feeds/for-you", headers=headers).status_code == 200
    assert api.get("/api/feeds/for-you", headers=headers)["X-Kindling-Cache"] == "hit"
    viewer.is_active = False
    viewer.save(update_fields=["is_active"])
    assert api.get("/api/feeds/for-you", headers=headers).status_code == 401


def test_unknown_tokens_never_take_the_fast_path(feed_cache, make_user, make_post, api):
    """A wrong token is a 401 even when the anonymous page is cached."""
    _world(make_user, make_post)
    assert api.get("/api/feeds/for-you").status_code == 200
    assert api.get("/api/feeds/for-you", headers={"Authorization": "Bearer kl_not_a_token"}).status_code == 401
