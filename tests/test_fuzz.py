"""Contract fuzzing: schemathesis, driven by the served /openapi.json, against gunicorn on loopback.

Positive and negative cases, a bounded number per operation (FUZZ_EXAMPLES, 50 unless the
SUMMARIZER_FUZZ_EXAMPLES environment variable says otherwise), with these checks:

* not_a_server_error: no 5xx, ever;
* response_schema_conformance, status_code_conformance, content_type_conformance and
  response_headers_conformance: every answer is one the spec documents, in the documented shape;
* negative_data_rejection: a request the spec calls invalid is refused with a 4xx.

Two documented exceptions, because the contract says more than JSON Schema can:
positive_data_acceptance is not run (the spec cannot say "at most one of sentences, max_words,
max_chars and ratio", nor "query parameters only with a text/plain body"), and
negative_data_rejection is not applied to the batch endpoint, whose point is to answer 200 with a
problem per bad document rather than to reject the whole request.
"""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.docs import SPEC_PATH

from .live import REPORT, TEST_OUTPUT, gunicorn

pytestmark = pytest.mark.server
FUZZ_EXAMPLES = int(os.environ.get("SUMMARIZER_FUZZ_EXAMPLES", "50"))
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    negative_data_rejection,
]
_tally: Counter[str] = Counter()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with gunicorn(tmp_path_factory.mktemp("fuzz")) as (base, log):
        yield base, log
    report = {"examples": sum(_tally.values()), "per_operation": dict(sorted(_tally.items()))}
    TEST_OUTPUT.mkdir(exist_ok=True)
    path = TEST_OUTPUT / "schemathesis.json"
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    REPORT.append(f"schemathesis: {report['examples']} examples against gunicorn; per operation in {path}")


#: The operations and generation modes, read from the committed spec for the test ids (the test
#: itself runs what /openapi.json serves). Negative cases only where a request has something to
#: make invalid: a body or parameters.
CASES = [
    (path, method.upper(), mode)
    for path, operations in yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))["paths"].items()
    for method, operation in operations.items()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or "requestBody" in operation or operation.get("parameters")
]


@pytest.fixture(scope="module")
def api_schema(served):
    base, _ = served
    schema = schemathesis.openapi.from_url(base + "/openapi.json")
    # A body over the limit (413), or a request line over gunicorn's 8190 bytes (414, a long title
    # in the query string, refused before the app sees it) is a rejection too; the spec documents both.
    rejection = schema.config.checks.negative_data_rejection
    rejection.expected_statuses = [*rejection.expected_statuses, "413", "414"]
    return schema


# schemathesis' own pytest integration for a schema served by a fixture (from_fixture) needs a
# pytest internal that pytest 9 removed, so each operation's Hypothesis strategy is run directly.
@pytest.mark.parametrize(("path", "method", "mode"), CASES, ids=[f"{m} {p} {g.value}" for p, m, g in CASES])
def test_the_served_spec_holds_under_fuzzing(api_schema, served, path, method, mode):
    base, log = served
    operation = api_schema[path][method]
    excluded = [negative_data_rejection] if path == "/v1/summarize/batch" else []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        _tally[f"{method} {path} {mode.value}"] += 1
        case.call_and_validate(checks=CHECKS, excluded_checks=excluded, timeout=30)

    run()
    assert "Traceback" not in log.read_text(errors="replace")
