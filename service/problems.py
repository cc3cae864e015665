"""The one error path: every exception becomes an RFC 9457 application/problem+json response."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response
from werkzeug.exceptions import HTTPException, InternalServerError

from .errors import ECHO_FIELDS, ServiceError, echo
from .observability import request_id
from .schemas import problem_schema

PROBLEM_MIMETYPE = "application/problem+json"
log = logging.getLogger("service.problems")


def problem_body(status: int, title: str, detail: str, errors: dict | None = None) -> dict:
    """The problem object itself, as every error response and every failed batch document carry it."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "request_id": request_id()}
    if errors:
        body["errors"] = bounded(errors)
    return problem_schema.dump(body)


def bounded(errors: Mapping[Any, Any]) -> dict[Any, Any]:
    """A field-error map as a problem carries it: every name cut short (``errors.echo``), at most ECHO_FIELDS at each level.

    The names are often the caller's own (unknown fields, query parameters, marshmallow's map of
    them), so a 100,000-character name or ten thousand names must not come back whole. The
    entries kept are the first in sorted order, the same ones InvalidInput's detail names.
    """
    keep = set(sorted(errors, key=str)[:ECHO_FIELDS]) if len(errors) > ECHO_FIELDS else errors
    result: dict[Any, Any] = {}
    for key, messages in errors.items():
        if key not in keep:
            continue
        if isinstance(messages, Mapping):
            messages = bounded(messages)
        name = echo(key) if isinstance(key, str) else key
        if isinstance(result.get(name), list) and isinstance(messages, list):
            # Two long names that start alike share the cut name, and their messages.
            result[name] = result[name] + [m for m in messages if m not in result[name]]
        else:
            result.setdefault(name, messages)
    return result


def problem_response(status: int, title: str, detail: str, errors: dict | None = None, response: Response | None = None) -> Response:
    """A problem+json response; ``response`` (e.g. Werkzeug's own) keeps its headers, such as Allow."""
    payload = json.dumps(problem_body(status, title, detail, errors), ensure_ascii=False)
    response = response or Response()
    response.set_data(payload)
    response.status_code = status
    response.mimetype = PROBLEM_MIMETYPE
    return response


def problem_for(error: Exception) -> dict:
    """The problem object for ``error``: what one failed document of a batch gets instead of a response."""
    if isinstance(error, ServiceError):
        return problem_body(error.status, error.title, error.detail, error.errors)
    _log_unexpected(error)
    return problem_body(500, _GENERIC_500.name, _GENERIC_500_DETAIL)


def _service_error(error: ServiceError) -> Response:
    response = problem_response(error.status, error.title, error.detail, error.errors)
    response.headers.update(error.headers)
    return response


def _http_error(error: HTTPException) -> Response:
    if error.code is None or error.code >= 500:
        return _unexpected(error)
    # Werkzeug's own response carries the headers that belong to the error (Allow on 405).
    return problem_response(error.code, error.name, error.description or error.name, response=error.get_response())


_GENERIC_500 = InternalServerError()
_GENERIC_500_DETAIL = "The server failed to handle the request; it has been logged under this request id."


def _log_unexpected(error: Exception) -> None:
    # The traceback goes to the log, keyed by request id; the caller gets no internals.
    log.error("unhandled error", exc_info=error, extra={"request_id": request_id()})


def _unexpected(error: Exception) -> Response:
    _log_unexpected(error)
    return problem_response(500, _GENERIC_500.name, _GENERIC_500_DETAIL)


def register(app: Flask) -> None:
    """Install the handlers on ``app``."""
    app.register_error_handler(ServiceError, _service_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
