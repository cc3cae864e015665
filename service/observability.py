"""Request ids, logs and metrics: one JSON line and one metrics update per request, with sizes and timings, never the text."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, has_request_context, request

from . import metrics

REQUEST_ID_HEADER = "X-Request-ID"
# A caller's id is echoed only if it is a plain token: no header injection, no log forging.
_VALID_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
access_log = logging.getLogger("service.access")


class JsonFormatter(logging.Formatter):
    """One JSON object per log line; ``extra`` fields become keys."""

    _RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in self._RESERVED})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str) -> None:
    """Send the service's logs, as JSON lines, to stderr (gunicorn collects them)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("service")
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    root.propagate = False


def valid_request_id(given: str) -> str:
    """``given`` (a caller's X-Request-ID) if it is a plain token, else a new id."""
    return given if _VALID_ID.fullmatch(given) else uuid.uuid4().hex


def request_id() -> str | None:
    """The current request's id (the caller's X-Request-ID if valid, else a new one)."""
    if not has_request_context():
        return None
    if "request_id" not in g:
        g.request_id = valid_request_id(request.headers.get(REQUEST_ID_HEADER, ""))
    return g.request_id


def _start() -> None:
    g.started = time.perf_counter()
    request_id()


def _finish(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = request_id()
    elapsed = time.perf_counter() - g.get("started", time.perf_counter())
    metrics.record(response.status_code, elapsed)
    access_log.info(
        "request",
        extra={
            "request_id": request_id(),
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(elapsed * 1000, 2),
            "input_bytes": g.get("input_bytes", request.content_length),
            "input_chars": g.get("input_chars"),
            "algorithm": g.get("algorithm"),
        },
    )
    return response


def register(app: Flask) -> None:
    """Install the request-id and access-log hooks on ``app``."""
    app.before_request(_start)
    app.after_request(_finish)
