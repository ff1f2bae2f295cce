"""How far an @handle alone moves decisions, with and without reading past handles (kindling_ml/addressees.py).

    python -m training.handles_check [--model-dir kindling_ml/model] [--data ../shared/datasets] [--json out.json]
    python -m training.handles_check --fresh own_fresh42 own_fresh43
    python -m training.handles_check --markers [--data ../shared/datasets]


Every text of fresh sets 11-41 gets copies that mention accounts no text was written with: one with a handle in
front, one with a handle behind, and, where the text names someone inside a sentence, one with that name written
as a handle ("I'll find @mirela_31 after school"). Each copy is scored twice with the addressed-name reading on:
once with its handles as written, once with them read past. Each copy should get the decision its text gets as
written, so per kind of text the report counts wrong decisions (kind and other texts not allowed, harmful texts
allowed, at-risk posts not sent to `support`) for the texts as written, for the copies as written and for the copies
read past. OLID test A, whose tweets begin with "@USER" mentions, is scored both ways as well.

With --fresh, the named fresh sets' own texts (written with handles where people put them) are scored both ways
instead, and the texts whose decision changes are listed.

With --markers, what reading past reply and repost markup adds ("RT @x:", "Replying to @x:", "... cc @x"): copies of
fresh sets 11-44 with such markup, the texts of fresh sets 1-44 as written and, with --data, the public sets are
scored with the handle reading with and without the markup read past.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import numpy as np

from kindling_ml.addressees import is_unfamiliar_name, without_addressed_names, without_addressees, without_handles
from kindling_ml.links import without_links
from kindling_ml.moderator import Moderator
from training.cases import NAMES, Case
from training.cases_fresh import FRESH_SETS
from training.data import load_olid_test
from training.evaluate import f1s, roc_auc
from training.names import PROBE, WORLD
from training.reading_check import Copy, copies_compare, decisions, fresh_cases, fresh_compare, run, scores

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


def report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    # The Moderator's own reading is off; each side applies its reading here, so only the handles differ.
    mod = Moderator.load(model_dir, read_past_addressed_names=False, read_past_links=False,
                          read_past_edge_hashtags=False)
    cases = fresh_cases(11, 41)
    out = copies_compare(mod, cases, handle_copies(cases), without_addressed_names, without_addressees,
                         ("handles_kept", "handles_read"))
    if data is not None:
        # As training.evaluate reports it: harm at or above 0.5 against level A's OFF label.
        olid = load_olid_test(data)
        truth = np.array([a == "OFF" for _, a, _ in olid])
        for label, reading in (("kept", without_addressed_names), ("read", without_addressees)):
            harm = np.array([s.harm for s in scores(mod, [t for t, _, _ in olid], reading, f"OLID {label}")])
            out[f"olid_test_a_handles_{label}"] = {**f1s(truth, harm >= 0.5), "roc_auc": roc_auc(truth, harm)}
    return out


MARKED = ("RT {h}: {t}", "Replying to {h}: {t}", "{t} cc {h}")


def marker_copies(cases: list[Case]) -> list[Copy]:
    """(index of the case, which markup, the copy) for every case and every markup in `MARKED`."""
    return [(i, form.split(" ")[0] if not form.startswith("{t}") else "cc",
             form.format(h=JUDGING_HANDLES[(i + k) % len(JUDGING_HANDLES)], t=case.text))
            for i, case in enumerate(cases) for k, form in enumerate(MARKED)]


def _unmarked(text: str) -> str:
    return without_addressed_names(without_handles(without_links(text), markers=False))


def _marked(text: str) -> str:
    return without_addressed_names(without_handles(without_links(text), markers=True))


def marker_report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    mod = Moderator.load(model_dir, read_past_addressed_names=False, read_past_links=False,
                          read_past_edge_hashtags=False)
    cases = fresh_cases(11, 44)
    out = copies_compare(mod, cases, marker_copies(cases), _unmarked, _marked, ("markup_kept", "markup_read"))
    natural = [c.text for c in fresh_cases(1, 44)] + [c.text for f in FRESH_SETS if f.key == "own_fresh" for c in f.cases()]
    texts: dict[str, list[str]] = {"fresh_1_44": natural}
    if data is not None:
        texts["olid_test_a"] = [t for t, _, _ in load_olid_test(data)]
    for name, group in texts.items():
        differ = [t for t in group if _unmarked(t) != _marked(t)]
        before, after = decisions(mod, differ, _unmarked, name), decisions(mod, differ, _marked, name)
        out[name] = {"texts": len(group), "read_differently": len(differ),
                     "decisions_changed": [f"{a} -> {b}: {t}" for t, a, b in zip(differ, before, after, strict=True)
                                           if a != b]}
    return out


def fresh_report(model_dir: Path, keys: list[str]) -> dict[str, Any]:
    """Per named fresh set: wrong decisions per kind of text with handles kept and read past, and what changed."""
    mod = Moderator.load(model_dir, read_past_addressed_names=False, read_past_links=False,
                          read_past_edge_hashtags=False)
    return fresh_compare(keys, lambda texts, label: decisions(mod, texts, without_addressed_names, label),
                         lambda texts, label: decisions(mod, texts, without_addressees, label),
                         ("handles_kept", "handles_read"))


def main(argv: list[str] | None = None) -> None:
    run(argv, __doc__.splitlines()[0], report, fresh_report, {"markers": marker_report})


if __name__ == "__main__":
    main()
