"""`make bench-publish`: POST /api/posts through the moderation gate (real int8 model) on PostgreSQL, at a fixed
arrival rate, against the production server (gunicorn, WSGI). Latency is measured from each request's
scheduled start, so a slow server can't hide queueing (no coordinated omission)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[2]
KINDLING = Path(sys.executable).parent / "kindling"
TEXTS = [
    "Paid for the coffee of the person behind me today #DriveByKindness",
    "Thank you to the bus driver who waited for my grandma #BeKind",
    "Drew this little sunflower for my neighbour, she loved it #CreateKindness",
    "Our class wrote thank-you cards for the school cleaners #SpreadKindness",
    "Anyone know a good recipe for lentil soup?",
    "You are so talented, keep going!",
    "Rainy Monday, but the bakery gave everyone free croissants #SpreadLove",
    "Volunteered at the food bank this morning, such a lovely team",
]


def _free_port() -> int:
    for port in range(23000, 24000):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below the ephemeral range")


def _env(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL"}}
    env.update(
        DATABASE_URL=database_url,
        KINDLING_DATA_DIR=str(data_dir),
        KINDLING_RATELIMIT_POST="off",
        KINDLING_RATELIMIT_SIGNUP="off",
        KINDLING_RATELIMIT_TOKEN="off",
        KINDLING_ML_THREADS="1",
    )
    return env


def _request(port: int, method: str, path: str, body: dict | None = None, token: str | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kindling_bench_publish"))
    parser.add_argument("--rate", type=float, default=50.0, help="posts per second (open loop)")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()

    dbname = args.database_url.rsplit("/", 1)[-1]
    admin_url = args.database_url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
        conn.execute(f'CREATE DATABASE "{dbname}"')
    data_dir = ROOT / "var" / "bench-publish"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = _env(args.database_url, data_dir)
    subprocess.run([str(KINDLING), "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)

    port = _free_port()
    server = subprocess.Popen(
        [str(KINDLING), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
         "--threads", "4"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _request(port, "GET", "/api/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        tokens = []
        for i in tqdm(range(args.users), desc="users", unit="user"):
            name = f"bench{i}"
            _request(port, "POST", "/api/auth/signup",
                     {"username": name, "email": f"{name}@example.org", "password": "bench-password-123", "birth_date": "1990-01-01"})
            _status, body = _request(port, "POST", "/api/auth/tokens", {"username": name, "password": "bench-password-123"})
            tokens.append(json.loads(body)["token"])
        # Warm up every worker's model and connection pool before measuring.
        for i in range(20):
            _request(port, "POST", "/api/posts", {"text": f"warm-up {i}"}, tokens[i % len(tokens)])

        rng = random.Random(7)
        total = int(args.rate * args.seconds)
        latencies: list[float] = []
        statuses: dict[int, int] = {}
        lock = threading.Lock()
        start = time.monotonic() + 0.5

        def fire(i: int) -> None:
            scheduled = start + i / args.rate
            delay = scheduled - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            text = f"{rng.choice(TEXTS)} ({i})"
            try:
                status, _ = _request(port, "POST", "/api/posts", {"text": text}, tokens[i % len(tokens)])
            except OSError:
                status = 0
            elapsed = (time.monotonic() - scheduled) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
                bar.update(1)

        with tqdm(total=total, desc=f"posting at {args.rate:g}/s", unit="post") as bar, ThreadPoolExecutor(64) as pool:
            list(pool.map(fire, range(total)))
        wall = time.monotonic() - start
    finally:
        server.terminate()
        server.wait(timeout=20)

    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    result = {
        "requests": len(latencies), "achieved_rate": round(len(latencies) / wall, 1), "statuses": statuses,
        "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1), "max_ms": round(latencies[-1], 1),
    }
    print(json.dumps(result, indent=2))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown")
    section = (
        "<!-- publish:start -->\n## Publishing through the moderation gate (`make bench-publish`)\n\n"
        f"Command: `make bench-publish` (open loop, {args.rate:g} posts/s for {args.seconds:g} s, {args.users} users, "
        f"PostgreSQL, gunicorn with {args.workers} workers × 4 threads, real int8 model, 1 ONNX thread per process). "
        f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}. "
        f"Measured {time.strftime('%Y-%m-%d')}.\n\n"
        "| requests | achieved rate | p50 | p95 | p99 | max | statuses |\n|---|---|---|---|---|---|---|\n"
        f"| {result['requests']} | {result['achieved_rate']}/s | {result['p50_ms']} ms | {result['p95_ms']} ms | "
        f"{result['p99_ms']} ms | {result['max_ms']} ms | {statuses} |\n\n"
        f"Target: p99 ≤ 60 ms at 50 posts/s — {'met' if result['p99_ms'] <= 60 else 'not met'} in this run.\n"
        "<!-- publish:end -->\n"
    )
    _merge_section(Path(args.out), "publish", section)
    return 0


def _merge_section(path: Path, name: str, section: str) -> None:
    text = path.read_text() if path.exists() else "# Benchmarks\n\nEvery number here comes from the command shown with it.\n"
    begin, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if begin in text and end in text:
        text = text[: text.index(begin)] + section.rstrip("\n") + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


if __name__ == "__main__":
    raise SystemExit(main())
