"""Home, compose, post pages, likes, comments, shares and hashtag pages, on the real database."""

from __future__ import annotations

import datetime as dt
import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from kindling.accounts.models import User
from kindling.accounts.services import profile_update, user_signup
from kindling.posts.models import Comment, Like, Post, PostStatus
from kindling.posts.services import comment_create, post_create, post_delete, share_create

PASSWORD = "a-long-kind-password"


def _signup(username: str) -> User:
    return user_signup(
        username=username, email=f"{username}@example.org", password=PASSWORD, birth_date=dt.date(1990, 1, 1)
    )


def _logged_in(username: str) -> tuple[Client, User]:
    user = _signup(username)
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client, user


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (240, 120, 60)).save(buffer, format="PNG")
    return SimpleUploadedFile("sunset.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_home_renders_for_anonymous_with_landmarks(client, django_capture_on_commit_callbacks):
    """Anonymous visitors get For You with a skip link, header, main and footer landmarks."""
    author = _signup("maya")
    with django_capture_on_commit_callbacks(execute=True):  # publishing ranks the post after commit
        post_create(author=author, text="Good morning #Sunrise")
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert "Good morning" in html
    assert response.context["feed"] == "foryou"


@pytest.mark.django_db
def test_following_tab_needs_login_and_shows_followed_posts():
    """Anonymous ?feed=following falls back to For You; logged in it shows only followed accounts."""
    anonymous = Client()
    assert anonymous.get("/?feed=following").context["feed"] == "foryou"
    client, _me = _logged_in("reader")
    friend = _signup("friend")
    other = _signup("other")
    post_create(author=friend, text="From a friend")
    post_create(author=other, text="From someone else")
    client.post(reverse("web:follow", args=["friend"]))
    html = client.get("/?feed=following").content.decode()
    assert "From a friend" in html
    assert "From someone else" not in html


@pytest.mark.django_db
def test_home_older_posts_link_pages_with_cursor(client, django_capture_on_commit_callbacks):
    """More than a page of posts shows an "Older posts" link whose cursor continues the feed."""
    authors = [_signup(f"author{n}") for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True):  # publishing ranks the post after commit
        for n in range(25):
            post_create(author=authors[n % 5], text=f"Kind thought number {n}")
    first = client.get(reverse("web:home"))
    assert "Older posts" in first.content.decode()
    cursor = first.context["next_cursor"]
    second = client.get(reverse("web:home"), {"cursor": cursor})
    assert second.status_code == 200
    assert second.context["posts"]
    assert {p.pk for p in first.context["posts"]}.isdisjoint({p.pk for p in second.context["posts"]})


@pytest.mark.django_db
def test_bad_cursor_is_400_not_500(client):
    """A tampered cursor is answered with a readable 400."""
    response = client.get(reverse("web:home"), {"cursor": "!!!not-a-cursor"})
    assert response.status_code == 400
    assert "The cursor is not valid" in response.content.decode()


@pytest.mark.django_db
def test_compose_requires_login(client):
    """The compose page sends anonymous visitors to log in."""
    response = client.get(reverse("web:compose"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


@pytest.mark.django_db
def test_compose_creates_post_and_hashtag_page_shows_it():
    """Composing creates a published post, redirects to it, and its hashtag page lists it with reach numbers."""
    client, me = _logged_in("maya")
    page = client.get(reverse("web:compose"))
    assert 'data-counter="text-count"' in page.content.decode()
    response = client.post(reverse("web:compose"), {"text": "Held the door today #SpreadKindness"})
    post = Post.objects.get(author=me)
    assert post.status == PostStatus.PUBLISHED
    assert response.status_code == 302
    assert response["Location"] == reverse("web:post", args=[post.pk])
    page = client.get(response["Location"])
    assert "Your post is live" in page.content.decode()
    hashtag_page = Client().get(reverse("web:hashtag", args=["spreadkindness"]))
    assert hashtag_page.status_code == 200
    html = hashtag_page.content.decode()
    assert "Held the door today" in html
    assert "#SpreadKindness" in html
    assert hashtag_page.context["reach"] == {"posts": 1, "views": 0, "participants": 1}


@pytest.mark.django_db
def test_compose_with_image(settings, tmp_path):
    """An uploaded image is re-encoded by the service and shown on the post page."""
    client, me = _logged_in("maya")
    response = client.post(reverse("web:compose"), {"text": "Look at this sky", "image": _png()})
    assert response.status_code == 302
    post = Post.objects.get(author=me)
    assert post.image
    assert post.image.url in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_compose_empty_and_too_long_are_form_errors():
    """An empty post (422) and an over-long post (400 from the form) come back with readable errors."""
    client, me = _logged_in("maya")
    response = client.post(reverse("web:compose"), {"text": "   "})
    assert response.status_code == 422
    assert "Write something or add an image." in response.content.decode()
    response = client.post(reverse("web:compose"), {"text": "x" * 2001})
    assert response.status_code == 400
    assert not Post.objects.filter(author=me).exists()


@pytest.mark.django_db
def test_compose_rate_limited(settings):
    """Past the post rate limit compose answers 429 and stores nothing more."""
    settings.KINDLING_RATELIMITS = {**settings.KINDLING_RATELIMITS, "post": "1/m"}
    client, me = _logged_in("maya")
    client.post(reverse("web:compose"), {"text": "one"})
    response = client.post(reverse("web:compose"), {"text": "two"})
    assert response.status_code == 429
    assert Post.objects.filter(author=me).count() == 1


@pytest.mark.django_db
def test_unknown_hashtag_is_404(client):
    """A hashtag nobody used yet gets the 404 page."""
    response = client.get(reverse("web:hashtag", args=["nobodyusedthis"]))
    assert response.status_code == 404
    assert "Nobody has used that hashtag yet." in response.content.decode()


@pytest.mark.django_db
def test_post_page_links_tags_and_mentions_and_escapes_html(client):
    """Post text is escaped; hashtags and @mentions become links to their pages."""
    author = _signup("maya")
    _signup("sam")
    post = post_create(author=author, text="<script>alert(1)</script> thanks @sam #BeKind")
    html = client.get(reverse("web:post", args=[post.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f'href="{reverse("web:profile", args=["sam"])}"' in html
    assert f'href="{reverse("web:hashtag", args=["bekind"])}"' in html


@pytest.mark.django_db
def test_post_page_records_a_view_once(client):
    """Opening a post counts one view per viewer per day; the author's own views don't count."""
    author = _signup("maya")
    post = post_create(author=author, text="Count me")
    client.get(reverse("web:post", args=[post.pk]), headers={"user-agent": "test-browser"})
    response = client.get(reverse("web:post", args=[post.pk]), headers={"user-agent": "test-browser"})
    assert response.context["post"].view_count == 1
    author_client = Client()
    author_client.login(username="maya", password=PASSWORD)
    author_client.get(reverse("web:post", args=[post.pk]))
    post.refresh_from_db()
    assert post.view_count == 1


@pytest.mark.django_db
def test_missing_post_is_404(client):
    """A post that doesn't exist (or was deleted) renders the 404 page, never a 500."""
    response = client.get(reverse("web:post", args=[999999]))
    assert response.status_code == 404
    assert "We couldn't find that" in response.content.decode()


@pytest.mark.django_db
def test_like_and_unlike():
    """Like raises the count to 1 and shows the pressed state; unlike takes it back; `next` is followed."""
    author = _signup("maya")
    post = post_create(author=author, text="Like me")
    client, fan = _logged_in("fan")
    response = client.post(reverse("web:like", args=[post.pk]), {"next": "/t/x/#post-1"})
    assert response.status_code == 302
    assert response["Location"] == "/t/x/#post-1"
    assert Like.objects.filter(post=post, user=fan).exists()
    html = client.get(reverse("web:post", args=[post.pk])).content.decode()
    assert 'aria-pressed="true"' in html
    assert Post.objects.get(pk=post.pk).like_count == 1
    client.post(reverse("web:unlike", args=[post.pk]))
    assert Post.objects.get(pk=post.pk).like_count == 0


@pytest.mark.django_db
def test_like_needs_post_and_login(client):
    """Likes are POST-only and need a login."""
    author = _signup("maya")
    post = post_create(author=author, text="Like me")
    assert client.post(reverse("web:like", args=[post.pk]))["Location"].startswith(reverse("web:login"))
    fan_client, _fan = _logged_in("fan")
    assert fan_client.get(reverse("web:like", args=[post.pk])).status_code == 405


@pytest.mark.django_db
def test_comment_and_reply():
    """A comment shows on the post page; a reply appears nested under it."""
    author = _signup("maya")
    post = post_create(author=author, text="Tell me something nice")
    client, me = _logged_in("sam")
    response = client.post(reverse("web:comment", args=[post.pk]), {"text": "You are lovely"})
    top = Comment.objects.get(author=me)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{top.pk}")
    client.post(reverse("web:comment", args=[post.pk]), {"text": "Thank you!", "parent": top.pk})
    reply = Comment.objects.get(parent=top)
    page = client.get(reverse("web:post", args=[post.pk]))
    html = page.content.decode()
    assert "You are lovely" in html and "Thank you!" in html
    assert html.index(f'id="comment-{top.pk}"') < html.index(f'id="comment-{reply.pk}"')
    assert page.context["comments"][0].visible_replies == [reply]


@pytest.mark.django_db
def test_empty_comment_is_400_with_form_error():
    """An empty comment re-renders the post page with the error and a 400."""
    author = _signup("maya")
    post = post_create(author=author, text="Hi")
    client, _me = _logged_in("sam")
    response = client.post(reverse("web:comment", args=[post.pk]), {"text": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


@pytest.mark.django_db
def test_comment_delete_by_post_author():
    """The post's author can delete a comment on it; it disappears from the page."""
    author = _signup("maya")
    post = post_create(author=author, text="Hi")
    commenter = _signup("sam")
    comment = comment_create(author=commenter, post_id=post.pk, text="Hello there")
    client = Client()
    client.login(username="maya", password=PASSWORD)
    response = client.post(reverse("web:comment_delete", args=[comment.pk]), {"next": f"/p/{post.pk}/"})
    assert response.status_code == 302
    assert "Hello there" not in client.get(f"/p/{post.pk}/").content.decode()


@pytest.mark.django_db
def test_share_shows_original_card_then_unavailable():
    """A share embeds the original; once the original is deleted the share says it's unavailable."""
    author = _signup("maya")
    original = post_create(author=author, text="Original kindness")
    client, me = _logged_in("sam")
    response = client.post(reverse("web:share", args=[original.pk]), {"note": "Worth reading"})
    shared = Post.objects.get(author=me)
    assert response["Location"] == reverse("web:post", args=[shared.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Worth reading" in html and "Original kindness" in html
    post_delete(actor=author, post_id=original.pk)
    html = client.get(reverse("web:post", args=[shared.pk])).content.decode()
    assert "The original post is unavailable." in html
    assert "Original kindness" not in html


@pytest.mark.django_db
def test_sharing_private_post_is_refused():
    """A follower can't share a private account's post: a 403 with the service's message."""
    owner = _signup("quiet")
    post = post_create(author=owner, text="Private thoughts")
    client, _fan = _logged_in("fan")
    client.post(reverse("web:follow", args=["quiet"]))
    profile_update(user=owner, is_private=True)
    response = client.post(reverse("web:share", args=[post.pk]))
    assert response.status_code == 403
    assert "Posts from private accounts can't be shared." in unescape(response.content.decode())


@pytest.mark.django_db
def test_shared_original_hidden_from_blocked_viewer():
    """A share of a post by someone who blocked you shows "unavailable", never the original's text."""
    from kindling.accounts.services import block_create

    author = _signup("maya")
    original = post_create(author=author, text="Secret from pest")
    sharer = _signup("sam")
    shared = share_create(actor=sharer, post_id=original.pk)
    client, _pest = _logged_in("pest")
    block_create(actor=author, username="pest")
    html = client.get(reverse("web:post", args=[shared.pk])).content.decode()
    assert "Secret from pest" not in html
    assert "The original post is unavailable." in html
    home = client.get(reverse("web:home")).content.decode()
    assert "Secret from pest" not in home


@pytest.mark.django_db
def test_author_deletes_post_and_others_cannot():
    """Only the author gets the delete button and may delete; others get a 403."""
    author = _signup("maya")
    post = post_create(author=author, text="Mine")
    other_client, _other = _logged_in("sam")
    assert "Delete post" not in other_client.get(reverse("web:post", args=[post.pk])).content.decode()
    assert other_client.post(reverse("web:post_delete", args=[post.pk])).status_code == 403
    client = Client()
    client.login(username="maya", password=PASSWORD)
    assert "Delete post" in client.get(reverse("web:post", args=[post.pk])).content.decode()
    response = client.post(reverse("web:post_delete", args=[post.pk]))
    assert response["Location"] == reverse("web:profile", args=["maya"])
    assert client.get(reverse("web:post", args=[post.pk])).status_code == 404


@pytest.mark.django_db
def test_unknown_url_uses_custom_404(client):
    """Any unknown address gets our friendly 404 page."""
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We couldn't find that" in response.content.decode()


@pytest.mark.django_db
def test_for_you_cards_explain_and_show_less(django_capture_on_commit_callbacks):
    """For You cards say why they're shown and offer "Show less like this", which records feedback;
    your own posts can't be shown less (422)."""
    from kindling.feeds.models import FeedFeedback

    author = _signup("maya")
    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(author=author, text="Planted tulips for the street #Gardens")
    client, me = _logged_in("sam")
    html = client.get(reverse("web:home")).content.decode()
    assert "Why you're seeing this" in html
    assert "Show less like this" in html
    response = client.post(reverse("web:show_less", args=[post.pk]), {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert FeedFeedback.objects.filter(viewer=me, author=author).exists()
    author_client = Client()
    author_client.login(username="maya", password=PASSWORD)
    assert author_client.post(reverse("web:show_less", args=[post.pk])).status_code == 422


@pytest.mark.django_db
def test_compliment_links_on_profile_and_post_cards_and_reach_link(client, make_user, make_post):
    """Profiles and other people's post cards offer a Compliment link; hashtag pages link to their reach page."""
    alice, bob = make_user("alice"), make_user("bob")
    post = make_post(alice, "hello #BeKind")
    client.force_login(bob)
    profile = client.get("/u/alice/").content.decode()
    assert "/kindness/compliment/alice/" in profile
    home = client.get("/").content.decode()
    assert f"/kindness/compliment/alice/?post={post.pk}" in home
    assert "/t/bekind/reach/" in client.get("/t/bekind/").content.decode()


@pytest.mark.django_db
def test_choosing_a_challenge_in_the_composer_joins_it(client, make_user, django_capture_on_commit_callbacks):
    """The composer lists running challenges; picking one adds its hashtag, so the post becomes an entry."""
    import datetime as dt

    from django.contrib.auth.models import Group
    from django.utils import timezone

    from kindling.challenges.models import ChallengeEntry
    from kindling.challenges.services import challenge_propose, challenge_review

    editor = make_user("eddie")
    editor.groups.add(Group.objects.get(name="editor"))
    start = timezone.now() - dt.timedelta(hours=1)
    challenge = challenge_propose(actor=editor, hashtag="KindWeek", title="Kind week", description="One kind thing a day.",
                                  starts_at=start, ends_at=start + dt.timedelta(days=7))
    challenge_review(actor=editor, challenge=challenge, action="approve")
    client.force_login(make_user("alice"))
    page = client.get("/compose/").content.decode()
    assert "#KindWeek — Kind week" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compose/", {"text": "Carried groceries for my neighbour", "challenge": "KindWeek"})
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.text.endswith("#KindWeek")
    assert ChallengeEntry.objects.filter(challenge=challenge, post=post).exists()
