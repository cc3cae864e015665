"""The one error path: every exception becomes an RFC 9457 application/problem+json response."""

from __future__ import annotations

import json
import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException, InternalServerError

from .errors import ServiceError
from .observability import request_id
from .schemas import problem_schema

PROBLEM_MIMETYPE = "application/problem+json"
log = logging.getLogger("service.problems")


def problem_response(status: int, title: str, detail: str, errors: dict | None = None, response: Response | None = None) -> Response:
    """A problem+json response; ``response`` (e.g. Werkzeug's own) keeps its headers, such as Allow."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "request_id": request_id()}
    if errors:
        body["errors"] = errors
    payload = json.dumps(problem_schema.dump(body), ensure_ascii=False)
    response = response or Response()
    response.set_data(payload)
    response.status_code = status
    response.mimetype = PROBLEM_MIMETYPE
    return response


def _service_error(error: ServiceError) -> Response:
    return problem_response(error.status, error.title, error.detail, error.errors)


def _http_error(error: HTTPException) -> Response:
    if error.code is None or error.code >= 500:
        return _unexpected(error)
    # Werkzeug's own response carries the headers that belong to the error (Allow on 405).
    return problem_response(error.code, error.name, error.description or error.name, response=error.get_response())


def _unexpected(error: Exception) -> Response:
    # The traceback goes to the log, keyed by request id; the caller gets no internals.
    log.error("unhandled error", exc_info=error, extra={"request_id": request_id()})
    generic = InternalServerError()
    return problem_response(500, generic.name, "The server failed to handle the request; it has been logged under this request id.")


def register(app: Flask) -> None:
    """Install the handlers on ``app``."""
    app.register_error_handler(ServiceError, _service_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
