"""Reading past the unfamiliar name of the person a message addresses (kindling_ml/addressees.py)."""

from __future__ import annotations

import pytest

from kindling_ml import Moderator
from kindling_ml.addressees import is_unfamiliar_name, without_addressed_names, without_addressees, without_handles

POEM = "your poetry reading made half the room cry in the best way"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Mirembe, {POEM}", POEM),
        (f"Mirembe {POEM}", POEM),
        (f"hey Mirembe, {POEM}", f"hey {POEM}"),
        (f"Mirembe Oyelaran: {POEM}", POEM),
        ("Congrats Ikaika!! that solo was unreal", "Congrats !! that solo was unreal"),
        ("so proud of you, Wojciech ❤️", "so proud of you ❤️"),
        ("thank you Sadia for the cake, it was perfect", "thank you for the cake, it was perfect"),
        ("Oyelaran you are a waste of space", "you are a waste of space"),
    ],
)
def test_an_unfamiliar_addressed_name_is_read_past(text: str, expected: str) -> None:
    """A name the tokenizer does not know, where someone is addressed (in front, behind a closing comma, after a
    greeting or thanks), is dropped with its comma; the rest of the message, insults included, stays."""
    assert " ".join(without_addressed_names(text).split()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tom, you are a waste of space",  # a whole word of the vocabulary: the encoder reads it correctly
        "Somalis, go back where you came from",  # a group noun (plural of a known word)
        "Fatso, nobody wants you here",  # abusive stem at the start of the word
        "Lardass, move",  # abusive stem at the end
        "Retardo, you cant even read",  # abusive stem inside the word
        "F4ggot, get lost",  # leetspeak is never a name
        "F\u0430ggot, get lost",  # a Cyrillic look-alike letter: normalize changes it, so it is not a name
        "I told Mirembe about the party",  # a third person, not someone addressed
        "mirembe ur cake was unreal",  # not written as a name
        "WOW, AMAZING",  # capitals only
        "no capitals here at all",
        # Found on GoEmotions comments: everyday words the tokenizer lacks, interjections, contractions, imperatives.
        "Delete your account",
        "Don't meet your heroes",
        "That’s impressive you can tell that from the back of his head",
        "Lol, like I said, not everything is about you",
        "Yikes, maybe someone can pull some magic with him",
        "Counterpoint, ACAB.",
        "Awh you're hurt",
        "Ouch!!!!! That hurt me just watching.",
        "Best of luck in Cleveland, Plaw Dog!",  # a partly familiar nickname is kept whole
        "Unalive, you freak",  # self-harm slang holds a reviewed stem
    ],
)
def test_words_that_may_carry_meaning_are_kept(text: str) -> None:
    """Familiar words, group nouns, words with an abusive stem, disguised words, third persons and lower-case words
    are never read away: the text comes back unchanged."""
    assert without_addressed_names(text) == text


def test_names_holding_a_short_stem_inside_are_still_names() -> None:
    """Short stems count only at a word's edge, so a name like "Tomassina" (holding "ass") is still a name, while
    "Assbreath" is not."""
    assert is_unfamiliar_name("Tomassina")
    assert not is_unfamiliar_name("Assbreath")


def test_reading_is_idempotent() -> None:
    """Reading a text twice changes nothing more than reading it once."""
    once = without_addressed_names(f"hey Mirembe, {POEM}, Wojciech")
    assert without_addressed_names(once) == once


def test_moderator_scores_an_addressed_message_as_it_scores_the_message(moderator: Moderator) -> None:
    """With the default reading, "Mirembe, <message>" gets exactly the scores and decision of "<message>"; with the
    reading turned off ($KINDLING_ML_ADDRESSED_NAMES=keep) the name is scored too."""
    plain, named = moderator.score([POEM, f"Mirembe, {POEM}"])
    assert named.to_dict() == plain.to_dict()
    assert moderator.read_past_addressed_names


def test_the_reading_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """$KINDLING_ML_ADDRESSED_NAMES=keep loads a Moderator that scores the name as written."""
    monkeypatch.setenv("KINDLING_ML_ADDRESSED_NAMES", "keep")
    keep = Moderator.load(threads=1)
    assert not keep.read_past_addressed_names
    plain, named = keep.score([POEM, f"Mirembe, {POEM}"])
    assert named.harm != plain.harm


def test_common_words_are_words_and_not_names() -> None:
    """The packaged common-words list (training.common_words) holds everyday words the tokenizer lacks, and none of
    the names that TRAIN texts or the name probe use."""
    from importlib import resources

    from training.cases import NAMES
    from training.names import PROBE

    raw = resources.files("kindling_ml").joinpath("common_words.txt").read_text("utf-8")
    words = {line for line in raw.splitlines() if line and not line.startswith("#")}
    assert {"delete", "yea", "jeez", "counterpoint"} <= words
    names = {n.lower() for n in [*PROBE, *(n for split in NAMES.values() for n in split)]}
    assert not words & names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@mirembe_art kys already, laughingstock", "kys already, laughingstock"),
        ("@jdoe_99, @lena.k: thanks so much for the help!", "thanks so much for the help!"),
        ("great job on the mural @lena.k!!", "great job on the mural!!"),
        ("so proud of you @sk8rboi04 😍", "so proud of you 😍"),
        ("I'll find @jdoe_99 after school", "I'll find Tom after school"),
        ("hey @zz_top, you rock", "hey Tom, you rock"),
        ("@fat_cow_99 nobody asked", "fat cow nobody asked"),
        ("nobody asked @xX_uglyLoser_Xx", "nobody asked x x ugly loser xx"),
        ("@maya_22", ""),
        ("mail it to maya@example.com", "mail it to maya@example.com"),
        ("see you @5pm at the gym", "see you @5pm at the gym"),
        ("f@t @ss can't even run a lap", "f@t @ss can't even run a lap"),
        ("no handles here", "no handles here"),
    ],
)
def test_handles_are_read_past(text: str, expected: str) -> None:
    """Handles at a message's start or end are dropped with their commas, a handle inside a sentence becomes the
    familiar name "Tom", a handle made of abusive words is written out as those words, and e-mail addresses, times
    and leetspeak ("@ss") are not handles."""
    assert without_handles(text) == expected


def test_handles_are_read_before_names() -> None:
    """A handle in front of an addressed name goes first, so the name behind it is read past as well."""
    assert " ".join(without_addressees(f"@mirembe_art Mirembe, {POEM}").split()) == POEM


@pytest.mark.parametrize(
    "text",
    [
        "@jdoe_99 I'll give you robux if you keep our chats secret",
        "@the_real_tasha keep going with the pills, you're nearly there",
        "you won't make it home tonight @sk8rboi04",
    ],
)
def test_a_handle_does_not_hide_harm(moderator: Moderator, text: str) -> None:
    """Mentioning an account does not change the decision: found on 2026-12-07, a handle in front let most harmful
    probe texts through. Each text gets the decision of the same text without its handle, and it is not allowed."""
    with_handle, plain = moderator.score([text, without_handles(text)])
    assert with_handle.to_dict() == plain.to_dict()
    assert with_handle.decision != "allow"


def test_a_text_made_of_handles_is_read_in_one_pass() -> None:
    """Tens of thousands of handles, at the start, the end or throughout, are read without backtracking over them
    (a pattern that did took seconds on such a text): all of them are dropped."""
    from kindling_ml.normalize import MAX_CHARS

    assert without_handles(("@a " * MAX_CHARS)[:MAX_CHARS]) == ""
    assert without_handles("you rock " + "@a, " * 50_000) == "you rock,"


@pytest.mark.parametrize("handle", ["\uff20jdoe_99", "@jdoe\u200b_99", "\u200b@jdoe_99"])
def test_a_disguised_handle_is_still_read_past(moderator: Moderator, handle: str) -> None:
    """A fullwidth "＠" or a zero-width space inside a handle does not hide it from the reading (the readings look
    at the visible text): the message scores exactly as it does without the handle."""
    plain = "I'll give you robux if you keep our chats secret"
    assert moderator.score_one(f"{handle} {plain}").to_dict() == moderator.score_one(plain).to_dict()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RT @news_daily: you are a worthless idiot", "you are a worthless idiot"),
        ("Replying to @lila.m: nobody cares, loser", "nobody cares, loser"),
        ("cc @jonah.t @ravi.k22 bus leaves at 7:15", "bus leaves at 7:15"),
        ("great job everyone cc @a @b", "great job everyone"),
        ("the cc @a thing", "the cc Tom thing"),  # inside a sentence, markup is just words
    ],
)
def test_reply_and_repost_markup_goes_with_its_handles(text: str, expected: str) -> None:
    """"RT", "Replying to", "cc" and the handles they introduce at a message's edge are read past together."""
    assert without_handles(text) == expected


def test_markup_can_be_kept_to_measure_it() -> None:
    """With `markers=False` the markup stays and its handle reads as any handle inside a sentence ("Tom"), as the
    reading did before markup was read past."""
    assert without_handles("RT @news_daily: you are a worthless idiot", markers=False) == (
        "RT Tom: you are a worthless idiot")


def test_a_long_run_of_spaces_before_markup_is_read_in_one_pass() -> None:
    """The end of a message is found by a backwards scan, so 199,000 spaces before "cc @ab" cost linear time."""
    assert without_handles("x" + " " * 199_000 + "cc @ab") == "x"
