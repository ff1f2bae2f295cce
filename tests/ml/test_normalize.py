"""The normaliser undoes disguises (so they cannot hide harm) and leaves ordinary text alone."""

from __future__ import annotations

import time

import pytest

from kindling_ml.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("y o u  a r e  u g l y", "you are ugly"),  # s p a c i n g
        ("y o u a r e u g l y", "you are ugly"),  # spacing without word gaps: segmented by vocabulary
        ("i.d.i.o.t", "idiot"),
        ("You're a 1d10t!", "You're a idiot!"),  # leetspeak
        ("b!tch", "bitch"),
        ("$lut", "slut"),
        ("looooser", "loser"),  # repeated letters
        ("goooood job", "good job"),
        ("you're so f***ing talented", "you're so fucking talented"),  # masked swearing
        ("a**hole", "asshole"),
        ("you 🐷", "you pig"),  # emoji aimed at a person
        ("what a 🤡", "what a clown"),
        ("ｙｏｕ ａｒｅ ｓｔｕｐｉｄ", "you are stupid"),  # fullwidth
        ("𝐟𝐮𝐜𝐤 𝐲𝐨𝐮", "fuck you"),  # mathematical bold
        ("уоu аrе ugly", "you are ugly"),  # Cyrillic look-alikes
        ("z\u200be\u200br\u200bo", "zero"),  # zero-width characters
        ("\u202eylgu", "ugly"),  # right-to-left override displays reversed text
        ("ỳ̷o̴u̵ ̶s̷u̶c̷k̴", "you suck"),  # stacked combining marks
        ("k y s", "kys"),
        ("why do 👬 only care about that", "why do two men holding hands only care about that"),  # any emoji: its name
        ("no f🅰️gz", "no fagz"),  # enclosed letters spell words
    ],
)
def test_disguises_are_undone(raw: str, expected: str) -> None:
    """Each disguise maps back to the plain words a moderator would read."""
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "covid19 in the 90s at 5pm, 1st place",
        "meet @user1 at #tag2",
        "see https://example.org/a1b2 at 10:30",
        "Maya and Kwame went to the Muslim community centre",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    """Numbers with units, handles, URLs, names and group words are not rewritten."""
    assert normalize(text) == text


def test_empty_and_control_characters() -> None:
    """Empty, whitespace, control and invisible-only inputs normalise to an empty string."""
    assert normalize("") == ""
    assert normalize("   \n\t ") == ""
    assert normalize("\x00\x01\x7f\u200b\u200d\ufeff\u202e") == ""


def test_huge_input_is_fast() -> None:
    """100k characters normalise in well under a second (no backtracking blow-up)."""
    t0 = time.perf_counter()
    normalize("a b " * 25_000)
    normalize("x" * 100_000)
    normalize("🐷" * 50_000)
    assert time.perf_counter() - t0 < 5.0
