"""The committed OpenAPI document: generated from the schemas, valid, and covering the contract."""

from __future__ import annotations

import yaml
from openapi_spec_validator import validate

from service import spec


def test_committed_spec_matches_the_schemas():
    committed = spec.SPEC_PATH.read_text(encoding="utf-8")
    assert committed == spec.render(), "api_spec/openapi.yaml is stale: run `python -m service.spec`"


def test_spec_is_valid_openapi():
    validate(yaml.safe_load(spec.SPEC_PATH.read_text(encoding="utf-8")))


def test_spec_documents_the_contract_fields():
    document = yaml.safe_load(spec.render())
    request = document["components"]["schemas"]["SummaryRequest"]["properties"]
    assert {"text", "title", "language", "algorithm", "sentences", "max_words", "max_chars", "ratio", "keywords", "order"} == set(request)
    response = document["components"]["schemas"]["SummaryResponse"]["properties"]
    assert set(response) == {"summary", "sentences", "keywords", "algorithm", "language", "stats", "warnings"}
    problem = document["components"]["schemas"]["Problem"]["properties"]
    assert {"type", "title", "status", "detail", "errors", "request_id"} == set(problem)
    responses = document["paths"]["/v1/summarize"]["post"]["responses"]
    assert {"200", "400", "405", "406", "413", "415", "422", "500"} <= set(responses)


def test_check_mode_reports_drift(tmp_path, monkeypatch):
    stale = tmp_path / "openapi.yaml"
    stale.write_text("openapi: 3.1.0\n", encoding="utf-8")
    monkeypatch.setattr(spec, "SPEC_PATH", stale)
    assert spec.main(["spec", "--check"]) == 1
    assert spec.main(["spec"]) == 0
    assert spec.main(["spec", "--check"]) == 0
