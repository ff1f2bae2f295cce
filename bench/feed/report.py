"""Write the For You benchmark results (bench/feed/results.json) into docs/benchmarks.md.

Only the block between `<!-- feed:start -->` and `<!-- feed:end -->` is rewritten; other sections of the
file belong to other benchmarks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START, END = "<!-- feed:start -->", "<!-- feed:end -->"


def _ms(v: float) -> str:
    return f"{v:.1f}"


def render(data: dict) -> str:
    meta, runs = data["meta"], data["runs"]
    lines = [
        "## Feeds: For You and Following",
        "",
        f"Measured with `make bench-feed` (`{meta['command']}`) on {meta['when']}: {meta['cpu']}, "
        f"{meta['cores']} cores, Python {meta['python']}, PostgreSQL on the same machine, "
        f"`kindling serve` (gunicorn, 3 workers × 4 threads), wrk, {meta['seconds']} s per measurement after a 3 s "
        "warm-up with 16 connections (every worker thread). Each request is a first page of 20 for a different signed-in "
        "viewer (300 viewers, tokens rotated). Latency (p50 / p99) is measured with one client, so it is service "
        f"time without queueing; requests per second with {meta['connections']} concurrent clients, in the same "
        "server and run as the bare JSON endpoint they are compared with.",
        "",
        "**Cold** (no Redis, so no page cache): every request ranks its page from the database — the worst case, "
        "and what a viewer's first visit costs.",
        "",
        "| Posts | Users | Seed (load + index + vacuum/analyze) | For You p50 / p99 (ms) | For You req/s | Following p50 / p99 (ms) "
        "| Following req/s | Bare /api/health req/s | For You ÷ bare |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        s = r["seed"]
        fy, fo, bare = r["for_you"], r["following"], r["bare"]
        lines.append(
            f"| {r['posts']:,} | {r['users']:,} | {s['load_s']:.1f} + {s['index_s']:.1f} + {s['analyze_s']:.1f} s "
            f"| {_ms(fy['p50_ms'])} / {_ms(fy['p99_ms'])} | {fy['rps']:.0f} | {_ms(fo['p50_ms'])} / {_ms(fo['p99_ms'])} "
            f"| {fo['rps']:.0f} | {bare['rps']:.0f} | {fy['rps'] / bare['rps']:.3f} |"
        )
    cached_runs = [r for r in runs if "for_you_cached" in r]
    if cached_runs:
        lines += [
            "",
            "**With Redis** (the production set-up: `REDIS_URL` set, so each viewer's pages are cached until anything "
            "that could change them happens — kindling/feeds/cache.py). Same server settings and viewers, measured "
            "right after the cold run; the 300 viewers come back within the 30 s cache lifetime, as people reopening "
            "the app do. Hit rate: share of For You responses with `X-Kindling-Cache: hit`.",
            "",
            "| Posts | For You p50 / p99 (ms) | For You req/s | Cache hit rate | Bare /api/health req/s | For You ÷ bare |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        for r in cached_runs:
            fc, bc = r["for_you_cached"], r["bare_cached"]
            lines.append(
                f"| {r['posts']:,} | {_ms(fc['p50_ms'])} / {_ms(fc['p99_ms'])} | {fc['rps']:.0f} "
                f"| {fc.get('cache_hit_rate', 0):.0%} | {bc['rps']:.0f} | {fc['rps'] / bc['rps']:.3f} |"
            )
    loads = [f"{r['posts']:,}: {r['loadavg_before']:.1f} → {r['loadavg_after']:.1f}" for r in runs if "loadavg_before" in r]
    if loads:
        lines += ["", "Machine load average (1 min) before → after each size, other work included: " + "; ".join(loads) + "."]
    keys = ("for_you", "following", "bare", "for_you_cached", "bare_cached")
    errors = sum(r[k]["non_2xx"] + r[k]["socket_errors"] for r in runs for k in keys if k in r)
    lines += ["", f"Non-2xx responses or socket errors across the run: {errors}."]
    big = max(runs, key=lambda r: r["posts"])
    small = min(runs, key=lambda r: r["posts"])
    fy = big["for_you"]
    checks = [
        (f"For You p50 ≤ 25 ms at {big['posts']:,}, cold", fy["p50_ms"] <= 25, f"{fy['p50_ms']:.1f} ms"),
        (f"For You p99 ≤ 100 ms at {big['posts']:,}, cold", fy["p99_ms"] <= 100, f"{fy['p99_ms']:.1f} ms"),
        (
            f"p99 at {big['posts']:,} within 1.5× of p99 at {small['posts']:,}",
            fy["p99_ms"] <= 1.5 * small["for_you"]["p99_ms"],
            f"{fy['p99_ms'] / small['for_you']['p99_ms']:.2f}×",
        ),
        ("For You throughput ≥ 0.4 × bare endpoint, cold", fy["rps"] >= 0.4 * big["bare"]["rps"],
         f"{fy['rps'] / big['bare']['rps']:.3f}"),
    ]
    if "for_you_cached" in big:
        fc, bc = big["for_you_cached"], big["bare_cached"]
        checks.append((
            f"For You throughput ≥ 0.4 × bare endpoint, with Redis at {big['posts']:,}", fc["rps"] >= 0.4 * bc["rps"],
            f"{fc['rps'] / bc['rps']:.3f} at a {fc.get('cache_hit_rate', 0):.0%} hit rate",
        ))
    lines += ["", "Targets:", ""]
    lines += [f"- {name}: **{'met' if ok else 'not met'}** ({value})" for name, ok, value in checks]
    return "\n".join(lines)


def main() -> None:
    results = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "feed" / "results.json"
    doc = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "benchmarks.md"
    block = render(json.loads(results.read_text()))
    notes = ROOT / "bench" / "feed" / "NOTES.md"
    if notes.exists():
        block += "\n\n" + notes.read_text().strip()
    text = doc.read_text() if doc.exists() else "# Benchmarks\n"
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        text = f"{head}{START}\n{block}\n{END}{tail}"
    else:
        text = text.rstrip("\n") + f"\n\n{START}\n{block}\n{END}\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text)
    print(f"wrote the feed section of {doc}")


if __name__ == "__main__":
    main()
