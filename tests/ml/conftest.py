"""Shared fixtures for the moderation engine tests (no database, no network, no torch)."""

from __future__ import annotations

import pytest

from kindling_ml import Moderator


@pytest.fixture(scope="session")
def moderator() -> Moderator:
    """The shipped int8 model with the shipped policy, one thread (as a web worker would run it)."""
    return Moderator.load(threads=1)
