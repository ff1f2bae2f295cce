"""training.reading_check: how the run-time reading checks group texts and read their command line."""

from __future__ import annotations

import pytest

from training.cases import Case
from training.reading_check import WRONG, fresh_compare, kind_of


def test_texts_are_grouped_by_what_a_right_decision_is() -> None:
    """Kind and kind-swearing texts, harmful texts (obfuscated too), at-risk posts, and everything else."""
    assert kind_of(Case("x", 0, 1, group="kind_profanity")) == "kind"
    assert kind_of(Case("x", 1, 0, group="insult+obf")) == "harmful"
    assert kind_of(Case("x", 0, 0, group="at_risk")) == "at_risk"
    assert kind_of(Case("x", 0, 0, group="counter_speech")) == "other"
    assert WRONG["harmful"]("allow") and WRONG["kind"]("nudge") and WRONG["at_risk"]("allow")


def test_an_unknown_fresh_set_is_refused() -> None:
    """Naming a fresh set that does not exist stops with its name, before anything is scored."""
    with pytest.raises(SystemExit, match="own_fresh999"):
        fresh_compare(["own_fresh999"], lambda texts, label: [], lambda texts, label: [], ("a", "b"))


def test_both_sides_are_counted_and_changes_listed() -> None:
    """Each side's wrong decisions are counted per kind of text, and texts whose decision differs are listed."""
    report = fresh_compare(["own_fresh"], lambda texts, label: ["allow"] * len(texts),
                           lambda texts, label: ["block"] * len(texts), ("kept", "read"))["own_fresh"]
    assert report["harmful"]["wrong_kept"] == report["harmful"]["texts"] and report["harmful"]["wrong_read"] == 0
    assert report["kind"]["wrong_kept"] == 0 and report["kind"]["wrong_read"] == report["kind"]["texts"]
    assert len(report["changed"]) == sum(report[k]["texts"] for k in WRONG)


def test_a_check_can_offer_another_report_by_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """`run` adds one flag per extra report, and the flag runs that report instead of the default one."""
    from pathlib import Path

    from training.reading_check import run

    calls: list[str] = []
    default = lambda model_dir, data: calls.append("default") or {"report": "default"}  # noqa: E731
    other = lambda model_dir, data: calls.append("markers") or {"report": "markers"}  # noqa: E731
    run(["--markers", "--model-dir", "m"], "check", default, lambda d, k: {}, {"markers": other})
    run(["--model-dir", str(Path("m"))], "check", default, lambda d, k: {}, {"markers": other})
    assert calls == ["markers", "default"] and '"markers"' in capsys.readouterr().out


def test_a_two_way_report_counts_copies_against_their_texts_as_written() -> None:
    """The shared report of a two-Moderator check: each copy counts against the decision its own text gets as written,
    and a reading that is off on both sides changes nothing."""
    from kindling_ml import Moderator
    from training.reading_check import two_way_report

    cases = [Case("you are a worthless loser and everyone hates you", 1, 0, group="insult"),
             Case("thank you so much for helping me move, you're the best", 0, 1, group="kind")]
    copies = [(0, "front", "#BeKind you are a worthless loser and everyone hates you"),
              (1, "front", "#BeKind thank you so much for helping me move, you're the best"),
              (1, "behind", "thank you so much for helping me move, you're the best #BeKind")]
    same = Moderator.load(threads=1, read_past_edge_hashtags=False)
    report = two_way_report((same, same), ("a", "b"), cases, copies, None)
    assert report["texts"] == 2 and report["copies"] == 3
    assert report["copies_wrong_as_written"] == {"kind": 0, "other": 0, "harmful": 0, "at_risk": 0}
    assert report["copies_wrong_a"] == report["copies_wrong_b"] and report["fresh_changed"] == []
    assert report["fresh_wrong_a"] == report["fresh_wrong_b"] == {"kind": 0, "other": 0, "harmful": 0, "at_risk": 0}
