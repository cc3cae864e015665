"""The short form of scripts/load_faults.py: load, worker memory, SIGKILL, SIGHUP and SIGTERM against gunicorn on loopback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .live import REPO, REPORT, TEST_OUTPUT

pytestmark = pytest.mark.server


def test_load_and_faults_short_run():
    report = TEST_OUTPUT / "load_faults.json"
    result = subprocess.run(
        [sys.executable, "scripts/load_faults.py", "--short", "--report", str(report)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    figures = json.loads(report.read_text(encoding="utf-8"))
    assert all(figures["rules"].values())
    load = figures["load"]
    REPORT.append(
        f"load_faults --short: {load['sent']} requests, {load['failed']} failed; SIGKILL {figures['sigkill']['failed']} failed "
        f"of {figures['sigkill']['sent']}; SIGHUP {figures['sighup']['failed']} of {figures['sighup']['sent']}; "
        f"SIGTERM exit after {figures['sigterm']['exited_after_s']} s; figures in {report}"
    )
