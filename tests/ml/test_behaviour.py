"""Behavioural checks on the shipped model: clear cases of our policy that the model gets right robustly.

These are not the evaluation (see docs/moderation.md); they guard against shipping a broken or swapped model.
"""

from __future__ import annotations

import pytest

from kindling_ml import Moderator

HARMFUL = [
    ("kys nobody would miss you", "self_harm"),
    ("just kill yourself already", "self_harm"),
    ("I know where you live and I'm coming for you", "threat"),
    ("you are a pathetic worthless loser", "insult"),
    ("nobody wants you here, just leave the group", "exclusion"),
]
OBFUSCATED = ["k y s loser", "you are a 1d10t", "y o u  a r e  w o r t h l e s s", "you're such a l00000ser"]
NOT_HARMFUL = [
    "you are not ugly at all",
    "this traffic is awful as hell",
    "someone called me a 'fat pig' today and it really hurt",
    "Priya is coming to dinner tonight",
    "I'm Muslim and I love hiking",
]
KIND = ["you're so f***ing talented", "thank you so much for helping me today", "proud of you, you've got this!"]


@pytest.mark.parametrize(("text", "category"), HARMFUL)
def test_clear_harm_is_flagged_with_its_category(moderator: Moderator, text: str, category: str) -> None:
    """Clear bullying is harmful, not allowed, and its category is the most likely one."""
    s = moderator.score([text])[0]
    assert s.harm >= 0.5, s
    assert s.decision != "allow", s
    assert s.categories[category] >= 0.5, s


@pytest.mark.parametrize("text", OBFUSCATED)
def test_obfuscation_does_not_hide_harm(moderator: Moderator, text: str) -> None:
    """Spacing, leetspeak and repeated letters do not hide an insult or a 'kys'."""
    assert moderator.score([text])[0].harm >= 0.5


@pytest.mark.parametrize("text", NOT_HARMFUL)
def test_policy_exceptions_are_not_harmful(moderator: Moderator, text: str) -> None:
    """Negation, profanity about things, reporting abuse, names and group words alone are allowed."""
    s = moderator.score([text])[0]
    assert s.harm < 0.5, s
    assert s.decision == "allow", s


@pytest.mark.parametrize("text", KIND)
def test_kind_messages_are_kind_and_allowed(moderator: Moderator, text: str) -> None:
    """Compliments (friendly swearing included), gratitude and encouragement are kind and allowed."""
    s = moderator.score([text])[0]
    assert s.kindness >= 0.5 and s.harm < 0.5 and s.decision == "allow", s


def test_at_risk_post_gets_support(moderator: Moderator) -> None:
    """A post whose author may be at risk gets the support decision, not a block."""
    s = moderator.score(["I don't want to be here anymore, I've been thinking about ending my life"])[0]
    assert s.decision == "support", s
