"""What the run-time reading checks share (`training.handles_check`, `links_check`, `bare_check`, `hashtags_check`,
`sentences_check`): how texts are grouped, what counts as a wrong decision, scoring with progress bars, the
per-fresh-set comparison, the two-Moderator report and the command line."""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from kindling_ml.moderator import Moderator, Score, default_model_dir
from training.cases import HARMFUL_FAMILIES, KIND_FAMILIES, Case
from training.cases_fresh import FRESH_SETS
from training.data import goemotions_eval, load_olid_test
from training.evaluate import f1s, roc_auc

WRONG: dict[str, Callable[[str], bool]] = {
    "kind": lambda d: d != "allow",
    "other": lambda d: d != "allow",
    "harmful": lambda d: d == "allow",
    "at_risk": lambda d: d != "support",
}


def kind_of(case: Case) -> str:
    """kind (kind and kind-swearing), harmful, at_risk or other (neutral, counter-speech, negation, swearing about
    things)."""
    if case.group == "at_risk":
        return "at_risk"
    if case.group.split("+")[0] in HARMFUL_FAMILIES:
        return "harmful"
    return "kind" if case.group in KIND_FAMILIES else "other"


def scores(mod: Moderator, texts: list[str], read: Callable[[str], str], label: str) -> list[Score]:
    out: list[Score] = []
    for start in tqdm(range(0, len(texts), 256), desc=label, unit="batch", leave=False):
        out += mod.score([read(t) for t in texts[start : start + 256]])
    return out


def decisions(mod: Moderator, texts: list[str], read: Callable[[str], str], label: str) -> list[str]:
    return [s.decision for s in scores(mod, texts, read, label)]


def fresh_cases(first: int, last: int) -> list[Case]:
    """Every case of fresh sets `first` to `last` (numbered sets only)."""
    return [c for f in FRESH_SETS if f.key.startswith("own_fresh") and f.key[9:].isdigit()
            and first <= int(f.key[9:]) <= last for c in f.cases()]


Copy = tuple[int, str, str]  # (index of the case, where the addition stands, the copy)


def copies_compare(mod: Moderator, cases: list[Case], copies: list[Copy], before: Callable[[str], str],
                   after: Callable[[str], str], names: tuple[str, str]) -> dict[str, Any]:
    """Copies of `cases` scored with each side's reading (`before`, `after`), against their texts as written
    (scored with `before`): wrong decisions per kind of text and per place of the addition."""
    plain = decisions(mod, [c.text for c in cases], before, "texts as written")
    first = decisions(mod, [t for _, _, t in copies], before, f"copies, {names[0]}")
    second = decisions(mod, [t for _, _, t in copies], after, f"copies, {names[1]}")
    out: dict[str, Any] = {"texts": len(cases), "copies": len(copies)}
    for kind, wrong in WRONG.items():
        for where in ("all", *sorted({w for _, w, _ in copies})):
            picked = [j for j, (i, w, _) in enumerate(copies) if kind_of(cases[i]) == kind and where in ("all", w)]
            out[f"{kind}/{where}"] = {
                "copies": len(picked),
                "wrong_as_written": sum(wrong(plain[copies[j][0]]) for j in picked),
                f"wrong_{names[0]}": sum(wrong(first[j]) for j in picked),
                f"wrong_{names[1]}": sum(wrong(second[j]) for j in picked),
                f"changed_from_as_written_{names[1]}": sum(second[j] != plain[copies[j][0]] for j in picked),
            }
    out["texts_changed"] = sum(a != b for a, b in zip(plain, decisions(mod, [c.text for c in cases], after,
                                                                       f"texts, {names[1]}"), strict=True))
    return out


Decide = Callable[[list[str], str], list[str]]


def fresh_compare(keys: list[str], before: Decide, after: Decide, names: tuple[str, str]) -> dict[str, Any]:
    """Per named fresh set: wrong decisions per kind of text on each side, and the texts whose decision changed.
    `before` and `after` score a list of texts (the second argument labels the progress bar); `names` label the
    two sides in the report ("handles_kept", "handles_read")."""
    sets = {f.key: f for f in FRESH_SETS}
    unknown = [k for k in keys if k not in sets]
    if unknown:
        raise SystemExit(f"unknown fresh sets: {', '.join(unknown)}")
    out: dict[str, Any] = {}
    for key in keys:
        cases = sets[key].cases()
        texts = [c.text for c in cases]
        first, second = before(texts, f"{key}, {names[0]}"), after(texts, f"{key}, {names[1]}")
        report: dict[str, Any] = {}
        for kind, wrong in WRONG.items():
            mine = [i for i, c in enumerate(cases) if kind_of(c) == kind]
            report[kind] = {"texts": len(mine), f"wrong_{names[0]}": sum(wrong(first[i]) for i in mine),
                            f"wrong_{names[1]}": sum(wrong(second[i]) for i in mine)}
        report["changed"] = [f"{c.group}: {a} -> {b}: {c.text}"
                             for c, a, b in zip(cases, first, second, strict=True) if a != b]
        out[key] = report
    return out


def wrong_by_kind(cases: list[Case], scored: list[Score], index: list[int] | None = None) -> dict[str, int]:
    """Wrong decisions per kind of text; `index[j]` names the case that `scored[j]` is a copy of (default: itself)."""
    index = index if index is not None else list(range(len(cases)))
    return {kind: sum(wrong(s.decision) for i, s in zip(index, scored, strict=True) if kind_of(cases[i]) == kind)
            for kind, wrong in WRONG.items()}


def two_way_report(mods: tuple[Moderator, Moderator], names: tuple[str, str], cases: list[Case],
                   copies: list[Copy], data: Path | None) -> dict[str, Any]:
    """The report of a check that compares two Moderators, which differ in one reading: `cases` as written and their
    `copies` scored by each (wrong decisions per kind of text, and which texts as written changed decision), and with
    `data` the public sets (OLID test A and HatemojiBuild test harm F1, GoEmotions dev and test kind comments not
    allowed, comments sent to support and kindness ROC-AUC). Keys end with `names` ("bare_off", "bare_on")."""
    def both(texts: list[str], label: str) -> tuple[list[Score], list[Score]]:
        return (scores(mods[0], texts, str, f"{label}, {names[0]}"),
                scores(mods[1], texts, str, f"{label}, {names[1]}"))

    plain = both([c.text for c in cases], "texts as written")
    copied = both([t for _, _, t in copies], "copies")
    owners = [i for i, _, _ in copies]
    out: dict[str, Any] = {
        "texts": len(cases), "copies": len(copies),
        "kinds": {kind: sum(kind_of(c) == kind for c in cases) for kind in WRONG},
        "copies_wrong_as_written": wrong_by_kind(cases, [plain[0][i] for i in owners], owners),
        **{f"copies_wrong_{name}": wrong_by_kind(cases, sc, owners) for name, sc in zip(names, copied, strict=True)},
        **{f"fresh_wrong_{name}": wrong_by_kind(cases, sc) for name, sc in zip(names, plain, strict=True)},
        "fresh_changed": [f"{c.group}: {a.decision} -> {b.decision}: {c.text}"
                          for c, a, b in zip(cases, *plain, strict=True) if a.decision != b.decision],
    }
    if data is None:
        return out
    olid = load_olid_test(data)
    with open(data / "hatemoji_build/test.csv", encoding="utf-8") as f:
        hatemoji = [(r["text"], int(r["label_gold"])) for r in csv.DictReader(f)]
    for key, labelled in (("olid_test_a", [(t, int(a == "OFF")) for t, a, _ in olid]), ("hatemoji_test", hatemoji)):
        y = np.array([v for _, v in labelled])
        for name, sc in zip(names, both([t for t, _ in labelled], key), strict=True):
            h = np.array([s.harm for s in sc])
            out[f"{key}_{name}"] = {**f1s(y, h >= 0.5), "roc_auc": roc_auc(y, h)}
    for split in ("dev", "test"):
        ge = goemotions_eval(data, split)
        kind = [k for _, k in ge]
        for name, sc in zip(names, both([t for t, _ in ge], f"GoEmotions {split}"), strict=True):
            out[f"goemotions_{split}_{name}"] = {
                "kind": sum(kind),
                "kind_not_allowed": sum(s.decision != "allow" for s, k in zip(sc, kind, strict=True) if k),
                "support": float(np.mean([s.decision == "support" for s in sc])),
                "kindness_roc_auc": roc_auc(np.array(kind), np.array([s.kindness for s in sc])),
            }
    return out


Report = Callable[[Path, Path | None], dict[str, Any]]


def run(argv: list[str] | None, description: str, report: Report,
        fresh_report: Callable[[Path, list[str]], dict[str, Any]], other_reports: dict[str, Report] | None = None
        ) -> None:
    """The command line every reading check has: --model-dir, --data, --json and --fresh, and one flag per entry of
    `other_reports` ("markers" -> --markers) that runs that report instead of `report`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--data", type=Path, default=None, help="the datasets folder, for the public sets")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--fresh", nargs="+", default=None, help="score these fresh sets' own texts both ways")
    for name in other_reports or {}:
        parser.add_argument(f"--{name}", action="store_true", help=f"run the {name} report instead")
    args = parser.parse_args(argv)
    model_dir = args.model_dir or default_model_dir()
    chosen = next((r for name, r in (other_reports or {}).items() if getattr(args, name)), report)
    result = fresh_report(model_dir, args.fresh) if args.fresh else chosen(model_dir, args.data)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)
