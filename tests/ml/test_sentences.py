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
def test_with_the_reading_on_a_courteous_sentence_does_not_hide_harm(moderator: Moderator, text: str) -> None:
    """With the reading on, a friendly sentence in front or behind does not let a harmful one through (found
    2026-12-08: "thanks for sharing! " in front let 522 of the name probe's 814 harmful texts through)."""
    reading = Moderator.load(threads=1, read_edge_sentences=True)
    assert reading.score([text])[0].decision in ("review", "block")
    assert reading.score([text])[0].harm >= moderator.score([text])[0].harm


def test_with_the_reading_on_a_goodbye_behind_a_thank_you_reaches_support() -> None:
    """At-risk posts framed as thanks go to support: the partial readings' at_risk counts in full."""
    reading = Moderator.load(threads=1, read_edge_sentences=True)
    text = "thank you all for being such good friends this year. i won't be around after tonight, sorry."
    assert reading.score([text])[0].decision == "support"


@pytest.mark.parametrize(
    "text",
    [
        "it's okay to not be okay. you don't have to pretend with me",
        "I had the worst week ever. Your message made me smile, thank you!",
        "Sorry I was so rude yesterday. You're honestly the kindest person I know.",
    ],
)
def test_with_the_reading_on_kind_messages_with_a_hard_sentence_are_allowed(moderator: Moderator, text: str) -> None:
    """A partial reading counts only when it alone would send the message to review or block, so a kind message with a
    sad or apologetic sentence is still allowed, and its kindness is the whole message's."""
    reading = Moderator.load(threads=1, read_edge_sentences=True)
    with_parts, whole = reading.score([text])[0], moderator.score([text])[0]
    assert with_parts.decision == "allow"
    assert with_parts.kindness == whole.kindness


def test_the_edge_sentence_reading_is_off_unless_turned_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """It failed its rule (kind texts stopped), so a default Moderator reads each message only as a whole, and
    $KINDLING_ML_EDGE_SENTENCES=on turns the reading on."""
    monkeypatch.delenv("KINDLING_ML_EDGE_SENTENCES", raising=False)
    default = Moderator.load(threads=1)
    assert not default.read_edge_sentences
    assert default.score(["thanks for sharing! kys already, nobody would miss you"])[0].decision != "block"
    monkeypatch.setenv("KINDLING_ML_EDGE_SENTENCES", "on")
    assert Moderator.load(threads=1).read_edge_sentences
