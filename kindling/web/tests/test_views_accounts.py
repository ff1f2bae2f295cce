"""Sign-up, log-in, profiles, follows, blocks and settings through the web pages, on the real database."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from kindling.accounts.models import Follow, User
from kindling.accounts.services import block_create, follow_create, user_signup
from kindling.posts.services import post_create

PASSWORD = "a-long-kind-password"


def _signup(username: str, *, private: bool = False) -> User:
    user = user_signup(
        username=username, email=f"{username}@example.org", password=PASSWORD, birth_date=dt.date(1990, 1, 1)
    )
    if private:
        from kindling.accounts.services import profile_update

        profile_update(user=user, is_private=True)
    return user


def _years_ago(years: int) -> dt.date:
    today = dt.date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@pytest.mark.django_db
def test_signup_page_renders_with_labelled_fields(client):
    """The sign-up page has a label for every field and a real submit button."""
    response = client.get(reverse("web:signup"))
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("username", "email", "password", "birth_date"):
        assert f'for="id_{field}"' in html
    assert '<button type="submit"' in html
    assert 'name="viewport"' in html


@pytest.mark.django_db
def test_signup_creates_account_and_logs_in(client):
    """An adult who signs up gets an account, is logged in and lands on the home page."""
    response = client.post(
        reverse("web:signup"),
        {"username": "maya", "email": "maya@example.org", "password": PASSWORD, "birth_date": "1990-01-01"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    user = User.objects.get(username="maya")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "Welcome to Kindling" in client.get(reverse("web:home")).content.decode()


@pytest.mark.django_db
def test_signup_under_13_is_refused_and_nothing_is_stored(client):
    """A 12-year-old sees the service's clear message with a 403, no account exists and nothing is echoed back."""
    response = client.post(
        reverse("web:signup"),
        {"username": "kiddo", "email": "kiddo@example.org", "password": PASSWORD, "birth_date": _years_ago(12)},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "You need to be at least 13 to join Kindling" in html
    assert not User.objects.filter(username="kiddo").exists()
    assert "kiddo@example.org" not in html


@pytest.mark.django_db
def test_signup_service_refusal_is_a_form_error(client):
    """A taken username comes back as a form error with the service's 409, not a crash."""
    _signup("maya")
    response = client.post(
        reverse("web:signup"),
        {"username": "Maya", "email": "other@example.org", "password": PASSWORD, "birth_date": "1990-01-01"},
    )
    assert response.status_code == 409
    assert "That username is taken." in response.content.decode()


@pytest.mark.django_db
def test_signup_missing_fields_is_400(client):
    """A form with missing fields re-renders with field errors and a 400."""
    response = client.post(reverse("web:signup"), {"username": "maya"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


@pytest.mark.django_db
def test_login_and_logout(client):
    """Right credentials log in and follow a safe `next`; log-out is POST-only."""
    _signup("maya")
    response = client.post(reverse("web:login"), {"username": "MAYA", "password": PASSWORD, "next": "/compose/"})
    assert response.status_code == 302
    assert response["Location"] == "/compose/"
    assert client.get(reverse("web:logout")).status_code == 405
    response = client.post(reverse("web:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_wrong_password_is_401_and_external_next_ignored(client):
    """Wrong credentials show the service's message with 401; an off-site `next` is never followed."""
    _signup("maya")
    response = client.post(reverse("web:login"), {"username": "maya", "password": "nope-nope-nope"})
    assert response.status_code == 401
    assert "Wrong username or password." in response.content.decode()
    response = client.post(
        reverse("web:login"), {"username": "maya", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("web:home")


@pytest.mark.django_db
def test_login_rate_limited_with_429(client, settings):
    """Past the login rate limit the page answers 429 with a readable message."""
    settings.KINDLING_RATELIMITS = {**settings.KINDLING_RATELIMITS, "login": "2/m"}
    for _ in range(2):
        client.post(reverse("web:login"), {"username": "x", "password": "y"})
    response = client.post(reverse("web:login"), {"username": "x", "password": "y"})
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()


@pytest.mark.django_db
def test_profile_shows_counts_and_posts(client):
    """A public profile shows the display name, counts and the author's posts."""
    maya = _signup("maya")
    sam = _signup("sam")
    follow_create(actor=sam, username="maya")
    post_create(author=maya, text="Hello kind world")
    response = client.get(reverse("web:profile", args=["maya"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hello kind world" in html
    assert response.context["stats"] == {"followers": 1, "following": 0, "posts": 1}


@pytest.mark.django_db
def test_private_account_posts_hidden_from_stranger(client):
    """A stranger sees "This account is private" and none of a private account's posts."""
    owner = _signup("quiet", private=True)
    post_create(author=owner, text="Only for my friends")
    _signup("stranger")
    client.login(username="stranger", password=PASSWORD)
    response = client.get(reverse("web:profile", args=["quiet"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This account is private" in html
    assert "Only for my friends" not in html
    assert "Request to follow" in html


@pytest.mark.django_db
def test_follow_private_shows_requested_then_approval_reveals_posts(client):
    """Following a private account shows "Requested"; once approved in settings, the posts appear."""
    owner = _signup("quiet", private=True)
    post_create(author=owner, text="Only for my friends")
    _signup("friend")
    client.login(username="friend", password=PASSWORD)
    response = client.post(reverse("web:follow", args=["quiet"]), follow=True)
    assert response.status_code == 200
    assert "Requested" in response.content.decode()
    assert Follow.objects.get(follower__username="friend").status == Follow.Status.PENDING

    owner_client = Client()
    owner_client.login(username="quiet", password=PASSWORD)
    page = owner_client.get(reverse("web:settings_requests"))
    assert "@friend" in page.content.decode()
    response = owner_client.post(reverse("web:settings_requests"), {"username": "friend", "decision": "approve"})
    assert response.status_code == 302
    assert "Only for my friends" in client.get(reverse("web:profile", args=["quiet"])).content.decode()


@pytest.mark.django_db
def test_decline_unknown_request_is_404(client):
    """Deciding a request that doesn't exist answers 404 with the service's message."""
    _signup("quiet", private=True)
    client.login(username="quiet", password=PASSWORD)
    response = client.post(reverse("web:settings_requests"), {"username": "quiet", "decision": "decline"})
    assert response.status_code == 404
    assert "no pending follow request" in response.content.decode()


@pytest.mark.django_db
def test_blocked_user_gets_404_on_profile_and_blocker_can_unblock(client):
    """Once blocked, the blocked person gets a 404 on the blocker's profile; the blocker sees an Unblock button."""
    blocker = _signup("blocker")
    _signup("pest")
    block_create(actor=blocker, username="pest")
    client.login(username="pest", password=PASSWORD)
    response = client.get(reverse("web:profile", args=["blocker"]))
    assert response.status_code == 404
    assert "No such user." in response.content.decode()

    blocker_client = Client()
    blocker_client.login(username="blocker", password=PASSWORD)
    page = blocker_client.get(reverse("web:profile", args=["pest"]))
    assert page.status_code == 200
    assert "Unblock @pest" in page.content.decode()
    blocker_client.post(reverse("web:unblock", args=["pest"]))
    assert client.get(reverse("web:profile", args=["blocker"])).status_code == 200


@pytest.mark.django_db
def test_block_via_page_and_self_follow_refused(client):
    """Blocking from the profile page works; following yourself is a readable 400, not a crash."""
    _signup("maya")
    _signup("pest")
    client.login(username="maya", password=PASSWORD)
    response = client.post(reverse("web:block", args=["pest"]), follow=True)
    assert "You blocked @pest" in response.content.decode()
    response = client.post(reverse("web:follow", args=["maya"]))
    assert response.status_code == 400
    assert "You can't follow yourself." in unescape(response.content.decode())


@pytest.mark.django_db
def test_unknown_profile_is_custom_404(client):
    """A missing user renders our 404 page."""
    response = client.get(reverse("web:profile", args=["nobody_here"]))
    assert response.status_code == 404
    assert "We couldn't find that" in response.content.decode()


@pytest.mark.django_db
def test_settings_profile_updates_and_requires_login(client):
    """Settings needs a login; saving updates the display name, bio and privacy."""
    response = client.get(reverse("web:settings_profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    _signup("maya")
    client.login(username="maya", password=PASSWORD)
    response = client.post(
        reverse("web:settings_profile"), {"display_name": "Maya R.", "bio": "Gardener", "is_private": "on"}
    )
    assert response.status_code == 302
    user = User.objects.get(username="maya")
    assert (user.display_name, user.bio, user.is_private) == ("Maya R.", "Gardener", True)


@pytest.mark.django_db
def test_settings_bad_avatar_is_a_form_error(client):
    """A file that isn't an image is refused with the service's message and a 4xx."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    _signup("maya")
    client.login(username="maya", password=PASSWORD)
    upload = SimpleUploadedFile("a.png", b"not an image", content_type="image/png")
    response = client.post(reverse("web:settings_profile"), {"display_name": "", "bio": "", "avatar": upload})
    assert response.status_code == 400
    assert "not an image we can read" in response.content.decode()


@pytest.mark.django_db
def test_csrf_is_enforced_on_state_changes():
    """Without a CSRF token a POST is refused (403) and nothing changes."""
    _signup("maya")
    _signup("sam")
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.login(username="sam", password=PASSWORD)
    response = csrf_client.post(reverse("web:follow", args=["maya"]))
    assert response.status_code == 403
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_settings_avatar_upload_shows_on_profile(client):
    """A real image becomes the avatar and is shown on the profile page."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    _signup("maya")
    client.login(username="maya", password=PASSWORD)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 120, 80)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")
    response = client.post(reverse("web:settings_profile"), {"display_name": "Maya", "bio": "", "avatar": upload})
    assert response.status_code == 302
    user = User.objects.get(username="maya")
    assert user.avatar
    assert user.avatar.url in client.get(reverse("web:profile", args=["maya"])).content.decode()


def test_500_page_is_self_contained():
    """The 500 page renders with no context at all (no request, no user, no static files)."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "{%" not in html
