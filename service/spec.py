"""The OpenAPI document, generated from the schemas; ``python -m service.spec`` writes api_spec/openapi.yaml (SPEC_PATH)."""

from __future__ import annotations

import sys
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from . import schemas
from .bodies import HTML, JSON, PLAIN
from .docs import ASSETS, SPEC_PATH
from .page import ASSETS as PAGE_ASSETS
from .settings import Settings
from .text.languages import LANGUAGE_CODES
from .text.rank import ALGORITHMS

PROBLEM = "application/problem+json"

_PROBLEMS = {
    "400": ("Bad Request", "Malformed JSON, or a body that does not decode.", "The body is not valid JSON: Expecting value at line 1, column 1."),
    "401": (
        "Unauthorized",
        "No valid API key. Only when the service is run with SUMMARIZER_API_KEYS; the WWW-Authenticate header names the scheme.",
        "This endpoint needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.",
    ),
    "404": ("Not Found", "No such endpoint.", "The requested URL was not found on the server."),
    "405": ("Method Not Allowed", "Method not allowed; the Allow header lists the allowed ones.", "The method is not allowed for the requested URL."),
    "406": ("Not Acceptable", "The Accept header allows nothing this endpoint can produce.", "This endpoint can answer with application/json or text/plain."),
    "408": (
        "Request Timeout",
        "The body did not arrive within the client timeout (SUMMARIZER_CLIENT_TIMEOUT, 10 s by default).",
        "The body did not arrive within the time allowed; send it in one go.",
    ),
    "413": (
        "Content Too Large",
        "The body is larger than the configured limit, as sent or once inflated (Content-Encoding gzip or deflate).",
        "The data value transmitted exceeds the capacity limit.",
    ),
    "414": ("URI Too Long", "The request line (method, path and query string) is longer than 8190 bytes: put long titles in a JSON body.", "The request line is longer than 8190 bytes."),
    "415": (
        "Unsupported Media Type",
        "Unsupported Content-Type, charset or Content-Encoding; for a Content-Encoding, Accept-Encoding names the ones read (gzip, deflate).",
        "Got 'application/xml'; send application/json, text/plain or text/html.",
    ),
    "422": ("Unprocessable Content", "The request fails validation; `errors` names each bad field.", "Invalid value for: sentences."),
    "501": (
        "Not Implemented",
        "The body has a transfer coding the service does not decode (Transfer-Encoding other than chunked).",
        "The body has a transfer coding the service does not decode: 'gzip'. Send it with Content-Encoding instead.",
    ),
    "503": (
        "Service Unavailable",
        "The request ran out of its time budget (SUMMARIZER_REQUEST_BUDGET) before its work was done; the worker lives on. "
        "Retry-After says when to send it again; a shorter text may succeed.",
        "Not summarized: the request ran out of time. A shorter text may succeed.",
    ),
    "500": ("Internal Server Error", "Unexpected failure; no internals are disclosed.", "The server failed to handle the request; it has been logged under this request id."),
}
_REQUEST_ID = "3f2b8c1e9d7a4f6b8e0c2a4d6f8b0e1c"

_EXAMPLE_TITLE = "Trump to call Putin about Ukraine"
_EXAMPLE_TEXT = (
    "US President Donald Trump has announced plans to discuss the Ukraine conflict with Russian "
    "President Vladimir Putin in a phone call on Monday. Mr. Trump had extended an invitation to meet "
    "in Turkey. However, the Russian leader declined the offer."
)
_EXAMPLE_TEXT_2 = (
    "Heavy rain flooded the old town of Ghent on Saturday night. Firefighters pumped water out of "
    "more than forty cellars. The city council will discuss new storm drains next week."
)


def _sentence(text: str, sentence: str, index: int, score: float, rank: int) -> dict:
    return {"text": sentence, "index": index, "offset": text.index(sentence), "length": len(sentence), "score": score, "rank": rank}


def _example_summary(
    text: str, picks: list[tuple[str, int, float, int]], keywords: list[tuple[str, float, int]], text_sentences: int, title: str | None = None
) -> dict:
    """A response example whose spans and word counts are computed from its text, so they are exact."""
    sentences = [_sentence(text, s, i, score, rank) for s, i, score, rank in picks]
    summary = " ".join(s["text"] for s in sentences)
    words = len(summary.split())
    text_words = len(text.split())
    return {
        "summary": summary,
        "sentences": sentences,
        "keywords": [{"text": k, "score": score, "count": count} for k, score, count in keywords],
        "algorithm": "lex-rank",
        "language": "english",
        "stats": {
            "input": {"characters": len(text), "words": text_words, "sentences": text_sentences},
            "summary": {"characters": len(summary), "words": words, "sentences": len(sentences)},
            "compression": round(words / text_words, 4),
        },
        "warnings": [],
        "title": title,
    }


_EXAMPLE_PICKS = [
    ("US President Donald Trump has announced plans to discuss the Ukraine conflict with Russian President Vladimir Putin in a phone call on Monday.", 0, 1.0, 1),
    ("However, the Russian leader declined the offer.", 2, 0.7143, 2),
]
_EXAMPLE_KEYWORDS = [("Trump", 1.0, 3), ("Putin", 0.6667, 2), ("Ukraine", 0.6667, 2), ("Russian", 0.5, 2), ("phone call", 0.3333, 1)]
_EXAMPLE_SUMMARY = _example_summary(_EXAMPLE_TEXT, _EXAMPLE_PICKS, _EXAMPLE_KEYWORDS, 3, _EXAMPLE_TITLE)
_EXAMPLE_SUMMARY_1 = _example_summary(_EXAMPLE_TEXT, _EXAMPLE_PICKS[:1], _EXAMPLE_KEYWORDS[:3], 3, _EXAMPLE_TITLE)
_EXAMPLE_SUMMARY_2 = _example_summary(
    _EXAMPLE_TEXT_2,
    [("Heavy rain flooded the old town of Ghent on Saturday night.", 0, 1.0, 1)],
    [("Ghent", 1.0, 1), ("rain", 0.9, 1), ("cellars", 0.8, 1)],
    3,
)


def _problem_example(status: str, detail: str | None = None, errors: dict | None = None) -> dict:
    title, _, default_detail = _PROBLEMS[status]
    body = {"type": "about:blank", "title": title, "status": int(status), "detail": detail or default_detail}
    if errors:
        body["errors"] = errors
    body["request_id"] = _REQUEST_ID
    return body


_VALIDATION_EXAMPLE = _problem_example("422", errors={"sentences": ["Must be greater than or equal to 1 and less than or equal to 10000."]})


def _problem(status: str, example: dict | None = None) -> dict:
    _, description, _ = _PROBLEMS[status]
    headers = {"X-Request-ID": "X-Request-ID"}
    if status == "405":
        headers["Allow"] = {"description": "The methods the endpoint allows.", "schema": {"type": "string"}}
    if status == "415":
        headers["Accept-Encoding"] = {
            "description": "Only when the Content-Encoding was refused: the codings the service inflates.",
            "schema": {"type": "string", "example": "gzip, deflate"},
        }
    if status == "503":
        headers["Retry-After"] = {"description": "Seconds to wait before sending the request again.", "schema": {"type": "string"}}
    if status == "401":
        headers["WWW-Authenticate"] = {"description": "The scheme to use: Bearer.", "schema": {"type": "string"}}
    return {
        "description": description,
        "headers": headers,
        "content": {PROBLEM: {"schema": "Problem", "example": example or _problem_example(status)}},
    }


def _problems(*statuses: str, **examples: dict) -> dict:
    return {status: _problem(status, examples.get(f"e{status}")) for status in statuses}


def _any_item(self: Any, field: Any, ret: dict, **kwargs: Any) -> dict:
    """An apispec attribute function: a list that answers each item on its own declares that any item is accepted."""
    note = getattr(field, "any_item", None)
    return {"items": {"anyOf": [ret["items"], {"description": note}]}} if note else {}


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)  # 1, not 1.0


def _query_option(parameter: dict) -> str:
    """One query option of a text/plain request, as a line of Markdown: name, type, values, default, meaning."""
    schema = parameter["schema"]
    kind = next(t for t in schema["type"] if t != "null") if isinstance(schema["type"], list) else schema["type"]
    facts = [kind]
    if "enum" in schema:
        facts.append("one of " + ", ".join(str(v) for v in schema["enum"] if v is not None))
    elif "minimum" in schema:
        low = f"over {_number(schema['exclusiveMinimum'])}" if "exclusiveMinimum" in schema else f"from {_number(schema['minimum'])}"
        facts.append(f"{low} to {_number(schema['maximum'])}" if "maximum" in schema else low)
    elif "maxLength" in schema:
        facts.append(f"at most {schema['maxLength']} characters")
    if schema.get("default") is not None:
        facts.append(f"default {schema['default']}")
    return f"- `{parameter['name']}` ({'; '.join(facts)}): {parameter['description']}"


def _ok(description: str, content: dict, headers: dict | None = None) -> dict:
    return {"description": description, "headers": {"X-Request-ID": "X-Request-ID", **(headers or {})}, "content": content}


#: The header of a text/plain summary that carries its warnings (JSON answers have them in ``warnings``).
_WARNINGS_HEADER = {
    "description": (
        "Only with `Accept: text/plain`, and only when there are warnings: each warning as an RFC 9651 Display String "
        '(`%"..."`, its UTF-8 with `%`, `"`, control characters and non-ASCII bytes percent-encoded), separated by `, `.'
    ),
    "schema": {"type": "string"},
}


#: An API key is needed only when the service is run with SUMMARIZER_API_KEYS: {} (none) is one of the choices.
_OPTIONAL_KEY = [{}, {"bearer": []}, {"apiKey": []}]


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
                "Every error is application/problem+json (RFC 9457). Every response carries X-Request-ID: "
                "the caller's, if it sent a plain token of up to 128 characters (A-Z a-z 0-9 . _ : -), else a new one. "
                "The limits below are the defaults; GET /v1/algorithms lists the ones in force."
            )
        },
        tags=[
            {"name": "summaries", "description": "Summarize one article or a batch of them."},
            {"name": "service", "description": "What the service offers, and its health."},
            {"name": "documentation", "description": "This document and the interactive page that shows it."},
            {"name": "page", "description": "A page to try the service in a browser."},
        ],
    )
    spec.components.header(
        "X-Request-ID",
        {"description": "The request's id: the caller's X-Request-ID if it is a plain token, else a generated one.", "schema": {"type": "string"}, "required": True},
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer", "description": "An API key as a bearer token."})
    spec.components.security_scheme("apiKey", {"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "An API key in X-API-Key."})
    plugin.converter.add_attribute_function(_any_item)
    # Nested schemas before the schemas that nest them: apispec registers a nested one on first sight.
    for name, schema in (
        ("Problem", schemas.ProblemSchema),
        ("Health", schemas.HealthSchema),
        ("SummaryRequest", schemas.SummaryRequestSchema),
        ("SummaryResponse", schemas.SummaryResponseSchema),
        ("BatchDocument", schemas.BatchDocumentSchema),
        ("BatchRequest", schemas.BatchRequestSchema),
        ("BatchResult", schemas.BatchResultSchema),
        ("BatchResponse", schemas.BatchResponseSchema),
        ("AlgorithmsResponse", schemas.AlgorithmsResponseSchema),
    ):
        # The rules between fields that a schema states in JSON Schema (apispec writes the fields one by one).
        spec.components.schema(name, getattr(schema, "json_schema_rules", None), schema=schema)

    query_options = "\n".join(map(_query_option, plugin.converter.schema2parameters(schemas.SummaryQuerySchema(exclude=("text", "html")), location="query")))
    spec.path(
        path="/v1/summarize",
        operations={
            "post": {
                "operationId": "summarize_text",
                "security": _OPTIONAL_KEY,
                "tags": ["summaries"],
                "summary": "Summarize an article.",
                "description": (
                    "Send the article as JSON with the options beside it, or as a text/plain body with the options "
                    "in the query string; a web page as JSON `html` or as a text/html body (its article is extracted, "
                    "nothing it links to is fetched, and the answer adds `extracted_text`). With `Accept: text/plain` the "
                    f"answer is the summary alone, one sentence per line. Bodies up to {defaults.max_body_bytes} bytes "
                    f"and texts up to {defaults.max_text_length} characters by default. At most one of sentences, "
                    "max_words, max_chars, ratio; with none, the default number of sentences.\n\n"
                    "With a text/plain or text/html body, the body is the text or the page and these options of SummaryRequest go in the query "
                    "string, each at most once:\n\n"
                    f"{query_options}\n\n"
                    "They are not declared as parameters because they are refused beside a JSON body (422: every option "
                    "of a JSON request goes in its body), and OpenAPI declares an operation's parameters for all of its "
                    "body types at once."
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        JSON: {
                            "schema": "SummaryRequest",
                            "example": {"text": _EXAMPLE_TEXT, "title": _EXAMPLE_TITLE, "sentences": 2, "keywords": 5},
                        },
                        PLAIN: {"schema": {"type": "string", "pattern": schemas.NOT_BLANK}, "example": _EXAMPLE_TEXT},
                        HTML: {
                            # No "type": a page is whatever text it is (any body decodes to one), so only
                            # its pattern can be broken; "type": "string" would have a fuzzer call a
                            # page that is a JSON array invalid, where it is a page like any other.
                            "schema": {"pattern": schemas.NOT_BLANK, "description": "A web page (HTML), as it is."},
                            "example": f"<html><head><title>{_EXAMPLE_TITLE}</title></head><body><article><h1>{_EXAMPLE_TITLE}</h1>"
                            + "".join(f"<p>{p}</p>" for p in _EXAMPLE_TEXT.split("\n\n"))
                            + "</article></body></html>",
                        },
                    },
                },
                "responses": {
                    "200": _ok(
                        "The summary. With `Accept: text/plain`, the summary alone, one sentence per line.",
                        {
                            JSON: {"schema": "SummaryResponse", "example": _EXAMPLE_SUMMARY},
                            PLAIN: {"schema": {"type": "string"}, "example": "".join(s["text"] + "\n" for s in _EXAMPLE_SUMMARY["sentences"])},
                        },
                        {"X-Summary-Warnings": _WARNINGS_HEADER},
                    ),
                    **_problems("400", "401", "405", "406", "408", "413", "414", "415", "422", "500", "501", "503", e422=_VALIDATION_EXAMPLE),
                },
            }
        },
    )
    spec.path(
        path="/v1/summarize/batch",
        operations={
            "post": {
                "operationId": "summarize_batch",
                "security": _OPTIONAL_KEY,
                "tags": ["summaries"],
                "summary": "Summarize several documents with the same options.",
                "description": (
                    f"Up to {defaults.max_batch_documents} documents by default, each with its `text` and optionally "
                    'its `id` (without one, its position: "0", "1", ...) and its `title`; every other option is given '
                    "once, beside `documents`, and applies to all of them. The answer keeps the documents' order and "
                    "gives each one either its `result` (exactly what POST /v1/summarize answers) or its own `problem`: "
                    "one bad document never fails the others, so any item of `documents` is accepted. A "
                    "request that is bad as a whole (not JSON, no documents, too many, a bad shared option) gets one "
                    f"problem for all. Bodies up to {defaults.max_batch_body_bytes} bytes by default (413 above)."
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        JSON: {
                            "schema": "BatchRequest",
                            "example": {
                                "documents": [
                                    {"id": "trump-putin", "title": _EXAMPLE_TITLE, "text": _EXAMPLE_TEXT},
                                    {"id": "ghent-floods", "text": _EXAMPLE_TEXT_2},
                                    {"id": "ghent-floods", "text": "The same id twice: this document gets a problem of its own."},
                                ],
                                "sentences": 1,
                                "keywords": 3,
                            },
                        }
                    },
                },
                "responses": {
                    "200": _ok(
                        "One result or problem per document, in the request's order.",
                        {
                            JSON: {
                                "schema": "BatchResponse",
                                "example": {
                                    "results": [
                                        {"id": "trump-putin", "status": 200, "result": _EXAMPLE_SUMMARY_1},
                                        {"id": "ghent-floods", "status": 200, "result": _EXAMPLE_SUMMARY_2},
                                        {"id": "ghent-floods", "status": 422, "problem": _problem_example("422", "Invalid value for: id.", {"id": ["An earlier document of this batch has the same id, 'ghent-floods'."]})},
                                    ]
                                },
                            }
                        },
                    ),
                    **_problems(
                        "400", "401", "405", "406", "408", "413", "414", "415", "422", "500", "501",
                        e422=_problem_example("422", "Invalid value for: documents.", {"documents": [f"Give between 1 and {defaults.max_batch_documents} documents."]}),
                        e406=_problem_example("406", "This endpoint can answer with application/json."),
                        e415=_problem_example("415", "Got 'text/plain'; send application/json."),
                    ),
                },
            }
        },
    )
    algorithms_example = {
        "algorithms": [{"name": a.name, "description": a.description, "default": a.name == defaults.default_algorithm} for a in ALGORITHMS.values()],
        "languages": [{"name": name, "code": code, "default": name == "auto"} for name, code in {"auto": None, **LANGUAGE_CODES}.items()],
        "orders": list(schemas.ORDERS),
        "defaults": {"algorithm": defaults.default_algorithm, "language": "auto", "fallback_language": defaults.default_language, "sentences": defaults.default_sentences, "keywords": 10, "order": "position", "offset_unit": "codepoint", "ranking": "none"},
        "limits": {
            "max_body_bytes": defaults.max_body_bytes,
            "max_text_length": defaults.max_text_length,
            "max_title_length": schemas.MAX_TITLE_LENGTH,
            "max_batch_documents": defaults.max_batch_documents,
            "max_batch_body_bytes": defaults.max_batch_body_bytes,
            "max_id_length": schemas.MAX_ID_LENGTH,
            "bounds": {name: schemas.option_range(name) for name in ("sentences", "max_words", "max_chars", "ratio", "keywords")},
        },
    }
    spec.path(
        path="/v1/algorithms",
        operations={
            "get": {
                "operationId": "list_algorithms",
                "security": _OPTIONAL_KEY,
                "tags": ["service"],
                "summary": "The algorithms, languages, defaults and limits of this service.",
                "description": "Everything a client needs to build a valid request: each algorithm with a one-line description and which is the default, the supported languages, the default of every option, and the limits in force (body sizes, text length, batch size, the range of every bound).",
                "responses": {
                    "200": _ok("What the service offers.", {JSON: {"schema": "AlgorithmsResponse", "example": algorithms_example}}),
                    **_problems("401", "406", "500", e406=_problem_example("406", "This endpoint can answer with application/json.")),
                },
            }
        },
    )
    for path, operation_id, summary, ok in (
        ("/healthz", "get_health", "Liveness: the process answers.", "ok"),
        ("/readyz", "get_readiness", "Readiness: models are loaded.", "ready"),
    ):
        responses = {"200": _ok("Up.", {JSON: {"schema": "Health", "example": {"status": ok}}})}
        if path == "/readyz":
            responses["503"] = _ok("Still loading.", {JSON: {"schema": "Health", "example": {"status": "loading"}}})
        responses.update(_problems("500"))
        spec.path(path=path, operations={"get": {"operationId": operation_id, "tags": ["service"], "summary": summary, "responses": responses}})

    spec.path(
        path="/metrics",
        operations={
            "get": {
                "operationId": "get_metrics",
                "tags": ["service"],
                "summary": "Prometheus metrics of every worker: requests, latency and requests in progress.",
                "description": (
                    "The Prometheus text format: `summarizer_requests_total` by endpoint, method, status and algorithm, "
                    "`summarizer_request_duration_seconds` (a histogram) by endpoint, status and algorithm, and "
                    "`summarizer_requests_in_progress`, added up over every gunicorn worker."
                ),
                "security": _OPTIONAL_KEY,
                "responses": {
                    "200": _ok("The metrics.", {"text/plain": {"schema": {"type": "string"}}}),
                    **_problems("401", "500"),
                },
            }
        },
    )
    spec.path(
        path="/openapi.json",
        operations={
            "get": {
                "operationId": "get_openapi",
                "tags": ["documentation"],
                "summary": "This OpenAPI document, as JSON (the same as api_spec/openapi.yaml).",
                "responses": {
                    "200": _ok("The OpenAPI 3.1 document.", {JSON: {"schema": {"type": "object", "required": ["openapi", "info", "paths"]}}}),
                    **_problems("500"),
                },
            }
        },
    )
    spec.path(
        path="/docs",
        operations={
            "get": {
                "operationId": "show_docs",
                "tags": ["documentation"],
                "summary": "Interactive documentation (Swagger UI): read and try every operation from the browser.",
                "description": "Works offline: its scripts and styles are served by this service from an installed package.",
                "responses": {"200": _ok("The page.", {"text/html": {"schema": {"type": "string"}}}), **_problems("500")},
            }
        },
    )
    spec.path(
        path="/docs/init.js",
        operations={
            "get": {
                "operationId": "get_initializer",
                "tags": ["documentation"],
                "summary": "The script that starts Swagger UI on /openapi.json.",
                "responses": {"200": _ok("The script.", {"text/javascript": {"schema": {"type": "string"}}}), **_problems("500")},
            }
        },
    )
    spec.path(
        path="/docs/assets/{name}",
        operations={
            "get": {
                "operationId": "get_asset",
                "tags": ["documentation"],
                "summary": "A file of the installed Swagger UI bundle.",
                "parameters": [{"in": "path", "name": "name", "required": True, "schema": {"type": "string", "enum": sorted(ASSETS)}}],
                "responses": {
                    "200": _ok(
                        "The file.",
                        {
                            "text/css": {"schema": {"type": "string"}},
                            "text/javascript": {"schema": {"type": "string"}},
                            "image/png": {"schema": {"type": "string", "contentMediaType": "image/png"}},
                        },
                    ),
                    **_problems("404", "500"),
                },
            }
        },
    )
    spec.path(
        path="/",
        operations={
            "get": {
                "operationId": "show_page",
                "tags": ["page"],
                "summary": "A page to try the service: the summary highlighted in the article, every sentence shaded by its score.",
                "description": (
                    "Works offline: its script and style sheet are served by this service (/ui/), and it calls only this "
                    "origin's public API (GET /v1/algorithms, POST /v1/summarize). When API keys are on, it asks for one "
                    "and keeps it in the browser tab's session storage."
                ),
                "responses": {"200": _ok("The page.", {"text/html": {"schema": {"type": "string"}}}), **_problems("500")},
            }
        },
    )
    spec.path(
        path="/ui/{name}",
        operations={
            "get": {
                "operationId": "get_page_asset",
                "tags": ["page"],
                "summary": "A script, style sheet or icon of the try-it page.",
                "parameters": [{"in": "path", "name": "name", "required": True, "schema": {"type": "string", "enum": sorted(PAGE_ASSETS)}}],
                "responses": {
                    "200": _ok(
                        "The file.",
                        {
                            "text/javascript": {"schema": {"type": "string"}},
                            "text/css": {"schema": {"type": "string"}},
                            "image/svg+xml": {"schema": {"type": "string"}},
                        },
                    ),
                    **_problems("404", "500"),
                },
            }
        },
    )
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
