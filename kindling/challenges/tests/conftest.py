"""Fixtures for the challenges app: role holders, a running challenge, and an empty view buffer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone


@pytest.fixture(autouse=True)
def _empty_view_buffer(settings):
    """The in-process view buffer outlives a test; start and end each test with it empty."""
    from kindling.challenges.views_buffer import buffer

    settings.REDIS_URL = ""
    buffer().drain()
    yield
    buffer().drain()


@pytest.fixture
def make_role(make_user):
    def _make(group: str, username: str | None = None):
        user = make_user(username)
        user.groups.add(Group.objects.get(name=group))
        return user

    return _make


@pytest.fixture
def editor(make_role):
    return make_role("editor", "eddie_editor")


@pytest.fixture
def admin_user(make_role):
    return make_role("admin", "ada_admin")


@pytest.fixture
def make_challenge(editor):
    """An approved challenge (running by default: started an hour ago, ends in a week)."""
    from kindling.challenges.services import challenge_propose, challenge_review

    def _make(tag: str = "KindWeek", *, starts_in: dt.timedelta = dt.timedelta(hours=-1),
              lasts: dt.timedelta = dt.timedelta(days=7), approve: bool = True, title: str | None = None):
        start = timezone.now() + starts_in
        challenge = challenge_propose(
            actor=editor, hashtag=tag, title=title or f"The {tag} challenge", description="Do one kind thing a day.",
            rules="Be kind.", starts_at=start, ends_at=start + lasts,
        )
        if approve:
            challenge = challenge_review(actor=editor, challenge=challenge, action="approve")
        return challenge

    return _make
