"""How far hashtags and emoji alone move decisions, with and without also scoring a message's bare words
(kindling_ml/bare.py).

    python -m training.bare_check [--model-dir kindling_ml/model] [--data ../shared/datasets] [--json out.json]
    python -m training.bare_check --fresh own_fresh45

Every text of fresh sets 11-44 gets copies dressed with kindness hashtags and emoji no text was written with: one
dressed in front and one behind. Each copy is scored with the bare words off and on (the link, handle and name
readings on in both), and compared with its text as written. The texts of fresh sets 11-44 as written are scored both
ways too, since people dress kind texts the same way. With --data, OLID test A, HatemojiBuild test and GoEmotions dev
and test are scored both ways. With --fresh, the named fresh sets' own texts are scored both ways instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kindling_ml.moderator import Moderator
from training.cases import Case
from training.reading_check import decisions, fresh_cases, fresh_compare, run, two_way_report

# Chosen before any of these copies was scored, and unlike the dressing the rule was developed on.
JUDGING_FRONT = ("#CreateKindness", "#KindnessMatters ✨", "💕💕", "#RandomActsOfKindness 🌼")
JUDGING_BEHIND = ("💖💖", "🥰 #RandomActsOfKindness", "🌈✨", "#CreateKindness #KindnessMatters")


def dressed_copies(cases: list[Case]) -> list[tuple[int, str, str]]:
    """(index of the case, where the dressing stands, the copy): in front and behind."""
    copies: list[tuple[int, str, str]] = []
    for i, case in enumerate(cases):
        front, behind = JUDGING_FRONT[i % len(JUDGING_FRONT)], JUDGING_BEHIND[i % len(JUDGING_BEHIND)]
        copies += [(i, "front", f"{front} {case.text}"), (i, "behind", f"{case.text} {behind}")]
    return copies


def report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    cases = fresh_cases(11, 44)
    mods = (Moderator.load(model_dir, score_bare_words=False, read_past_edge_hashtags=False),
            Moderator.load(model_dir, score_bare_words=True, read_past_edge_hashtags=False))
    return two_way_report(mods, ("bare_off", "bare_on"), cases, dressed_copies(cases), data)


def fresh_report(model_dir: Path, keys: list[str]) -> dict[str, Any]:
    """Per named fresh set: wrong decisions per kind of text with the bare words off and on, and what changed."""
    off = Moderator.load(model_dir, score_bare_words=False, read_past_edge_hashtags=False)
    on = Moderator.load(model_dir, score_bare_words=True, read_past_edge_hashtags=False)
    return fresh_compare(keys, lambda texts, label: decisions(off, texts, str, label),
                         lambda texts, label: decisions(on, texts, str, label), ("bare_off", "bare_on"))


def main(argv: list[str] | None = None) -> None:
    run(argv, __doc__.splitlines()[0], report, fresh_report)


if __name__ == "__main__":
    main()
