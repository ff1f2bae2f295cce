"""Our own labelled cases: the splits that evaluation relies on stay apart from training."""

from __future__ import annotations

from training.cases import CATEGORIES, HARMFUL_FAMILIES, KIND_FAMILIES, NAMES, Case, T, generate
from training.cases_fresh import FRESH_SETS
from training.names import PROBE


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


def test_probe_names_never_fill_a_training_text() -> None:
    """The names the evaluation's name probe uses are neither TRAIN nor held-out names, so the probe measures names
    the model has not learnt; the TRAIN names span far more than the original 22."""
    assert not set(PROBE) & set(NAMES["train"])
    assert not set(PROBE) & set(NAMES["heldout"])
    assert not set(NAMES["heldout"]) & set(NAMES["train"])
    assert len(set(NAMES["train"])) > 300


def test_training_texts_address_someone_by_name_as_often_in_every_family_but_at_risk() -> None:
    """With the vocative draw, about half the distinct TRAIN texts of every family but at-risk posts open or end with
    a TRAIN name (a quarter of fills are addressed, and an addressed fill, with its own name, survives deduplication
    more often than a plain one), harmful and kind families alike, so a name carries no signal; at-risk posts and
    the held-out split are not addressed this way."""
    names = set(NAMES["train"])

    def by_name(text: str) -> bool:
        return text.split(" ", 1)[0].rstrip(",") in names or (", " in text and text.rsplit(", ", 1)[1] in names)

    def shares(cases: list[Case]) -> dict[str, float]:
        return {family: sum(by_name(c.text) for c in cases if c.group == family) / sum(c.group == family for c in cases)
                for family in {c.group for c in cases if "+" not in c.group}}

    plain = shares(generate("train", per_template=12, vocative_share=0.0))
    addressed = shares(generate("train", per_template=12))
    for family, share in addressed.items():
        if family == "at_risk":
            assert abs(share - plain[family]) < 0.03
        else:
            assert 0.4 < share < 0.65, family
            assert share - plain[family] > 0.3, family
    held = generate("heldout", per_template=6)
    assert [c.text for c in held] == [c.text for c in generate("heldout", per_template=6, vocative_share=0.0)]
