"""Production configuration and the `kindling` console command."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
KINDLING = Path(sys.executable).parent / "kindling"


def _run(args, tmp_path, **env):
    # DJANGO_ALLOW_ASYNC_UNSAFE is a test-only setting (browser tests) that check --deploy rightly refuses.
    dropped = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "KINDLING_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update({"KINDLING_DATA_DIR": str(tmp_path), **env})
    return subprocess.run([str(KINDLING), *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_settings(tmp_path):
    """`kindling check --deploy` reports no warnings when KINDLING_HTTPS=1 (the production setting)."""
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, KINDLING_HTTPS="1")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_secret_key_is_generated_into_data_dir_once(tmp_path):
    """Without KINDLING_SECRET_KEY a key is generated into the data dir (owner-only) and reused."""
    assert _run(["check"], tmp_path).returncode == 0
    key_file = tmp_path / "secret_key"
    first = key_file.read_text()
    assert len(first) >= 50 and (key_file.stat().st_mode & 0o777) == 0o600
    assert _run(["check"], tmp_path).returncode == 0
    assert key_file.read_text() == first


@pytest.mark.slow
def test_migrate_and_createsuperuser_noinput(tmp_path):
    """`kindling migrate` builds a fresh SQLite database and `createsuperuser --noinput` reads the env."""
    assert _run(["migrate", "--noinput", "-v", "0"], tmp_path).returncode == 0
    result = _run(
        ["createsuperuser", "--noinput"], tmp_path,
        DJANGO_SUPERUSER_USERNAME="boss", DJANGO_SUPERUSER_EMAIL="boss@example.org", DJANGO_SUPERUSER_PASSWORD="pw-long-enough-1",
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "kindling.sqlite3").exists()


def _free_port() -> int:
    # Below the ephemeral range, which other processes on this machine may claim at any moment.
    for port in range(21000, 22000):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


@pytest.mark.slow
@pytest.mark.enable_socket
def test_serve_runs_gunicorn_wsgi(tmp_path):
    """`kindling serve --host 127.0.0.1 --port N` serves the app (gunicorn, WSGI): /api/health answers ok."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "KINDLING_SECRET_KEY"}}
    env["KINDLING_DATA_DIR"] = str(tmp_path)
    proc = subprocess.Popen(
        [str(KINDLING), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        body = b""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as resp:
                    body = resp.read()
                    break
            except OSError:
                time.sleep(0.3)
        assert body == b'{"status": "ok"}', body
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert b"gunicorn" in out.lower() or b"Listening at" in out
