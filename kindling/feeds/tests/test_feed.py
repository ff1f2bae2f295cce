"""For You end to end on the database: stored ranks kept by post events, visibility, pages and feedback."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kindling.accounts.services import block_create, follow_create
from kindling.feeds.models import FeedFeedback, PostRank
from kindling.feeds.selectors import feed_for_you
from kindling.feeds.services import rank_refresh_post, ranks_refresh_all
from kindling.feeds.weights import weights_load
from kindling.posts.models import Post
from kindling.posts.services import comment_create, like_create, post_delete

pytestmark = pytest.mark.django_db


def _set(post: Post, **fields) -> None:
    Post.objects.filter(pk=post.pk).update(**fields)
    rank_refresh_post(post_id=post.pk)


def _ids(viewer, cursor=None):
    rows, next_cursor = feed_for_you(viewer=viewer, cursor=cursor)
    return [p.pk for p in rows], next_cursor


def _all_pages(viewer, between=None, limit=20):
    seen, cursor, pages = [], None, 0
    while True:
        rows, cursor = feed_for_you(viewer=viewer, cursor=cursor, limit=limit)
        seen += [p.pk for p in rows]
        pages += 1
        if between:
            between(pages)
        if cursor is None or pages > 80:
            return seen, pages


def test_post_events_keep_the_stored_rank_current(make_user, make_post, django_capture_on_commit_callbacks):
    """Publishing creates a rank row, a like raises it at once, deleting the post removes it."""
    author, fan = make_user("author"), make_user("fan")
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(author, "Morning walk, lovely people about")
    before = PostRank.objects.get(post=post)
    with django_capture_on_commit_callbacks(execute=True):
        like_create(actor=fan, post_id=post.pk)
    after = PostRank.objects.get(post=post)
    assert after.rank > before.rank and after.engagement > 0
    with django_capture_on_commit_callbacks(execute=True):
        post_delete(actor=author, post_id=post.pk)
    assert not PostRank.objects.filter(post=post).exists()


def test_harm_above_review_threshold_never_surfaces(make_user, make_post):
    """A published post scored at or above the harm ceiling never appears, however much engagement it has."""
    a, b, viewer = make_user("aaa"), make_user("bbb"), make_user("viewer")
    harmful = make_post(a, "outrage bait")
    mild = make_post(b, "a plain update")
    _set(harmful, harm_score=0.85, like_count=5000, share_count=900, comment_count=700)
    _set(mild, harm_score=0.01)
    assert not PostRank.objects.filter(post=harmful).exists()
    for who in (viewer, make_user("other")):
        ids, _ = _ids(who)
        assert harmful.pk not in ids and mild.pk in ids
    from django.contrib.auth.models import AnonymousUser

    assert harmful.pk not in _ids(AnonymousUser())[0]


def test_reach_limited_posts_are_not_recommended(make_user, make_post):
    """A moderator's limit-reach keeps a post out of For You even though it stays published."""
    a, viewer = make_user("aaa"), make_user("viewer")
    post = make_post(a, "limited")
    rank_refresh_post(post_id=post.pk)
    Post.objects.filter(pk=post.pk).update(reach_limited=True)  # no post event is sent for this
    assert post.pk not in _ids(viewer)[0]


def test_under_16s_are_not_suggested_to_strangers(make_user, make_post):
    """A young teen's public post reaches For You only for accounts the teen follows (and the teen)."""
    from kindling.accounts.services import profile_update

    today = timezone.localdate()
    teen = make_user("young", birth_date=today.replace(year=today.year - 14))
    profile_update(user=teen, is_private=False)
    friend, stranger = make_user("friend"), make_user("stranger")
    follow_create(actor=teen, username="friend")
    post = make_post(teen, "drew a little sunflower today")
    rank_refresh_post(post_id=post.pk)
    assert post.pk not in _ids(stranger)[0]
    assert post.pk in _ids(friend)[0]
    assert post.pk in _ids(teen)[0]


def test_blocks_apply_both_ways(make_user, make_post):
    """Posts by someone the viewer blocked, or who blocked the viewer, never reach the viewer's For You."""
    viewer, pest, blocker, friend = make_user("viewer"), make_user("pest"), make_user("blocker"), make_user("friend")
    posts = [make_post(u, f"hello from {u.username}") for u in (pest, blocker, friend)]
    ranks_refresh_all()
    block_create(actor=viewer, username="pest")
    block_create(actor=blocker, username="viewer")
    ids, _ = _ids(viewer)
    assert ids == [posts[2].pk]


def test_pages_cap_authors_and_every_item_explains_itself(make_user, make_post):
    """No page has more than two posts by one author; every item carries one to three `why` reasons."""
    viewer = make_user("viewer")
    authors = [make_user(f"writer{i}") for i in range(12)]
    for i, author in enumerate(authors):
        for j in range(4):
            make_post(author, f"note {j} from writer {i} about topic {i * 10 + j}")
    ranks_refresh_all()
    cursor = None
    for _ in range(2):
        rows, cursor = feed_for_you(viewer=viewer, cursor=cursor)
        assert len(rows) == 20
        per_author: dict[int, int] = {}
        for p in rows:
            per_author[p.author_id] = per_author.get(p.author_id, 0) + 1
            assert 1 <= len(p.why) <= 3
        assert max(per_author.values()) <= 2


def test_followed_author_is_lifted_and_says_why(make_user, make_post):
    """Following an author lifts their post above an otherwise equal one and `why` names the follow."""
    viewer, liked, other = make_user("viewer"), make_user("liked"), make_user("other")
    p_other = make_post(other, "equal standing one")
    p_liked = make_post(liked, "equal standing two")
    follow_create(actor=viewer, username="liked")
    ranks_refresh_all()
    rows, _ = feed_for_you(viewer=viewer, cursor=None)
    assert [p.pk for p in rows] == [p_liked.pk, p_other.pk]
    assert "from @liked you follow" in rows[0].why


def test_kind_replies_lift_a_post_and_are_named(make_user, make_post, django_capture_on_commit_callbacks):
    """Replies the engine scores kind raise a post's rank and show up as "kind replies" in why."""
    author, viewer = make_user("author"), make_user("viewer")
    post = make_post(author, "First day at the new job")
    for i in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            comment_create(author=make_user(f"friend{i}"), post_id=post.pk, text=f"So kind of you to share {i}")
    from kindling.posts.models import Comment

    Comment.objects.filter(post=post).update(kindness_score=0.95)
    row = rank_refresh_post(post_id=post.pk)
    assert row is not None and row.replies > 1.0
    rows, _ = feed_for_you(viewer=viewer, cursor=None)
    assert "kind replies" in rows[0].why


@pytest.fixture
def small_windows(tmp_path, monkeypatch):
    """Tiny candidate windows and reads (through the documented KINDLING_FEED_WEIGHTS file), so paging crosses
    the index boundary and candidates wait unread in the cursor."""
    path = tmp_path / "weights.toml"
    path.write_text(
        "[candidates]\nfirst_page_global = 6\nfirst_page_follows = 3\nfirst_page_creators = 3\n"
        "next_page_global = 5\nnext_page_follows = 2\nnext_page_creators = 2\ncarry = 40\n"
        "read_in_full = 4\n"
    )
    monkeypatch.setenv("KINDLING_FEED_WEIGHTS", str(path))
    weights_load.cache_clear()
    yield
    weights_load.cache_clear()


def test_pagination_is_stable_under_new_posts(make_user, make_post, small_windows, django_capture_on_commit_callbacks):
    """Paging through For You shows every eligible post exactly once; posts published meanwhile (which
    rank at the top) never appear on later pages, and nothing already shown repeats."""
    viewer = make_user("viewer")
    follow_create(actor=viewer, username=make_user("pal").username)
    authors = [make_user(f"author{i}") for i in range(15)]
    from kindling.accounts.models import User

    pal = User.objects.get(username="pal")
    existing = []
    for i in range(45):
        existing.append(make_post(authors[i % 15] if i % 5 else pal, f"post {i} on subject {i * 7}").pk)
    # Spread publication times so freshness and the boundary both matter.
    for n, pk in enumerate(existing):
        Post.objects.filter(pk=pk).update(published_at=timezone.now() - timedelta(minutes=30 + n * 17))
    ranks_refresh_all()
    late = []

    def publish(page: int) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            late.append(make_post(authors[page % 15], f"breaking news {page}").pk)

    seen, pages = _all_pages(viewer, between=publish, limit=3)
    assert pages > 2
    assert len(seen) == len(set(seen)), "a post repeated across pages"
    assert set(seen) == set(existing), "posts were skipped or late posts leaked into later pages"


def test_show_less_lowers_author_for_that_viewer(make_user, make_post, api_as, api, django_capture_on_commit_callbacks):
    """After "show less" on a post, its author drops below an equal post for that viewer only; the
    endpoint needs a token and answers 404/422 for unknown posts and signals."""
    viewer, other_viewer = make_user("viewer"), make_user("other")
    loud, calm = make_user("loud"), make_user("calm")
    p_calm = make_post(calm, "steady and calm")
    p_loud = make_post(loud, "loud and proud")
    ranks_refresh_all()
    assert _ids(viewer)[0] == [p_loud.pk, p_calm.pk]
    client = api_as(viewer)
    with django_capture_on_commit_callbacks(execute=True):  # as after the request's commit
        assert client.post("/api/feeds/feedback", {"post_id": p_loud.pk, "signal": "show_less"}).status_code == 204
    assert FeedFeedback.objects.filter(viewer=viewer, author=loud).count() == 1
    assert _ids(viewer)[0] == [p_calm.pk, p_loud.pk]
    assert _ids(other_viewer)[0] == [p_loud.pk, p_calm.pk]
    assert api.post("/api/feeds/feedback", {"post_id": p_loud.pk, "signal": "show_less"}).status_code == 401
    r = client.post("/api/feeds/feedback", {"post_id": 999999, "signal": "show_less"})
    assert r.status_code == 404 and set(r.json()) >= {"code", "message"}
    r = client.post("/api/feeds/feedback", {"post_id": p_loud.pk, "signal": "more_please"})
    assert r.status_code == 422 and r.json()["code"] == "bad_signal"


def test_api_items_carry_why_and_bad_cursor_is_400(make_user, make_post, api):
    """GET /api/feeds/for-you returns items with a non-empty `why`; a tampered cursor is a 400 with a code."""
    make_post(make_user("aaa"), "something kind")
    ranks_refresh_all()
    body = api.get("/api/feeds/for-you").json()
    assert body["items"] and all(1 <= len(item["why"]) <= 3 for item in body["items"])
    r = api.get("/api/feeds/for-you?cursor=bm90LWpzb24")
    assert r.status_code == 400 and r.json()["code"] == "bad_cursor"


def test_refresh_ranks_command_rebuilds_and_prunes(make_user, make_post):
    """`kindling refresh-ranks` ranks posts that missed their event and drops rows of hidden posts."""
    author = make_user("author")
    kept, gone = make_post(author, "kept"), make_post(author, "gone")
    assert not PostRank.objects.exists()  # events only fire after commit; none has in this test
    PostRank.objects.create(post=gone, author=author, rank=1.0, published_at=timezone.now())
    Post.objects.filter(pk=gone.pk).update(status="removed")
    call_command("refresh-ranks")
    assert list(PostRank.objects.values_list("post_id", flat=True)) == [kept.pk]


def test_viewer_context_reads_likes_and_recent_feedback(make_user, make_post):
    """The ranker's view of the viewer: authors and hashtags of posts they liked (not their own), and "show less"
    counts per author and per hashtag from the last 90 days only."""
    from datetime import timedelta

    from kindling.feeds.selectors import viewer_context
    from kindling.feeds.services import feedback_record

    viewer, liked_author, dull_author = make_user("viewer"), make_user("liked"), make_user("dull")
    liked = make_post(liked_author, "Bread for the neighbours #Baking #BeKind")
    own = make_post(viewer, "My own #Garden")
    dull = make_post(dull_author, "Same again #Repeats")
    old = make_post(dull_author, "Older #Ancient")
    like_create(actor=viewer, post_id=liked.pk)
    like_create(actor=viewer, post_id=own.pk)
    feedback_record(viewer=viewer, post_id=dull.pk, signal="show_less")
    feedback_record(viewer=viewer, post_id=dull.pk, signal="show_less")
    feedback_record(viewer=viewer, post_id=old.pk, signal="show_less")
    FeedFeedback.objects.filter(post=old).update(created_at=timezone.now() - timedelta(days=91))

    ctx = viewer_context(viewer=viewer)
    assert ctx.interacted_authors == {liked_author.pk}
    assert ctx.liked_hashtags == {"baking", "bekind", "garden"}
    assert ctx.show_less_authors == {dull_author.pk: 2}
    assert ctx.show_less_hashtags == {"repeats": 2}
