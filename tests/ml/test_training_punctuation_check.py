"""training.punctuation_check and the functional-suite proxy in the targets table (training.model_card)."""

from __future__ import annotations

from pathlib import Path

from kindling_ml.moderator import default_model_dir
from training.model_card import functional_suite
from training.punctuation_check import report, unpunctuated


def test_only_texts_ending_in_a_letter_or_digit_get_copies() -> None:
    """A text that already ends in punctuation or an emoji is left out of the copies."""
    assert unpunctuated("you are a loser") and unpunctuated("see you at 5")
    assert not unpunctuated("you are a loser.") and not unpunctuated("nice 🙂") and not unpunctuated("  ")


def test_each_ending_is_counted_per_kind_of_text() -> None:
    """One fresh set, scored as written and with each ending: every count is a share of its kind's texts."""
    result = report(Path(default_model_dir()), 11, 11)
    assert set(result) == {"texts", "as_written", "ending .", "ending !"}
    for label in ("as_written", "ending .", "ending !"):
        assert all(0 <= result[label][kind] <= result["texts"][kind] for kind in result["texts"])
    assert result["texts"]["harmful"] > 0


def test_the_functional_suite_is_scored_by_decision_and_by_harm() -> None:
    """The proxy counts a harmful family's text right when it is not allowed, any other when it is allowed."""
    metrics = {"own_fresh48": {"overall": {"accuracy": 0.75}, "families": {
        "identity_hate+implicit": {"n": 2, "decisions": {"allow": 1, "block": 1}},
        "neutral+homonym": {"n": 2, "decisions": {"allow": 2}},
    }}}
    text = functional_suite(metrics)
    assert "4 texts in 2 functionalities" in text and "0.750 at harm 0.5" in text and "0.750 by decision" in text
    assert functional_suite({}) == ""
