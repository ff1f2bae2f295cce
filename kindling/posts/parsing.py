"""Hashtag and mention extraction. Tags match case-insensitively and are stored case-folded."""

from __future__ import annotations

import re
import unicodedata

# A tag starts after a non-word character, is word characters, and must hold at least one letter.
HASHTAG_RE = re.compile(r"(?<![\w#&])#(\w{1,64})(?!\w)")
MENTION_RE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{3,30})(?![\w@])")


def canonical_tag(tag: str) -> str:
    return unicodedata.normalize("NFKC", tag).casefold()


def is_valid_tag(tag: str) -> bool:
    return bool(re.fullmatch(r"\w{1,64}", tag)) and any(ch.isalpha() for ch in tag)


def extract_hashtags(text: str) -> list[tuple[str, str]]:
    """Return (canonical, display) pairs in order of first use, without duplicates."""
    seen: dict[str, str] = {}
    for match in HASHTAG_RE.finditer(text or ""):
        display = unicodedata.normalize("NFKC", match.group(1))
        if not is_valid_tag(display):
            continue
        seen.setdefault(canonical_tag(display), display)
    return list(seen.items())


def extract_mentions(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for match in MENTION_RE.finditer(text or ""):
        seen.setdefault(match.group(1).lower(), None)
    return list(seen)
