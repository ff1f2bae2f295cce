"""Reading a message of several sentences without its first and last (kindling_ml/sentences.py)."""

from __future__ import annotations

import pytest

from kindling_ml import Moderator
from kindling_ml.sentences import edge_readings, sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thanks for sharing! kys already", ["thanks for sharing!", "kys already"]),
        ("hi. you suck. bye!", ["hi.", "you suck.", "bye!"]),
        ("wow!! 😂 ok", ["wow!!", "😂 ok"]),
        ("great!! !!! see you", ["great!! !!!", "see you"]),  # a piece with no word joins the sentence before it
        ("I love it… really? yes.", ["I love it…", "really?", "yes."]),
        ("no sentence end here", ["no sentence end here"]),
        ("", []),
    ],
)
def test_sentences_split_at_end_punctuation(text: str, expected: list[str]) -> None:
    """Sentences end at ".", "!", "?" or "…" before a space, and keep their punctuation."""
    assert sentences(text) == expected


def test_edge_readings_drop_the_first_and_the_last_sentence() -> None:
    """Two or more sentences give the message without its first and without its last; one sentence gives none."""
    assert edge_readings("hi. you suck. bye!") == ["you suck. bye!", "hi. you suck."]
    assert edge_readings("thanks for sharing! kys already") == ["kys already", "thanks for sharing!"]
    assert edge_readings("just one sentence.") == []


@pytest.mark.parametrize(
    "text",
    [
        "thanks for sharing! kys already, nobody would miss you",
        "Great video! Everyone at school knows you're a worthless loser.",
        "nobody wants you at the party so don't come. Have a lovely day!",
    ],
)
def test_a_courteous_sentence_does_not_hide_harm(moderator: Moderator, text: str) -> None:
    """A friendly sentence in front or behind does not let a harmful one through (found 2026-12-08: "thanks for
    sharing! " in front let 522 of the name probe's 814 harmful texts through)."""
    whole_only = Moderator.load(threads=1, read_edge_sentences=False)
    assert moderator.score([text])[0].decision in ("review", "block")
    assert moderator.score([text])[0].harm >= whole_only.score([text])[0].harm


def test_a_goodbye_behind_a_thank_you_still_reaches_support(moderator: Moderator) -> None:
    """At-risk posts framed as thanks go to support: the partial readings' at_risk counts in full."""
    text = "thank you all for being such good friends this year. i won't be around after tonight, sorry."
    assert moderator.score([text])[0].decision == "support"


@pytest.mark.parametrize(
    "text",
    [
        "it's okay to not be okay. you don't have to pretend with me",
        "I had the worst week ever. Your message made me smile, thank you!",
        "Sorry I was so rude yesterday. You're honestly the kindest person I know.",
    ],
)
def test_kind_messages_with_a_hard_sentence_are_allowed(moderator: Moderator, text: str) -> None:
    """A partial reading counts only when it alone would send the message to review or block, so a kind message with a
    sad or apologetic sentence is still allowed, and its kindness is the whole message's."""
    whole_only = Moderator.load(threads=1, read_edge_sentences=False)
    with_parts, whole = moderator.score([text])[0], whole_only.score([text])[0]
    assert with_parts.decision == "allow"
    assert with_parts.kindness == whole.kindness


def test_the_edge_sentence_reading_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """$KINDLING_ML_EDGE_SENTENCES=off loads a Moderator that reads each message only as a whole."""
    monkeypatch.setenv("KINDLING_ML_EDGE_SENTENCES", "off")
    off = Moderator.load(threads=1)
    assert not off.read_edge_sentences
    assert off.score(["thanks for sharing! kys already, nobody would miss you"])[0].decision != "block"
