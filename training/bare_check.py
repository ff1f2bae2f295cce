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

import csv
from pathlib import Path
from typing import Any

import numpy as np

from kindling_ml.moderator import Moderator, Score
from training.cases import Case
from training.data import goemotions_eval, load_olid_test
from training.evaluate import f1s, roc_auc
from training.reading_check import WRONG, decisions, fresh_cases, fresh_compare, kind_of, run, scores

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


def _both(model_dir: Path, texts: list[str], label: str) -> tuple[list[Score], list[Score]]:
    off = Moderator.load(model_dir, score_bare_words=False, read_past_edge_hashtags=False)
    on = Moderator.load(model_dir, score_bare_words=True, read_past_edge_hashtags=False)
    return scores(off, texts, str, f"{label}, bare words off"), scores(on, texts, str, f"{label}, bare words on")


def _wrong_by_kind(cases: list[Case], scores: list[Score], index: list[int] | None = None) -> dict[str, int]:
    index = index if index is not None else list(range(len(cases)))
    return {kind: sum(wrong(s.decision) for i, s in zip(index, scores, strict=True) if kind_of(cases[i]) == kind)
            for kind, wrong in WRONG.items()}


def report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    cases = fresh_cases(11, 44)
    copies = dressed_copies(cases)
    plain_off, plain_on = _both(model_dir, [c.text for c in cases], "fresh 11-44 as written")
    copy_off, copy_on = _both(model_dir, [t for _, _, t in copies], "dressed copies")
    owners = [i for i, _, _ in copies]
    out: dict[str, Any] = {
        "texts": len(cases), "copies": len(copies),
        "kinds": {kind: sum(kind_of(c) == kind for c in cases) for kind in WRONG},
        "copies_wrong_as_written": {k: 2 * v for k, v in _wrong_by_kind(cases, plain_off).items()},
        "copies_wrong_bare_off": _wrong_by_kind(cases, copy_off, owners),
        "copies_wrong_bare_on": _wrong_by_kind(cases, copy_on, owners),
        "fresh_wrong_bare_off": _wrong_by_kind(cases, plain_off),
        "fresh_wrong_bare_on": _wrong_by_kind(cases, plain_on),
        "fresh_changed": [f"{c.group}: {a.decision} -> {b.decision}: {c.text}"
                          for c, a, b in zip(cases, plain_off, plain_on, strict=True) if a.decision != b.decision],
    }
    if data is not None:
        olid = load_olid_test(data)
        y = np.array([a == "OFF" for _, a, _ in olid])
        off, on = _both(model_dir, [t for t, _, _ in olid], "OLID test A")
        for label, sc in (("off", off), ("on", on)):
            h = np.array([s.harm for s in sc])
            out[f"olid_test_a_bare_{label}"] = {**f1s(y, h >= 0.5), "roc_auc": roc_auc(y, h)}
        with open(data / "hatemoji_build/test.csv", encoding="utf-8") as f:
            hm = [(r["text"], int(r["label_gold"])) for r in csv.DictReader(f)]
        y = np.array([v for _, v in hm])
        off, on = _both(model_dir, [t for t, _ in hm], "HatemojiBuild test")
        for label, sc in (("off", off), ("on", on)):
            h = np.array([s.harm for s in sc])
            out[f"hatemoji_test_bare_{label}"] = {**f1s(y, h >= 0.5), "roc_auc": roc_auc(y, h)}
        for split in ("dev", "test"):
            ge = goemotions_eval(data, split)
            off, on = _both(model_dir, [t for t, _ in ge], f"GoEmotions {split}")
            kind = [k for _, k in ge]
            for label, sc in (("off", off), ("on", on)):
                out[f"goemotions_{split}_bare_{label}"] = {
                    "kind": sum(kind),
                    "kind_not_allowed": sum(s.decision != "allow" for s, k in zip(sc, kind, strict=True) if k),
                    "support": float(np.mean([s.decision == "support" for s in sc])),
                    "kindness_roc_auc": roc_auc(np.array(kind), np.array([s.kindness for s in sc])),
                }
    return out


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
