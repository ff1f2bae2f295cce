"""The `linkify` template filter: escape everything, link exactly what the parser treats as tags and mentions."""

from __future__ import annotations

from kindling.web.templatetags.kindling_text import linkify


def test_escapes_html_and_links_tags_and_mentions():
    """Markup in user text is escaped; #tags link to the case-folded tag page and @names to profiles."""
    out = linkify('<b>hi</b> & "you" #SpreadKindness @maya_1')
    assert "<b>" not in out
    assert "&lt;b&gt;hi&lt;/b&gt; &amp; &quot;you&quot;" in out
    assert '<a class="tag" href="/t/spreadkindness/">#SpreadKindness</a>' in out
    assert '<a class="mention" href="/u/maya_1/">@maya_1</a>' in out


def test_follows_the_parser_rules():
    """Numbers-only tags, tags glued to words, e-mail addresses and HTML entities are not links."""
    out = linkify("#123 word#tag me@example.org &#39; a#b")
    assert "<a" not in out


def test_none_and_empty():
    """Empty input renders as empty text."""
    assert linkify(None) == ""
    assert linkify("") == ""
