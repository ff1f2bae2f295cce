"""How far a link alone moves decisions, with and without reading past links (kindling_ml/links.py).

    python -m training.links_check [--model-dir kindling_ml/model] [--data ../shared/datasets] [--json out.json]
    python -m training.links_check --fresh own_fresh44

Every text of fresh sets 11-43 gets copies that share a link no text was written with: one with a link in front, one
with a link behind, and, where the text has a comma inside, one with a link after its first comma. Each copy is
scored twice with the name and handle readings on: once with its links as written, once with them read past, and
compared with its text as written, as `training.handles_check` does for handles. With --data, OLID test A,
HatemojiBuild test and GoEmotions dev and test are scored both ways too, to count decisions that change. With --fresh,
the named fresh sets' own texts are scored both ways instead.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kindling_ml.addressees import without_addressees
from kindling_ml.links import without_links
from kindling_ml.moderator import Moderator, default_model_dir
from training.cases import Case
from training.cases_fresh import FRESH_SETS
from training.data import goemotions_eval, load_olid_test
from training.handles_check import _WRONG, _decisions, _kind_of

# Chosen before any of these copies was scored, and unlike the links the rule was developed on.
JUDGING_LINKS = ("https://vm.tiktok.com/ZMabc12/", "youtu.be/Qw8kP2", "https://www.instagram.com/p/Cx9Lm2/",
                 "docs.google.com/forms/d/1FAIpQL/viewform", "https://open.spotify.com/track/4uLU6hMC",
                 "tinyurl.com/3kx8m2p")


def link_copies(cases: list[Case]) -> list[tuple[int, str, str]]:
    """(index of the case, where the link stands, the copy): front, behind, and after the first inner comma."""
    copies: list[tuple[int, str, str]] = []
    for i, case in enumerate(cases):
        front, behind = JUDGING_LINKS[(2 * i) % len(JUDGING_LINKS)], JUDGING_LINKS[(2 * i + 1) % len(JUDGING_LINKS)]
        copies += [(i, "front", f"{front} {case.text}"), (i, "behind", f"{case.text} {behind}")]
        if ", " in case.text.rstrip(", "):
            copies.append((i, "inside", case.text.replace(", ", f", {front} ", 1)))
    return copies


def _before(text: str) -> str:
    return without_addressees(text)


def _after(text: str) -> str:
    return without_addressees(without_links(text))


def _fresh_11_to_43() -> list[Case]:
    return [c for f in FRESH_SETS if f.key.startswith("own_fresh") and f.key[9:].isdigit()
            and 11 <= int(f.key[9:]) <= 43 for c in f.cases()]


def report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    # The Moderator's own readings are off; each side applies its reading here, so only the links differ.
    mod = Moderator.load(model_dir, read_past_addressed_names=False, read_past_links=False)
    cases = _fresh_11_to_43()
    copies = link_copies(cases)
    plain = _decisions(mod, [c.text for c in cases], _before, "texts as written")
    kept = _decisions(mod, [t for _, _, t in copies], _before, "copies, links kept")
    read = _decisions(mod, [t for _, _, t in copies], _after, "copies, links read past")
    out: dict[str, Any] = {"texts": len(cases), "copies": len(copies),
                           "texts_with_a_link": sum(without_links(c.text) != c.text for c in cases)}
    for kind, wrong in _WRONG.items():
        for where in ("all", "front", "behind", "inside"):
            picked = [j for j, (i, w, _) in enumerate(copies) if _kind_of(cases[i]) == kind and where in ("all", w)]
            out[f"{kind}/{where}"] = {
                "copies": len(picked),
                "wrong_as_written": sum(wrong(plain[copies[j][0]]) for j in picked),
                "wrong_links_kept": sum(wrong(kept[j]) for j in picked),
                "wrong_links_read": sum(wrong(read[j]) for j in picked),
            }
    as_read = _decisions(mod, [c.text for c in cases], _after, "texts, links read past")
    out["fresh_11_43_decisions_changed"] = sum(a != b for a, b in zip(plain, as_read, strict=True))
    if data is not None:
        with open(data / "hatemoji_build/test.csv", encoding="utf-8") as f:
            hatemoji = [row["text"] for row in csv.DictReader(f)]
        public: dict[str, list[str]] = {
            "olid_test_a": [t for t, _, _ in load_olid_test(data)],
            "hatemoji_test": hatemoji,
            "goemotions_test": [t for t, _ in goemotions_eval(data, "test")],
            "goemotions_dev": [t for t, _ in goemotions_eval(data, "dev")],
        }
        for name, texts in public.items():
            changed = [t for t in texts if without_links(t) != t]
            before = _decisions(mod, changed, _before, f"{name}, links kept")
            after = _decisions(mod, changed, _after, f"{name}, links read past")
            out[name] = {"texts": len(texts), "texts_with_a_link": len(changed),
                         "decisions_changed": sum(a != b for a, b in zip(before, after, strict=True))}
    return out


def fresh_report(model_dir: Path, keys: list[str]) -> dict[str, Any]:
    """Per named fresh set: wrong decisions per kind of text with links kept and read past, and what changed."""
    mod = Moderator.load(model_dir, read_past_addressed_names=False, read_past_links=False)
    sets = {f.key: f for f in FRESH_SETS}
    unknown = [k for k in keys if k not in sets]
    if unknown:
        raise SystemExit(f"unknown fresh sets: {', '.join(unknown)}")
    out: dict[str, Any] = {}
    for key in keys:
        cases = sets[key].cases()
        kept = _decisions(mod, [c.text for c in cases], _before, f"{key}, links kept")
        read = _decisions(mod, [c.text for c in cases], _after, f"{key}, links read past")
        per_kind: dict[str, Any] = {}
        for kind, wrong in _WRONG.items():
            mine: Callable[[Case], bool] = lambda c, kind=kind: _kind_of(c) == kind  # noqa: E731
            per_kind[kind] = {
                "texts": sum(mine(c) for c in cases),
                "wrong_links_kept": sum(wrong(k) for c, k in zip(cases, kept, strict=True) if mine(c)),
                "wrong_links_read": sum(wrong(r) for c, r in zip(cases, read, strict=True) if mine(c)),
            }
        per_kind["changed"] = [f"{c.group}: {k} -> {r}: {c.text}"
                               for c, k, r in zip(cases, kept, read, strict=True) if k != r]
        out[key] = per_kind
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--data", type=Path, default=None, help="the datasets folder, for the public sets")
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
