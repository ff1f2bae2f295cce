"""The numbers a ship rule compares, from `training.evaluate --json` files of two models (no model is run here).

    python -m training.rule_check training/out/eval_shipped.json training/out/eval_run12.json --fresh own_fresh11
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _count(rate: float | None, n: int) -> str:
    return "n/a" if rate is None else f"{round(rate * n)} of {n}"


def summary(res: dict[str, Any], fresh: str) -> dict[str, str]:
    fr = res[fresh]
    fams = fr["families"]
    n_kind = sum(v["n"] for k, v in fams.items() if k in ("kind", "kind_profanity"))
    n_risk = fams.get("at_risk", {}).get("n", 0)
    n_harm = sum(v["n"] for k, v in fams.items() if k.split("+")[0] not in (
        "kind", "kind_profanity", "at_risk", "negation", "counter_speech", "profanity_things", "neutral"))
    held_risk = res["own_heldout_families"].get("at_risk", {}).get("n", 0)
    ge = res["goemotions_test"]
    return {
        f"{fresh} macro-F1 (ROC-AUC)": f"{fr['overall']['macro_f1']:.3f} ({fr['overall']['roc_auc']:.3f})",
        f"{fresh} kind texts not allowed": _count(fr["kind"]["not_allowed"], n_kind),
        f"{fresh} at-risk posts to support": _count(fr["at_risk_support_rate"], n_risk),
        f"{fresh} harmful posts not allowed": _count(fr["harmful_not_allowed"], n_harm),
        "OLID test A macro-F1": f"{res['olid_test_a']['macro_f1']:.3f}",
        "HatemojiBuild test accuracy": f"{res['hatemoji_test']['accuracy']:.3f}",
        "GoEmotions test kindness ROC-AUC": f"{ge['kindness_roc_auc']:.4f}",
        "GoEmotions kind not allowed": f"{100 * ge['kind_not_allowed']:.2f}%",
        "own held-out macro-F1": f"{res['own_heldout']['macro_f1']:.3f}",
        "own held-out at-risk to support": _count(res["own_heldout_at_risk_support_rate"], held_risk),
        "own held-out kind not allowed": f"{100 * res['own_heldout_kind']['not_allowed']:.1f}%",
    }


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("metrics", nargs="+", type=Path, help="training.evaluate --json files, one per model")
    p.add_argument("--fresh", default="own_fresh11", help="the fresh set the rule is judged on")
    args = p.parse_args(argv)
    rows = [summary(json.loads(m.read_text()), args.fresh) for m in args.metrics]
    print("| measure | " + " | ".join(m.stem for m in args.metrics) + " |")
    print("|---|" + "---|" * len(rows))
    for key in rows[0]:
        print(f"| {key} | " + " | ".join(r[key] for r in rows) + " |")


if __name__ == "__main__":
    main()
