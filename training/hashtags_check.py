"""How far hashtags at a message's edges move decisions, with and without reading past them
(kindling_ml/hashtags.py).

    python -m training.hashtags_check [--model-dir kindling_ml/model] [--data ../shared/datasets] [--json out.json]
    python -m training.hashtags_check --fresh own_fresh45

Every text of fresh sets 11-44 gets two copies dressed with kindness hashtags no text was written with: one with tags
in front and one with tags behind. Each copy is scored with the edge hashtags kept and read past (the link, handle
and name readings on in both) and compared with its text as written. The texts of fresh sets 11-44 as written are
scored both ways too, since people tag their own posts. With --data, OLID test A (tweets, many with hashtags),
HatemojiBuild test and GoEmotions dev and test are scored both ways. With --fresh, the named fresh sets' own texts are
scored both ways instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kindling_ml.moderator import Moderator
from training.cases import Case
from training.reading_check import decisions, fresh_cases, fresh_compare, run, two_way_report

# Chosen before any of these copies was scored, and unlike the dressing the reading was developed on
# ("#SpreadKindness" in front) and the bare-words check's (training/bare_check.py).
JUDGING_FRONT = ("#BeKind", "#kindnesschallenge #positivity", "#SpreadLove", "#WholesomeWednesday #BeKind")
JUDGING_BEHIND = ("#SpreadKindness", "#bekind #goodvibes", "#KindnessIsCool", "#CreateKindness #SpreadLove #teamkind")


def tagged_copies(cases: list[Case]) -> list[tuple[int, str, str]]:
    """(index of the case, where the tags stand, the copy): in front and behind."""
    copies: list[tuple[int, str, str]] = []
    for i, case in enumerate(cases):
        front, behind = JUDGING_FRONT[i % len(JUDGING_FRONT)], JUDGING_BEHIND[i % len(JUDGING_BEHIND)]
        copies += [(i, "front", f"{front} {case.text}"), (i, "behind", f"{case.text} {behind}")]
    return copies


def _moderators(model_dir: Path) -> tuple[Moderator, Moderator]:
    return (Moderator.load(model_dir, read_past_edge_hashtags=False, score_bare_words=False),
            Moderator.load(model_dir, read_past_edge_hashtags=True, score_bare_words=False))


def report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    cases = fresh_cases(11, 44)
    return two_way_report(_moderators(model_dir), ("tags_kept", "tags_read"), cases, tagged_copies(cases), data)


def fresh_report(model_dir: Path, keys: list[str]) -> dict[str, Any]:
    """Per named fresh set: wrong decisions per kind of text with the edge hashtags kept and read past, and what
    changed."""
    kept, read = _moderators(model_dir)
    return fresh_compare(keys, lambda texts, label: decisions(kept, texts, str, label),
                         lambda texts, label: decisions(read, texts, str, label), ("tags_kept", "tags_read"))


def main(argv: list[str] | None = None) -> None:
    run(argv, __doc__.splitlines()[0], report, fresh_report)


if __name__ == "__main__":
    main()
