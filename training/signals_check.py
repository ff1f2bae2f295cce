"""Measures what the safety signals (kindling_ml/signals.toml) add to the model: the same model, signals off vs on.

    python -m training.signals_check [--data ../shared/datasets] [--fresh own_fresh7] [--show-matches]

Prints, for both settings, the figures the shipping rule in docs/moderation.md ("Safety signals") is judged on:
at-risk posts sent to `support`, harmful-vs-rest macro-F1, kind and neutral texts not allowed on a fresh set, and
OLID test A / GoEmotions test figures; then every signal match on GoEmotions dev + test, for reading precision.
The signals are switched on here whatever the shipped file says, so the check measures the list itself.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
from pathlib import Path

from kindling_ml.moderator import CATEGORIES, Moderator
from kindling_ml.signals import Signals
from training.cases_fresh import FRESH_SETS
from training.evaluate import evaluate, score_all

QUIET_FAMILIES = ("neutral", "counter_speech", "negation")


def summary(mod: Moderator, root: Path, fresh_key: str) -> dict[str, float | int]:
    fresh = next(f for f in FRESH_SETS if f.key == fresh_key).cases()
    r = evaluate(mod, root)
    scores = score_all(mod, [c.text for c in fresh])

    def count(families: tuple[str, ...], decision_is_support: bool | None = None) -> int:
        n = 0
        for case, s in zip(fresh, scores, strict=True):
            if case.group not in families:
                continue
            n += int(s["decision"] == "support") if decision_is_support else int(s["decision"] != "allow")
        return n

    return {
        "fresh_at_risk_to_support": count(("at_risk",), decision_is_support=True),
        "fresh_at_risk": sum(c.group == "at_risk" for c in fresh),
        "fresh_macro_f1": r[fresh_key]["overall"]["macro_f1"],
        "fresh_roc_auc": r[fresh_key]["overall"]["roc_auc"],
        "fresh_kind_not_allowed": count(("kind", "kind_profanity")),
        "fresh_quiet_not_allowed": count(QUIET_FAMILIES),
        "fresh_harmful_not_allowed": r[fresh_key]["harmful_not_allowed"],
        "olid_test_a_macro_f1": r["olid_test_a"]["macro_f1"],
        "goemotions_test_kindness_auc": r["goemotions_test"]["kindness_roc_auc"],
        "goemotions_test_kind_not_allowed": r["goemotions_test"]["kind_not_allowed"],
        **{f"{f.key}_at_risk_support_rate": r[f.key]["at_risk_support_rate"] for f in FRESH_SETS},
        **{f"{f.key}_macro_f1": r[f.key]["overall"]["macro_f1"] for f in FRESH_SETS},
    }


def goemotions_matches(signals: Signals, root: Path) -> list[tuple[str, str, str]]:
    found = []
    for split in ("dev", "test"):
        with open(root / f"goemotions/{split}.tsv", encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                found += [(split, s.name, row[0]) for s in signals.match(row[0])]
    return found


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--fresh", default="own_fresh7", choices=[f.key for f in FRESH_SETS])
    ap.add_argument("--show-matches", action="store_true", help="print every GoEmotions dev+test match")
    args = ap.parse_args(argv)
    on = dataclasses.replace(Signals.load(CATEGORIES), enabled=True)
    result = {
        "off": summary(Moderator.load(threads=2, signals=Signals(enabled=False)), args.data, args.fresh),
        "on": summary(Moderator.load(threads=2, signals=on), args.data, args.fresh),
    }
    print(json.dumps(result, indent=1))
    matches = goemotions_matches(on, args.data)
    print(f"GoEmotions dev+test: {len(matches)} signal matches")
    if args.show_matches:
        for split, name, text in matches:
            print(f"  {split} {name} | {text}")


if __name__ == "__main__":
    main()
