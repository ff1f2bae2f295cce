"""How far a courteous sentence in front or behind moves decisions, with and without also reading a message without
its first and last sentence (kindling_ml/sentences.py).

    python -m training.sentences_check [--model-dir kindling_ml/model] [--data ../shared/datasets] [--json out.json]
    python -m training.sentences_check --fresh own_fresh47

Every text of fresh sets 11-45 gets two copies with a courteous sentence no text was written with: one in front and
one behind. Each copy is scored with the edge-sentence reading off and on (the link, handle and name readings on in
both) and compared with its text as written. The texts of fresh sets 11-45 as written are scored both ways too, since
people write several sentences. With --data, OLID test A, HatemojiBuild test and GoEmotions dev and test are scored
both ways. With --fresh, the named fresh sets' own texts are scored both ways instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kindling_ml.moderator import Moderator
from training.cases import Case
from training.reading_check import decisions, fresh_cases, fresh_compare, run, two_way_report

# Chosen before any of these copies was scored, and unlike the sentences the reading was developed on ("thanks for
# sharing! " and "love this! " in front, "hope that helps!" behind).
JUDGING_FRONT = ("Great post! ", "Happy Friday everyone! ", "Sending good vibes. ", "Respect to the creator. ")
JUDGING_BEHIND = ("Have a lovely day!", "Take care x", "Just being honest!", "Much love 💕")


def courteous_copies(cases: list[Case]) -> list[tuple[int, str, str]]:
    """(index of the case, where the sentence stands, the copy): in front and behind. A text that ends without
    punctuation is closed with "." or "!" in turn before a sentence behind it."""
    copies: list[tuple[int, str, str]] = []
    for i, case in enumerate(cases):
        front, behind = JUDGING_FRONT[i % len(JUDGING_FRONT)], JUDGING_BEHIND[i % len(JUDGING_BEHIND)]
        text = case.text.rstrip()
        closed = text if text[-1:] in ".!?…" or not text[-1:].isalnum() else text + ".!"[i % 2]
        copies += [(i, "front", f"{front}{text}"), (i, "behind", f"{closed} {behind}")]
    return copies


def _moderators(model_dir: Path) -> tuple[Moderator, Moderator]:
    return (Moderator.load(model_dir, read_edge_sentences=False), Moderator.load(model_dir, read_edge_sentences=True))


def report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    cases = fresh_cases(11, 45)
    return two_way_report(_moderators(model_dir), ("whole", "edges"), cases, courteous_copies(cases), data)


def fresh_report(model_dir: Path, keys: list[str]) -> dict[str, Any]:
    """Per named fresh set: wrong decisions per kind of text with the edge-sentence reading off and on, and what
    changed."""
    whole, edges = _moderators(model_dir)
    return fresh_compare(keys, lambda texts, label: decisions(whole, texts, str, label),
                         lambda texts, label: decisions(edges, texts, str, label), ("whole", "edges"))


def main(argv: list[str] | None = None) -> None:
    run(argv, __doc__.splitlines()[0], report, fresh_report)


if __name__ == "__main__":
    main()
