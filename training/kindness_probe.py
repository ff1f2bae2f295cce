"""Would a kindness side head over the frozen encoder lift kindness ROC-AUC? Measures it on dev; writes no model.

    python -m training.kindness_probe [--model-dir kindling_ml/model] [--data ../shared/datasets]

Why: GoEmotions test kindness ROC-AUC (0.909) is short of the 0.93 target, and the at_risk side head
(`training.refit_head`) showed that a logistic head over the frozen encoder's pooled layers can change one output
without touching the others. Kindness only feeds the compliment rule, so such a head would leave harm and every
decision as they are. This probe fits that head before anyone builds it into the graph:

- features: the at_risk head's (mask-averaged layers 1, 3, 4 and the pooled last layer) plus the shipped kindness
  logit, so the head starts from what the model already knows;
- training texts: every GoEmotions train comment (the main run samples 12,000) and our TRAIN cases (weighted up,
  as they hold sarcasm, backhanded compliments and kind swearing that GoEmotions lacks);
- judged on GoEmotions dev (never test: the probe must not choose anything on the split the target is measured on)
  and on our own held-out and fresh sets: ROC-AUC, and how many kind and how many harmful texts would pass the
  compliment rule (`policy.toml` [compliment]) with the head's kindness, Platt-calibrated on GoEmotions dev.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from kindling_ml.moderator import Moderator
from training.cases import Case, generate
from training.cases_fresh import FRESH_SETS
from training.data import KIND_EMOTIONS, _goemotions_rows, fill_masks, goemotions_eval
from training.evaluate import roc_auc
from training.refit_head import features_and_logits, fit


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and intercept that turn a logit into a calibrated probability (log loss on `y`)."""

    def loss(ab: np.ndarray) -> tuple[float, np.ndarray]:
        q = 1 / (1 + np.exp(-np.clip(ab[0] * z + ab[1], -40, 40)))
        nll = -np.mean(y * np.log(q + 1e-12) + (1 - y) * np.log(1 - q + 1e-12))
        return float(nll), np.array([np.mean((q - y) * z), np.mean(q - y)])

    a, b = minimize(loss, np.array([1.0, 0.0]), jac=True, method="L-BFGS-B").x
    return float(a), float(b)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", type=Path, default=Path("kindling_ml/model"))
    ap.add_argument("--data", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--own-weight", type=float, default=3.0, help="weight of each own TRAIN case")
    ap.add_argument("--l2", type=float, default=0.01, help="L2 penalty (total training weight is 1)")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    ge_train = [(fill_masks(t, rng), int(bool(e & KIND_EMOTIONS))) for t, e in _goemotions_rows(args.data, "train")]
    ge_dev = goemotions_eval(args.data, "dev")
    own_train = generate("train", per_template=3, seed=13)
    judged: list[tuple[str, list[Case]]] = [("own held-out", generate("heldout", per_template=6))]
    judged += [(f.key, f.cases()) for f in FRESH_SETS]
    mod = Moderator.load(args.model_dir, threads=2)
    k = mod.outputs.index("kindness")
    work = Path(tempfile.mkdtemp(prefix="kindness-probe-"))
    try:
        def inputs(texts: list[str]) -> np.ndarray:
            feats, logits = features_and_logits(args.model_dir, texts, work)
            return np.concatenate([feats, logits[:, [k]]], axis=1).astype(np.float64)

        x = np.concatenate([inputs([t for t, _ in ge_train]), inputs([c.text for c in own_train])])
        y = np.array([lab for _, lab in ge_train] + [c.kind for c in own_train], dtype=np.float64)
        w = np.concatenate([np.ones(len(ge_train)), np.full(len(own_train), args.own_weight)])
        xd = inputs([t for t, _ in ge_dev])
        judged_x = [inputs([c.text for c in cases]) for _, cases in judged]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    mu, sd = x.mean(0), x.std(0) + 1e-6
    coef, bias = fit((x - mu) / sd, y, w, args.l2, float(np.average(y, weights=w)))

    def head(rows: np.ndarray) -> np.ndarray:
        return np.asarray(((rows - mu) / sd) @ coef + bias)

    yd = np.array([lab for _, lab in ge_dev], dtype=np.float64)
    a, b = platt(head(xd), yd)
    shipped_dev = np.array([s.kindness for s in mod.score([t for t, _ in ge_dev])])
    print(f"GoEmotions dev kindness ROC-AUC: shipped {roc_auc(yd, shipped_dev):.4f}, "
          f"head {roc_auc(yd, head(xd)):.4f} (n={len(yd)}, kind={int(yd.sum())})")
    print("\nset | n | kind | ROC-AUC shipped / head | kind texts passing the compliment rule shipped / head | "
          "harmful texts passing it shipped / head")
    totals = np.zeros(4, dtype=int)
    for (name, cases), rows in zip(judged, judged_x, strict=True):
        scores = mod.score([c.text for c in cases])
        kind = np.array([c.kind for c in cases])
        harmful = np.array([c.harm for c in cases]) == 1
        shipped = np.array([s.kindness for s in scores])
        mine = 1 / (1 + np.exp(-np.clip(a * head(rows) + b, -40, 40)))
        passes_shipped = np.array([mod.policy.is_compliment(s.harm, s.kindness) for s in scores])
        passes_head = np.array([mod.policy.is_compliment(s.harm, float(p)) for s, p in zip(scores, mine, strict=True)])
        counts = [int(passes_shipped[kind == 1].sum()), int(passes_head[kind == 1].sum()),
                  int(passes_shipped[harmful].sum()), int(passes_head[harmful].sum())]
        totals += counts
        print(f"{name} | {len(cases)} | {int(kind.sum())} | {roc_auc(kind, shipped):.4f} / "
              f"{roc_auc(kind, mine):.4f} | {counts[0]} / {counts[1]} | {counts[2]} / {counts[3]}")
    print(f"all own sets | | | | {totals[0]} / {totals[1]} | {totals[2]} / {totals[3]}")


if __name__ == "__main__":
    main()
