"""Our own labelled cases: the splits that evaluation relies on stay apart from training."""

from __future__ import annotations

from training.cases import CATEGORIES, HARMFUL_FAMILIES, KIND_FAMILIES, T, generate
from training.cases_fresh import FRESH_SETS


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def test_no_heldout_or_fresh_text_is_ever_a_training_text() -> None:
    """A text of a held-out or fresh set that also appears among the training cases (or in another such set)
    would inflate the figures, so the sets must share no text."""
    train = {_key(c.text) for c in generate("train", per_template=12)}
    heldout = {_key(c.text) for c in generate("heldout", per_template=6)}
    assert not train & heldout
    seen = train | heldout
    for fresh in FRESH_SETS:
        texts = {_key(c.text) for c in fresh.cases()}
        assert not texts & seen, fresh.key
        seen |= texts


def test_fresh_families_are_known_and_labelled_as_the_templates_are() -> None:
    """Each fresh family is one of the template families (optionally obfuscated), harmful families carry
    their categories, at-risk posts are not harmful but flag at_risk, and kind families are kind."""
    for fresh in FRESH_SETS:
        for family in fresh.families:
            assert family.split("+")[0] in T, family
    for case in [c for fresh in FRESH_SETS for c in fresh.cases()]:
        base = case.group.split("+")[0]
        assert set(case.cats) == set(CATEGORIES)
        assert case.harm == int(base in HARMFUL_FAMILIES)
        assert case.kind == int(base in KIND_FAMILIES)
        for category, value in HARMFUL_FAMILIES.get(base, {}).items():
            assert case.cats[category] == value
        assert case.cats["at_risk"] == int(base == "at_risk")
