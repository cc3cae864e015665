"""gunicorn's own error answers, for requests it refuses before the app sees them, as problem+json.

gunicorn parses each request itself and refuses some before the Flask app is called: a request
line over ``limit_request_line`` (414), too many or too large header fields (431), a header that
may appear once given twice (Content-Type, Content-Length, Host), a control character in a header,
an underscore in a header name, a malformed request line, method or chunked body (400), an
``Expect`` other than 100-continue (417), a Transfer-Encoding it does not implement (501). Its
worker answers those through ``handle_error`` with a small text/html page; ProblemErrors, mixed
into the worker class, answers them as problem+json instead, with the same status, the security
headers every answer of the app has and a request id, so that a client meets one error format.
The detail is fixed for each kind of refusal: gunicorn's own message repeats what the client sent.

Such requests never reach the app, so they are not in the JSON access log nor in the metrics;
gunicorn logs a warning line for each, as it does without this mixin.
"""

from __future__ import annotations

import json
import ssl
import uuid
from typing import Any

from gunicorn import util
from gunicorn.http import errors as refused

from .errors import ECHO_LENGTH
from .observability import REQUEST_ID_HEADER, valid_request_id
from .problems import PROBLEM_MIMETYPE
from .schemas import problem_schema
from .security import API_POLICY

#: (exception classes, status, reason phrase, detail), first match wins; the detail may name the
#: limit in force, never what the client sent.
_REFUSALS: tuple[tuple[tuple[type[BaseException], ...], int, str, str], ...] = (
    ((refused.LimitRequestLine,), 414, "URI Too Long", "The request line is longer than {cfg.limit_request_line} bytes."),
    (
        (refused.LimitRequestHeaders,),
        431,
        "Request Header Fields Too Large",
        "More than {cfg.limit_request_fields} header fields, or one longer than {cfg.limit_request_field_size} bytes.",
    ),
    (
        (refused.InvalidHeader,),
        400,
        "Bad Request",
        "A header field is malformed: a control character in its value, a bad Content-Length or Transfer-Encoding, "
        "or a field that may appear once (Host, Content-Type, Content-Length) given twice.",
    ),
    ((refused.InvalidHeaderName,), 400, "Bad Request", "A header field name is not a valid token."),
    ((refused.ObsoleteFolding,), 400, "Bad Request", "A header field is folded over several lines, which HTTP/1.1 no longer allows."),
    ((refused.InvalidRequestLine,), 400, "Bad Request", "The request line is malformed; send 'METHOD /path HTTP/1.1'."),
    ((refused.InvalidRequestMethod,), 400, "Bad Request", "The method is not a valid HTTP method token."),
    ((refused.InvalidHTTPVersion,), 400, "Bad Request", "The HTTP version is not one this server speaks (HTTP/1.0 or HTTP/1.1)."),
    (
        (refused.InvalidChunkSize, refused.ChunkMissingTerminator, refused.InvalidChunkExtension),
        400,
        "Bad Request",
        "The chunked body is malformed.",
    ),
    ((refused.ExpectationFailed,), 417, "Expectation Failed", "The only expectation this server meets is 'Expect: 100-continue'."),
    (
        (refused.UnsupportedTransferCoding,),
        501,
        "Not Implemented",
        "The Transfer-Encoding is not one this server implements; send the body chunked or with a Content-Length.",
    ),
    ((refused.ForbiddenProxyRequest, ssl.SSLError), 403, "Forbidden", "The request is not allowed from this address or connection."),
    (
        (refused.InvalidProxyLine, refused.InvalidSchemeHeaders, refused.InvalidH2CPreface),
        400,
        "Bad Request",
        "The request's proxy or scheme information is malformed.",
    ),
)
_UNEXPECTED = (500, "Internal Server Error", "The server failed to handle the request; it has been logged under this request id.")


def refusal(exc: BaseException, cfg: Any) -> tuple[int, str, str] | None:
    """The status, title and detail gunicorn's refusal of a request becomes; None when it is no refusal (a failure: 500)."""
    if isinstance(exc, (refused.InvalidResponseHeader, refused.InvalidResponseHeaderName)):
        return None  # a bad header in the app's answer is the app's fault, like any other failure of it
    for kinds, status, title, detail in _REFUSALS:
        if isinstance(exc, kinds):
            return status, title, detail.format(cfg=cfg)
    return None


def _request_id(req: Any) -> str:
    given = next((value for name, value in getattr(req, "headers", None) or () if name == REQUEST_ID_HEADER.upper()), "")
    return valid_request_id(given)


def problem_answer(status: int, title: str, detail: str, request_id: str) -> bytes:
    """A whole HTTP/1.1 problem+json answer, with the headers every answer of the service has, closing the connection."""
    body = json.dumps(
        problem_schema.dump({"type": "about:blank", "title": title, "status": status, "detail": detail, "request_id": request_id}),
        ensure_ascii=False,
    ).encode()
    head = (
        f"HTTP/1.1 {status} {title}\r\n"
        "Connection: close\r\n"
        f"Content-Type: {PROBLEM_MIMETYPE}\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"{REQUEST_ID_HEADER}: {request_id}\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "Cache-Control: no-store\r\n"
        f"Content-Security-Policy: {API_POLICY}\r\n"
        "\r\n"
    )
    return head.encode("latin-1") + body


class ProblemErrors:
    """Mixin for a gunicorn worker class (before the worker it extends): its own error answers are problem+json."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        addr = addr or ("", -1)  # a unix socket has no address
        if not req and hasattr(exc, "req"):
            req = exc.req  # a header error carries the request it was found in
        refused = refusal(exc, self.cfg)
        if refused is not None:
            # As gunicorn logs it, but cut short: its message repeats what the client sent.
            self.log.warning("Invalid request from ip=%s: %s", addr[0], str(exc)[: ECHO_LENGTH * 4])
            status, title, detail = refused
        else:
            self.log.exception("Error handling request %s", getattr(req, "uri", "(no URI read)"))
            status, title, detail = _UNEXPECTED
        try:
            util.write_nonblock(client, problem_answer(status, title, detail, _request_id(req)))
        except Exception:  # noqa: BLE001 - the client may be gone; nothing is left to tell it
            self.log.debug("Failed to send error message.")
