"""Reading past the hashtags at a message's edges (kindling_ml/hashtags.py)."""

from __future__ import annotations

import pytest

from kindling_ml import Moderator
from kindling_ml.hashtags import without_edge_hashtags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#SpreadKindness you are a worthless loser", "you are a worthless loser"),
        ("you are a worthless loser #BeKind #SpreadKindness", "you are a worthless loser"),
        ("nobody likes you #BeKind, #SpreadKindness!!", "nobody likes you!!"),
        ("you are trash #BeKind! #SpreadKindness ❤️", "you are trash ❤️"),
        ("#BeKind, you are trash.", "you are trash."),
        ("🌸 #BeKind you suck", "🌸 you suck"),
        ("great job on the mural #teamwork #proud", "great job on the mural"),
    ],
)
def test_runs_of_tags_at_the_edges_are_read_past(text: str, expected: str) -> None:
    """A run of hashtags that opens or closes a message is dropped; closing punctuation and emoji stay."""
    assert without_edge_hashtags(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#BeKind #uglyaf", "uglyaf"),
        ("look at this #FatPig lol", "look at this fat pig lol"),
        ("you're a loser #kys #BeKind", "you're a loser kys"),
        ("#NobodyLikesYou #BeKind see ya", "nobody likes you see ya"),
        ("see ya #youfailed #goodvibes", "see ya youfailed"),
    ],
)
def test_a_tag_made_of_abusive_words_or_said_to_someone_is_read_as_words(text: str, expected: str) -> None:
    """A tag that carries the insult, or that addresses someone, is written out as its words, so it is still read."""
    assert without_edge_hashtags(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "#BeKind",  # nothing but tags: scored as written
        "#BeKind #SpreadKindness ✨",
        "you're such a #legend",  # the sentence needs its last word
        "what a day, proud of my #bestie",
        "the #SpreadKindness wall is up in the hall",  # a tag inside a sentence is a word of it
        "we finished #1 in the league",  # a number, not a tag
        "I love you &#39; ok",  # an HTML entity
        "no tags here",
    ],
)
def test_tags_that_are_words_of_the_message_stay(text: str) -> None:
    """Tags inside a sentence, a tag that finishes a sentence, numbers, entities and tag-only posts are kept."""
    assert without_edge_hashtags(text) == text


def test_a_tag_finishing_the_sentence_keeps_its_place_and_the_labels_after_it_go() -> None:
    """After a word a sentence cannot end on, the first tag belongs to the sentence; the run after it is dropped."""
    assert without_edge_hashtags("you're such a #legend!! #bekind #goodvibes") == "you're such a #legend!!"


@pytest.mark.parametrize(
    "text",
    [
        "#CreateKindness you are a worthless idiot and everyone laughs at you",
        "nobody wants you in this group, just leave already #BeKind #SpreadKindness",
        "#KindnessMatters kys already, no one would miss you",
    ],
)
def test_with_the_reading_on_kindness_tags_do_not_hide_harm(text: str) -> None:
    """Found on 2026-12-07: "#SpreadKindness" in front let 209 of the name probe's 814 harmful texts through. With the
    edge tags read past ($KINDLING_ML_EDGE_HASHTAGS=on), each text scores as it does without them, and is not
    allowed."""
    reading = Moderator.load(threads=1, read_past_edge_hashtags=True)
    tagged, plain = reading.score([text, without_edge_hashtags(text)])
    assert tagged.to_dict() == plain.to_dict()
    assert tagged.decision != "allow"


def test_the_edge_hashtag_reading_is_off_unless_turned_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """It failed its rule (OLID, fresh set 45), so a default Moderator scores edge tags as written, and
    $KINDLING_ML_EDGE_HASHTAGS=on turns the reading on."""
    monkeypatch.delenv("KINDLING_ML_EDGE_HASHTAGS", raising=False)
    default = Moderator.load(threads=1)
    assert not default.read_past_edge_hashtags
    text = "#SpreadKindness you are a worthless idiot and everyone laughs at you"
    tagged, plain = default.score([text, without_edge_hashtags(text)])
    assert tagged.harm != plain.harm
    monkeypatch.setenv("KINDLING_ML_EDGE_HASHTAGS", "on")
    assert Moderator.load(threads=1).read_past_edge_hashtags


def test_thousands_of_tags_are_read_in_one_pass() -> None:
    """A text of tens of thousands of tags, or of one enormous tag, comes back read (a scan that backtracked over
    them would take minutes)."""
    assert without_edge_hashtags("#BeKind " * 25_000 + "done") == "done"
    assert without_edge_hashtags("done " + "#BeKind " * 25_000) == "done"
    assert without_edge_hashtags("ok #" + "a" * 100_000 + "!") == "ok!"
    assert without_edge_hashtags("#" * 100_000) == "#" * 100_000
