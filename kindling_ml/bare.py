"""A message's bare words: the text without its hashtags and emoji, which the Moderator also scores.

Why: hashtags and emoji carry words, so unlike links and handles they cannot be read away. But put beside a harmful
text, friendly ones let it through. Measured on 2026-12-07 on the name probe's 814 harmful texts (63 allowed as
written): "#SpreadKindness" in front let 209 through, "❤️" behind 180, "🌸🌸" in front 234. On Kindling the kindness
challenges' own tags would be the easiest disguise. So the Moderator scores the bare words as well, and the worse of
the two readings decides harm and every category; kindness comes from the message as written, where a heart is
kindness. An emoji aimed at a person ("you 🐷") is still read in the message as written, so nothing harmful is lost.

Off by default (`Moderator(score_bare_words=...)`, $KINDLING_ML_BARE_WORDS=on): judged on 2026-12-07 it stopped
dressed harm but also more kind texts dressed by their writers ("slay queen, the confidence in this pic is
everything ✨"), and HatemojiBuild accuracy fell from 0.649 to 0.619, so it failed its rule. An admin whose
community is flooded with harm dressed in kindness tags can turn it on, knowing those costs.
"""

from __future__ import annotations

import re

# Pictographs, dingbats, symbols, flags and skin tones, with the joiners and variation selectors that bind them.
_EMOJI = re.compile(
    "(?:[\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2b00-\u2bff\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001faff][\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff]*)+"
)
# A hashtag as people write them: "#" then letters, digits and underscores, not inside a word or after "&" (an HTML
# entity) and not a number ("#1", "#42").
_HASHTAG = re.compile(r"(?<![\w&#])#(?=\w*[^\W\d_])\w+")


def bare_words(text: str) -> str:
    """`text` without hashtags and emoji, or "" when it has none of either or nothing else (then there is nothing
    more to score)."""
    if "#" not in text and not _EMOJI.search(text):
        return ""
    bare = _EMOJI.sub(" ", _HASHTAG.sub(" ", text))
    # Spaces first, so the punctuation rule never backtracks over a long run of them.
    bare = re.sub(r"[ \t]{2,}", " ", bare)
    bare = re.sub(r" ([.,!?;:])", r"\1", bare).strip()
    if bare == text.strip() or not any(c.isalnum() for c in bare):
        return ""
    return bare
