"""Checks a freshly trained model folder: the run-time package loads it, scores texts (normal, empty,
long), and the kindling-score CLI answers one JSON line per input. Used by `make train-smoke`.

    python -m training.smoke_check MODEL_DIR [BEFORE_DIR]

With BEFORE_DIR (the model before `training.refit_head`), also checks that every output but at_risk is unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kindling_ml import CATEGORIES, DECISIONS, Moderator


def main() -> None:
    model_dir = Path(sys.argv[1])
    mod = Moderator.load(model_dir)
    scores = mod.score(["you are so kind", "", "kys loser " * 5000, "🐷🤡"])
    assert len(scores) == 4
    for s in scores:
        assert 0.0 <= s.harm <= 1.0 and 0.0 <= s.kindness <= 1.0, s
        assert s.decision in DECISIONS, s
        assert set(s.categories) >= {"insult", "threat", "self_harm", "at_risk"}, s
    size = (model_dir / "model.onnx").stat().st_size
    assert 15e6 < size < 40e6, f"int8 model has an unexpected size: {size}"
    cli = Path(sys.executable).with_name("kindling-score")
    proc = subprocess.run([str(cli)], input=b'{"id": 1, "text": "hello"}\nnot json\n', capture_output=True,
                          env={**os.environ, "KINDLING_ML_MODEL_DIR": str(model_dir)}, timeout=120, check=False)
    lines = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert lines[0]["id"] == 1 and "decision" in lines[0], lines
    assert lines[1]["line"] == 2 and "error" in lines[1], lines
    if len(sys.argv) > 2:
        texts = ["you are so kind", "i want to disappear forever", "go away loser", "great match today", "🐷🤡"]
        before = Moderator.load(Path(sys.argv[2])).score(texts)
        for a, b in zip(mod.score(texts), before, strict=True):
            assert a.harm == b.harm and a.kindness == b.kindness, (a, b)
            assert all(a.categories[c] == b.categories[c] for c in CATEGORIES if c != "at_risk"), (a, b)
    print(f"train-smoke OK: model {size / 1e6:.1f} MB, {len(scores)} texts scored, CLI answered {len(lines)} lines")


if __name__ == "__main__":
    main()
