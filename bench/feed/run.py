"""`make bench-feed`: seed each size, serve with the production server, load it with wrk, record results.

For every size: seed PostgreSQL (seed.py), issue API tokens for a sample of viewers, start `kindling serve`
(gunicorn, WSGI) on a local port, warm up, then measure For You and Following (first page of 20, a
different signed-in viewer per request) and the bare JSON endpoint /api/health in the same server.
Then, unless --no-cached, the same For You and bare measurements with Redis configured (the page cache on).
Results go to bench/feed/results.json; report.py turns them into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
WARM_CONNECTIONS = 16
ENDPOINTS = {"for_you": "/api/feeds/for-you", "following": "/api/feeds/following", "bare": "/api/health"}


def _env(url: str, data_dir: str, redis: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DATABASE_URL=url, KINDLING_DATA_DIR=data_dir, DJANGO_SETTINGS_MODULE="config.settings")
    env.pop("KINDLING_TESTING", None)
    if redis:
        env["REDIS_URL"] = redis
    return env


def _tokens(env: dict[str, str], users: int, count: int, path: Path) -> None:
    """API tokens for a random sample of viewers, made through the real service."""
    script = (
        "import django, random, sys; django.setup()\n"
        "from kindling.accounts.models import User\n"
        "from kindling.accounts.services import token_create\n"
        f"rnd = random.Random(11); ids = rnd.sample(range(1, {users} + 1), {count})\n"
        "users = User.objects.in_bulk(ids)\n"
        "print('\\n'.join(token_create(user=users[i]) for i in ids))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    path.write_text(out.stdout)


def _wait_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("server did not come up")


def _wrk(port: int, path: str, tokens: Path | None, seconds: int, conns: int, out: Path) -> dict:
    env = dict(os.environ, WRK_OUT=str(out), WRK_PATH=path)
    if tokens:
        env["WRK_TOKENS"] = str(tokens)
    subprocess.run(
        ["wrk", f"-t{min(2, conns)}", f"-c{conns}", f"-d{seconds}s", "--timeout", "10s", "-s", str(HERE / "wrk.lua"),
         f"http://127.0.0.1:{port}"],
        env=env, check=True, capture_output=True,
    )
    res = json.loads(out.read_text())
    res["rps"] = res["requests"] / (res["duration_us"] / 1e6)
    res["p50_ms"], res["p99_ms"] = res["p50_us"] / 1000, res["p99_us"] / 1000
    return res


def _serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/kindling"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(log, "w"),  # noqa: SIM115
        start_new_session=True,
    )
    try:
        _wait_up(port)
    except Exception:
        _stop(server)
        raise
    return server


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def _measure(port: int, endpoints: dict[str, str], tokens: Path, seconds: int, conns: int, work: Path,
             label: str) -> dict:
    out: dict = {}
    for name, path in endpoints.items():
        tok = tokens if name != "bare" else None
        # Warm-up: pools, caches, imports, with enough connections to reach every worker thread (3 workers × 4
        # threads on 2 cores); a thread's first request pays one-off costs of up to ~0.5 s that are not service time.
        _wrk(port, path, tok, 3, max(conns, WARM_CONNECTIONS), work / "warm.json")
        # Latency with one client (service time, no queueing), throughput with `conns` clients.
        lat = _wrk(port, path, tok, seconds, 1, work / f"{name}-lat.json")
        thr = _wrk(port, path, tok, seconds, conns, work / f"{name}-thr.json")
        out[name] = {**lat, "rps": thr["rps"], "loaded": thr,
                     "non_2xx": lat["non_2xx"] + thr["non_2xx"],
                     "socket_errors": lat["socket_errors"] + thr["socket_errors"]}
        answered = lat["cache_hits"] + lat["cache_misses"] + thr["cache_hits"] + thr["cache_misses"]
        hit_rate = ""
        if answered:
            out[name]["cache_hit_rate"] = (lat["cache_hits"] + thr["cache_hits"]) / answered
            hit_rate = f"  cache hits {out[name]['cache_hit_rate']:.0%}"
        print(f"   {label:6s} {name:10s} p50 {lat['p50_ms']:7.1f} ms  p99 {lat['p99_ms']:7.1f} ms (1 client)  "
              f"{thr['rps']:7.1f} req/s ({conns} clients, p50 {thr['p50_ms']:.1f} ms)  "
              f"non-2xx {out[name]['non_2xx']}{hit_rate}", flush=True)
    return out


def run_size(*, url: str, posts: int, port: int, seconds: int, conns: int, redis: str | None, reuse: dict | None) -> dict:
    if reuse is not None:
        # Measure again on the world already in the database.
        seeded = reuse
        print(f"== {posts:,} posts: reusing the seeded database", flush=True)
    else:
        print(f"== {posts:,} posts: seeding", flush=True)
        seeded = json.loads(
            subprocess.run(
                [sys.executable, str(HERE / "seed.py"), "--url", url, "--posts", str(posts)],
                check=True, stdout=subprocess.PIPE, text=True, cwd=ROOT,
            ).stdout.strip().splitlines()[-1]
        )
        print(f"   seeded in {seeded['total_s']}s", flush=True)
    work = Path(tempfile.mkdtemp(prefix="kindling-bench-"))
    tokens = work / "tokens.txt"
    _tokens(_env(url, str(work / "data"), None), seeded["users"], 300, tokens)
    results: dict = {"posts": posts, "users": seeded["users"], "seed": seeded, "loadavg_before": os.getloadavg()[0]}
    try:
        # Cold: no cache at all, so every request ranks a page from the database (the worst case).
        server = _serve(_env(url, str(work / "data"), None), port, work / "server.log")
        try:
            results.update(_measure(port, ENDPOINTS, tokens, seconds, conns, work, "cold"))
        finally:
            _stop(server)
        if redis:
            # Production set-up: Redis, so each viewer's page is cached until something changes it. The 300
            # viewers come back within the cache lifetime (weights.toml cache_seconds), as people reopening
            # the app do; the hit rate is counted from the responses' X-Kindling-Cache header.
            import redis as redis_client

            redis_client.Redis.from_url(redis).flushdb()
            server = _serve(_env(url, str(work / "data"), redis), port, work / "server-redis.log")
            try:
                cached = _measure(port, {"for_you": ENDPOINTS["for_you"], "bare": ENDPOINTS["bare"]}, tokens,
                                  seconds, conns, work, "cached")
            finally:
                _stop(server)
            results["for_you_cached"], results["bare_cached"] = cached["for_you"], cached["bare"]
        results["loadavg_after"] = os.getloadavg()[0]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="For You / Following benchmark")
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kindling_bench"))
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14",
                        help="after the cold run, serve again with this REDIS_URL (page cache on; the db is flushed)")
    parser.add_argument("--no-cached", action="store_true", help="cold run only")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    parser.add_argument("--reuse", default=None, help="skip seeding; results file of the run that seeded the database")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is required (Debian: apt-get install -y wrk)")
    random.seed(1)
    cpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = next((ln.split(":", 1)[1].strip() for ln in cpu.splitlines() if ln.startswith("Model name")), "?")
    reuse = None
    if args.reuse:
        # The last size of a previous results file is what the database holds now.
        reuse = json.loads(Path(args.reuse).read_text())["runs"][-1]["seed"]
    runs = [
        run_size(url=args.url, posts=int(n), port=args.port, seconds=args.seconds, conns=args.connections,
                 redis=None if args.no_cached else args.redis, reuse=reuse)
        for n in args.sizes.split(",")
    ]
    meta = {
        "cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "seconds": args.seconds,
        "connections": args.connections, "cached_run": not args.no_cached,
        "command": " ".join(sys.argv),
    }
    Path(args.out).write_text(json.dumps({"meta": meta, "runs": runs}, indent=2))
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
