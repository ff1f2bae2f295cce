"""Building the training pool (training/data.py): end punctuation added to our own cases."""

from __future__ import annotations

import random

from training.cases import Case
from training.cases_fresh import FRESH_SETS
from training.data import _punctuated, evaluation_keys, from_cases


def _case(text: str) -> Case:
    return Case(text, 1, 0, {"insult": 1}, "insult")


def test_a_text_without_end_punctuation_gets_some() -> None:
    """A case that ends in a letter, digit or emoji-free word gets one of the usual endings; the words stay."""
    rng = random.Random(3)
    endings = {_punctuated("you are such a loser", rng)[len("you are such a loser"):] for _ in range(200)}
    assert endings <= {".", "!", "?", "...", "!!"} and "." in endings and "!" in endings


def test_text_that_already_ends_in_punctuation_or_an_emoji_is_left_alone() -> None:
    """Only a bare ending is punctuated, so no text ends "!." or "🙂."."""
    rng = random.Random(3)
    for text in ("you are such a loser!", "really?", "ok...", "nice one 🙂", ""):
        assert _punctuated(text, rng) == text


def test_from_cases_punctuates_about_the_share_asked_for_and_keeps_labels() -> None:
    """With punctuate=0.5 about half the copies gain end punctuation; with 0 the texts are exactly as written."""
    cases = [_case(f"you are loser number {n} ok") for n in range(400)]
    plain = from_cases(cases, repeat=2)
    assert [e.text for e in plain] == [c.text for c in cases for _ in range(2)]
    mixed = from_cases(cases, repeat=2, punctuate=0.5, rng=random.Random(7))
    share = sum(not e.text[-1].isalnum() for e in mixed) / len(mixed)
    assert 0.4 < share < 0.6
    assert all(e.y == plain[0].y for e in mixed)


def test_a_punctuated_copy_never_equals_an_evaluation_text() -> None:
    """A training text that gains a "." must not become a fresh text (the evaluation would count a text it trained
    on); such a copy gets no punctuation instead."""
    fresh = next(c.text for f in FRESH_SETS for c in f.cases() if c.text.endswith(".") and c.text[-2].isalnum())
    protected = evaluation_keys()
    copies = from_cases([_case(fresh[:-1])], repeat=300, punctuate=1.0, rng=random.Random(1), protected=protected)
    assert {e.text for e in copies} >= {fresh[:-1], fresh[:-1] + "!"}
    assert fresh not in {e.text for e in copies}
