"""The counts a ship rule pools over fresh sets, read from `training.evaluate --json` reports."""

from __future__ import annotations

from typing import Any

import pytest

from training.rule_check import goemotions_dev_and_test, pooled_summary


def _family(n: int, decisions: dict[str, int], compliments: int) -> dict[str, Any]:
    return {"n": n, "decisions": decisions, "compliments": compliments}


def _report() -> dict[str, Any]:
    return {
        "own_fresh": {"families": {
            "at_risk": _family(4, {"support": 3, "allow": 1}, 0),
            "neutral": _family(5, {"allow": 4, "support": 1}, 0),
            "kind": _family(3, {"allow": 2, "nudge": 1}, 2),
            "sarcasm": _family(2, {"allow": 1, "review": 1}, 1),
        }},
        "own_fresh2": {"families": {
            "at_risk": _family(2, {"support": 2}, 0),
            "kind_profanity": _family(2, {"allow": 2}, 1),
            "insult+obf": _family(3, {"block": 2, "allow": 1}, 1),
            "negation": _family(2, {"allow": 2}, 2),
        }},
        "own_fresh3": {"families": {"at_risk": _family(9, {"support": 9}, 0)}},
    }


def test_pooled_counts_add_up_over_the_named_sets_only() -> None:
    """Sets 1-2 pool to 5 of 6 at-risk posts in support, 1 of 5 neutral texts there, 1 of 5 kind texts not allowed,
    2 of 5 harmful texts allowed, 2 of 12 texts neither harmful nor at risk not allowed; sarcasm and obfuscated insults count as harmful (allowed and delivered as
    compliments), negation does not; set 3 is left out."""
    pooled = pooled_summary(_report(), 1, 2)
    assert pooled == {
        "fresh 1-2 at-risk posts to support": "5 of 6",
        "fresh 1-2 neutral texts to support": "1 of 5",
        "fresh 1-2 kind texts not allowed": "1 of 5",
        "fresh 1-2 harmful texts allowed": "2 of 5",
        "fresh 1-2 other texts not allowed (neither harmful nor at risk)": "2 of 12",
        "fresh 1-2 harmful texts delivered as compliments": "2 of 5",
        "fresh 1-2 kind texts delivered as compliments": "3 of 5",
    }


def test_reports_without_compliment_counts_still_pool_decisions() -> None:
    """A report written before compliments were counted gives the decision counts and leaves the compliment rows out."""
    report = _report()
    for fresh in report.values():
        for family in fresh["families"].values():
            del family["compliments"]
    pooled = pooled_summary(report, 1, 3)
    assert pooled["fresh 1-3 at-risk posts to support"] == "14 of 15"
    assert not any("compliments" in key for key in pooled)


def test_pooling_sets_the_report_lacks_is_a_clear_error() -> None:
    """Asking for sets a report was written before is refused with their names, not a KeyError."""
    with pytest.raises(SystemExit, match="own_fresh4"):
        pooled_summary(_report(), 2, 4)


def test_goemotions_bound_is_judged_on_dev_and_test_together() -> None:
    """Kind comments not allowed add up over both splits; a report without dev adds no row."""
    test = {"kind": 1662, "kind_not_allowed": 33 / 1662, "kindness_roc_auc_by_label": {"approval": 0.8069}}
    dev = {"kind": 1745, "kind_not_allowed_count": 40, "kindness_roc_auc": 0.898}
    rows = goemotions_dev_and_test({"goemotions_test": test, "goemotions_dev": dev})
    assert rows["GoEmotions dev+test kind not allowed"] == "73 of 3407 (2.14%)"
    assert rows["GoEmotions test kindness ROC-AUC by label"] == "approval 0.807"
    assert goemotions_dev_and_test({"goemotions_test": test}) == {}
