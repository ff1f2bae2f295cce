"""Compares two model folders on what the at-risk head refit's shipping rule (docs/moderation.md) is judged on.

    python -m training.at_risk_check kindling_ml/model training/out/refit1 [--data ../shared/datasets]
                                     [--thresholds 0.5 0.6 0.7]

For each model: at-risk posts sent to `support` per fresh set and on our held-out cases, the other texts of the
newest fresh set that are not allowed, the share of GoEmotions test comments sent to `support`, GoEmotions test
kind comments not allowed, and whether harm, kindness and every other category are identical between the two.
With --thresholds, also how many at-risk posts and other texts of each fresh set reach each `support.at_risk`
threshold (what an admin trades by editing policy.toml).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kindling_ml.moderator import CATEGORIES, Moderator
from training.cases import generate
from training.cases_fresh import FRESH_SETS
from training.data import goemotions_eval


def report(mod: Moderator, root: Path, thresholds: list[float]) -> tuple[dict[str, Any], list[Any]]:
    out: dict[str, Any] = {}
    every: list[Any] = []
    for name, cases in [("own_heldout", generate("heldout", per_template=6))] + [(f.key, f.cases()) for f in FRESH_SETS]:
        scores = mod.score([c.text for c in cases])
        every += scores
        at_risk = [s for c, s in zip(cases, scores, strict=True) if c.group == "at_risk"]
        others = [s for c, s in zip(cases, scores, strict=True) if c.group != "at_risk"]
        harmless = [s for c, s in zip(cases, scores, strict=True)
                    if c.group.split("+")[0] in ("kind", "kind_profanity", "neutral", "counter_speech", "negation",
                                                 "profanity_things")]
        out[name] = {
            "at_risk_to_support": f"{sum(s.decision == 'support' for s in at_risk)} of {len(at_risk)}",
            "others_to_support": f"{sum(s.decision == 'support' for s in others)} of {len(others)}",
            "others_not_allowed": f"{sum(s.decision != 'allow' for s in others)} of {len(others)}",
            "harmless_not_allowed": f"{sum(s.decision != 'allow' for s in harmless)} of {len(harmless)}",
            **{f"at_risk_ge_{t}": f"at-risk {sum(s.categories['at_risk'] >= t for s in at_risk)} of {len(at_risk)}, "
                                  f"others {sum(s.categories['at_risk'] >= t for s in others)} of {len(others)}"
               for t in thresholds},
        }
    ge = goemotions_eval(root, "test")
    scores = mod.score([t for t, _ in ge])
    every += scores
    kind = [s for (_, k), s in zip(ge, scores, strict=True) if k]
    out["goemotions_test"] = {
        "to_support": round(sum(s.decision == "support" for s in scores) / len(scores), 4),
        "kind_not_allowed": round(sum(s.decision != "allow" for s in kind) / len(kind), 4),
    }
    return out, every


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs=2, type=Path)
    ap.add_argument("--data", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--thresholds", type=float, nargs="*", default=[], help="at_risk thresholds to count per set")
    args = ap.parse_args(argv)
    results = {}
    scores = []
    for path in args.models:
        results[str(path)], every = report(Moderator.load(path, threads=2), args.data, args.thresholds)
        scores.append(every)
    same = all(
        a.harm == b.harm and a.kindness == b.kindness
        and all(a.categories[c] == b.categories[c] for c in CATEGORIES if c != "at_risk")
        for a, b in zip(*scores, strict=True)
    )
    results["harm_kindness_other_categories_identical"] = same  # type: ignore[assignment]
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
