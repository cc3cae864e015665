"""gunicorn.conf.py: the memory guard after each request, the metrics directory's life, and SIGHUP reading the file again."""

from __future__ import annotations

import os
import runpy
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .live import REPO, gunicorn, master_pid, worker_pids

# --- the memory guard (post_request), with the process's sizes faked -----------------------------


class Log:
    def __init__(self):
        self.warnings: list[str] = []

    def warning(self, message, *args):
        self.warnings.append(message % args)


class Worker:
    def __init__(self):
        self.alive = True
        self.log = Log()


@pytest.fixture
def guard(tmp_path, monkeypatch):
    """post_request of gunicorn.conf.py with a 100 MiB limit, and a way to fake the peak and current resident sizes."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))  # so that loading the file makes no directory
    monkeypatch.setenv("SUMMARIZER_MAX_WORKER_MEMORY", "100")
    post_request = runpy.run_path(str(REPO / "gunicorn.conf.py"))["post_request"]
    namespace = post_request.__globals__
    page_mib = os.sysconf("SC_PAGE_SIZE") / 2**20
    reads: list[str] = []

    def sizes(peak_mib: float, current_mib: float | None) -> None:
        class Usage:
            ru_maxrss = int(peak_mib * 1024)  # KiB, as Linux reports it

        monkeypatch.setattr(namespace["resource"], "getrusage", lambda who: Usage)

        def fake_open(path, *args, **kwargs):
            reads.append(path)
            assert current_mib is not None, "the fast path read /proc"
            from io import StringIO

            return StringIO(f"999999 {int(current_mib / page_mib)} 0 0 0 0 0\n")

        monkeypatch.setitem(namespace, "open", fake_open)

    return post_request, sizes, reads


def test_under_the_limit_the_guard_reads_nothing_but_the_peak(guard):
    post_request, sizes, reads = guard
    sizes(peak_mib=99, current_mib=None)  # the peak bounds the current size: nothing more to look at
    worker = Worker()
    post_request(worker, None, None, None)
    assert worker.alive and reads == [] and worker.log.warnings == []


def test_a_peak_over_the_limit_with_the_current_size_under_it_keeps_the_worker(guard):
    post_request, sizes, reads = guard
    sizes(peak_mib=300, current_mib=80)  # one large request once, memory given back since
    worker = Worker()
    post_request(worker, None, None, None)
    assert reads == ["/proc/self/statm"]
    assert worker.alive and worker.log.warnings == []


def test_a_worker_over_the_limit_now_is_replaced_with_a_warning(guard):
    post_request, sizes, _ = guard
    sizes(peak_mib=300, current_mib=150)
    worker = Worker()
    post_request(worker, None, None, None)
    assert not worker.alive
    assert worker.log.warnings == ["Worker using 150 MiB (SUMMARIZER_MAX_WORKER_MEMORY is 100): replacing it."]
    post_request(worker, None, None, None)  # a worker already stopping is not warned about twice
    assert len(worker.log.warnings) == 1


# --- the metrics directory: emptied at start, removed on exit when gunicorn made it ---------------


def _summaries(base: str) -> float:
    from .test_metrics import count

    with urllib.request.urlopen(base + "/metrics", timeout=30) as response:
        return count(response.read().decode(), endpoint="/v1/summarize", status="200")


def _summarize(base: str) -> None:
    request = urllib.request.Request(
        base + "/v1/summarize", data=b'{"text": "The council met. It voted."}', headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


@pytest.mark.server
def test_a_chosen_metrics_directory_is_emptied_at_start_and_kept_empty_on_exit(tmp_path, monkeypatch):
    directory = tmp_path / "metrics"
    directory.mkdir()
    # Counts left by an earlier run: 1,000 summaries that this server never answered.
    stale = (
        "from prometheus_client import Counter\n"
        "Counter('summarizer_requests', '', ('endpoint', 'method', 'status', 'algorithm'))"
        ".labels('/v1/summarize', 'POST', '200', 'lead').inc(1000)\n"
    )
    subprocess.run([sys.executable, "-c", stale], env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(directory)}, check=True)
    assert list(directory.glob("*.db"))
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(directory))
    with gunicorn(tmp_path, workers="1") as (base, _):
        assert _summaries(base) == 0
        _summarize(base)
        assert _summaries(base) == 1
    assert directory.is_dir() and list(directory.glob("*.db")) == []


@pytest.mark.server
def test_the_metrics_directory_gunicorn_makes_is_removed_on_exit(tmp_path, monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))  # where tempfile.mkdtemp makes it
    with gunicorn(tmp_path, workers="1") as (base, _):
        _summarize(base)
        (made,) = temporary.glob("summarizer-metrics-*")
        assert list(made.glob("*.db"))
    assert not made.exists()


# --- SIGHUP: the configuration file is read again --------------------------------------------------


@pytest.mark.server
def test_sighup_reads_the_configuration_file_again(tmp_path):
    config = tmp_path / "gunicorn.conf.py"
    config.write_text((REPO / "gunicorn.conf.py").read_text(encoding="utf-8"), encoding="utf-8")
    with gunicorn(tmp_path, config=str(config), workers="1") as (base, log):
        assert len(worker_pids(log)) == 1
        with config.open("a", encoding="utf-8") as file:
            file.write("\nworkers = 3  # changed while the server runs\n")
        os.kill(master_pid(log), signal.SIGHUP)
        deadline = time.monotonic() + 60
        while len(worker_pids(log)) < 4 and time.monotonic() < deadline:
            time.sleep(0.2)
        # One worker before; three new ones after, as the file now says.
        assert len(worker_pids(log)) == 4
        assert urllib.request.urlopen(base + "/healthz", timeout=30).status == 200
