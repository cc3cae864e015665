"""The service behind gunicorn, over real HTTP on a loopback port."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from .live import gunicorn

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with gunicorn(tmp_path_factory.mktemp("server"), max_body_bytes="100000") as (base, log):
        yield base, log


def call(base, path, data=None, headers=None, method=None):
    request = urllib.request.Request(base + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_json_summary_over_http(server, sample_text):
    base, _ = server
    body = json.dumps({"text": sample_text, "sentences": 3}).encode()
    status, headers, payload = call(base, "/v1/summarize", body, {"Content-Type": "application/json", "X-Request-ID": "it-1"})
    assert status == 200
    assert headers["X-Request-ID"] == "it-1"
    answer = json.loads(payload)
    assert len(answer["sentences"]) == 3
    for s in answer["sentences"]:
        assert sample_text[s["offset"] : s["offset"] + s["length"]] == s["text"]


def test_plain_text_summary_over_http(server, sample_text):
    base, _ = server
    status, headers, payload = call(
        base, "/v1/summarize?max_words=60", sample_text.encode(), {"Content-Type": "text/plain", "Accept": "text/plain"}
    )
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    lines = payload.decode().splitlines()
    assert 1 <= len(lines) and sum(len(line.split()) for line in lines) <= 60


def test_errors_over_http_are_problems(server):
    base, _ = server
    status, headers, payload = call(base, "/v1/summarize", method="GET")
    assert status == 405 and "POST" in headers["Allow"]
    assert headers["Content-Type"] == "application/problem+json"
    status, headers, payload = call(base, "/v1/summarize", b"x" * 200_000, {"Content-Type": "text/plain"})
    assert status == 413
    assert json.loads(payload)["status"] == 413


def test_access_log_has_sizes_and_timings_but_never_the_text(server):
    base, log = server
    marker = "Zanzibarian marmalade conference opened."
    call(base, "/v1/summarize", json.dumps({"text": marker}).encode(), {"Content-Type": "application/json", "X-Request-ID": "log-check"})
    time.sleep(0.3)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    entry = next(e for e in lines if e.get("request_id") == "log-check")
    assert entry["status"] == 200 and entry["input_chars"] == len(marker) and entry["duration_ms"] > 0
    assert "marmalade" not in log.read_text()
