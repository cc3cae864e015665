"""POST /v1/summarize/batch through the Flask test client: order, shared options, per-document problems, limits."""

from __future__ import annotations

import json

import pytest

from service.settings import Settings

from .test_api import assert_problem

TEXT_A = "The council met on Monday. It approved the budget for buses. Critics said schools need the money more."
TEXT_B = "Heavy rain flooded the old town. Firefighters pumped out forty cellars. The city will build new drains."


def post_batch(client, body, **headers):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post("/v1/summarize/batch", data=data, headers={"Content-Type": "application/json", **headers})


def test_three_documents_one_bad_each_answered_in_order(client):
    response = post_batch(
        client,
        {
            "documents": [
                {"id": "a", "text": TEXT_A, "title": "Budget for buses"},
                {"id": "bad", "text": "   "},
                {"id": "b", "text": TEXT_B},
            ],
            "sentences": 1,
            "keywords": 3,
        },
    )
    assert response.status_code == 200 and response.mimetype == "application/json"
    results = response.get_json()["results"]
    assert [r["id"] for r in results] == ["a", "bad", "b"]
    assert [r["status"] for r in results] == [200, 422, 200]
    for r, text in ((results[0], TEXT_A), (results[2], TEXT_B)):
        assert set(r) == {"id", "status", "result"}
        summary = r["result"]
        assert len(summary["sentences"]) == 1 and len(summary["keywords"]) <= 3
        s = summary["sentences"][0]
        assert text[s["offset"] : s["offset"] + s["length"]] == s["text"] == summary["summary"]
    bad = results[1]
    assert set(bad) == {"id", "status", "problem"}
    assert bad["problem"]["status"] == 422 and "text" in bad["problem"]["errors"]
    assert bad["problem"]["request_id"] == response.headers["X-Request-ID"]


def test_a_result_is_exactly_what_the_single_endpoint_answers(client):
    options = {"max_words": 12, "algorithm": "text-rank", "order": "rank", "keywords": 4}
    single = client.post("/v1/summarize", json={"text": TEXT_A, "title": "Buses", **options}).get_json()
    batch = post_batch(client, {"documents": [{"id": "x", "text": TEXT_A, "title": "Buses"}], **options}).get_json()
    assert batch["results"][0]["result"] == single


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ("just a string", "_schema"),
        (None, "_schema"),
        ({"id": "", "text": TEXT_A}, "id"),
        ({"id": 7, "text": TEXT_A}, "id"),
        ({"id": "x" * 201, "text": TEXT_A}, "id"),
        ({"id": "x"}, "text"),
        ({"id": "x", "text": 5}, "text"),
        ({"id": "x", "text": "x" * 20_001}, "text"),
        ({"id": "x", "text": TEXT_A, "title": 5}, "title"),
        ({"id": "x", "text": TEXT_A, "sentences": 2}, "sentences"),
    ],
)
def test_each_bad_document_gets_its_own_problem_and_the_others_their_summary(client, document, field):
    results = post_batch(client, {"documents": [{"id": "good-1", "text": TEXT_A}, document, {"id": "good-2", "text": TEXT_B}]}).get_json()["results"]
    assert [r["status"] for r in results] == [200, 422, 200]
    assert field in results[1]["problem"]["errors"]
    if isinstance(document, dict):
        expected_id = document["id"] if isinstance(document.get("id"), str) else None
        if expected_id is not None and len(expected_id) > 200:  # an overlong id is echoed cut short, as problems do
            expected_id = expected_id[:64] + "…"
    else:
        expected_id = "1"  # not an object: named by its position
    assert results[1]["id"] == expected_id


def test_a_repeated_id_is_a_problem_for_the_repeat_only(client):
    results = post_batch(client, {"documents": [{"id": "a", "text": TEXT_A}, {"id": "a", "text": TEXT_B}]}).get_json()["results"]
    assert [r["status"] for r in results] == [200, 422]
    assert results[1]["id"] == "a" and "id" in results[1]["problem"]["errors"]
    assert "'a'" in results[1]["problem"]["errors"]["id"][0]  # the problem names the id


def test_documents_without_an_id_are_named_by_their_position(client):
    documents = [{"text": TEXT_A}, {"id": "b", "text": TEXT_B}, {"id": None, "text": "   "}, {"text": TEXT_B, "title": "Rain"}]
    response = post_batch(client, {"documents": documents, "sentences": 1})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [(r["id"], r["status"]) for r in results] == [("0", 200), ("b", 200), ("2", 422), ("3", 200)]
    single = client.post("/v1/summarize", json={"text": TEXT_A, "sentences": 1}).get_json()
    assert results[0]["result"] == single


def test_a_position_is_no_id_given_so_it_repeats_none(client):
    # Only the ids a caller gives must differ: a document named by its position takes nobody's.
    documents = [{"text": TEXT_A}, {"id": "0", "text": TEXT_B}, {"id": "0", "text": TEXT_A}]
    results = post_batch(client, {"documents": documents}).get_json()["results"]
    assert [(r["id"], r["status"]) for r in results] == [("0", 200), ("0", 200), ("0", 422)]


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    from service import budget
    from service.text import deadline

    fake = FakeClock()
    monkeypatch.setattr(budget, "monotonic", fake)
    monkeypatch.setattr(deadline, "monotonic", fake)
    return fake


def test_documents_the_batch_cannot_reach_in_time_get_503_and_those_done_are_returned(client, settings, clock, monkeypatch):
    from service import batch

    real = batch.summarize
    step = settings.request_budget_seconds * 0.6  # the second document starts past the budget

    def slow(options):
        clock.now += step  # each document takes 0.6 of the budget, before its pipeline runs
        return real(options)

    monkeypatch.setattr(batch, "summarize", slow)
    documents = [{"id": name, "text": TEXT_A} for name in ("a", "b", "c", "d")]
    response = post_batch(client, {"documents": documents})
    assert response.status_code == 200
    assert response.headers["Retry-After"].isdigit()
    results = response.get_json()["results"]
    # a: done within the budget; b: its pipeline finds the deadline passed; c, d: never started.
    assert [(r["id"], r["status"]) for r in results] == [("a", 200), ("b", 503), ("c", 503), ("d", 503)]
    assert results[0]["result"]["sentences"]
    for r in results[1:]:
        problem = r["problem"]
        assert problem["status"] == 503 and problem["title"] == "Service Unavailable"
        assert problem["detail"].startswith("Not summarized: the batch ran out of time")
        assert problem["request_id"] == response.headers["X-Request-ID"]


def test_a_batch_within_its_budget_has_no_retry_after(client, clock):
    response = post_batch(client, {"documents": [{"id": "a", "text": TEXT_A}]})
    assert response.status_code == 200 and "Retry-After" not in response.headers


def test_the_budget_is_counted_from_when_the_worker_took_the_request(client, settings, clock):
    from service.budget import ACCEPTED_AT

    # The worker accepted the connection a whole budget ago (the client was slow to send it).
    accepted = clock.now - settings.request_budget_seconds
    response = client.post("/v1/summarize", json={"text": TEXT_A}, environ_base={ACCEPTED_AT: accepted})
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert "ran out of time" in response.get_json()["detail"]
    assert client.post("/v1/summarize", json={"text": TEXT_A}).status_code == 200


def test_a_document_that_cannot_be_written_back_fails_alone(app):
    from service import batch
    from service.text.pipeline import SummaryOptions
    from service.text.select import Bound, BoundKind

    options = SummaryOptions(text="", algorithm="lead", bound=Bound(BoundKind.SENTENCES, 1))
    with app.test_request_context():
        schema = app.config["SCHEMAS"].document
        out_of_time = batch.OutOfTime("unused")
        bad = batch._answer(schema, options, {"id": "s", "text": "Bad \ud800 x. The council met."}, 0, set(), out_of_time)
        good = batch._answer(schema, options, {"id": "g", "text": TEXT_A}, 1, set(), out_of_time)
    assert (bad["id"], bad["status"], good["status"]) == ("s", 400, 200)
    assert "surrogate" in bad["problem"]["detail"]


def test_an_unexpected_failure_in_one_document_is_a_500_for_it_alone(client, monkeypatch):
    from service import batch

    real = batch.summarize

    def fragile(options):
        if "explode" in options.text:
            raise RuntimeError("secret internal detail")
        return real(options)

    monkeypatch.setattr(batch, "summarize", fragile)
    response = post_batch(client, {"documents": [{"id": "a", "text": TEXT_A}, {"id": "b", "text": "Please explode."}]})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["status"] for r in results] == [200, 500]
    assert "secret" not in response.get_data(as_text=True)
    # The whole problem is fixed text: nothing of the exception's message, class or source path.
    problem = results[1]["problem"]
    assert problem == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "The server failed to handle the request; it has been logged under this request id.",
        "request_id": response.headers["X-Request-ID"],
    }


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        (b"{", 400, None),
        (b"[]", 422, "_schema"),
        ({}, 422, "documents"),
        ({"documents": []}, 422, "documents"),
        ({"documents": {"id": "a", "text": TEXT_A}}, 422, "documents"),
        ({"documents": [{"id": "a", "text": TEXT_A}], "sentences": 0}, 422, "sentences"),
        ({"documents": [{"id": "a", "text": TEXT_A}], "language": "klingon"}, 422, "language"),
        ({"documents": [{"id": "a", "text": TEXT_A}], "text": TEXT_A}, 422, "text"),
        ({"documents": [{"id": "a", "text": TEXT_A}], "title": "Shared"}, 422, "title"),
        ({"documents": [{"id": "a", "text": TEXT_A}], "sentences": 2, "ratio": 0.5}, 422, "ratio"),
    ],
)
def test_a_request_bad_as_a_whole_gets_one_problem(client, body, status, field):
    problem = assert_problem(post_batch(client, body), status)
    if field:
        assert field in problem["errors"]


def test_more_documents_than_the_setting_allows_is_422(client, settings):
    documents = [{"id": str(i), "text": TEXT_A} for i in range(settings.max_batch_documents + 1)]
    problem = assert_problem(post_batch(client, {"documents": documents}), 422)
    assert str(settings.max_batch_documents) in problem["errors"]["documents"][0]


def test_the_batch_limit_is_configurable():
    from service import create_app

    client = create_app(Settings(max_batch_documents=2)).test_client()
    documents = [{"id": str(i), "text": TEXT_A} for i in range(3)]
    assert post_batch(client, {"documents": documents[:2]}).status_code == 200
    assert_problem(post_batch(client, {"documents": documents}), 422)


def test_batch_body_limit_is_its_own_with_413():
    from service import create_app

    client = create_app(Settings(max_body_bytes=2_000, max_batch_body_bytes=8_000)).test_client()
    documents = [{"id": str(i), "text": TEXT_A} for i in range(20)]  # about 2.5 kB: over the single limit only
    assert post_batch(client, {"documents": documents}).status_code == 200
    assert_problem(client.post("/v1/summarize", json={"text": " ".join([TEXT_A] * 20)}), 413)
    too_big = [{"id": str(i), "text": TEXT_A} for i in range(80)]
    assert_problem(post_batch(client, {"documents": too_big}), 413)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": "text/plain"}, 415),
        ({"Accept": "text/plain"}, 406),
    ],
)
def test_batch_speaks_json_only(client, headers, status):
    body = json.dumps({"documents": [{"id": "a", "text": TEXT_A}]})
    response = client.post("/v1/summarize/batch", data=body, headers={"Content-Type": "application/json", **headers})
    assert_problem(response, status)


def test_query_options_are_rejected(client):
    response = client.post("/v1/summarize/batch?sentences=2", json={"documents": [{"id": "a", "text": TEXT_A}]})
    assert "sentences" in assert_problem(response, 422)["errors"]


@pytest.mark.parametrize("where", ["text", "title", "id", "an unknown field's name"])
def test_an_unpaired_surrogate_in_one_document_over_http_fails_that_document_alone(client, where):
    bad = {"text": "Bad x. The council met.", "id": "s"}
    if where == "an unknown field's name":
        bad["\ud800"] = 1
    else:
        bad[where] = bad[where].replace("x", "\ud800") if where == "text" else "\ud800"
    body = json.dumps({"documents": [bad, {"id": "g", "text": TEXT_A}], "sentences": 1})  # escapes it as \ud800
    response = post_batch(client, body)
    assert response.status_code == 200
    first, second = response.get_json()["results"]
    assert (first["status"], second["status"]) == (400, 200)
    assert "surrogate" in first["problem"]["detail"]
    assert "\ud800" not in response.get_data(as_text=True)


def test_a_surrogate_outside_the_documents_still_fails_the_whole_batch(client):
    response = post_batch(client, json.dumps({"documents": [{"text": TEXT_A}], "title": "\ud800"}))
    assert_problem(response, 400)


def test_an_entry_repeats_a_valid_id_whole_and_an_overlong_one_cut_short(client):
    long_id = "x" * 100_000
    results = post_batch(client, {"documents": [{"id": "y" * 200, "text": TEXT_A}, {"id": long_id, "text": TEXT_B}]}).get_json()["results"]
    assert results[0]["id"] == "y" * 200 and results[0]["status"] == 200
    assert results[1]["status"] == 422 and results[1]["id"] == "x" * 64 + "…"
