"""How far an @handle alone moves decisions, with and without reading past handles (kindling_ml/addressees.py).

    python -m training.handles_check [--model-dir kindling_ml/model] [--data ../shared/datasets] [--json out.json]
    python -m training.handles_check --fresh own_fresh42 own_fresh43


Every text of fresh sets 11-41 gets copies that mention accounts no text was written with: one with a handle in
front, one with a handle behind, and, where the text names someone inside a sentence, one with that name written
as a handle ("I'll find @mirela_31 after school"). Each copy is scored twice with the addressed-name reading on:
once with its handles as written, once with them read past. Each copy should get the decision its text gets as
written, so per kind of text the report counts wrong decisions (kind and other texts not allowed, harmful texts
allowed, at-risk posts not sent to `support`) for the texts as written, for the copies as written and for the copies
read past. OLID test A, whose tweets begin with "@USER" mentions, is scored both ways as well.

With --fresh, the named fresh sets' own texts (written with handles where people put them) are scored both ways
instead, and the texts whose decision changes are listed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from kindling_ml.addressees import is_unfamiliar_name, without_addressed_names, without_addressees
from kindling_ml.moderator import Moderator, Score, default_model_dir
from training.cases import HARMFUL_FAMILIES, KIND_FAMILIES, NAMES, Case
from training.cases_fresh import FRESH_SETS
from training.data import load_olid_test
from training.evaluate import f1s, roc_auc
from training.names import PROBE, WORLD

# Chosen before any of these copies was scored, and unlike the handles the rule was developed on.
JUDGING_HANDLES = ("@sunny.days_", "@k_ofori", "@bea.writes", "@tomasz77", "@lil_mango", "@quietfox_",
                   "@aaliyah.r", "@dev_ops_dan")
KNOWN_NAMES = {*WORLD, *PROBE, *(n for split in NAMES.values() for n in split)}
_INNER_CAPITAL = re.compile(r"(?<=\s)[A-Z][a-z]+\b")


def handle_copies(cases: list[Case], seed: int = 7) -> list[tuple[int, str, str]]:
    """(index of the case, where the handle stands, the copy) for every case: front, behind, and inside where the
    text names someone inside a sentence."""
    rng = random.Random(seed)
    copies: list[tuple[int, str, str]] = []
    for i, case in enumerate(cases):
        front, behind = JUDGING_HANDLES[(2 * i) % len(JUDGING_HANDLES)], JUDGING_HANDLES[(2 * i + 1) % len(JUDGING_HANDLES)]
        copies += [(i, "front", f"{front} {case.text}"), (i, "behind", f"{case.text} {behind}")]
        names = {w for w in _INNER_CAPITAL.findall(case.text) if w in KNOWN_NAMES or is_unfamiliar_name(w)}
        if names:
            pattern = re.compile(r"(?<=\s)(" + "|".join(map(re.escape, sorted(names))) + r")\b")
            inside = pattern.sub(lambda m: f"@{m.group(1).lower()}{rng.choice(['', '_', '.'])}{rng.randint(1, 99)}",
                                 case.text)
            copies.append((i, "inside", inside))
    return copies


def _kind_of(case: Case) -> str:
    family = case.group.split("+")[0]
    if case.group == "at_risk":
        return "at_risk"
    if family in HARMFUL_FAMILIES:
        return "harmful"
    return "kind" if case.group in KIND_FAMILIES else "other"


_WRONG: dict[str, Callable[[str], bool]] = {
    "kind": lambda d: d != "allow",
    "other": lambda d: d != "allow",
    "harmful": lambda d: d == "allow",
    "at_risk": lambda d: d != "support",
}


def _scores(mod: Moderator, texts: list[str], read: Callable[[str], str], label: str) -> list[Score]:
    out: list[Score] = []
    for start in tqdm(range(0, len(texts), 256), desc=label, unit="batch", leave=False):
        out += mod.score([read(t) for t in texts[start : start + 256]])
    return out


def _decisions(mod: Moderator, texts: list[str], read: Callable[[str], str], label: str) -> list[str]:
    return [s.decision for s in _scores(mod, texts, read, label)]


def report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    # The Moderator's own reading is off; each side applies its reading here, so only the handles differ.
    mod = Moderator.load(model_dir, read_past_addressed_names=False, read_past_links=False)
    cases = [c for f in FRESH_SETS if f.key.startswith("own_fresh") and f.key[9:].isdigit()
             and 11 <= int(f.key[9:]) <= 41 for c in f.cases()]
    copies = handle_copies(cases)
    plain = _decisions(mod, [c.text for c in cases], without_addressed_names, "texts as written")
    kept = _decisions(mod, [t for _, _, t in copies], without_addressed_names, "copies, handles kept")
    read = _decisions(mod, [t for _, _, t in copies], without_addressees, "copies, handles read past")
    out: dict[str, Any] = {"texts": len(cases), "copies": len(copies)}
    for kind, wrong in _WRONG.items():
        for where in ("all", "front", "behind", "inside"):
            picked = [j for j, (i, w, _) in enumerate(copies) if _kind_of(cases[i]) == kind and where in ("all", w)]
            out[f"{kind}/{where}"] = {
                "copies": len(picked),
                "wrong_as_written": sum(wrong(plain[copies[j][0]]) for j in picked),
                "wrong_handles_kept": sum(wrong(kept[j]) for j in picked),
                "wrong_handles_read": sum(wrong(read[j]) for j in picked),
                "changed_from_as_written_read": sum(read[j] != plain[copies[j][0]] for j in picked),
            }
    if data is not None:
        # As training.evaluate reports it: harm at or above 0.5 against level A's OFF label.
        olid = load_olid_test(data)
        truth = np.array([a == "OFF" for _, a, _ in olid])
        for label, reading in (("kept", without_addressed_names), ("read", without_addressees)):
            harm = np.array([s.harm for s in _scores(mod, [t for t, _, _ in olid], reading, f"OLID {label}")])
            out[f"olid_test_a_handles_{label}"] = {**f1s(truth, harm >= 0.5), "roc_auc": roc_auc(truth, harm)}
    return out


def fresh_report(model_dir: Path, keys: list[str]) -> dict[str, Any]:
    """Per named fresh set: wrong decisions per kind of text with handles kept and read past, and what changed."""
    mod = Moderator.load(model_dir, read_past_addressed_names=False, read_past_links=False)
    sets = {f.key: f for f in FRESH_SETS}
    unknown = [k for k in keys if k not in sets]
    if unknown:
        raise SystemExit(f"unknown fresh sets: {', '.join(unknown)}")
    out: dict[str, Any] = {}
    for key in keys:
        cases = sets[key].cases()
        kept = _decisions(mod, [c.text for c in cases], without_addressed_names, f"{key}, handles kept")
        read = _decisions(mod, [c.text for c in cases], without_addressees, f"{key}, handles read past")
        out[key] = {
            kind: {"texts": sum(_kind_of(c) == kind for c in cases),
                   "wrong_handles_kept": sum(wrong(k) for c, k in zip(cases, kept, strict=True) if _kind_of(c) == kind),
                   "wrong_handles_read": sum(wrong(r) for c, r in zip(cases, read, strict=True) if _kind_of(c) == kind)}
            for kind, wrong in _WRONG.items()
        }
        out[key]["changed"] = [f"{c.group}: {k} -> {r}: {c.text}"
                               for c, k, r in zip(cases, kept, read, strict=True) if k != r]
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--data", type=Path, default=None, help="the datasets folder, for OLID test A")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--fresh", nargs="+", default=None, help="score these fresh sets' own texts both ways")
    args = parser.parse_args(argv)
    model_dir = args.model_dir or default_model_dir()
    result = fresh_report(model_dir, args.fresh) if args.fresh else report(model_dir, args.data)
    text = json.dumps(result, indent=1)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
