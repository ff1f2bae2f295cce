"""kindling-score: JSON lines in, one JSON line out per input; bad lines get error lines, the rest go on."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from kindling_ml import cli


def run_main(data: bytes, *args: str) -> tuple[int, list[dict]]:
    out = io.StringIO()
    rc = cli.main(list(args), stdin=io.BytesIO(data), stdout=out)
    return rc, [json.loads(line) for line in out.getvalue().splitlines()]


def test_scores_each_line_in_order() -> None:
    """Every valid line gets {"id","harm","kindness","categories","decision"}, in input order."""
    data = b'{"id": 1, "text": "thanks so much!"}\n{"id": "b", "text": "you are a loser"}\n'
    rc, lines = run_main(data)
    assert rc == 0
    assert [x["id"] for x in lines] == [1, "b"]
    for x in lines:
        assert set(x) == {"id", "harm", "kindness", "categories", "decision"}


def test_malformed_lines_get_error_lines_and_the_rest_go_on() -> None:
    """Invalid JSON, invalid UTF-8, non-objects and missing text each get an error naming the line number."""
    data = (
        b'{"id": 1, "text": "hello"}\n'
        b"not json at all\n"
        b'{"id": 3, "text": "caf\xff\xfe"}\n'
        b"[1, 2]\n"
        b'{"id": 5}\n'
        b"\n"
        b'{"id": 7, "text": ""}\n'
    )
    rc, lines = run_main(data)
    assert rc == 1  # some lines failed
    assert len(lines) == 6  # the blank line is skipped
    assert lines[0]["id"] == 1 and "decision" in lines[0]
    assert lines[1]["line"] == 2 and "JSON" in lines[1]["error"]
    assert lines[2]["line"] == 3 and "UTF-8" in lines[2]["error"]
    assert lines[3]["line"] == 4 and "error" in lines[3]
    assert lines[4]["line"] == 5 and lines[4]["id"] == 5 and "text" in lines[4]["error"]
    assert lines[5]["id"] == 7 and lines[5]["decision"] == "allow"


def test_huge_and_odd_texts() -> None:
    """A 100k-character text, control characters and RTL overrides produce results, not crashes."""
    rows = [{"id": 1, "text": "z" * 100_000}, {"id": 2, "text": "\u202e\u200b\x00ok"}, {"id": 3, "text": "🤡"}]
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    rc, lines = run_main(data)
    assert rc == 0 and [x["id"] for x in lines] == [1, 2, 3]


def test_console_script_runs_offline() -> None:
    """The installed `kindling-score` command works as a subprocess with no network access."""
    exe = Path(sys.executable).with_name("kindling-score")
    env = {k: v for k, v in os.environ.items() if k not in ("KINDLING_ML_MODEL_DIR", "KINDLING_ML_POLICY")}
    env.update({"HF_HUB_OFFLINE": "1", "no_proxy": "*", "https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9"})
    proc = subprocess.run([str(exe)], input=b'{"id": 42, "text": "you are not ugly at all"}\nbroken\n',
                          capture_output=True, env=env, timeout=120, check=False)
    lines = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert lines[0]["id"] == 42 and lines[0]["decision"] in {"allow", "nudge", "review", "block", "support"}
    assert lines[1] == {"id": None, "line": 2, "error": lines[1]["error"]}
    assert proc.returncode == 1


def test_missing_model_exits_2(tmp_path: Path) -> None:
    """A missing model folder is reported on stderr with exit status 2."""
    rc = cli.main(["--model-dir", str(tmp_path)], stdin=io.BytesIO(b""), stdout=io.StringIO())
    assert rc == 2
