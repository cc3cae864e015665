"""Contract fuzzing: schemathesis, driven by the served /openapi.json, against gunicorn on loopback.

Every check schemathesis has (``--checks all``), with no exception: the spec says exactly what the
service accepts and what it answers. Among them:

* not_a_server_error: no 5xx, ever;
* response_schema_conformance, status_code_conformance, content_type_conformance and
  response_headers_conformance: every answer is one the spec documents, in the documented shape;
* negative_data_rejection: a request the spec calls invalid is refused with a 4xx;
* positive_data_acceptance: a request the spec calls valid is accepted (so the spec states the
  one-bound rule, declares no query parameters beside a JSON body, and lets a batch hold any item,
  since a bad document gets a problem of its own in a 200).

Two runs. Per operation, positive and negative cases from each operation's Hypothesis strategy
(FUZZ_EXAMPLES of each, 50 unless SUMMARIZER_FUZZ_EXAMPLES says otherwise), counted per operation
in test-output/schemathesis.json. And the command a user runs, ``schemathesis run --checks all``,
with all its phases (examples, boundary coverage, fuzzing, stateful links) at CLI_EXAMPLES examples
per operation; its output goes to test-output/schemathesis-cli.txt.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from service.docs import SPEC_PATH

from .live import REPORT, TEST_OUTPUT, gunicorn

pytestmark = pytest.mark.server
FUZZ_EXAMPLES = int(os.environ.get("SUMMARIZER_FUZZ_EXAMPLES", "50"))
CLI_EXAMPLES = 30
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
    schema.config.checks.update(included_check_names=["all"])  # as --checks all: none left out, whatever the defaults
    # A body over the limit (413) is a rejection too; the spec documents it.
    rejection = schema.config.checks.negative_data_rejection
    rejection.expected_statuses = [*rejection.expected_statuses, "413"]
    return schema


# schemathesis' own pytest integration for a schema served by a fixture (from_fixture) needs a
# pytest internal that pytest 9 removed, so each operation's Hypothesis strategy is run directly.
@pytest.mark.parametrize(("path", "method", "mode"), CASES, ids=[f"{m} {p} {g.value}" for p, m, g in CASES])
def test_the_served_spec_holds_under_fuzzing(api_schema, served, path, method, mode):
    base, log = served
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        _tally[f"{method} {path} {mode.value}"] += 1
        case.call_and_validate(timeout=30)  # no checks named: every enabled one, which is all of them

    run()
    assert "Traceback" not in log.read_text(errors="replace")


def test_schemathesis_run_with_every_check_finds_nothing(served):
    base, log = served
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", base + "/openapi.json",
        "--checks", "all", "--max-examples", str(CLI_EXAMPLES), "--workers", "1", "--seed", "1",
        "--output-sanitize", "false", "--no-color",
    ]  # fmt: skip
    TEST_OUTPUT.mkdir(exist_ok=True)
    # Run from test-output/, so that schemathesis' own files (.schemathesis/) land there, git-ignored.
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=TEST_OUTPUT)
    (TEST_OUTPUT / "schemathesis-cli.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "No issues found" in done.stdout
    assert "Traceback" not in log.read_text(errors="replace")
