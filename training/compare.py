"""Compare model folders on splits that no training run uses, as a check independent of our own cases.

    python -m training.compare kindling_ml/model training/out/ship6 [--data ../shared/datasets]

HatemojiBuild validation (hate vs not), OLID test B among offensive tweets (targeted insult = harmful vs
untargeted profanity = not, our policy), GoEmotions dev (kindness ROC-AUC, kind messages flagged) and our
fresh literal sets (`training/cases_fresh.py`: harmful-vs-rest, kind messages flagged).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

from kindling_ml import Moderator
from training.cases_fresh import FRESH_SETS
from training.data import goemotions_eval
from training.evaluate import own_cases_report, roc_auc


def _macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    scores = []
    for c in (0, 1):
        tp = np.sum((pred == c) & (y == c))
        fp = np.sum((pred == c) & (y != c))
        fn = np.sum((pred != c) & (y == c))
        scores.append(2 * tp / max(2 * tp + fp + fn, 1))
    return float(np.mean(scores))


def _olid_b(root: Path) -> list[tuple[str, int]]:
    with open(root / "olid/testset-levelb.tsv", encoding="utf-8") as f:
        texts = {r[0]: r[1] for r in csv.reader(f, delimiter="\t") if r and r[0] != "id"}
    with open(root / "olid/labels-levelb.csv", encoding="utf-8") as f:
        labels = {r[0]: r[1] for r in csv.reader(f) if r}
    return [(texts[i].replace("@USER", "").strip(), int(labels[i] == "TIN")) for i in texts if i in labels]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("model_dirs", nargs="+")
    p.add_argument("--data", default="../shared/datasets")
    args = p.parse_args()
    root = Path(args.data)
    with open(root / "hatemoji_build/validation.csv", encoding="utf-8") as f:
        hatemoji = [(r["text"], int(r["label_gold"])) for r in csv.DictReader(f)]
    sets = {"HatemojiBuild validation": hatemoji, "OLID test B, targeted vs untargeted": _olid_b(root)}
    goemotions = goemotions_eval(root, "dev")
    for model_dir in args.model_dirs:
        moderator = Moderator.load(model_dir=model_dir)
        print(model_dir)
        for name, data in sets.items():
            y = np.array([label for _, label in data])
            harm = np.array([s.harm for s in moderator.score([t for t, _ in data])])
            pred = (harm >= 0.5).astype(int)
            print(f"  {name} (n={len(y)}): accuracy {np.mean(pred == y):.3f}, macro-F1 {_macro_f1(y, pred):.3f}, "
                  f"ROC-AUC {roc_auc(y, harm):.3f}")
        y = np.array([label for _, label in goemotions])
        scores = moderator.score([t for t, _ in goemotions])
        kindness = np.array([s.kindness for s in scores])
        harm = np.array([s.harm for s in scores])
        print(f"  GoEmotions dev (n={len(y)}): kindness ROC-AUC {roc_auc(y, kindness):.3f}, "
              f"kind messages with harm >= 0.5 {np.mean(harm[y == 1] >= 0.5):.1%}")
        fresh_runs = [(f.title.split(" (")[0], f.cases()) for f in FRESH_SETS]
        fresh_runs += [(f"{f.title.split(' (')[0]} minus the families read before later runs ({', '.join(f.read_families)})",
                        f.cases(unread_only=True))
                       for f in FRESH_SETS if f.read_families]
        for label, cases in fresh_runs:
            fresh = own_cases_report(moderator, cases, 0.5)
            o, k = fresh["overall"], fresh["kind"]
            kind = (f"kind messages with harm >= 0.5 {k['flagged_harmful']:.1%} / not allowed {k['not_allowed']:.1%} "
                    f"(of {k['n']}), ") if k["n"] else ""
            print(f"  {label} (n={o['n']}): macro-F1 {o['macro_f1']:.3f}, ROC-AUC {o['roc_auc']:.3f}, {kind}"
                  f"harmful not allowed {fresh['harmful_not_allowed']:.1%}")


if __name__ == "__main__":
    main()
