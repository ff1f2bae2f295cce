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


def _count(rate: float | None, n: int) -> str:
    return "n/a" if rate is None else f"{round(rate * n)} of {n}"


NOT_HARMFUL = ("kind", "kind_profanity", "at_risk", "negation", "counter_speech", "profanity_things", "neutral")


def goemotions_dev_and_test(res: dict[str, Any]) -> dict[str, str]:
    """Kind comments not allowed on GoEmotions dev and test together: twice the sample of test alone, for rules
    that judge that cost (reports written before training.evaluate scored dev lack it)."""
    if "goemotions_dev" not in res:
        return {}
    dev, test = res["goemotions_dev"], res["goemotions_test"]
    blocked = dev["kind_not_allowed_count"] + round(test["kind_not_allowed"] * test["kind"])
    kind = dev["kind"] + test["kind"]
    labels = test.get("kindness_roc_auc_by_label", {})
    return {
        **({"GoEmotions test kindness ROC-AUC by label": ", ".join(f"{k} {v:.3f}" for k, v in labels.items())}
           if labels else {}),
        "GoEmotions dev kindness ROC-AUC": f"{dev['kindness_roc_auc']:.4f}",
        "GoEmotions dev+test kind not allowed": f"{blocked} of {kind} ({100 * blocked / kind:.2f}%)",
    }


def summary(res: dict[str, Any], fresh: str) -> dict[str, str]:
    fr = res[fresh]
    fams = fr["families"]
    n_kind = sum(v["n"] for k, v in fams.items() if k in ("kind", "kind_profanity"))
    n_risk = fams.get("at_risk", {}).get("n", 0)
    n_harm = sum(v["n"] for k, v in fams.items() if k.split("+")[0] not in NOT_HARMFUL)
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
        **goemotions_dev_and_test(res),
        "own held-out macro-F1": f"{res['own_heldout']['macro_f1']:.3f}",
        "own held-out at-risk to support": _count(res["own_heldout_at_risk_support_rate"], held_risk),
        "own held-out kind not allowed": f"{100 * res['own_heldout_kind']['not_allowed']:.1f}%",
    }


def far_from_written(cases: list[Case], far: float) -> list[Case]:
    """The cases whose word Jaccard with every written TRAIN text and at-risk writer's text is below `far`."""
    # Imported here: refit_head needs scipy, which only the training extras install; the report summaries do not.
    from training.refit_head import WRITERS, word_set

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


def fresh_key(number: int) -> str:
    """training.evaluate's name for fresh set `number` (the first set has no number)."""
    return "own_fresh" if number == 1 else f"own_fresh{number}"


def pooled_summary(res: dict[str, Any], first: int, last: int) -> dict[str, str]:
    """Counts pooled over fresh sets `first`..`last`: where at-risk posts and neutral texts go, kind texts not
    allowed, harmful texts allowed, other texts not allowed, and what the compliments inbox would deliver (reports
    written before it was counted lack it)."""
    keys = [fresh_key(n) for n in range(first, last + 1)]
    missing = [k for k in keys if k not in res]
    if missing:
        raise SystemExit(f"--pooled: the report has no {', '.join(missing)} (was it written before those sets?)")
    fams = [(name, v) for k in keys for name, v in res[k]["families"].items()]

    def total(pick: Any, count: Any) -> int:
        return sum(count(v) for name, v in fams if pick(name))

    def to(decision: str) -> Any:
        return lambda v: v["decisions"].get(decision, 0)

    def not_allowed(v: dict[str, Any]) -> int:
        return v["n"] - v["decisions"].get("allow", 0)

    def harmful(name: str) -> bool:
        return name.split("+")[0] not in NOT_HARMFUL

    def kind(name: str) -> bool:
        return name in ("kind", "kind_profanity")

    def benign(name: str) -> bool:
        return not harmful(name) and name != "at_risk"

    span = f"fresh {first}-{last}"
    out = {
        f"{span} at-risk posts to support": f"{total(lambda n: n == 'at_risk', to('support'))} of "
                                             f"{total(lambda n: n == 'at_risk', lambda v: v['n'])}",
        f"{span} neutral texts to support": f"{total(lambda n: n == 'neutral', to('support'))} of "
                                             f"{total(lambda n: n == 'neutral', lambda v: v['n'])}",
        f"{span} kind texts not allowed": f"{total(kind, not_allowed)} of {total(kind, lambda v: v['n'])}",
        f"{span} harmful texts allowed": f"{total(harmful, to('allow'))} of {total(harmful, lambda v: v['n'])}",
        f"{span} other texts not allowed (neither harmful nor at risk)":
            f"{total(benign, not_allowed)} of {total(benign, lambda v: v['n'])}",
    }
    if all("compliments" in v for _, v in fams):
        out[f"{span} harmful texts delivered as compliments"] = (
            f"{total(harmful, lambda v: v['compliments'])} of {total(harmful, lambda v: v['n'])}")
        out[f"{span} kind texts delivered as compliments"] = (
            f"{total(kind, lambda v: v['compliments'])} of {total(kind, lambda v: v['n'])}")
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("metrics", nargs="*", type=Path, help="training.evaluate --json files, one per model")
    p.add_argument("--fresh", default="own_fresh11", help="the fresh set the rule is judged on")
    p.add_argument("--models", nargs="+", type=Path, help="score the fresh set's texts far from written TRAIN texts")
    p.add_argument("--far", type=float, default=0.5, help="word Jaccard at which a text counts as a near twin")
    p.add_argument("--pooled", nargs=2, type=int, metavar=("FIRST", "LAST"),
                   help="also pool decisions over fresh sets FIRST..LAST (e.g. 11 28)")
    args = p.parse_args(argv)
    if args.models:
        fresh = next(f for f in FRESH_SETS if f.key == args.fresh)
        cases = far_from_written(fresh.cases(), args.far)
        print(f"{args.fresh}: {len(cases)} of {len(fresh.cases())} texts below Jaccard {args.far} to every written text")
        rows = [subset_summary(m, cases) for m in args.models]
        names = [str(m) for m in args.models]
    else:
        reports = [json.loads(m.read_text()) for m in args.metrics]
        rows = [summary(r, args.fresh) | (pooled_summary(r, *args.pooled) if args.pooled else {}) for r in reports]
        names = [m.stem for m in args.metrics]
    print("| measure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(rows))
    for key in rows[0]:
        print(f"| {key} | " + " | ".join(r[key] for r in rows) + " |")


if __name__ == "__main__":
    main()
