"""The `kindling` console command: Django's management commands plus `serve` (gunicorn, WSGI) and `worker`."""

from __future__ import annotations

import argparse
import os
import sys


def _serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kindling serve", description="Serve Kindling with gunicorn (WSGI).")
    parser.add_argument("--host", default=os.environ.get("KINDLING_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("KINDLING_PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("KINDLING_WEB_WORKERS", "0")) or None)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("KINDLING_WEB_THREADS", "4")))
    parser.add_argument("--no-collectstatic", action="store_true", help="skip collecting static files first")
    args = parser.parse_args(argv)

    import django
    from django.core.management import call_command

    django.setup()
    if not args.no_collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
    workers = args.workers or max(2, (os.cpu_count() or 1) + 1)
    from gunicorn.app.wsgiapp import run

    sys.argv = [
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(workers),
        "--threads",
        str(args.threads),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "10",
        "--config",
        "python:config.gunicorn_conf",
    ]
    run()
    return 0


def _worker(argv: list[str]) -> int:
    from config.celery import app

    app.worker_main(["worker", "--loglevel=INFO", *argv])
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if argv and argv[0] == "serve":
        return _serve(argv[1:])
    if argv and argv[0] == "worker":
        return _worker(argv[1:])
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kindling", *argv])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
