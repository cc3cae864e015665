"""The service behind gunicorn, over real HTTP on a loopback port."""

from __future__ import annotations

import json
import socket
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


# --- slow and stalled clients: each is held to SUMMARIZER_CLIENT_TIMEOUT (service/worker.py) -------


def _raw(base: str, data: bytes, pause_after: int | None = None, pause: float = 0.0) -> tuple[float, bytes]:
    """Send ``data`` (stopping after ``pause_after`` bytes, for ``pause`` seconds, then nothing more); the answer and when it came."""
    host, port = base.rsplit("/", 1)[1].split(":")
    start = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(data if pause_after is None else data[:pause_after])
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except OSError:
            pass
    return time.monotonic() - start, answer


@pytest.fixture(scope="module")
def impatient(tmp_path_factory):
    # One worker, and a client timeout of 2 s: a stalled client would hold the only worker.
    with gunicorn(tmp_path_factory.mktemp("impatient"), workers="1", client_timeout="2") as (base, log):
        yield base, log


def _pids(log) -> set[str]:
    return {line.rsplit(" ", 1)[1] for line in log.read_text().splitlines() if "Booting worker with pid" in line}


def test_a_stalled_body_gets_408_at_the_deadline_and_frees_the_worker(impatient):
    base, log = impatient
    body = json.dumps({"text": "The council met. It voted."}).encode()
    head = b"POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
    seconds, answer = _raw(base, head + body, pause_after=len(head) + 5)
    assert 1.8 < seconds < 5
    assert answer.startswith(b"HTTP/1.1 408") and b"application/problem+json" in answer
    # The worker was freed, not killed by gunicorn's timeout: the same worker answers at once.
    booted = _pids(log)
    status, _, _ = call(base, "/healthz")
    assert status == 200 and _pids(log) == booted and "WORKER TIMEOUT" not in log.read_text()


@pytest.mark.parametrize("sent", [b"", b"POST /v1/summ"], ids=["connects and sends nothing", "stops in the request line"])
def test_a_client_that_never_finishes_its_headers_is_disconnected_at_the_deadline(impatient, sent):
    base, log = impatient
    seconds, answer = _raw(base, sent)
    assert 1.8 < seconds < 5 and answer == b""
    assert "WORKER TIMEOUT" not in log.read_text() and "Traceback" not in log.read_text()


def test_a_slow_trickle_is_cut_at_the_deadline_however_steady(impatient):
    base, _ = impatient
    host, port = base.rsplit("/", 1)[1].split(":")
    start = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        try:
            for byte in b"POST /v1/summarize HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 100:
                sock.sendall(bytes([byte]))  # one byte every 0.1 s: each read is quick, the whole is not
                time.sleep(0.1)
        except OSError:
            pass
    assert time.monotonic() - start < 5


def test_others_are_served_while_a_client_stalls(server):
    base, _ = server  # two workers: one is held by a stalled client, the other answers
    host, port = base.rsplit("/", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=30) as stalled:
        stalled.sendall(b"POST /v1/summarize HTTP/1.1\r\nHost: x\r\n")
        start = time.monotonic()
        status, _, _ = call(base, "/healthz")
        assert status == 200 and time.monotonic() - start < 2


def test_a_worker_past_its_memory_limit_is_replaced_after_answering(tmp_path):
    # A limit below any worker's size: every request is answered, then its worker is replaced.
    with gunicorn(tmp_path, workers="1", max_worker_memory="1") as (base, log):
        booted = _pids(log)
        statuses = [call(base, "/healthz")[0] for _ in range(3)]
        assert statuses == [200, 200, 200]
        time.sleep(0.5)
        assert len(_pids(log) - booted) >= 2
        assert "SUMMARIZER_MAX_WORKER_MEMORY" in log.read_text()


def test_a_request_gunicorn_refuses_gets_a_problem_and_a_short_warning_in_the_log(server):
    base, log = server
    line = b"GARBAGE" + b"Zanzibarian" * 500  # no spaces: not a request line
    _, answer = _raw(base, line + b"\r\nHost: x\r\nX-Request-ID: refused-1\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ") and b"Content-Type: application/problem+json" in head
    problem = json.loads(body)
    assert problem["status"] == 400 and b"Zanzibarian" not in answer
    time.sleep(0.3)
    warning = next(entry for entry in log.read_text().splitlines() if "Invalid request" in entry and "GARBAGE" in entry)
    assert len(warning) < 400


# --- work that would outlast the worker: each request stops itself at SUMMARIZER_REQUEST_BUDGET -------

#: 1 MB of one-letter sentences: several seconds of splitting, far past a budget of 1 s.
DENSE = ("A. " * 340_000)[:1_000_000]


@pytest.fixture(scope="module")
def hurried(tmp_path_factory):
    # One worker, killed by gunicorn after 6 s of silence; each request may take 1 s.
    with gunicorn(tmp_path_factory.mktemp("hurried"), workers="1", timeout="6", client_timeout="2", request_budget="1") as (base, log):
        yield base, log


def test_a_text_too_slow_for_the_budget_gets_503_and_the_worker_lives_on(hurried):
    base, log = hurried
    booted = _pids(log)
    body = json.dumps({"text": DENSE, "algorithm": "text-rank"}).encode()
    status, headers, payload = call(base, "/v1/summarize", body, {"Content-Type": "application/json"})
    assert status == 503 and headers["Content-Type"] == "application/problem+json"
    assert headers["Retry-After"].isdigit()
    problem = json.loads(payload)
    assert problem["status"] == 503 and "ran out of time" in problem["detail"] and "A. A." not in payload.decode()
    # Answered by the worker that took it, which serves the next request: nobody was killed.
    assert call(base, "/healthz")[0] == 200
    assert _pids(log) == booted and "WORKER TIMEOUT" not in log.read_text() and "Traceback" not in log.read_text()


def test_a_batch_past_its_budget_returns_what_it_did_and_503_for_the_rest(hurried):
    base, log = hurried
    booted = _pids(log)
    documents = [{"text": DENSE[:150_000]} for _ in range(10)]  # each some tenths of a second at least
    body = json.dumps({"algorithm": "text-rank", "documents": documents}).encode()
    status, headers, payload = call(base, "/v1/summarize/batch", body, {"Content-Type": "application/json"})
    assert status == 200 and headers["Retry-After"].isdigit()
    results = json.loads(payload)["results"]
    assert [r["id"] for r in results] == [str(i) for i in range(10)]
    statuses = [r["status"] for r in results]
    done = statuses.count(200)
    assert statuses == [200] * done + [503] * (10 - done) and done < 10
    assert all(r["problem"]["detail"].startswith("Not summarized: the batch ran out of time") for r in results[done:])
    assert call(base, "/healthz")[0] == 200
    assert _pids(log) == booted and "WORKER TIMEOUT" not in log.read_text()
