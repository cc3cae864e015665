"""The error path (service/problems.py): an unexpected failure anywhere is a 500 whose body is fixed text, its traceback logged under the caller's request id."""

from __future__ import annotations

import contextlib
import io
import time
import json
import logging

import pytest
from werkzeug.exceptions import BadGateway, InternalServerError

from service.budget import ACCEPTED_AT
from service.observability import JsonFormatter

#: The README's promise, word for word: the caller learns that it failed and under which id, nothing else.
DETAIL = "The server failed to handle the request; it has been logged under this request id."
REQUEST_ID = "trace-500"
JSON = {"Content-Type": "application/json", "X-Request-ID": REQUEST_ID}
PLAIN = {"Content-Type": "text/plain", "Accept": "text/plain", "X-Request-ID": REQUEST_ID}
ARTICLE = "The council met on Monday. It approved the bus budget. Critics wanted schools funded."


class LeakyFailure(RuntimeError):
    """A failure whose name, message and source path must all stay out of the answer."""


def explode(*args, **kwargs):
    raise LeakyFailure("secret internal detail in /srv/service/text/pipeline.py line 42")


def the_generic_problem(status: int = 500) -> dict:
    return {"type": "about:blank", "title": "Internal Server Error", "status": status, "detail": DETAIL, "request_id": REQUEST_ID}


def assert_generic_500(response) -> None:
    """The whole answer is the fixed problem: nothing of the exception, its class or its path."""
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert response.headers["X-Request-ID"] == REQUEST_ID
    assert json.loads(response.get_data(as_text=True)) == the_generic_problem()


@pytest.fixture
def logged():
    """The JSON lines service.problems writes, as the deployed service formats them."""
    with capture_log() as lines:
        yield lines


@contextlib.contextmanager
def capture_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("service.problems")
    logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)


@pytest.mark.parametrize(
    ("target", "headers", "body"),
    [
        ("service.views.summarize", JSON, json.dumps({"text": ARTICLE})),  # the pipeline, a JSON request
        ("service.views.summarize", PLAIN, ARTICLE),  # the pipeline, plain text in and out
        ("service.views.dump_summary", JSON, json.dumps({"text": ARTICLE})),  # writing the answer out
        ("service.views.plain_text", PLAIN, ARTICLE),
        ("service.views.read_text", PLAIN, ARTICLE),  # reading the body
        ("service.views.read_json_object", JSON, json.dumps({"text": ARTICLE})),
    ],
    ids=["pipeline-json", "pipeline-plain", "dump", "plain-answer", "read-text", "read-json"],
)
def test_a_failure_inside_summarize_is_the_fixed_500(client, monkeypatch, target, headers, body):
    monkeypatch.setattr(target, explode)
    assert_generic_500(client.post("/v1/summarize", data=body, headers=headers))


def test_a_failure_writing_a_batch_answer_out_is_the_fixed_500_for_the_whole_request(client, monkeypatch):
    monkeypatch.setattr("service.batch.dump_summary", explode)
    response = client.post("/v1/summarize/batch", data=json.dumps({"documents": [{"text": ARTICLE}]}), headers=JSON)
    assert_generic_500(response)


def test_a_failure_in_one_batch_document_is_the_fixed_problem_for_it_alone(client, monkeypatch, logged):
    from service import batch

    real = batch.summarize
    monkeypatch.setattr(batch, "summarize", lambda options: explode() if "explode" in options.text else real(options))
    body = {"documents": [{"id": "a", "text": ARTICLE}, {"id": "b", "text": "Please explode."}]}
    response = client.post("/v1/summarize/batch", data=json.dumps(body), headers=JSON)
    assert response.status_code == 200
    good, bad = response.get_json()["results"]
    assert good["status"] == 200 and "result" in good
    assert bad == {"id": "b", "status": 500, "problem": the_generic_problem()}
    (line,) = logged()
    assert line["request_id"] == REQUEST_ID and "LeakyFailure: secret internal detail" in line["exception"]


def endpoints(app):
    """Every route of the app, with a method it takes and a path that reaches it."""
    for rule in app.url_map.iter_rules():
        method = "POST" if "POST" in rule.methods else "GET"
        yield rule.endpoint, method, rule.rule.replace("<path:filename>", "x.css").replace("<name>", "x.js")


def test_every_endpoint_that_fails_answers_the_fixed_500(app, monkeypatch):
    client = app.test_client()
    seen = []
    for endpoint, method, path in endpoints(app):
        monkeypatch.setitem(app.view_functions, endpoint, explode)
        headers = JSON if method == "POST" else {"X-Request-ID": REQUEST_ID}
        response = client.open(path, method=method, headers=headers, data=json.dumps({"text": ARTICLE}) if method == "POST" else None)
        assert_generic_500(response)
        seen.append(path)
    # The routes a caller reaches are all among them (a new route is checked without a new case).
    assert {"/v1/summarize", "/v1/summarize/batch", "/v1/algorithms", "/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/"} <= set(seen)


def test_a_failing_hook_before_the_view_is_the_fixed_500(app, monkeypatch):
    monkeypatch.setitem(app.before_request_funcs, None, [*app.before_request_funcs.get(None, []), explode])
    assert_generic_500(app.test_client().get("/healthz", headers={"X-Request-ID": REQUEST_ID}))


@pytest.mark.parametrize("error", [InternalServerError("secret /srv/service/app.py"), BadGateway("secret upstream 10.0.0.7")], ids=["500", "502"])
def test_a_werkzeug_server_error_is_the_fixed_500_whatever_its_description(app, monkeypatch, error):
    def raise_it(*args, **kwargs):
        raise error

    monkeypatch.setitem(app.view_functions, "api.get_health", raise_it)
    with capture_log() as logged:
        assert_generic_500(app.test_client().get("/healthz", headers={"X-Request-ID": REQUEST_ID}))
    (line,) = logged()
    assert line["request_id"] == REQUEST_ID and f"{type(error).__name__}: " in line["exception"]


def test_the_traceback_is_logged_once_under_the_callers_request_id(client, monkeypatch, logged):
    monkeypatch.setattr("service.views.summarize", explode)
    response = client.post("/v1/summarize", data=json.dumps({"text": ARTICLE}), headers=JSON)
    assert response.status_code == 500
    (line,) = logged()
    assert line["level"] == "ERROR" and line["logger"] == "service.problems" and line["message"] == "unhandled error"
    assert line["request_id"] == REQUEST_ID == response.get_json()["request_id"]
    # What the caller was not told is in the log, where the operator looks it up by that id.
    assert line["exception"].startswith("Traceback (most recent call last):")
    assert "in explode" in line["exception"]
    assert line["exception"].endswith("LeakyFailure: secret internal detail in /srv/service/text/pipeline.py line 42")


def test_an_expected_error_logs_no_traceback(client, logged):
    response = client.post("/v1/summarize", data=json.dumps({"text": ARTICLE, "sentences": 0}), headers=JSON)
    assert response.status_code == 422
    assert logged() == []


@pytest.mark.parametrize(
    ("method", "path", "status", "detail"),
    [
        # Werkzeug's description of the error, not its title again: it says what to do.
        ("GET", "/nowhere", 404, "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."),
        ("GET", "/v1/summarize", 405, "The method is not allowed for the requested URL."),
    ],
)
def test_a_routing_error_is_a_problem_with_werkzeugs_description(client, method, path, status, detail):
    response = client.open(path, method=method, headers={"X-Request-ID": REQUEST_ID})
    assert response.status_code == status and response.mimetype == "application/problem+json"
    title = {404: "Not Found", 405: "Method Not Allowed"}[status]
    assert response.get_json() == {"type": "about:blank", "title": title, "status": status, "detail": detail, "request_id": REQUEST_ID}


def test_a_request_past_its_budget_is_a_503_problem_with_retry_after(client, logged):
    # Accepted by the worker long ago: the deadline has passed before the pipeline starts.
    response = client.post(
        "/v1/summarize", data=json.dumps({"text": ARTICLE}), headers=JSON, environ_base={ACCEPTED_AT: time.monotonic() - 3600}
    )
    assert response.status_code == 503 and response.headers["Retry-After"] == "1"
    assert response.get_json() == {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "Not summarized: the request ran out of time. A shorter text may succeed.",
        "request_id": REQUEST_ID,
    }
    assert logged() == []  # an expected outcome, not a failure of the service


def test_a_nested_field_error_map_is_bounded_at_every_level():
    from service.problems import bounded

    inner = {f"field_{i:02}_" + "z" * 100: ["Unknown field."] for i in range(25)}
    out = bounded({"documents": {"0": inner}, "sentences": ["Must be at least 1."]})
    assert out["sentences"] == ["Must be at least 1."]
    kept = out["documents"]["0"]
    assert len(kept) == 20  # at most 20 names at each level, the first in sorted order
    assert sorted(kept) == [(f"field_{i:02}_" + "z" * 100)[:64] + "…" for i in range(20)]  # each cut to 64 characters


def test_the_names_kept_are_the_first_in_sorted_order_whatever_order_they_came_in():
    from service.problems import bounded

    names = [f"field_{i:02}" for i in range(25)]
    out = bounded({name: ["Unknown field."] for name in reversed(names)})  # the names left out come first
    assert sorted(out) == names[:20]


def test_a_map_of_more_than_twenty_index_and_name_keys_is_bounded_by_their_text():
    # marshmallow keys a list's errors by index (an int) beside names; they are sorted as text, as
    # InvalidInput's detail names them, rather than failing to compare an int with a str.
    from service.problems import bounded

    errors = {i: ["Not a valid string."] for i in range(24)} | {"_schema": ["Invalid input."]}
    out = bounded(errors)
    assert len(out) == 20
    assert sorted(out, key=str) == [0, 1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 2, 20, 21, 22, 23, 3, 4, 5]


def test_two_long_names_cut_to_the_same_echo_share_it_with_both_their_messages():
    from service.problems import bounded

    stem = "a" * 64
    out = bounded({stem + "x": ["Unknown field."], stem + "y": ["Unknown field.", "Not a valid string."], "b": ["Missing."]})
    assert out == {stem + "…": ["Unknown field.", "Not a valid string."], "b": ["Missing."]}


def test_a_problem_is_utf8_json_with_the_callers_characters_as_they_are(client):
    # Not \\u escapes: a client reading the raw body (curl, a log) sees the field name it sent.
    response = client.post("/v1/summarize", data=json.dumps({"text": ARTICLE, "résumé": 1}), headers=JSON)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    raw = response.get_data()
    assert "résumé".encode("utf-8") in raw and b"\\u00e9" not in raw


def test_a_405_keeps_werkzeugs_allow_header(client):
    response = client.get("/v1/summarize", headers={"X-Request-ID": REQUEST_ID})
    assert response.status_code == 405 and response.mimetype == "application/problem+json"
    assert sorted(response.headers["Allow"].split(", ")) == ["OPTIONS", "POST"]
