"""Reading past the links a message shares.

Why: a link is an address, and the encoder reads its pieces ("https", "example", "p", "8841") as nothing it was
trained on. Measured on 2026-12-07 on the name probe's texts: a link behind a harmful text let 250 of 814 through
(63 as written), a link in front 377, and with the links dropped 62. A link says nothing about whether the words
around it are kind or abusive, so the Moderator scores a message without its links, as it scores a message without
the handles it mentions (kindling_ml/addressees.py). What a link points to is not read at all, with or without this
module; checking linked pages is a separate job.

What counts as a link is deliberately narrow, so that no word is read away:
- anything that starts with a scheme ("https://", "http://") or with "www.";
- a bare domain ("bit.ly/3xYz", "example.org") on a common top-level domain; a top-level domain that is also an
  everyday word or chat spelling ("to", "me", "so", "in", "co") counts only with a path after it ("go.to/x");
- never part of an e-mail address or a handle, and never the punctuation that closes the sentence around it.
"""

from __future__ import annotations

import re

# Top-level domains that do not end ordinary words or chat spellings, so a bare "name.tld" is a link.
_SAFE_TLDS = ("com", "org", "net", "edu", "gov", "io", "ly", "gg", "tv", "app", "dev", "xyz", "info", "biz")
# Top-level domains that are everyday words or endings ("go.to", "call.me"): a link only with a path.
_PATH_TLDS = ("co", "uk", "de", "fr", "ca", "au", "in", "be", "to", "me", "so", "cc", "us", "ai", "link", "page",
              "site", "store", "shop", "news", "blog", "art", "nz", "ie", "es", "it", "nl", "br", "jp")
_HOST = r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
_PATH = r"/[^\s<>\"]*"
_LINK = re.compile(
    r"(?<![\w@./-])(?:"
    r"(?:https?|ftp)://[^\s<>\"]+"
    r"|www\.[^\s<>\"]+"
    rf"|{_HOST}(?:{'|'.join(_SAFE_TLDS)})(?:{_PATH})?(?![\w@-])"
    rf"|{_HOST}(?:{'|'.join(_PATH_TLDS)}){_PATH}"
    r")",
    re.IGNORECASE,
)
# Sentence punctuation right after a link belongs to the sentence, not to the link.
_TRAILING = re.compile(r"[.,!?;:)\]}'\"’”…]+$")


def _drop(match: re.Match[str]) -> str:
    link = match.group(0)
    tail = _TRAILING.search(link)
    if tail and "(" not in link[: tail.start()]:
        return tail.group(0)
    return ""


def without_links(text: str) -> str:
    """`text` without the links it shares (see the module docstring). A text with no link comes back unchanged."""
    if "." not in text:
        return text
    out = _LINK.sub(_drop, text)
    if out == text:
        return text
    # Spaces first, so the punctuation rule never backtracks over a long run of them.
    out = re.sub(r"[ \t]{2,}", " ", out)
    return re.sub(r" ([.,!?;:])", r"\1", out).strip()
