"""How the pages show the moderation gate's outcomes: the "Rethink?" nudge, posts held for review, rejections.

The autouse `moderation_engine` fixture (root conftest) scripts decisions with markers such as ``[[nudge]]``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from kindling.accounts.models import User
from kindling.accounts.services import user_signup
from kindling.posts.models import Comment, Post, PostStatus
from kindling.posts.services import post_create

PASSWORD = "a-long-kind-password"


def _logged_in(username: str) -> tuple[Client, User]:
    user = user_signup(
        username=username, email=f"{username}@example.org", password=PASSWORD, birth_date=dt.date(1990, 1, 1)
    )
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client, user


@pytest.mark.django_db
def test_compose_nudge_then_send_anyway_goes_to_review():
    """A nudged post creates nothing and shows "Rethink?" (409); sending it anyway holds it for review."""
    client, me = _logged_in("maya")
    text = "You are all [[nudge]] clowns"
    response = client.post(reverse("web:compose"), {"text": text})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Rethink?" in html and "Send it anyway for review" in html
    assert not Post.objects.filter(author=me).exists()
    nudge_id = response.context["nudge"]["id"]

    response = client.post(reverse("web:compose"), {"text": text, "nudge_id": nudge_id, "confirm": "1"})
    post = Post.objects.get(author=me)
    assert post.status == PostStatus.IN_REVIEW
    assert response["Location"] == reverse("web:post", args=[post.pk])
    page = client.get(response["Location"])
    assert "waiting for a quick review" in page.content.decode()
    assert Client().get(reverse("web:post", args=[post.pk])).status_code == 404


@pytest.mark.django_db
def test_compose_nudge_then_revise_publishes():
    """After a nudge, an edited kinder text is published normally."""
    client, me = _logged_in("maya")
    first = client.post(reverse("web:compose"), {"text": "[[nudge]] meh"})
    nudge_id = first.context["nudge"]["id"]
    client.post(reverse("web:compose"), {"text": "You all made my day", "nudge_id": nudge_id})
    assert Post.objects.get(author=me).status == PostStatus.PUBLISHED


@pytest.mark.django_db
def test_rejected_post_is_explained_to_author_only():
    """A blocked post tells its author it wasn't published; nobody else can open it."""
    client, me = _logged_in("maya")
    response = client.post(reverse("web:compose"), {"text": "[[block]] awful words"}, follow=True)
    post = Post.objects.get(author=me)
    assert post.status == PostStatus.REJECTED
    assert "wasn&#x27;t published" in response.content.decode()
    assert Client().get(reverse("web:post", args=[post.pk])).status_code == 404


@pytest.mark.django_db
def test_comment_nudge_shows_rethink_on_post_page():
    """A nudged comment re-renders the post page with the prompt (409) and stores nothing."""
    _author_client, author = _logged_in("maya")
    post = post_create(author=author, text="Hello")
    client, me = _logged_in("sam")
    response = client.post(reverse("web:comment", args=[post.pk]), {"text": "[[nudge]] ugh"})
    assert response.status_code == 409
    assert "Rethink?" in response.content.decode()
    assert not Comment.objects.filter(author=me).exists()


@pytest.mark.django_db
def test_share_note_nudge_reopens_share_form():
    """A nudged share note shows the prompt inside the open share form (409) and creates no share."""
    _author_client, author = _logged_in("maya")
    post = post_create(author=author, text="Hello")
    client, me = _logged_in("sam")
    response = client.post(reverse("web:share", args=[post.pk]), {"note": "[[nudge]] meh"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Rethink?" in html and '<details class="card share" open>' in html
    assert not Post.objects.filter(author=me).exists()
