"""The evaluation's name probe, run with the shipped model."""

from __future__ import annotations

from kindling_ml import Moderator
from training.cases import Case
from training.evaluate import names_report


def _case(text: str, group: str, harm: int) -> Case:
    return Case(text, harm, int(group == "kind"), {}, group)


def test_name_probe_scores_each_text_twice_more_with_unseen_names_and_leaves_at_risk_posts_out(
        moderator: Moderator) -> None:
    """Each kind, harmful or other text gets two named copies and is counted under its kind of text; an at-risk post
    is left out; a plain thank-you stays allowed and a plain threat stays stopped, named or not."""
    cases = [
        _case("thank you so much for helping me move house, you are the best", "kind", 0),
        _case("i will find you after school and break your legs", "threat", 1),
        _case("the bus was late again this morning", "neutral", 0),
        _case("i don't want to be alive anymore", "at_risk", 0),
    ]
    report = names_report(moderator, cases)
    assert report["texts"] == 3 and report["named_copies"] == 6
    assert {k: report[k]["n"] for k in ("kind", "harmful", "other")} == {"kind": 1, "harmful": 1, "other": 1}
    assert report["kind"]["wrong_as_written"] == 0 and report["kind"]["wrong_named"] == 0
    assert report["harmful"]["wrong_as_written"] == 0 and report["harmful"]["wrong_named"] == 0
