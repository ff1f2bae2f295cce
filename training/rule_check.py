"""The numbers a ship rule compares, from `training.evaluate --json` files of two models (no model is run here).

    python -m training.rule_check training/out/eval_shipped.json training/out/eval_run12.json --fresh own_fresh11

With `--models`, it instead scores the fresh set's texts that are not close to any written TRAIN text
(`training/cases_written.py`; word Jaccard below `--far`) with each model folder, since near twins flatter only the
model trained on them:

    python -m training.rule_check --models kindling_ml/model training/out/run13r --fresh own_fresh12
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from training.cases import Case
from training.cases_fresh import FRESH_SETS
from training.cases_written import written_by_family
from training.data import writers_at_risk_cases
from training.refit_head import WRITERS, word_set


def _count(rate: float | None, n: int) -> str:
    return "n/a" if rate is None else f"{round(rate * n)} of {n}"


def _goemotions_dev_and_test(res: dict[str, Any]) -> dict[str, str]:
    """Kind comments not allowed on GoEmotions dev and test together: twice the sample of test alone, for rules
    that judge that cost (reports written before training.evaluate scored dev lack it)."""
    if "goemotions_dev" not in res:
        return {}
    dev, test = res["goemotions_dev"], res["goemotions_test"]
    blocked = dev["kind_not_allowed_count"] + round(test["kind_not_allowed"] * test["kind"])
    kind = dev["kind"] + test["kind"]
    return {
        "GoEmotions dev kindness ROC-AUC": f"{dev['kindness_roc_auc']:.4f}",
        "GoEmotions dev+test kind not allowed": f"{blocked} of {kind} ({100 * blocked / kind:.2f}%)",
    }


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
        **_goemotions_dev_and_test(res),
        "own held-out macro-F1": f"{res['own_heldout']['macro_f1']:.3f}",
        "own held-out at-risk to support": _count(res["own_heldout_at_risk_support_rate"], held_risk),
        "own held-out kind not allowed": f"{100 * res['own_heldout_kind']['not_allowed']:.1f}%",
    }


def far_from_written(cases: list[Case], far: float) -> list[Case]:
    """The cases whose word Jaccard with every written TRAIN text and at-risk writer's text is below `far`."""
    written = [word_set(t) for texts in written_by_family().values() for t in texts]
    written += [word_set(c.text) for c in writers_at_risk_cases()]  # run 14 trains the encoder on these too
    # The side head trains on every at-risk writer's posts and near misses (all of them with --cv or new writers).
    written += [word_set(t) for posts, near_misses in WRITERS.values() for t in posts + near_misses]

    def nearest(words: frozenset[str]) -> float:
        return max((len(words & w) / max(1, len(words | w)) for w in written), default=0.0)

    return [c for c in cases if nearest(word_set(c.text)) < far]


def subset_summary(model_dir: Path, cases: list[Case]) -> dict[str, str]:
    from kindling_ml import Moderator
    from training.evaluate import own_cases_report

    rep = own_cases_report(Moderator.load(model_dir, threads=2), cases, 0.5)
    fams = rep["families"]
    n_kind = sum(v["n"] for k, v in fams.items() if k in ("kind", "kind_profanity"))
    n_risk = fams.get("at_risk", {}).get("n", 0)
    return {
        "macro-F1 (ROC-AUC)": f"{rep['overall']['macro_f1']:.3f} ({rep['overall']['roc_auc']:.3f})",
        "kind texts not allowed": _count(rep["kind"]["not_allowed"], n_kind),
        "at-risk posts to support": _count(rep["at_risk_support_rate"], n_risk),
    }


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("metrics", nargs="*", type=Path, help="training.evaluate --json files, one per model")
    p.add_argument("--fresh", default="own_fresh11", help="the fresh set the rule is judged on")
    p.add_argument("--models", nargs="+", type=Path, help="score the fresh set's texts far from written TRAIN texts")
    p.add_argument("--far", type=float, default=0.5, help="word Jaccard at which a text counts as a near twin")
    args = p.parse_args(argv)
    if args.models:
        fresh = next(f for f in FRESH_SETS if f.key == args.fresh)
        cases = far_from_written(fresh.cases(), args.far)
        print(f"{args.fresh}: {len(cases)} of {len(fresh.cases())} texts below Jaccard {args.far} to every written text")
        rows = [subset_summary(m, cases) for m in args.models]
        names = [str(m) for m in args.models]
    else:
        rows = [summary(json.loads(m.read_text()), args.fresh) for m in args.metrics]
        names = [m.stem for m in args.metrics]
    print("| measure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(rows))
    for key in rows[0]:
        print(f"| {key} | " + " | ".join(r[key] for r in rows) + " |")


if __name__ == "__main__":
    main()
