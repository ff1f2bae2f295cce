"""Shared fixtures: every test gets an empty cache (rate limits), its own media folder, and factories.

Static files: pytest runs with `config.settings_test` (plain static storage, WhiteNoise serving from the
finders), so templates render `{% static %}` without collectstatic.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("KINDLING_TESTING", "1")


def pytest_configure(config):
    config.addinivalue_line("markers", "real_engine: use the shipped moderation model instead of the scripted one")


@pytest.fixture(autouse=True)
def moderation_engine(request):
    """Tests get the scripted engine unless marked `real_engine` (then the shipped int8 model runs)."""
    from kindling.moderation.engine import set_engine
    from kindling.moderation.testing import ScriptedEngine

    if request.node.get_closest_marker("real_engine"):
        set_engine(None)
        yield None
        return
    engine = ScriptedEngine()
    set_engine(engine)
    yield engine
    set_engine(None)


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    from django.core.cache import cache

    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    cache.clear()


ADULT_BIRTH_DATE = "1990-05-17"


@pytest.fixture
def make_user(db):
    """Create an account through the sign-up service (so age bands and defaults are real)."""
    import datetime as dt

    from kindling.accounts.services import profile_update, user_signup

    counter = {"n": 0}

    def _make(username: str | None = None, *, birth_date: dt.date | None = None, private: bool | None = None, **kw):
        counter["n"] += 1
        name = username or f"user{counter['n']}"
        user = user_signup(
            username=name,
            email=f"{name}@example.org",
            password="a-long-kind-password",
            birth_date=birth_date or dt.date(1990, 5, 17),
        )
        if private is not None:
            profile_update(user=user, is_private=private)
        return user

    return _make


@pytest.fixture
def make_post(db):
    from kindling.posts.services import post_create

    def _make(author, text: str = "A kind post #BeKind", **kw):
        return post_create(author=author, text=text, **kw)

    return _make


class ApiClient:
    """The Django test client speaking JSON with an optional bearer token."""

    def __init__(self, client, token: str | None = None):
        self.client = client
        self.token = token

    def _headers(self, headers: dict | None) -> dict:
        out = dict(headers or {})
        if self.token:
            out.setdefault("Authorization", f"Bearer {self.token}")
        return out

    def get(self, path: str, headers: dict | None = None, **kw):
        return self.client.get(path, headers=self._headers(headers), **kw)

    def delete(self, path: str, headers: dict | None = None):
        return self.client.delete(path, headers=self._headers(headers))

    def post(self, path: str, data=None, headers: dict | None = None, **kw):
        if "content_type" not in kw and not isinstance(data, dict | type(None)):
            return self.client.post(path, data, headers=self._headers(headers), **kw)
        if kw.pop("multipart", False):
            return self.client.post(path, data or {}, headers=self._headers(headers))
        return self.client.post(
            path, data if data is not None else {}, content_type=kw.pop("content_type", "application/json"),
            headers=self._headers(headers), **kw,
        )

    def patch(self, path: str, data=None, headers: dict | None = None):
        return self.client.patch(path, data or {}, content_type="application/json", headers=self._headers(headers))


@pytest.fixture
def api(client):
    return ApiClient(client)


@pytest.fixture
def api_as(client, db):
    """`api_as(user)` returns an API client authenticated with a fresh token for `user`."""
    from django.test import Client

    from kindling.accounts.services import token_create

    def _as(user):
        return ApiClient(Client(), token_create(user=user))

    return _as
