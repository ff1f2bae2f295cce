"""How far end punctuation alone moves decisions: each model scores texts as written and with a full stop or an
exclamation mark added.

    python -m training.punctuation_check --models kindling_ml/model training/out/run41k [--json out.json]

Most of our own cases were written without end punctuation, while most public comments end with some, so a model can
learn that a full stop means harmless (found 2026-12-08: a "." after each of the name probe's 814 harmful texts let
112 through instead of 63). Every text of fresh sets 11-45 that ends without punctuation gets two copies, one ending
"." and one "!" (the endings this check was written with, before any model trained with `--punctuate` was scored).
Each model scores the texts and the copies; counts are wrong decisions per kind of text (training.reading_check).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kindling_ml.moderator import Moderator
from training.reading_check import WRONG, decisions, fresh_cases, kind_of

ENDINGS = (".", "!")


def unpunctuated(text: str) -> bool:
    body = text.rstrip()
    return bool(body) and body[-1].isalnum()


def report(model_dir: Path, first: int = 11, last: int = 45) -> dict[str, Any]:
    cases = [c for c in fresh_cases(first, last) if unpunctuated(c.text)]
    mod = Moderator.load(model_dir, threads=2)
    out: dict[str, Any] = {"texts": {kind: sum(kind_of(c) == kind for c in cases) for kind in WRONG}}
    for label, ending in (("as_written", ""), *((f"ending {e}", e) for e in ENDINGS)):
        made = decisions(mod, [c.text.rstrip() + ending for c in cases], str, f"{model_dir.name}: {label}")
        out[label] = {kind: sum(wrong(d) for c, d in zip(cases, made, strict=True) if kind_of(c) == kind)
                      for kind, wrong in WRONG.items()}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, nargs="+", required=True)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    result = {str(m): report(m) for m in args.models}
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
