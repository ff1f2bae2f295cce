"""kindling-score: JSON lines in, JSON lines out.

    echo '{"id": 1, "text": "you are not ugly at all"}' | kindling-score

Each input line is an object {"id": ..., "text": "..."}; each output line is
{"id", "harm", "kindness", "categories", "decision"} in input order. A line that is not valid UTF-8, not
JSON, not an object or has no string "text" gets {"id", "line", "error"} instead, and the rest go on.
Blank lines are skipped. Exit status: 0 when every line was scored, 1 when some lines had errors,
2 when the model could not be loaded.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from kindling_ml.moderator import ModelNotFoundError, Moderator
from kindling_ml.policy import PolicyError

_Item = tuple[int, Any, str | None, str | None]  # (line number, id, text, error)


def _parse(lines: Iterable[bytes]) -> Iterator[_Item]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, None, None, f"line {number}: invalid UTF-8 ({exc.reason} at byte {exc.start})"
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, None, f"line {number}: invalid JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(obj, dict):
            yield number, None, None, f"line {number}: expected a JSON object with a \"text\" field"
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            yield number, obj.get("id"), None, f"line {number}: \"text\" must be a string"
            continue
        yield number, obj.get("id"), text, None


def _flush(moderator: Moderator, batch: list[_Item], out: IO[str]) -> int:
    texts = [t for _, _, t, err in batch if err is None and t is not None]
    scores = iter(moderator.score(texts)) if texts else iter(())
    errors = 0
    for number, ident, _text, err in batch:
        if err is not None:
            errors += 1
            out.write(json.dumps({"id": ident, "line": number, "error": err}) + "\n")
        else:
            out.write(json.dumps({"id": ident, **next(scores).to_dict()}) + "\n")
    out.flush()
    return errors


def main(argv: list[str] | None = None, stdin: IO[bytes] | None = None, stdout: IO[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kindling-score", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", help="model folder (default: $KINDLING_ML_MODEL_DIR or the shipped model)")
    parser.add_argument("--policy", help="policy TOML (default: $KINDLING_ML_POLICY or the shipped policy)")
    parser.add_argument("--signals", help="safety signals TOML (default: $KINDLING_ML_SIGNALS or the shipped file)")
    parser.add_argument("--threads", type=int, default=None, help="windows scored at once, one per thread (default 1)")
    parser.add_argument("--batch-size", type=int, default=32, help="lines scored together (default 32)")
    args = parser.parse_args(argv)
    inp = stdin if stdin is not None else sys.stdin.buffer
    out = stdout if stdout is not None else sys.stdout
    try:
        moderator = Moderator.load(args.model_dir, args.policy, args.threads, args.signals)
    except (ModelNotFoundError, PolicyError, OSError, ValueError) as exc:
        print(f"kindling-score: cannot load the moderation model: {exc}", file=sys.stderr)
        return 2
    errors = 0
    batch: list[_Item] = []
    for item in _parse(inp):
        batch.append(item)
        if len(batch) >= max(1, args.batch_size):
            errors += _flush(moderator, batch, out)
            batch = []
    if batch:
        errors += _flush(moderator, batch, out)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
