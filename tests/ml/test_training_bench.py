"""The moderation benchmark's record of speed by CPU, and the targets table that is written from it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from training.bench import history_update, render_history
from training.model_card import fill_speed_targets


def _result(cpu: str, vector: str, p50: float, throughput: float) -> dict[str, Any]:
    return {
        "date": "2026-12-02 15:00 UTC",
        "machine": {"cpu": cpu, "vector": vector, "cores": "2", "loadavg_before": "0.10"},
        "model_sha256": "ab" * 32,
        "kindling": {"p50_ms": p50, "p99_ms": 3 * p50, "throughput": throughput, "load_s": 0.2, "rss_mb": 260.0,
                     "batched_run": "each window alone"},
        "profanity": {"p50_ms": 5.0},
        "quality": {"OLID test A": {"kindling_macro_f1": 0.7211}},
    }


def test_history_keeps_the_latest_run_of_each_cpu(tmp_path: Path) -> None:
    """A new run replaces the earlier run on the same CPU (also one from before vector instructions were recorded)
    and keeps every other CPU's, so one machine's numbers never stand in for another's."""
    path = tmp_path / "history.json"
    history_update(path, _result("Xeon", "avx512_vnni", 2.7, 454))
    history_update(path, _result("EPYC", "avx2", 8.0, 150))
    runs = history_update(path, _result("EPYC", "avx2", 7.5, 170))
    assert [(r["cpu"], r["throughput"]) for r in runs] == [("Xeon", 454), ("EPYC", 170)]
    assert json.loads(path.read_text()) == runs
    assert runs[0]["macro_f1"] == {"OLID test A": 0.721}
    old = [{**runs[1], "cpu": "Ryzen", "vector": "not recorded"}]
    path.write_text(json.dumps(old))
    runs_after = history_update(path, _result("Ryzen", "avx2", 6.0, 200))
    assert [(r["vector"], r["throughput"]) for r in runs_after] == [("avx2", 200)]  # the unrecorded run is replaced
    table = render_history(runs)
    assert "| Xeon (avx512_vnni), 2 | 2.70 / 8.10 ms | 454 (each window alone) |" in table
    assert "| EPYC (avx2), 2 | 7.50 / 22.50 ms | 170 (each window alone) |" in table


def test_speed_targets_are_judged_per_cpu_and_quality_rows_are_kept(tmp_path: Path) -> None:
    """The speed rows name every CPU measured and say met or not met for each; the quality rows (written from the
    evaluation) are left exactly as they were."""
    history = tmp_path / "history.json"
    history_update(history, _result("Xeon", "avx512_vnni", 2.7, 454))
    history_update(history, _result("EPYC", "avx2", 8.0, 150))
    quality = "| kindness ROC-AUC ≥ 0.93 on GoEmotions test | 0.909 | **not met** |"
    doc = tmp_path / "moderation.md"
    doc.write_text("intro\n<!-- targets:start -->\n| target | measured | status |\n|---|---|---|\n" + quality + "\n"
                   "| batched ≥ 400 texts/s on 2 cores | 1 texts/s | met |\n\nSpeed numbers: old\n"
                   "<!-- targets:end -->\nafter\n")
    fill_speed_targets(doc, history)
    text = doc.read_text()
    assert quality in text
    assert "1 texts/s" not in text and "Speed numbers: old" not in text
    assert ("| batched ≥ 400 texts/s on 2 cores | Xeon (avx512_vnni, 2 cores): 454 texts/s; EPYC (avx2, 2 cores): "
            "150 texts/s | met on Xeon; **not met** on EPYC |") in text
    assert "| one text p50 ≤ 5 ms / p99 ≤ 15 ms (1 thread) |" in text and "**not met** / **not met** on EPYC" in text
    assert text.startswith("intro\n") and text.endswith("<!-- targets:end -->\nafter\n")
    fill_speed_targets(doc, history)
    assert doc.read_text() == text  # idempotent: rerunning the benchmark does not pile up rows
