"""The coherent option over HTTP: its default per algorithm, and what a JSON body and a query string may say."""

from __future__ import annotations

import json

import pytest

# The lead's first sentence opens a quotation of two: plain selection shows half of it.
TEXT = "“We will win. We are strong,” the coach said on Monday.\n\nRain fell on the stadium all day long."
HALF = "“We will win."
OTHER = "Rain fell on the stadium all day long."


def summary(client, **options) -> str:
    response = client.post("/v1/summarize", data=json.dumps({"text": TEXT, "sentences": 1, "language": "english", **options}), headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["summary"]


def test_lead_is_plain_unless_the_request_asks_for_coherence(client):
    assert summary(client, algorithm="lead") == HALF
    assert summary(client, algorithm="lead", coherent=None) == HALF
    assert summary(client, algorithm="lead", coherent=True) == OTHER


def test_the_default_algorithm_is_coherent_unless_the_request_says_otherwise(client):
    assert summary(client) != HALF
    assert summary(client, coherent=False) in (HALF, OTHER, "We are strong,” the coach said on Monday.")
    assert summary(client, algorithm="pyramid", coherent=True) == summary(client)


@pytest.mark.parametrize("value", ["true", "false", 1, 0, "yes", [], {}])
def test_a_json_body_takes_only_a_boolean_or_null(client, value):
    response = client.post(
        "/v1/summarize", data=json.dumps({"text": TEXT, "coherent": value}), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["coherent"]


@pytest.mark.parametrize(("value", "expected"), [("true", OTHER), ("false", HALF)])
def test_a_query_string_takes_true_or_false(client, value, expected):
    response = client.post(
        f"/v1/summarize?algorithm=lead&sentences=1&language=english&coherent={value}",
        data=TEXT.encode(),
        headers={"Content-Type": "text/plain", "Accept": "text/plain"},
    )
    assert response.status_code == 200
    assert response.get_data(as_text=True).strip() == expected


@pytest.mark.parametrize("value", ["yes", "1", "True", ""])
def test_a_query_string_refuses_any_other_word(client, value):
    response = client.post(
        f"/v1/summarize?coherent={value}", data=TEXT.encode(), headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["coherent"]


def test_a_batch_takes_the_option_for_all_its_documents(client):
    body = {"algorithm": "lead", "sentences": 1, "language": "english", "coherent": True, "documents": [{"text": TEXT}, {"text": TEXT}]}
    response = client.post("/v1/summarize/batch", data=json.dumps(body), headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    assert [r["result"]["summary"] for r in response.get_json()["results"]] == [OTHER, OTHER]
