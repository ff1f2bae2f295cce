"""Our own labelled cases: the splits that evaluation relies on stay apart from training."""

from __future__ import annotations

from training.cases import CATEGORIES, HARMFUL_FAMILIES, KIND_FAMILIES, T, generate
from training.cases_fresh import FRESH, FRESH_2, FRESH_3, fresh2_cases, fresh3_cases, fresh_cases


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def test_no_heldout_or_fresh_text_is_ever_a_training_text() -> None:
    """A text from either held-out set that also appears among the training cases would inflate every
    held-out figure, so the three sets must share no text."""
    train = {_key(c.text) for c in generate("train", per_template=12)}
    heldout = {_key(c.text) for c in generate("heldout", per_template=6)}
    fresh = {_key(c.text) for c in fresh_cases()}
    fresh2 = {_key(c.text) for c in fresh2_cases()}
    fresh3 = {_key(c.text) for c in fresh3_cases()}
    assert not train & heldout
    assert not train & fresh
    assert not train & fresh2
    assert not heldout & fresh
    assert not heldout & fresh2
    assert not fresh & fresh2
    assert not train & fresh3
    assert not heldout & fresh3
    assert not (fresh | fresh2) & fresh3


def test_fresh_families_are_known_and_labelled_as_the_templates_are() -> None:
    """Each fresh family is one of the template families (optionally obfuscated), harmful families carry
    their categories, at-risk posts are not harmful but flag at_risk, and kind families are kind."""
    for family in [*FRESH, *FRESH_2, *FRESH_3]:
        assert family.split("+")[0] in T, family
    for case in fresh_cases() + fresh2_cases() + fresh3_cases():
        base = case.group.split("+")[0]
        assert set(case.cats) == set(CATEGORIES)
        assert case.harm == int(base in HARMFUL_FAMILIES)
        assert case.kind == int(base in KIND_FAMILIES)
        for category, value in HARMFUL_FAMILIES.get(base, {}).items():
            assert case.cats[category] == value
        assert case.cats["at_risk"] == int(base == "at_risk")
