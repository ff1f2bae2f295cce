"""Reading past the hashtags at a message's edges.

Why: a run of hashtags in front of a message or behind it labels the post ("#SpreadKindness #BeKind"); it is not
part of what the message says to anyone. But the encoder reads a friendly tag as friendliness, and beside a
harmful text it lets the text through. Measured on 2026-12-07 on the name probe's 814 harmful texts (63 allowed as
written): "#SpreadKindness" in front let 209 of them through. On Kindling the kindness challenges' own tags are on
every post of a challenge, so they tell nothing about whether this post is kind, and they are the easiest disguise.

So the Moderator scores a message without the hashtags at its edges, as it does without the handles it mentions
(kindling_ml/addressees.py):
- a run of hashtags that opens a message, or one that closes it (before closing punctuation and emoji), is dropped;
- a tag made of abusive words ("#uglyaf", "#FatPig") is written out as those words wherever it stands, so a tag that
  carries the insult is still read; the stems are the ones addressees.py reviewed for handles. So is an edge tag
  said to someone ("#NobodyLikesYou"): it is part of the message;
- a hashtag inside a sentence ("you're such a #legend") is left as written: there it is a word of the sentence;
- a message that is nothing but hashtags is scored as written, so "#BeKind" alone is still read.

Emoji are not read past: they carry meaning the model needs ("you 🐷"), and scoring a message without them failed its
rule (kindling_ml/bare.py).

Off by default (`Moderator(read_past_edge_hashtags=...)`, $KINDLING_ML_EDGE_HASHTAGS=on): judged on 2026-12-08 it
restored tagged copies of our own texts to their undressed decisions, but on OLID, whose tweets' hashtags carry their
politics, harm macro-F1 fell from 0.706 to 0.671, and on posts a helper dressed with tags (fresh set 45) it let two
more harmful texts through than it stopped, so it failed its rule (docs/moderation.md, "Reading past the hashtags at a
message's edges"). An admin whose community is flooded with harm under its challenge tags can turn it on.
"""

from __future__ import annotations

import re

from kindling_ml.addressees import _abusive_words

# A hashtag as people write them: "#" then letters, digits and underscores, not inside a word or after "&" (an HTML
# entity) and not a number ("#1", "#42").
_TAG = r"(?<![\w&#])#(?=\w*[^\W\d_])\w+"
_TAG_RE = re.compile(_TAG)
# A word of a closing run: a tag, perhaps with its own punctuation or emoji ("#BeKind!", "#BeKind✨").
_TAG_WORD = re.compile(rf"{_TAG}[^\w\s#]*")
_LEADING_TAGS = re.compile(rf"^(?P<lead>[^\w#]*?)(?P<run>(?:{_TAG}[\s,;:]*)+)")


# Words a sentence cannot end on: after one of them, a tag is a word of the sentence, not a label.
_UNFINISHED = frozenset((
    "a", "an", "the", "my", "your", "ur", "our", "his", "her", "their", "such", "so", "very", "is", "are", "am",
    "was", "were", "be", "being", "been", "im", "i'm", "you're", "youre", "we're", "of", "to", "for", "with", "at",
    "from", "by", "about", "and", "or", "but", "than", "as", "real", "total", "absolute", "complete", "true", "proper",
))


def _tag_words(tag: str) -> list[str]:
    """'#SpreadKindness2026' -> ['spread', 'kindness']: the words a tag is made of, lower case."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", tag[1:])
    return [w.lower() for w in re.split(r"[\W\d_]+", spaced) if w]


def _said_to_someone(words: list[str]) -> bool:
    """Whether a tag addresses someone ("#NobodyLikesYou", "#youfailed"): then it is part of what the message says.
    Lower-case tags are not split into words, so "you" counts anywhere in one."""
    return any("you" in w or w in ("u", "ur", "ya") for w in words)


def _read_tag(tag: str, *, at_edge: bool) -> str:
    """An abusive tag's words wherever it stands, and at an edge a tag said to someone too; otherwise nothing at an
    edge and the tag as written inside."""
    words = _tag_words(tag)
    if _abusive_words(words) or (at_edge and _said_to_someone(words)):
        return " ".join(words)
    return "" if at_edge else tag


def _edge_words(run: str) -> str:
    """What is left of a run of tags at an edge: the words of its abusive tags and of those said to someone."""
    return " ".join(w for w in (_read_tag(t, at_edge=True) for t in _TAG_RE.findall(run)) if w)


def _drop_trailing_tags(text: str) -> str:
    """The run of tags that closes a message (before its closing punctuation and emoji) read as at an edge. Scanned
    from the end word by word, so a text of thousands of tags costs linear time."""
    end = len(text)
    while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    body, tail = text[:end], text[end:]
    words = re.split(r"(\s+)", body)  # words at even indexes, separators at odd ones
    first = len(words)
    while first >= 1 and _TAG_WORD.fullmatch(words[first - 1]):
        first -= 2
    if first == len(words):
        return text
    if first >= 1 and words[first - 1].lower() in _UNFINISHED:
        first += 2  # "you're such a #legend": the first tag finishes the sentence, so it is read as a word
        if first == len(words):
            return text
    head = "".join(words[: max(first, 0)]).rstrip(" \t,;:")
    kept = _edge_words(" ".join(words[first + 1 :: 2]))
    return head + (" " + kept if kept else "") + tail


def without_edge_hashtags(text: str) -> str:
    """`text` with its hashtags read as the module docstring says. A text with no "#" comes back unchanged, and so
    does one with nothing left to read once its edge tags are gone."""
    if "#" not in text:
        return text

    def leading(m: re.Match[str]) -> str:
        kept = _edge_words(m.group("run"))
        return m.group("lead") + (kept + " " if kept else "")

    out = _LEADING_TAGS.sub(leading, text, count=1)
    out = _drop_trailing_tags(out)
    out = _TAG_RE.sub(lambda m: _read_tag(m.group(0), at_edge=False), out)
    out = re.sub(r" {2,}", " ", out).strip()
    return out if any(c.isalnum() for c in out) else text
