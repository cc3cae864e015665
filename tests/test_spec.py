"""The committed OpenAPI document: generated from the schemas, valid, and covering the contract."""

from __future__ import annotations

import functools
import itertools

import pytest
import yaml
from openapi_spec_validator import validate

from service import schemas, spec


def test_committed_spec_matches_the_schemas():
    committed = spec.SPEC_PATH.read_text(encoding="utf-8")
    assert committed == spec.render(), "api_spec/openapi.yaml is stale: run `python -m service.spec`"


def test_spec_is_valid_openapi():
    validate(yaml.safe_load(spec.SPEC_PATH.read_text(encoding="utf-8")))


def test_spec_documents_the_contract_fields():
    document = yaml.safe_load(spec.render())
    request = document["components"]["schemas"]["SummaryRequest"]["properties"]
    assert {"text", "html", "title", "language", "algorithm", "sentences", "max_words", "max_chars", "ratio", "keywords", "order", "coherent", "offset_unit", "ranking"} == set(request)
    assert request["offset_unit"]["enum"] == ["codepoint", "utf16", "utf8"] and request["ranking"]["enum"] == ["none", "all"]
    response = document["components"]["schemas"]["SummaryResponse"]["properties"]
    assert set(response) == {"summary", "sentences", "keywords", "algorithm", "language", "stats", "warnings", "title", "ranking", "extracted_text"}
    required = document["components"]["schemas"]["SummaryResponse"]["required"]
    assert "ranking" not in required and "extracted_text" not in required and "title" in required  # only when asked for / for html
    assert set(document["paths"]["/v1/summarize"]["post"]["requestBody"]["content"]) == {"application/json", "text/plain", "text/html"}
    ranked = document["components"]["schemas"]["RankedSentence"]
    assert set(ranked["properties"]) == {"index", "offset", "length", "score", "rank"} and ranked["properties"]["rank"]["type"] == ["integer", "null"]
    problem = document["components"]["schemas"]["Problem"]["properties"]
    assert {"type", "title", "status", "detail", "errors", "request_id"} == set(problem)
    responses = document["paths"]["/v1/summarize"]["post"]["responses"]
    assert {"200", "400", "405", "406", "413", "414", "415", "422", "500"} <= set(responses)
    assert "application/problem+json" in responses["414"]["content"]  # the worker writes gunicorn's refusals as problems
    # Every status the service answers: the budget's 503 says when to retry, a refused coding which codings to use.
    assert {"501", "503"} <= set(responses) and "Retry-After" in responses["503"]["headers"]
    assert "Accept-Encoding" in responses["415"]["headers"] and "X-Summary-Warnings" in responses["200"]["headers"]
    batch = document["paths"]["/v1/summarize/batch"]["post"]["responses"]
    assert {"413", "414", "415", "501"} <= set(batch)


def test_check_mode_reports_drift(tmp_path, monkeypatch):
    stale = tmp_path / "openapi.yaml"
    stale.write_text("openapi: 3.1.0\n", encoding="utf-8")
    monkeypatch.setattr(spec, "SPEC_PATH", stale)
    assert spec.main(["spec", "--check"]) == 1
    assert spec.main(["spec"]) == 0
    assert spec.main(["spec", "--check"]) == 0


def test_served_spec_is_the_committed_one(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.get_json() == yaml.safe_load(spec.SPEC_PATH.read_text(encoding="utf-8"))


def test_every_route_of_the_app_is_documented(app):
    document = yaml.safe_load(spec.render())
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.rule.replace("<", "{").replace(">", "}")
        assert path in document["paths"], path
        methods = rule.methods - {"HEAD", "OPTIONS"}
        assert {m.lower() for m in methods} == set(document["paths"][path]), path


def test_every_operation_has_an_example_and_its_problems():
    document = yaml.safe_load(spec.render())
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation["summary"] and operation["operationId"], where
            assert "500" in operation["responses"], where
            for status, response in operation["responses"].items():
                assert "X-Request-ID" in response["headers"], where
                if status.startswith("4") or status == "500":  # 503 from /readyz is a Health answer
                    assert list(response["content"]) == ["application/problem+json"], where
                    assert response["content"]["application/problem+json"]["example"]["status"] == int(status), where
            if path.startswith("/v1/"):
                ok = operation["responses"]["200"]["content"]["application/json"]
                assert ok["example"], where
                if method == "post":
                    assert operation["requestBody"]["content"]["application/json"]["example"], where


def test_the_plain_text_form_and_its_query_options_are_documented_but_not_declared():
    document = yaml.safe_load(spec.render())
    operation = document["paths"]["/v1/summarize"]["post"]
    assert "text/plain" in operation["requestBody"]["content"]
    assert "text/plain" in operation["responses"]["200"]["content"]
    # Declared parameters would be parameters of the JSON request too, which refuses a query string.
    assert "parameters" not in operation
    for name in ("title", "language", "algorithm", "sentences", "max_words", "max_chars", "ratio", "keywords", "order", "offset_unit", "ranking"):
        assert f"\n- `{name}` (" in operation["description"], name


@functools.cache
def _rendered() -> dict:
    return yaml.safe_load(spec.render())


def _validator(document, name):
    from jsonschema import Draft202012Validator

    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": document["components"]})


BOUND_SETS = [
    dict(chosen)
    for n in range(5)
    for chosen in itertools.combinations([("sentences", 2), ("max_words", 20), ("max_chars", 200), ("ratio", 0.5)], n)
]


@pytest.mark.parametrize("bounds", BOUND_SETS, ids=lambda b: "+".join(b) or "none")
def test_the_spec_accepts_exactly_the_bounds_the_schemas_accept(bounds):
    document = _rendered()
    for name, body, schema in (
        ("SummaryRequest", {"text": "The council met.", **bounds}, schemas.SummaryRequestSchema()),
        ("BatchRequest", {"documents": [{"text": "The council met."}], **bounds}, schemas.BatchRequestSchema()),
    ):
        valid_in_spec = _validator(document, name).is_valid(body)
        assert valid_in_spec == (len(bounds) <= 1), name
        assert valid_in_spec == (not schema.validate(body)), name


@pytest.mark.parametrize("item", [{"text": "Fine."}, {"id": "a", "text": "Fine."}, {"id": "x" * 201, "text": "Fine."}, {}, 5, None, "text"])
def test_a_batch_takes_any_item_and_a_document_needs_no_id(item):
    # Any item is accepted (a bad one is answered with a problem in its place), so the spec says so.
    document = _rendered()
    assert _validator(document, "BatchRequest").is_valid({"documents": [item]})
    assert "id" not in document["components"]["schemas"]["BatchDocument"].get("required", [])
    is_document = _validator(document, "BatchDocument").is_valid(item)
    assert is_document == (isinstance(item, dict) and ("text" in item) != ("html" in item) and len(item.get("id", "")) <= 200)
    if isinstance(item, dict):  # and the schema that loads each document agrees
        assert is_document == (not schemas.BatchDocumentSchema().validate(item))


def test_examples_match_their_schemas():
    """Each example validates against the schema it illustrates (a stale example is a broken promise)."""
    from jsonschema import Draft202012Validator

    document = yaml.safe_load(spec.render())
    components = document["components"]["schemas"]

    def check(schema, example, where):
        resolver_root = {"components": {"schemas": components}, **schema}
        Draft202012Validator(resolver_root).validate(example)

    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            bodies = [operation.get("requestBody", {})] + list(operation["responses"].values())
            for body in bodies:
                for media, content in body.get("content", {}).items():
                    if "example" in content:
                        check(content["schema"], content["example"], f"{method} {path} {media}")


def test_batch_and_catalogue_schemas_are_documented():
    document = yaml.safe_load(spec.render())
    schemas = document["components"]["schemas"]
    assert set(schemas["BatchRequest"]["properties"]) == {
        "documents", "language", "algorithm", "sentences", "max_words", "max_chars", "ratio", "keywords", "order", "coherent", "offset_unit", "ranking"
    }
    assert set(schemas["BatchDocument"]["properties"]) == {"id", "text", "html", "title"}
    assert set(schemas["BatchResult"]["properties"]) == {"id", "status", "result", "problem"}
    assert set(schemas["AlgorithmsResponse"]["properties"]) == {"algorithms", "languages", "orders", "defaults", "limits"}


def test_a_text_the_spec_calls_blank_is_exactly_one_the_service_rejects():
    # Every character Python's str.isspace knows (what the service strips), and a few that are not
    # white space: the spec's pattern must match a text exactly when the service accepts it.
    import re

    from service import schemas

    pattern = re.compile(schemas.NOT_BLANK)
    for code in range(0x3001):
        c = chr(code)
        if c.isspace() or c == "\ufeff":
            assert pattern.search(c * 3) is None, hex(code)
    for c in ("a", "\u200b", "\x00", "é", "—"):
        assert pattern.search(c) is not None, repr(c)
