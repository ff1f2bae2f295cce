"""`linkify`: user text with #hashtags and @mentions as links, every other character HTML-escaped."""

from __future__ import annotations

import re
import unicodedata

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kindling.posts.parsing import HASHTAG_RE, MENTION_RE, canonical_tag, is_valid_tag

register = template.Library()

# One pass over the raw text with both of the parser's patterns, so links appear exactly where the
# service found tags and mentions.
_TOKEN_RE = re.compile(f"(?P<tag>{HASHTAG_RE.pattern})|(?P<mention>{MENTION_RE.pattern})")


def _hashtag_link(raw: str, tag: str) -> str:
    url = reverse("web:hashtag", kwargs={"tag": canonical_tag(tag)})
    return f'<a class="tag" href="{escape(url)}">{escape(raw)}</a>'


def _mention_link(raw: str, username: str) -> str:
    url = reverse("web:profile", kwargs={"username": username})
    return f'<a class="mention" href="{escape(url)}">{escape(raw)}</a>'


@register.filter(is_safe=False)
def linkify(text: object) -> SafeString:
    """Escape `text`, linking hashtags to /t/<tag>/ and mentions to /u/<name>/. Safe to render."""
    raw = "" if text is None else str(text)
    out: list[str] = []
    pos = 0
    for match in _TOKEN_RE.finditer(raw):
        if match.group("tag") is not None:
            tag = unicodedata.normalize("NFKC", match.group(2))
            if not is_valid_tag(tag):
                continue  # "#123" is not a hashtag: leave it as text
            link = _hashtag_link(match.group(0), tag)
        else:
            link = _mention_link(match.group(0), match.group(4))
        out.append(escape(raw[pos : match.start()]))
        out.append(link)
        pos = match.end()
    out.append(escape(raw[pos:]))
    # Every piece above is escaped user text or a link built from escaped parts.
    return mark_safe("".join(out))  # noqa: S308
