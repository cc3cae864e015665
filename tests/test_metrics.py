"""Prometheus metrics at /metrics: by endpoint, status and algorithm, in one process and across gunicorn workers."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from .live import gunicorn


def samples(text: str, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    """Every sample of metric ``name``: labels -> value."""
    found = {}
    for line in text.splitlines():
        if line.startswith(name + "{"):
            labels, value = line[len(name) + 1 :].rsplit("} ", 1)
            pairs = tuple(sorted(tuple(item.split("=", 1)) for item in labels.split('",') if item))
            found[tuple((k, v.strip('"')) for k, v in pairs)] = float(value)
    return found


def count(text: str, **labels: str) -> float:
    return sum(
        value
        for key, value in samples(text, "summarizer_requests_total").items()
        if all(dict(key).get(k) == v for k, v in labels.items())
    )


def test_metrics_count_requests_by_endpoint_status_and_algorithm(client):
    before = client.get("/metrics").get_data(as_text=True)
    client.post("/v1/summarize", json={"text": "The council met. It voted.", "algorithm": "lsa"})
    client.post("/v1/summarize", json={"text": "The council met.", "sentences": 0})
    client.get("/nowhere/at/all")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    after = response.get_data(as_text=True)
    for labels in (
        {"endpoint": "/v1/summarize", "status": "200", "algorithm": "lsa", "method": "POST"},
        {"endpoint": "/v1/summarize", "status": "422", "algorithm": "none"},
        {"endpoint": "other", "status": "404"},
    ):
        assert count(after, **labels) - count(before, **labels) == 1, labels
    assert "summarizer_request_duration_seconds_bucket{" in after
    assert 'le="60.0"' in after
    assert "summarizer_requests_in_progress" in after


def test_unmatched_paths_never_become_new_series(client):
    for i in range(5):
        client.get(f"/scan/{i}")
    text = client.get("/metrics").get_data(as_text=True)
    assert "/scan/" not in text


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def _post(url: str, body: dict) -> int:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.server
def test_metrics_add_up_every_worker_under_gunicorn(tmp_path, monkeypatch):
    """Two workers answer; whichever answers /metrics reports both workers' counts, exactly."""
    metrics_dir = tmp_path / "metrics"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))  # for gunicorn, which gets this environment
    with gunicorn(tmp_path, workers="2") as (base, _log):
        sent = 0
        writers: set[str] = set()
        # Until both workers have answered (the second may still be loading its models at first).
        while len(writers) < 2 and sent < 600:
            bodies = [{"text": f"Request {sent + i} arrived. The council met.", "algorithm": "kl"} for i in range(60)]
            with ThreadPoolExecutor(4) as pool:
                statuses = list(pool.map(lambda body: _post(base + "/v1/summarize", body), bodies))
            assert statuses == [200] * 60
            sent += 60
            writers = {name for name in os.listdir(metrics_dir) if name.startswith("counter_")}
        assert len(writers) == 2, f"both workers served and wrote their counts: {writers}"
        for _ in range(6):  # ask several times: each worker answers some of them, each with the total
            text = _get(base + "/metrics")
            assert count(text, endpoint="/v1/summarize", status="200", algorithm="kl") == sent


def test_invented_methods_are_one_series_other(client):
    before = client.get("/metrics").get_data(as_text=True)
    for i in range(50):
        assert client.open("/v1/summarize", method=f"X{i}INVENTED").status_code == 405
    after = client.get("/metrics").get_data(as_text=True)
    assert "INVENTED" not in after
    assert count(after, endpoint="/v1/summarize", method="other", status="405") - count(before, endpoint="/v1/summarize", method="other", status="405") == 50
    from service.metrics import METHODS

    assert {dict(k)["method"] for k in samples(after, "summarizer_requests_total")} <= METHODS | {"other"}


@pytest.mark.parametrize(
    ("method", "path", "endpoint"),
    [("GET", "/v1/summarize", "/v1/summarize"), ("DELETE", "/v1/summarize/batch", "/v1/summarize/batch"), ("POST", "/healthz", "/healthz"),
     ("PUT", "/docs/assets/swagger-ui.css", "/docs/assets/<name>")],
)
def test_a_405_is_counted_under_the_route_it_was_sent_to(client, method, path, endpoint):
    before = client.get("/metrics").get_data(as_text=True)
    assert client.open(path, method=method).status_code == 405
    after = client.get("/metrics").get_data(as_text=True)
    assert count(after, endpoint=endpoint, method=method, status="405") - count(before, endpoint=endpoint, method=method, status="405") == 1
    assert count(after, endpoint="other", status="405") == count(before, endpoint="other", status="405")


@pytest.mark.server
def test_counts_never_go_backwards_when_a_worker_is_killed_or_all_are_replaced(tmp_path, monkeypatch):
    """A SIGKILLed worker's counts and those of the workers a SIGHUP replaced are still added up."""
    import signal
    import time

    from .live import master_pid, worker_pids

    metrics_dir = tmp_path / "metrics"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))

    def summaries() -> float:
        return count(_get(base + "/metrics"), endpoint="/v1/summarize", status="200", algorithm="lead")

    def send(n: int) -> None:
        bodies = [{"text": f"Request {i} arrived. The council met.", "algorithm": "lead"} for i in range(n)]
        with ThreadPoolExecutor(4) as pool:
            assert list(pool.map(lambda body: _post(base + "/v1/summarize", body), bodies)) == [200] * n

    def booted(more_than: int) -> list[int]:
        deadline = time.monotonic() + 60
        while len(worker_pids(log)) <= more_than and time.monotonic() < deadline:
            time.sleep(0.2)
        pids = worker_pids(log)
        assert len(pids) > more_than, "no worker booted"
        return pids

    with gunicorn(tmp_path, workers="2") as (base, log):
        sent = 0
        # Until both workers have written counts of their own.
        while len({name for name in os.listdir(metrics_dir) if name.startswith("counter_")}) < 2 and sent < 600:
            send(40)
            sent += 40
        assert summaries() == sent
        # SIGKILL: the worker cannot tidy up; its file stays and is still counted.
        victim = int(next(name for name in sorted(os.listdir(metrics_dir)) if name.startswith("counter_")).split("_")[1].split(".")[0])
        before = len(worker_pids(log))
        os.kill(victim, signal.SIGKILL)
        booted(before)
        assert summaries() == sent
        send(20)
        sent += 20
        assert summaries() == sent
        # SIGHUP: every worker is replaced by a new one; the old ones' counts stay.
        before = len(worker_pids(log))
        os.kill(master_pid(log), signal.SIGHUP)
        booted(before + 1)
        time.sleep(1.0)  # the old workers finish and exit
        assert summaries() == sent
        send(20)
        sent += 20
        assert summaries() == sent
