"""Speed benchmark of the shipped moderation model, with alt-profanity-check on the same corpus as a
reference point. Run by `make bench-moderation`; writes Markdown (and merges it into docs/benchmarks.md
between <!-- moderation:start --> / <!-- moderation:end -->).

Each engine is measured in its own subprocess so resident memory is the engine's own.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from training.model_card import BENCH_HISTORY, fill_speed_targets

START, END = "<!-- moderation:start -->", "<!-- moderation:end -->"


def corpus(root: Path, n: int) -> list[str]:
    """A fixed mix of real short texts: OLID test A tweets, GoEmotions test comments, HatemojiBuild test,
    and our own held-out cases (the latter alone if the data folder is missing)."""
    from training.cases import generate

    texts = [c.text for c in generate("heldout", per_template=6)]
    if root.is_dir():
        from training.data import goemotions_eval, load_olid_test

        texts += [t for t, _, _ in load_olid_test(root)]
        texts += [t for t, _ in goemotions_eval(root, "test")][:1500]
        with open(root / "hatemoji_build/test.csv", encoding="utf-8") as f:
            texts += [r["text"] for r in csv.DictReader(f)]
    rng = np.random.default_rng(0)
    rng.shuffle(texts)  # type: ignore[arg-type]
    return texts[:n]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs) * 1000, q))


# How the engine ran the batched measure; runs recorded before per-window scoring say otherwise in the history.
BATCHED_RUN = "each window alone, 2 at once on 2 threads"


def worker_kindling(texts: list[str], singles: int, batch: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    from kindling_ml import Moderator

    t1 = time.perf_counter()
    one = Moderator.load(threads=1)
    load_s = time.perf_counter() - t1
    import_and_load_s = time.perf_counter() - t0
    for t in texts[:20]:  # warm-up
        one.score([t])
    lat = []
    for t in texts[:singles]:
        s = time.perf_counter()
        one.score([t])
        lat.append(time.perf_counter() - s)
    two = Moderator.load(threads=2)
    two.score(texts[:batch])
    s = time.perf_counter()
    for i in range(0, len(texts), batch):
        two.score(texts[i : i + batch])
    batched = time.perf_counter() - s
    return {"load_s": load_s, "import_and_load_s": import_and_load_s, "p50_ms": pct(lat, 50),
            "p99_ms": pct(lat, 99), "mean_ms": float(np.mean(lat) * 1000), "singles": len(lat),
            "batched_texts": len(texts), "batch": batch, "throughput": len(texts) / batched,
            "rss_mb": rss_mb(), "batched_run": BATCHED_RUN}


def worker_profanity(texts: list[str], singles: int, batch: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    from profanity_check import predict_prob

    predict_prob(["warm up"])
    load_s = time.perf_counter() - t0
    lat = []
    for t in texts[:singles]:
        s = time.perf_counter()
        predict_prob([t])
        lat.append(time.perf_counter() - s)
    s = time.perf_counter()
    for i in range(0, len(texts), batch):
        predict_prob(texts[i : i + batch])
    batched = time.perf_counter() - s
    return {"load_s": load_s, "import_and_load_s": load_s, "p50_ms": pct(lat, 50), "p99_ms": pct(lat, 99),
            "mean_ms": float(np.mean(lat) * 1000), "singles": len(lat), "batched_texts": len(texts),
            "batch": batch, "throughput": len(texts) / batched, "rss_mb": rss_mb()}


def quality(root: Path) -> dict[str, dict[str, float]]:
    """Harm quality of both engines on OLID test A and HatemojiBuild test (threshold 0.5), for context."""
    from profanity_check import predict_prob

    from kindling_ml import Moderator
    from training.data import load_olid_test
    from training.evaluate import f1s, roc_auc

    mod = Moderator.load(threads=2)
    olid = load_olid_test(root)
    with open(root / "hatemoji_build/test.csv", encoding="utf-8") as f:
        hm = [(r["text"], int(r["label_gold"])) for r in csv.DictReader(f)]
    sets = {"OLID test A": ([t for t, _, _ in olid], np.array([a == "OFF" for _, a, _ in olid])),
            "HatemojiBuild test": ([t for t, _ in hm], np.array([y for _, y in hm]))}
    out: dict[str, dict[str, float]] = {}
    for name, (texts, y) in sets.items():
        ours = np.array([s.harm for s in mod.score(texts)])
        ref = np.array(predict_prob(texts))
        out[name] = {"kindling_macro_f1": f1s(y, ours >= 0.5)["macro_f1"], "kindling_auc": roc_auc(y, ours),
                     "profanity_macro_f1": f1s(y, ref >= 0.5)["macro_f1"], "profanity_auc": roc_auc(y, ref)}
    return out


# int8 matrix products, most of the engine's time, ran 2.7x slower per text on an AVX2-only EPYC than on a Xeon
# (docs/benchmarks.md): a speed measured on one CPU says little about another unless its instruction sets are named.
VECTOR_FLAGS = ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8")


def machine() -> dict[str, str]:
    model, vector = "unknown", "unknown"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        m = re.search(r"Model name:\s*(.+)", lscpu)
        model = m.group(1).strip() if m else model
        # Some clouds name every generation "AMD EPYC"; family and model tell Zen 2 from Zen 4.
        fam, num = re.search(r"CPU family:\s*(\d+)", lscpu), re.search(r"^Model:\s*(\d+)", lscpu, re.M)
        if fam and num:
            model += f", family {fam.group(1)} model {num.group(1)}"
        f = re.search(r"Flags:\s*(.+)", lscpu)
        if f:
            flags = set(f.group(1).split())
            vector = ", ".join(v for v in VECTOR_FLAGS if v in flags) or "none of " + ", ".join(VECTOR_FLAGS)
    except OSError:
        pass
    import onnxruntime

    return {"cpu": model, "vector": vector, "cores": str(os.cpu_count()), "python": platform.python_version(),
            "onnxruntime": onnxruntime.__version__, "os": platform.platform(),
            "loadavg_before": f"{os.getloadavg()[0]:.2f}"}


def render(res: dict[str, Any]) -> str:
    k, p, m = res["kindling"], res["profanity"], res["machine"]
    lines = [
        "## Moderation engine (kindling_ml)", "",
        f"Measured {res['date']} with `{res['command']}` on {m['cpu']}, {m['cores']} cores (vector instructions: {m.get('vector', '?')}; 1-minute load average "
        f"{m.get('loadavg_before', '?')} before the run), Python {m['python']}, onnxruntime {m['onnxruntime']}. Corpus: {k['batched_texts']} "
        "real short texts (OLID test A, GoEmotions test, HatemojiBuild test, our held-out cases), same for both engines.",
        "",
        "| measure | target | kindling_ml (int8 MiniLM) | alt-profanity-check (reference) |",
        "|---|---|---|---|",
        f"| one text, one thread, p50 | ≤ 5 ms | {k['p50_ms']:.2f} ms | {p['p50_ms']:.2f} ms |",
        f"| one text, one thread, p99 | ≤ 15 ms | {k['p99_ms']:.2f} ms | {p['p99_ms']:.2f} ms |",
        f"| batched throughput ({k['batch']} texts per `score()` call, 2 threads) | ≥ 400 texts/s | {k['throughput']:.0f} texts/s | "
        f"{p['throughput']:.0f} texts/s |",
        f"| model load (`Moderator.load()`) | ≤ 1 s | {k['load_s']:.2f} s ({k['import_and_load_s']:.2f} s with imports) | "
        f"{p['load_s']:.2f} s (import + first call) |",
        f"| peak resident memory of the process | ≤ 300 MB | {k['rss_mb']:.0f} MB | {p['rss_mb']:.0f} MB |",
    ]
    if res.get("quality"):
        lines += ["", "Harm quality on the same labelled sets (threshold 0.5; alt-profanity-check detects profanity, not "
                  "bullying, so this is context, not a fair contest):", "",
                  "| set | kindling_ml macro-F1 / ROC-AUC | alt-profanity-check macro-F1 / ROC-AUC |", "|---|---|---|"]
        for name, q in res["quality"].items():
            lines.append(f"| {name} | {q['kindling_macro_f1']:.3f} / {q['kindling_auc']:.3f} | "
                         f"{q['profanity_macro_f1']:.3f} / {q['profanity_auc']:.3f} |")
    return "\n".join(lines) + "\n"


def history_update(path: Path, res: dict[str, Any]) -> list[dict[str, Any]]:
    """The latest run per CPU, kept in a committed file: one machine's speed says little about another's, and the
    targets table (`training.model_card`) reports every CPU measured rather than whichever ran last."""
    runs: list[dict[str, Any]] = json.loads(path.read_text()) if path.exists() else []
    m, k = res["machine"], res["kindling"]
    run = {"date": res["date"], "cpu": m["cpu"], "vector": m.get("vector", "unknown"), "cores": m["cores"],
           "loadavg_before": m.get("loadavg_before"), "model_sha256": res.get("model_sha256"),
           **{key: k[key] for key in ("p50_ms", "p99_ms", "throughput", "load_s", "rss_mb")},
           "profanity_p50_ms": res["profanity"]["p50_ms"], "batched_run": k.get("batched_run", "unknown"),
           # int8 kernels round differently by instruction set, so the same model scores slightly differently
           "macro_f1": {name: round(q["kindling_macro_f1"], 3) for name, q in res.get("quality", {}).items()}}
    def replaced(r: dict[str, Any]) -> bool:
        # A run from before the vector instructions were recorded counts as the same CPU's.
        same_cpu = (r["cpu"], r["cores"]) == (run["cpu"], run["cores"])
        return same_cpu and r.get("vector", "unknown") in (run["vector"], "unknown", "not recorded")

    runs = [r for r in runs if not replaced(r)] + [run]
    path.write_text(json.dumps(runs, indent=2) + "\n")
    return runs


def render_history(runs: list[dict[str, Any]]) -> str:
    lines = ["", "### By CPU (the latest run on each)", "",
             "The engine's time is almost all int8 matrix products, whose speed depends on the CPU's vector "
             "instructions far more than the reference's does.", "",
             "| run | CPU (vector instructions), cores | p50 / p99 one text | batched texts/s (how they ran) | load | "
             "peak RSS | alt-profanity-check p50 | model | harm macro-F1 on the quality sets |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        sha = f"`{r['model_sha256'][:8]}…`" if r.get("model_sha256") else "?"
        lines.append(f"| {r['date']} | {r['cpu']} ({r['vector']}), {r['cores']} | {r['p50_ms']:.2f} / "
                     f"{r['p99_ms']:.2f} ms | {r['throughput']:.0f} ({r.get('batched_run', 'unknown')}) | {r['load_s']:.2f} s | {r['rss_mb']:.0f} MB | "
                     f"{r['profanity_p50_ms']:.2f} ms | {sha} | "
                     + (", ".join(f"{k} {v:.3f}" for k, v in r.get("macro_f1", {}).items()) or "?") + " |")
    return "\n".join(lines) + "\n"


def merge(path: Path, section: str) -> None:
    block = f"{START}\n{section}{END}\n"
    text = path.read_text() if path.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", default="../shared/datasets")
    p.add_argument("--texts", type=int, default=2000)
    p.add_argument("--singles", type=int, default=1000)
    p.add_argument("--batch", type=int, default=256, help="texts per score() call in the batched run")
    p.add_argument("--out", default="docs/benchmarks-moderation.md")
    p.add_argument("--merge", help="also write the section into this file between the moderation markers")
    p.add_argument("--history", default=BENCH_HISTORY, help="the latest run per CPU (committed)")
    p.add_argument("--targets", help="rewrite the speed rows of this file's targets table (docs/moderation.md)")
    p.add_argument("--worker", choices=["kindling", "profanity"], help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    texts = corpus(Path(args.data), args.texts)
    if args.worker:
        fn = worker_kindling if args.worker == "kindling" else worker_profanity
        print(json.dumps(fn(texts, args.singles, args.batch)))
        return
    from kindling_ml.moderator import default_model_dir  # here, not at the top: workers time their own imports

    res: dict[str, Any] = {"machine": machine(), "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                           "command": "make bench-moderation",
                           "model_sha256": hashlib.sha256((default_model_dir() / "model.onnx").read_bytes()).hexdigest()}
    for name in ("kindling", "profanity"):
        cmd = [sys.executable, "-m", "training.bench", "--worker", name, "--data", args.data, "--texts",
               str(args.texts), "--singles", str(args.singles), "--batch", str(args.batch)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        res[name] = json.loads(proc.stdout.strip().splitlines()[-1])
        print(name, res[name], flush=True)
    if Path(args.data).is_dir():
        res["quality"] = quality(Path(args.data))
    md = render(res) + render_history(history_update(Path(args.history), res))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(md)
    Path("training/out").mkdir(parents=True, exist_ok=True)
    Path("training/out/bench.json").write_text(json.dumps(res, indent=2))
    if args.merge:
        merge(Path(args.merge), md)
    if args.targets:
        fill_speed_targets(Path(args.targets), Path(args.history))
    print(md)


if __name__ == "__main__":
    main()
