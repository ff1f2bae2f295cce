"""A message's sentences read without a courteous opener or closer.

Why: a friendly sentence beside a harmful one lets it through, because the encoder averages over the whole message.
Measured on 2026-12-08 on the name probe (held-out templates and fresh sets 1-10): "thanks for sharing! " in front
of each of 814 harmful texts let 522 through (63 as written), and missed 218 of 262 at-risk posts (33 as written):
"thanks for everything, everyone. I won't be around much longer" reads as thanks. A fresh set written by a helper
(set 46, messages of several clauses, harm wrapped in courtesy) had the shipped model allow 30 of its 80 harmful
texts, 5 of its 8 threats among them.

So a message of two or more sentences is also read without its first sentence and without its last (`edge_readings`).
Those readings can only raise a score, and they are trusted less than the message as a whole, because a sentence
read alone loses its context ("it's okay to not be okay. you don't have to pretend with me"): the Moderator takes
their at_risk as it finds it, so a goodbye behind a thank-you still reaches `support`, but takes their harm and
categories only when they would by themselves send the message to review or block; kindness comes from the whole
message only.

Off by default (`Moderator(read_edge_sentences=...)`, $KINDLING_ML_EDGE_SENTENCES=on): judged on 2026-12-08 it caught
harm beside a courteous sentence (on copies of our texts with one, harmful copies allowed fell from 1,223 to 524; on
a fresh set of such messages from 25 to 14 of 80), but a sentence read alone is often misread ("Congratulations on
passing your driving test, Hamza! Told you you'd smash it." was blocked), so it stopped 20 more kind texts of 1,736
on our fresh sets and 30 more kind GoEmotions comments, and failed its rule (docs/moderation.md, "Reading a message
without its first and last sentence").
"""

from __future__ import annotations

import re

# A sentence ends at ".", "!", "?" or "…" followed by space (as the Moderator splits long texts).
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def sentences(text: str) -> list[str]:
    """The sentences of `text`, each with its own end punctuation; pieces with no letter or digit (a lone "!!" or
    emoji) join the sentence before them."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        if not piece:
            continue
        if out and not any(c.isalnum() for c in piece):
            out[-1] += " " + piece
        elif not out or any(c.isalnum() for c in out[-1]):
            out.append(piece)
        else:
            out[-1] += " " + piece
    return out


def edge_readings(text: str) -> list[str]:
    """`text` without its first sentence and without its last, when it has two or more (the one reading when both
    are the same); [] otherwise."""
    parts = sentences(text)
    if len(parts) < 2:
        return []
    readings = [" ".join(parts[1:]), " ".join(parts[:-1])]
    return readings[:1] if readings[0] == readings[1] else readings
