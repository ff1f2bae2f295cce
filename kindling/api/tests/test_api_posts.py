"""API: posts, images, likes, comments, shares, feeds and hashtags — including bad input."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kindling.posts.models import Comment, Post, PostStatus

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (64, 48), (200, 120, 80))
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    gps = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_create_post_json(make_user, api_as):
    """POST /api/posts with JSON gives 201 {id, status, text, hashtags, author, created_at}, published."""
    client = api_as(make_user("alice"))
    r = client.post("/api/posts", {"text": "Held the door for a stranger #SpreadKindness #bekind @nobody"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert {"id", "status", "text", "hashtags", "author", "created_at"} <= set(body)
    assert body["status"] == "published"
    assert body["hashtags"] == ["spreadkindness", "bekind"]
    assert body["author"]["username"] == "alice"


def test_hashtags_match_case_insensitively(make_user, api_as, api):
    """#SpreadKindness and #spreadkindness are one hashtag, stored case-folded with its first display form."""
    client = api_as(make_user("alice"))
    client.post("/api/posts", {"text": "one #SpreadKindness"})
    client.post("/api/posts", {"text": "two #SPREADKINDNESS"})
    r = api.get("/api/hashtags/spreadKindness")
    assert r.status_code == 200
    assert r.json()["tag"] == "spreadkindness" and r.json()["display"] == "SpreadKindness"
    assert r.json()["posts"] == 2 and r.json()["participants"] == 1


def test_create_post_too_long_is_422_and_nothing_saved(make_user, api_as):
    """Text over 2,000 characters is refused with text_too_long and no row is written."""
    client = api_as(make_user("alice"))
    r = client.post("/api/posts", {"text": "a" * 2001})
    assert r.status_code == 422 and r.json()["code"] == "text_too_long"
    assert Post.objects.count() == 0
    assert client.post("/api/posts", {"text": "a" * 2000}).status_code == 201


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "   "}, {"text": 12}, {"text": None}])
def test_create_post_empty_or_wrong_type_is_422(make_user, api_as, body):
    """Empty or non-string text is a 422."""
    r = api_as(make_user("alice")).post("/api/posts", body)
    assert r.status_code == 422, r.content
    assert Post.objects.count() == 0


def test_create_post_requires_token(api):
    """No token: 401."""
    assert api.post("/api/posts", {"text": "hi"}).status_code == 401


def test_create_post_with_image_strips_metadata(make_user, api_as, settings):
    """A JPEG with GPS EXIF is re-encoded: the stored file has no EXIF at all."""
    client = api_as(make_user("alice"))
    upload = SimpleUploadedFile("photo.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    r = client.post("/api/posts", {"text": "sunset #BeKind", "image": upload}, multipart=True)
    assert r.status_code == 201, r.content
    post = Post.objects.get(pk=r.json()["id"])
    assert r.json()["image_url"].endswith(post.image.name.split("/")[-1])
    with Image.open(post.image.path) as stored:
        assert not stored.getexif()
        assert "exif" not in stored.info


def test_create_post_bad_image_is_422(make_user, api_as):
    """A file that is not an image is refused and no post is saved."""
    client = api_as(make_user("alice"))
    upload = SimpleUploadedFile("evil.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    r = client.post("/api/posts", {"text": "hi", "image": upload}, multipart=True)
    assert r.status_code == 400 and r.json()["code"] == "invalid_image"
    assert Post.objects.count() == 0


def test_create_post_too_many_pixels_is_413(make_user, api_as, settings):
    """Images over the pixel limit are refused before decoding."""
    settings.KINDLING_IMAGE_MAX_PIXELS = 100
    client = api_as(make_user("alice"))
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, format="PNG")
    upload = SimpleUploadedFile("big.png", out.getvalue(), content_type="image/png")
    r = client.post("/api/posts", {"text": "hi", "image": upload}, multipart=True)
    assert r.status_code == 413 and r.json()["code"] == "image_too_large"


def test_get_post_unknown_and_bad_ids(api):
    """Unknown, non-numeric and out-of-range ids are 4xx, never 500."""
    assert api.get("/api/posts/999999").status_code == 404
    assert api.get("/api/posts/abc").status_code == 422
    assert api.get("/api/posts/99999999999999999999999").status_code == 422
    assert api.get("/api/posts/-1").status_code == 422


def test_post_views_count_once_per_viewer_per_day(make_user, api_as, make_post):
    """Each viewer counts once a day; the author's own views don't count."""
    alice, bob = make_user("alice"), make_user("bob")
    post = make_post(alice, "hello #BeKind")
    b = api_as(bob)
    assert b.get(f"/api/posts/{post.pk}").json()["view_count"] == 1
    assert b.get(f"/api/posts/{post.pk}").json()["view_count"] == 1
    api_as(alice).get(f"/api/posts/{post.pk}")
    post.refresh_from_db()
    assert post.view_count == 1


def test_delete_post_by_author_only(make_user, api_as, make_post):
    """Only the author can delete (403 for others, 404 afterwards); deleted posts vanish for everyone."""
    alice, bob = make_user("alice"), make_user("bob")
    post = make_post(alice)
    assert api_as(bob).delete(f"/api/posts/{post.pk}").status_code == 403
    a = api_as(alice)
    assert a.delete(f"/api/posts/{post.pk}").status_code == 204
    assert a.get(f"/api/posts/{post.pk}").status_code == 404
    assert a.delete(f"/api/posts/{post.pk}").status_code == 404
    assert api_as(bob).get(f"/api/posts/{post.pk}").status_code == 404


def test_like_and_unlike(make_user, api_as, make_post):
    """Likes are idempotent per user; unlike removes it; unknown post is 404."""
    alice, bob = make_user("alice"), make_user("bob")
    post = make_post(alice)
    b = api_as(bob)
    r = b.post(f"/api/posts/{post.pk}/like")
    assert r.status_code == 201 and r.json()["like_count"] == 1 and r.json()["liked_by_me"] is True
    assert b.post(f"/api/posts/{post.pk}/like").json()["like_count"] == 1
    r = b.delete(f"/api/posts/{post.pk}/like")
    assert r.status_code == 200 and r.json()["like_count"] == 0
    assert b.post("/api/posts/424242/like").status_code == 404


def test_comments_with_one_level_of_replies(make_user, api_as, make_post, api):
    """Comments list oldest first with replies nested; a reply to a reply attaches to the top comment."""
    alice, bob = make_user("alice"), make_user("bob")
    post = make_post(alice)
    b = api_as(bob)
    top = b.post(f"/api/posts/{post.pk}/comments", {"text": "Lovely!"})
    assert top.status_code == 201 and top.json()["status"] == "published"
    reply = api_as(alice).post(f"/api/posts/{post.pk}/comments", {"text": "Thanks!", "parent_id": top.json()["id"]})
    assert reply.status_code == 201 and reply.json()["parent_id"] == top.json()["id"]
    deeper = b.post(f"/api/posts/{post.pk}/comments", {"text": "Anytime", "parent_id": reply.json()["id"]})
    assert deeper.json()["parent_id"] == top.json()["id"]
    listing = api.get(f"/api/posts/{post.pk}/comments").json()
    assert len(listing["items"]) == 1
    assert [r["text"] for r in listing["items"][0]["replies"]] == ["Thanks!", "Anytime"]
    post.refresh_from_db()
    assert post.comment_count == 3


def test_comment_bad_input(make_user, api_as, make_post):
    """Empty, over-long, wrong-parent and unknown-post comments are 4xx and save nothing."""
    alice = make_user("alice")
    post, other = make_post(alice), make_post(alice, "other")
    a = api_as(alice)
    c = a.post(f"/api/posts/{other.pk}/comments", {"text": "on other"}).json()
    before = Comment.objects.count()
    assert a.post(f"/api/posts/{post.pk}/comments", {"text": ""}).status_code == 422
    assert a.post(f"/api/posts/{post.pk}/comments", {"text": "x" * 1001}).status_code == 422
    assert a.post(f"/api/posts/{post.pk}/comments", {"text": "hi", "parent_id": c["id"]}).status_code == 422
    assert a.post(f"/api/posts/{post.pk}/comments", {"text": "hi", "parent_id": 10**30}).status_code == 422
    assert a.post("/api/posts/987654/comments", {"text": "hi"}).status_code == 404
    assert a.post(f"/api/posts/{post.pk}/comments", {}).status_code == 422
    assert Comment.objects.count() == before


def test_share_records_origin(make_user, api_as, make_post):
    """A share is a new post whose shared_from is the original; the original counts the share."""
    alice, bob = make_user("alice"), make_user("bob")
    post = make_post(alice)
    r = api_as(bob).post(f"/api/posts/{post.pk}/shares", {"note": "This made my day #SpreadLove"})
    assert r.status_code == 201
    assert r.json()["shared_from"] == post.pk and r.json()["hashtags"] == ["spreadlove"]
    post.refresh_from_db()
    assert post.share_count == 1
    r = api_as(bob).post(f"/api/posts/{post.pk}/shares", {})
    assert r.status_code == 201


def test_share_of_private_post_is_refused(make_user, api_as, make_post):
    """Followers of a private account can't re-broadcast its posts."""
    priv, bob = make_user("priv", private=True), make_user("bob")
    from kindling.accounts.services import follow_create, follow_request_decide

    follow_create(actor=bob, username="priv")
    follow_request_decide(actor=priv, username="bob", approve=True)
    post = make_post(priv)
    r = api_as(bob).post(f"/api/posts/{post.pk}/shares", {})
    assert r.status_code == 403 and r.json()["code"] == "not_shareable"


def test_feeds_following_and_for_you(make_user, api_as, make_post, api):
    """Following shows followed accounts newest first; For You shows recent public posts to anyone."""
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    p1 = make_post(bob, "from bob")
    p2 = make_post(carol, "from carol")
    a = api_as(alice)
    a.post("/api/users/bob/follow")
    following = a.get("/api/feeds/following").json()
    assert [p["id"] for p in following["items"]] == [p1.pk]
    for_you = api.get("/api/feeds/for-you").json()
    assert [p["id"] for p in for_you["items"]] == [p2.pk, p1.pk]
    assert api.get("/api/feeds/following").status_code == 401


def test_feed_pagination_is_stable_under_new_posts(make_user, api, make_post):
    """A new post arriving between pages doesn't duplicate or skip items (keyset pagination)."""
    bob = make_user("bob")
    ids = [make_post(bob, f"p{i}").pk for i in range(30)]
    first = api.get("/api/feeds/for-you").json()
    make_post(bob, "brand new")
    second = api.get(f"/api/feeds/for-you?cursor={first['next_cursor']}").json()
    seen = [p["id"] for p in first["items"] + second["items"]]
    assert seen == sorted(ids, reverse=True)


def test_hashtag_reach_and_unknown(make_user, api_as, make_post, api):
    """Reach counts published posts, views and distinct participants; unknown or invalid tags are 404."""
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    p = make_post(alice, "#BeKind one")
    make_post(bob, "#bekind two")
    api_as(carol).get(f"/api/posts/{p.pk}")
    r = api.get("/api/hashtags/BeKind").json()
    assert r == {"tag": "bekind", "display": "BeKind", "views": 1, "posts": 2, "participants": 2}
    assert api.get("/api/hashtags/neverused").status_code == 404
    assert api.get("/api/hashtags/%00bad").status_code == 404
    posts = api.get("/api/hashtags/bekind/posts").json()
    assert len(posts["items"]) == 2


@pytest.mark.parametrize("status", [PostStatus.PENDING, PostStatus.IN_REVIEW, PostStatus.REJECTED, PostStatus.REMOVED])
def test_unpublished_post_is_invisible_to_others_everywhere(make_user, api_as, make_post, api, status):
    """Only published content is visible to anyone but its author: detail, feeds, profile, hashtag and counts."""
    alice, bob = make_user("alice"), make_user("bob")
    post = make_post(alice, "held #BeKind")
    make_post(alice, "visible #BeKind")
    Post.objects.filter(pk=post.pk).update(status=status)
    b = api_as(bob)
    b.post("/api/users/alice/follow")
    for client in (b, api):
        assert client.get(f"/api/posts/{post.pk}").status_code == 404
        assert post.pk not in [p["id"] for p in client.get("/api/feeds/for-you").json()["items"]]
        assert post.pk not in [p["id"] for p in client.get("/api/users/alice/posts").json()["items"]]
        assert post.pk not in [p["id"] for p in client.get("/api/hashtags/bekind/posts").json()["items"]]
        assert client.get("/api/hashtags/bekind").json()["posts"] == 1
        assert client.get("/api/users/alice").json()["posts"] == 1
        assert client.get(f"/api/posts/{post.pk}/comments").status_code == 404
    assert post.pk not in [p["id"] for p in b.get("/api/feeds/following").json()["items"]]
    assert b.post(f"/api/posts/{post.pk}/like").status_code == 404
    assert b.post(f"/api/posts/{post.pk}/comments", {"text": "hi"}).status_code == 404
    assert b.post(f"/api/posts/{post.pk}/shares", {}).status_code == 404
    owner = api_as(alice)
    if status != PostStatus.REMOVED:
        assert owner.get(f"/api/posts/{post.pk}").json()["status"] == status


def test_openapi_docs_available(api):
    """The OpenAPI schema and docs page are served."""
    r = api.get("/api/openapi.json")
    assert r.status_code == 200 and "/api/posts" in r.json()["paths"]
    assert api.get("/api/docs").status_code == 200
