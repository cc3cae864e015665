"""A real gunicorn on a free loopback port, for the tests that need what only a real server shows."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Where tests leave what a person may want to look at (git-ignored).
TEST_OUTPUT = REPO / "test-output"
#: Lines for the end of the test run (conftest's pytest_terminal_summary prints them).
REPORT: list[str] = []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workdir: Path, config: str = "gunicorn.conf.py", **settings: str) -> Iterator[tuple[str, Path]]:
    """Start gunicorn with SUMMARIZER_* ``settings`` (and its ``config`` file); yield its base URL and log file, then stop it."""
    port = free_port()
    env = {
        **os.environ,
        "SUMMARIZER_BIND": f"127.0.0.1:{port}",
        "SUMMARIZER_WORKERS": "2",
        "SUMMARIZER_TIMEOUT": "30",
        **{f"SUMMARIZER_{name.upper()}": value for name, value in settings.items()},
        "HOME": str(workdir),  # gunicorn's control socket lives there
    }
    log = workdir / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", config, "wsgi:app"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not become ready:\n" + log.read_text(errors="replace")[-3000:])
            time.sleep(0.2)
        yield base, log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def master_pid(log: Path) -> int:
    """gunicorn's master process, from its "Starting gunicorn" log line."""
    line = next(line for line in log.read_text(errors="replace").splitlines() if "Starting gunicorn" in line)
    return int(line.split("] [", 1)[1].split("]", 1)[0])


def worker_pids(log: Path) -> list[int]:
    """Every worker gunicorn booted so far, in order."""
    return [int(line.rsplit(" ", 1)[1]) for line in log.read_text(errors="replace").splitlines() if "Booting worker with pid" in line]
