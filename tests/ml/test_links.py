"""Reading past the links a message shares (kindling_ml/links.py)."""

from __future__ import annotations

import pytest

from kindling_ml import Moderator
from kindling_ml.links import without_links


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("you are an idiot https://example.com/p/8841", "you are an idiot"),
        ("www.youtube.com/watch?v=dQw4 lol", "lol"),
        ("see bit.ly/3xYz, ok?", "see, ok?"),
        ("fundraiser is at gofundme.com/f/help-maya!!", "fundraiser is at!!"),
        ("youtu.be/xyz and t.co/abc", "and"),
        ("meet at go.to/abc tonight", "meet at tonight"),
        ("visit example.org.", "visit."),
    ],
)
def test_links_are_read_past(text: str, expected: str) -> None:
    """Scheme and "www." links and bare domains are dropped, and the sentence keeps its own punctuation."""
    assert without_links(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "mail it to maya@example.com",  # an e-mail address is not a link
        "@maya.com you rock",  # nor is a handle
        "call.me later",  # a top-level domain that is also a word counts only with a path
        "it costs 3.50 lol",
        "end of sentence.Next one",
        "no links here",
    ],
)
def test_words_are_never_read_as_links(text: str) -> None:
    """E-mail addresses, handles, numbers and words that only look like domains stay as written."""
    assert without_links(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "saw your cringe video youtu.be/Wq2pK8mLx3t. honestly just kys, nobody would miss you",
        "you are a worthless idiot https://example.com/p/8841",
        "https://ibb.co/5tRkQp2 nobody wants you here, just leave the group",
    ],
)
def test_a_link_does_not_hide_harm(moderator: Moderator, text: str) -> None:
    """Sharing a link does not change the decision: found on 2026-12-07, a link beside a harmful text let most
    harmful probe texts through. Each text gets the decision of the same text without its link, not allow."""
    with_link, plain = moderator.score([text, without_links(text)])
    assert with_link.to_dict() == plain.to_dict()
    assert with_link.decision != "allow"


def test_the_link_reading_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """$KINDLING_ML_LINKS=keep loads a Moderator that scores links as written."""
    monkeypatch.setenv("KINDLING_ML_LINKS", "keep")
    keep = Moderator.load(threads=1)
    assert not keep.read_past_links
    text = "you are a worthless idiot https://example.com/p/8841"
    with_link, plain = keep.score([text, without_links(text)])
    assert with_link.harm != plain.harm


def test_long_runs_of_spaces_and_links_are_read_in_one_pass() -> None:
    """A text of 200,000 spaces or of tens of thousands of links comes back tidied (a punctuation rule that
    backtracked over long runs of spaces took minutes on such a text)."""
    assert without_links("a.com/x " * 25_000 + "done.") == "done."
    assert without_links(" " * 199_990 + "bit.ly/x !") == "!"
