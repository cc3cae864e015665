"""The OpenAPI document, generated from the schemas; ``python -m service.spec`` writes api_spec/openapi.yaml."""

from __future__ import annotations

import sys
from pathlib import Path

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from . import schemas
from .settings import Settings

SPEC_PATH = Path(__file__).resolve().parent.parent / "api_spec" / "openapi.yaml"
PROBLEM = "application/problem+json"

_PROBLEMS = {
    "400": "Malformed JSON, or a body that does not decode.",
    "404": "No such endpoint.",
    "405": "Method not allowed; the Allow header lists the allowed ones.",
    "406": "The Accept header allows nothing this endpoint can produce.",
    "413": "The body is larger than the configured limit.",
    "415": "Unsupported Content-Type or charset.",
    "422": "The body fails validation; `errors` names each bad field.",
    "500": "Unexpected failure; no internals are disclosed.",
}

_EXAMPLE_TEXT = (
    "US President Donald Trump has announced plans to discuss the Ukraine conflict with Russian "
    "President Vladimir Putin in a phone call on Monday. Mr. Trump had extended an invitation to meet "
    "in Turkey. However, the Russian leader declined the offer."
)


def _problem(description: str) -> dict:
    return {"description": description, "content": {PROBLEM: {"schema": "Problem"}}}


def build_spec() -> APISpec:
    """Build the spec from the marshmallow schemas and the endpoint table below."""
    defaults = Settings()
    plugin = MarshmallowPlugin()
    spec = APISpec(
        title="Extractive Summarization API",
        version="1.0.0",
        openapi_version="3.1.0",
        plugins=[plugin],
        info={
            "description": (
                "Summaries made of the article's own sentences, never longer than the bound asked for, "
                "with ranked key sentences located in the text, headline keywords, stats and warnings. "
                "Every error is application/problem+json (RFC 9457)."
            )
        },
    )
    spec.components.schema("SummaryRequest", schema=schemas.SummaryRequestSchema)
    spec.components.schema("SummaryResponse", schema=schemas.SummaryResponseSchema)
    spec.components.schema("Problem", schema=schemas.ProblemSchema)
    spec.components.schema("Health", schema=schemas.HealthSchema)

    query_parameters = plugin.converter.schema2parameters(schemas.SummaryQuerySchema(exclude=("text",)), location="query")
    problems = {code: _problem(text) for code, text in _PROBLEMS.items() if code != "404"}
    spec.path(
        path="/v1/summarize",
        operations={
            "post": {
                "operationId": "summarize_text",
                "summary": "Summarize an article.",
                "description": (
                    "JSON body, or the article as a text/plain body with the options as query parameters "
                    f"(those are ignored for JSON bodies). Bodies up to {defaults.max_body_bytes} bytes and texts up to "
                    f"{defaults.max_text_length} characters by default. At most one of sentences, max_words, max_chars, ratio."
                ),
                "parameters": query_parameters,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": "SummaryRequest",
                            "example": {"text": _EXAMPLE_TEXT, "sentences": 2, "keywords": 5},
                        },
                        "text/plain": {"schema": {"type": "string"}, "example": _EXAMPLE_TEXT},
                    },
                },
                "responses": {
                    "200": {
                        "description": "The summary. With `Accept: text/plain`, the summary alone, one sentence per line.",
                        "content": {
                            "application/json": {"schema": "SummaryResponse"},
                            "text/plain": {"schema": {"type": "string"}},
                        },
                    },
                    **problems,
                },
            }
        },
    )
    for path, operation_id, summary, ok in (
        ("/healthz", "get_health", "Liveness: the process answers.", "ok"),
        ("/readyz", "get_readiness", "Readiness: models are loaded.", "ready"),
    ):
        responses = {"200": {"description": "Up.", "content": {"application/json": {"schema": "Health", "example": {"status": ok}}}}}
        if path == "/readyz":
            responses["503"] = {"description": "Still loading.", "content": {"application/json": {"schema": "Health"}}}
        spec.path(path=path, operations={"get": {"operationId": operation_id, "summary": summary, "responses": responses}})
    return spec


def render() -> str:
    """The spec as YAML, exactly as committed."""
    return build_spec().to_yaml()


def main(argv: list[str]) -> int:
    if argv[1:] == ["--check"]:
        if SPEC_PATH.read_text(encoding="utf-8") != render():
            print(f"{SPEC_PATH} is out of date: run python -m service.spec", file=sys.stderr)
            return 1
        return 0
    SPEC_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SPEC_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
