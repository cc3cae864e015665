"""gunicorn's own refusals as problem+json: the worker mixin's answers, written to a socket and read back."""

from __future__ import annotations

import http.client
import io
import json
import logging

import pytest
from gunicorn.config import Config
from gunicorn.http import errors as refused

from service.gunicorn_errors import ProblemErrors

CALLER = "Zanzibarian" * 50  # what the client sent; never in an answer


class Client:
    """The socket gunicorn hands handle_error: records what is written."""

    def __init__(self, fail: bool = False):
        self.written = b""
        self.fail = fail

    def gettimeout(self) -> float:
        return 10.0

    def setblocking(self, flag: bool) -> None:
        pass

    def sendall(self, data: bytes) -> None:
        if self.fail:
            raise BrokenPipeError()
        self.written += data

    def answer(self) -> tuple[http.client.HTTPResponse, dict]:
        class Wire(io.BytesIO):
            def makefile(self, *args, **kwargs):
                return self

        response = http.client.HTTPResponse(Wire(self.written))
        response.begin()
        return response, json.loads(response.read())


class Worker(ProblemErrors):
    def __init__(self):
        self.cfg = Config()
        self.log = logging.getLogger("test.gunicorn_errors")


class Request:
    def __init__(self, headers):
        self.headers = headers
        self.uri = "/v1/summarize"


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (refused.LimitRequestLine(9000, 8190), 414),
        (refused.LimitRequestHeaders(f"limit request headers fields {CALLER}"), 431),
        (refused.InvalidHeader("CONTENT-TYPE"), 400),
        (refused.InvalidHeader(CALLER), 400),
        (refused.InvalidHeaderName(CALLER), 400),
        (refused.ObsoleteFolding(CALLER), 400),
        (refused.InvalidRequestLine(CALLER), 400),
        (refused.InvalidRequestMethod(CALLER), 400),
        (refused.InvalidHTTPVersion(CALLER), 400),
        (refused.InvalidChunkSize(CALLER.encode()), 400),
        (refused.ChunkMissingTerminator(CALLER.encode()), 400),
        (refused.InvalidChunkExtension(CALLER), 400),
        (refused.ExpectationFailed(CALLER), 417),
        (refused.UnsupportedTransferCoding(CALLER), 501),
        (refused.ForbiddenProxyRequest(CALLER), 403),
        (refused.InvalidProxyLine(CALLER), 400),
        (refused.InvalidSchemeHeaders(), 400),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Exception) else str(v),
)
def test_a_refused_request_gets_a_problem_with_the_services_headers(error, status, caplog):
    client = Client()
    with caplog.at_level(logging.WARNING, "test.gunicorn_errors"):
        Worker().handle_error(None, client, ("10.0.0.1", 5000), error)
    response, problem = client.answer()
    assert response.status == status == problem["status"]
    assert response.getheader("Content-Type") == "application/problem+json"
    assert response.getheader("Connection") == "close"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Cache-Control") == "no-store"
    assert response.getheader("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'"
    assert set(problem) == {"type", "title", "status", "detail", "request_id"}
    assert problem["type"] == "about:blank" and problem["title"] == response.reason and problem["detail"]
    assert problem["request_id"] == response.getheader("X-Request-ID") and len(problem["request_id"]) == 32
    assert "Zanzibarian" not in client.written.decode()
    assert "<html>" not in client.written.decode()
    # gunicorn's warning line, with what the client sent cut short.
    (record,) = caplog.records
    assert record.levelno == logging.WARNING and "10.0.0.1" in record.getMessage() and len(record.getMessage()) < 400


def test_a_refusal_names_the_limit_in_force():
    worker = Worker()
    worker.cfg.set("limit_request_line", 4000)
    client = Client()
    worker.handle_error(None, client, None, refused.LimitRequestLine(5000, 4000))
    assert "4000 bytes" in client.answer()[1]["detail"]


@pytest.mark.parametrize(("given", "echoed"), [("trace-42", True), ("not a token!", False), ("x" * 129, False)])
def test_a_plain_request_id_is_echoed(given, echoed):
    client = Client()
    Worker().handle_error(Request([("HOST", "x"), ("X-REQUEST-ID", given)]), client, None, refused.InvalidHeader("CONTENT-LENGTH"))
    assert (client.answer()[1]["request_id"] == given) is echoed


@pytest.mark.parametrize(
    "error",
    [RuntimeError("boom /etc/passwd"), SystemExit(1), refused.InvalidResponseHeader("X-Bad"), refused.ConfigurationProblem("secret")],
    ids=lambda e: type(e).__name__,
)
def test_anything_else_is_a_logged_500_without_internals(error, caplog):
    client = Client()
    with caplog.at_level(logging.ERROR, "test.gunicorn_errors"):
        Worker().handle_error(Request([]), client, None, error)
    response, problem = client.answer()
    assert response.status == 500 and problem["title"] == "Internal Server Error"
    assert "passwd" not in client.written.decode() and "secret" not in client.written.decode()
    # The whole problem is fixed text: nothing of the exception's message, class or source path.
    assert problem == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "The server failed to handle the request; it has been logged under this request id.",
        "request_id": response.getheader("X-Request-ID"),
    }
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)


def test_a_client_gone_before_its_answer_is_no_error():
    Worker().handle_error(None, Client(fail=True), None, refused.InvalidRequestLine("x"))
