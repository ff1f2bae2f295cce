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

import csv
from pathlib import Path
from typing import Any

import numpy as np

from kindling_ml.moderator import Moderator, Score
from training.cases import Case
from training.data import goemotions_eval, load_olid_test
from training.evaluate import f1s, roc_auc
from training.reading_check import WRONG, decisions, fresh_cases, fresh_compare, kind_of, run, scores

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


def _both(mods: tuple[Moderator, Moderator], texts: list[str], label: str) -> tuple[list[Score], list[Score]]:
    whole, parts = mods
    return (scores(whole, texts, str, f"{label}, whole only"),
            scores(parts, texts, str, f"{label}, edge sentences read"))


def _wrong_by_kind(cases: list[Case], scores: list[Score], index: list[int] | None = None) -> dict[str, int]:
    index = index if index is not None else list(range(len(cases)))
    return {kind: sum(wrong(s.decision) for i, s in zip(index, scores, strict=True) if kind_of(cases[i]) == kind)
            for kind, wrong in WRONG.items()}


def report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    mods = _moderators(model_dir)
    cases = fresh_cases(11, 45)
    copies = courteous_copies(cases)
    plain_whole, plain_edges = _both(mods, [c.text for c in cases], "fresh 11-45 as written")
    copy_whole, copy_edges = _both(mods, [t for _, _, t in copies], "courteous copies")
    owners = [i for i, _, _ in copies]
    out: dict[str, Any] = {
        "texts": len(cases), "copies": len(copies),
        "kinds": {kind: sum(kind_of(c) == kind for c in cases) for kind in WRONG},
        "copies_wrong_as_written": {k: 2 * v for k, v in _wrong_by_kind(cases, plain_whole).items()},
        "copies_wrong_whole": _wrong_by_kind(cases, copy_whole, owners),
        "copies_wrong_edges": _wrong_by_kind(cases, copy_edges, owners),
        "fresh_wrong_whole": _wrong_by_kind(cases, plain_whole),
        "fresh_wrong_edges": _wrong_by_kind(cases, plain_edges),
        "fresh_changed": [f"{c.group}: {a.decision} -> {b.decision}: {c.text}"
                          for c, a, b in zip(cases, plain_whole, plain_edges, strict=True) if a.decision != b.decision],
    }
    if data is not None:
        olid = load_olid_test(data)
        y = np.array([a == "OFF" for _, a, _ in olid])
        whole, edges = _both(mods, [t for t, _, _ in olid], "OLID test A")
        for label, sc in (("whole", whole), ("edges", edges)):
            h = np.array([s.harm for s in sc])
            out[f"olid_test_a_{label}"] = {**f1s(y, h >= 0.5), "roc_auc": roc_auc(y, h)}
        with open(data / "hatemoji_build/test.csv", encoding="utf-8") as f:
            hm = [(r["text"], int(r["label_gold"])) for r in csv.DictReader(f)]
        y = np.array([v for _, v in hm])
        whole, edges = _both(mods, [t for t, _ in hm], "HatemojiBuild test")
        for label, sc in (("whole", whole), ("edges", edges)):
            h = np.array([s.harm for s in sc])
            out[f"hatemoji_test_{label}"] = {**f1s(y, h >= 0.5), "roc_auc": roc_auc(y, h)}
        for split in ("dev", "test"):
            ge = goemotions_eval(data, split)
            whole, edges = _both(mods, [t for t, _ in ge], f"GoEmotions {split}")
            kind = [k for _, k in ge]
            for label, sc in (("whole", whole), ("edges", edges)):
                out[f"goemotions_{split}_{label}"] = {
                    "kind": sum(kind),
                    "kind_not_allowed": sum(s.decision != "allow" for s, k in zip(sc, kind, strict=True) if k),
                    "support": float(np.mean([s.decision == "support" for s in sc])),
                    "kindness_roc_auc": roc_auc(np.array(kind), np.array([s.kindness for s in sc])),
                }
    return out


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
