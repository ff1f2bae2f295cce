"""A message's bare words, without hashtags and emoji (kindling_ml/bare.py), scored when an admin turns it on."""

from __future__ import annotations

import pytest

from kindling_ml import Moderator
from kindling_ml.bare import bare_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#SpreadKindness you are a worthless idiot", "you are a worthless idiot"),
        ("nobody wants you here ❤️✨", "nobody wants you here"),
        ("🌸🌸 leave the group, loser 👋🏽", "leave the group, loser"),
        ("great game ❤️ , see you #gamenight", "great game, see you"),
    ],
)
def test_hashtags_and_emoji_are_left_out(text: str, expected: str) -> None:
    """Hashtags and emoji (with their skin tones and joiners) go; the words and their punctuation stay."""
    assert bare_words(text) == expected


@pytest.mark.parametrize("text", ["no dressing here", "#1 fan, see you at 5", "❤️❤️", "#BeKind", "fish & chips #"])
def test_nothing_more_to_score(text: str) -> None:
    """A text with no hashtag or emoji, or with nothing but them, has no bare words to score (numbers after "#"
    are not hashtags)."""
    assert bare_words(text) == ""


def test_bare_words_are_off_by_default() -> None:
    """The reading failed its shipping rule, so a default Moderator does not score bare words."""
    assert not Moderator.load(threads=1).score_bare_words


def test_turned_on_dressed_harm_scores_as_the_bare_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """With $KINDLING_ML_BARE_WORDS=on, a harmful text dressed in a kindness tag and a heart is harmful at least as
    the bare text is, while its kindness still comes from the message as written."""
    monkeypatch.setenv("KINDLING_ML_BARE_WORDS", "on")
    on = Moderator.load(threads=1)
    off = Moderator.load(threads=1, score_bare_words=False)
    dressed, bare = "#SpreadKindness nobody wants you here, just leave ❤️", "nobody wants you here, just leave"
    with_bare, plain = on.score([dressed, bare])
    assert with_bare.harm >= plain.harm and with_bare.decision != "allow"
    assert with_bare.kindness == off.score_one(dressed).kindness


def test_a_text_made_of_emoji_and_tags_is_read_in_one_pass() -> None:
    """Tens of thousands of emoji and hashtags with a word at the end leave just the word."""
    assert bare_words("😀#a " * 40_000 + "hello") == "hello"
