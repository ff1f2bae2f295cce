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

import csv
from pathlib import Path
from typing import Any

import numpy as np

from kindling_ml.moderator import Moderator, Score
from training.cases import Case
from training.data import goemotions_eval, load_olid_test
from training.evaluate import f1s, roc_auc
from training.reading_check import WRONG, decisions, fresh_cases, fresh_compare, kind_of, run, scores

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


def _both(mods: tuple[Moderator, Moderator], texts: list[str], label: str) -> tuple[list[Score], list[Score]]:
    kept, read = mods
    return scores(kept, texts, str, f"{label}, tags kept"), scores(read, texts, str, f"{label}, tags read past")


def _wrong_by_kind(cases: list[Case], scores: list[Score], index: list[int] | None = None) -> dict[str, int]:
    index = index if index is not None else list(range(len(cases)))
    return {kind: sum(wrong(s.decision) for i, s in zip(index, scores, strict=True) if kind_of(cases[i]) == kind)
            for kind, wrong in WRONG.items()}


def report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    mods = _moderators(model_dir)
    cases = fresh_cases(11, 44)
    copies = tagged_copies(cases)
    plain_kept, plain_read = _both(mods, [c.text for c in cases], "fresh 11-44 as written")
    copy_kept, copy_read = _both(mods, [t for _, _, t in copies], "tagged copies")
    owners = [i for i, _, _ in copies]
    out: dict[str, Any] = {
        "texts": len(cases), "copies": len(copies),
        "kinds": {kind: sum(kind_of(c) == kind for c in cases) for kind in WRONG},
        "copies_wrong_as_written": {k: 2 * v for k, v in _wrong_by_kind(cases, plain_kept).items()},
        "copies_wrong_tags_kept": _wrong_by_kind(cases, copy_kept, owners),
        "copies_wrong_tags_read": _wrong_by_kind(cases, copy_read, owners),
        "fresh_wrong_tags_kept": _wrong_by_kind(cases, plain_kept),
        "fresh_wrong_tags_read": _wrong_by_kind(cases, plain_read),
        "fresh_changed": [f"{c.group}: {a.decision} -> {b.decision}: {c.text}"
                          for c, a, b in zip(cases, plain_kept, plain_read, strict=True) if a.decision != b.decision],
    }
    if data is not None:
        olid = load_olid_test(data)
        y = np.array([a == "OFF" for _, a, _ in olid])
        kept, read = _both(mods, [t for t, _, _ in olid], "OLID test A")
        for label, sc in (("kept", kept), ("read", read)):
            h = np.array([s.harm for s in sc])
            out[f"olid_test_a_tags_{label}"] = {**f1s(y, h >= 0.5), "roc_auc": roc_auc(y, h)}
        with open(data / "hatemoji_build/test.csv", encoding="utf-8") as f:
            hm = [(r["text"], int(r["label_gold"])) for r in csv.DictReader(f)]
        y = np.array([v for _, v in hm])
        kept, read = _both(mods, [t for t, _ in hm], "HatemojiBuild test")
        for label, sc in (("kept", kept), ("read", read)):
            h = np.array([s.harm for s in sc])
            out[f"hatemoji_test_tags_{label}"] = {**f1s(y, h >= 0.5), "roc_auc": roc_auc(y, h)}
        for split in ("dev", "test"):
            ge = goemotions_eval(data, split)
            kept, read = _both(mods, [t for t, _ in ge], f"GoEmotions {split}")
            kind = [k for _, k in ge]
            for label, sc in (("kept", kept), ("read", read)):
                out[f"goemotions_{split}_tags_{label}"] = {
                    "kind": sum(kind),
                    "kind_not_allowed": sum(s.decision != "allow" for s, k in zip(sc, kind, strict=True) if k),
                    "support": float(np.mean([s.decision == "support" for s in sc])),
                    "kindness_roc_auc": roc_auc(np.array(kind), np.array([s.kindness for s in sc])),
                }
    return out


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
