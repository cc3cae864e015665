"""Prometheus metrics: requests, latency and requests in progress, by endpoint, status and algorithm, at GET /metrics.

Under gunicorn every worker is its own process, so each keeps its counts in files under
``PROMETHEUS_MULTIPROC_DIR`` (prometheus_client's multiprocess mode; gunicorn.conf.py makes and
empties that directory before the workers start, and drops a dead worker's in-progress gauge).
Whichever worker answers GET /metrics adds up every worker's files, the dead ones' too, so the
counts stay right across several workers, restarts and SIGKILLs. Without that variable (the
test client, one process) the counts live in this process.

Labels are bounded: ``endpoint`` is the route's rule (``other`` when no route matched, so that
scanners' URLs never become series; a 405 is its route's), ``method`` one of HTTP's own methods
or ``other`` (a client may send any token as a method), ``algorithm`` is set only once a request's
options validated. Updating them costs a few dictionary and mmap writes per request.
"""

from __future__ import annotations

import os

from flask import Blueprint, Flask, Response, current_app, g, request
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess
from werkzeug.exceptions import HTTPException, MethodNotAllowed

MULTIPROCESS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
#: Seconds: from a health check (well under 5 ms) to the largest text (seconds) and the worker timeout.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

#: The registry the metrics live in when there is a single process.
REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "summarizer_requests",
    "HTTP requests answered, by endpoint, method, status and algorithm.",
    ("endpoint", "method", "status", "algorithm"),
    registry=REGISTRY,
)
LATENCY = Histogram(
    "summarizer_request_duration_seconds",
    "Time from the request's start to its answer, by endpoint, status and algorithm.",
    ("endpoint", "status", "algorithm"),
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
IN_PROGRESS = Gauge(
    "summarizer_requests_in_progress",
    "Requests being handled now, across the live workers.",
    registry=REGISTRY,
    multiprocess_mode="livesum",
)

metrics = Blueprint("metrics", __name__)


#: The methods of RFC 9110 and PATCH (RFC 5789); any other is counted as ``other``.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"})


def endpoint_label() -> str:
    """The matched route's rule; for a 405 the rule of the route the path matched; else ``other``."""
    rule = request.url_rule
    if rule is not None:
        return rule.rule
    refused = request.routing_exception
    if isinstance(refused, MethodNotAllowed) and refused.valid_methods:
        # Routing stopped at the method: the path is a route's, found again with a method it takes.
        try:
            rule, _ = current_app.create_url_adapter(request).match(method=refused.valid_methods[0], return_rule=True)
        except HTTPException:
            return "other"
        return rule.rule
    return "other"


def method_label() -> str:
    """The request's method if HTTP defines it, else ``other``."""
    return request.method if request.method in METHODS else "other"


def record(status: int, seconds: float) -> None:
    """Count one answered request (called once per request, by the access log hook)."""
    endpoint = endpoint_label()
    algorithm = g.get("algorithm") or "none"
    code = str(status)
    REQUESTS.labels(endpoint, method_label(), code, algorithm).inc()
    LATENCY.labels(endpoint, code, algorithm).observe(seconds)


def started() -> None:
    IN_PROGRESS.inc()
    g.in_progress = True


def finished(_error: BaseException | None = None) -> None:
    if g.pop("in_progress", False):
        IN_PROGRESS.dec()


def _registry() -> CollectorRegistry:
    if os.environ.get(MULTIPROCESS_DIR_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


@metrics.get("/metrics")
def get_metrics():
    """Prometheus metrics of every worker: requests, latency and requests in progress."""
    return Response(generate_latest(_registry()), content_type=CONTENT_TYPE)


def register(app: Flask) -> None:
    """Add GET /metrics and the in-progress hooks to ``app``."""
    app.before_request(started)
    app.teardown_request(finished)
    app.register_blueprint(metrics)
