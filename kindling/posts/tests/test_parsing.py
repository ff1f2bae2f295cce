"""Hashtag and mention parsing."""

from kindling.posts.parsing import extract_hashtags, extract_mentions


def test_hashtags_are_case_folded_deduplicated_and_ordered():
    """Tags keep first display form, are matched case-insensitively and need a letter."""
    assert extract_hashtags("#SpreadKindness and #spreadkindness #BeKind #2024 a#b") == [
        ("spreadkindness", "SpreadKindness"),
        ("bekind", "BeKind"),
    ]


def test_hashtags_in_other_scripts_and_punctuation():
    """Unicode letters count; trailing punctuation ends a tag."""
    assert extract_hashtags("Danke! #Freundlichkeit. #親切") == [("freundlichkeit", "Freundlichkeit"), ("親切", "親切")]


def test_mentions():
    """@names are found once each, lower-cased; emails are not mentions."""
    assert extract_mentions("hi @Maya and @maya, mail me at x@example.org @jo") == ["maya"]
