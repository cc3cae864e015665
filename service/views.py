"""The HTTP endpoints of one summary, the service's catalogue and its health: load, call the pipeline, dump."""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask import Blueprint, Response, current_app, g, jsonify, request

from .bodies import HTML, JSON, PLAIN, body_kind, negotiate, read_html, read_json_object, read_text
from .errors import InvalidInput
from .schemas import (
    MAX_ID_LENGTH,
    MAX_TITLE_LENGTH,
    ORDERS,
    SummaryRequestSchema,
    algorithms_response_schema,
    dump_summary,
    health_schema,
    load,
    option_range,
)
from .text.detect import AUTO
from .text.languages import LANGUAGE_CODES
from .text.pipeline import Summary, SummaryOptions, summarize
from .text.rank import ALGORITHMS

api = Blueprint("api", __name__)
#: A plain-text answer's warnings (a JSON answer has them in its body).
WARNINGS_HEADER = "X-Summary-Warnings"
#: The request's fields, for the defaults they declare (the catalogue repeats them, never restates them).
_OPTION_FIELDS = SummaryRequestSchema().fields


def _load_options() -> SummaryOptions:
    schemas = current_app.config["SCHEMAS"]
    kind = body_kind(request, (JSON, PLAIN, HTML))
    if kind == JSON:
        data = read_json_object(request)
        schema = schemas.summary
    else:
        args = request.args.to_dict(flat=False)
        repeated = {name: ["Given more than once."] for name, values in args.items() if len(values) > 1}
        if repeated:
            raise InvalidInput(repeated)
        for name, what in (("text", "text"), ("html", "page")):
            if name in args:
                raise InvalidInput({name: [f"Send the {what} as the request body, not as a query parameter."]})
        data = {name: values[0] for name, values in args.items()}
        # The body is the text, or with text/html the page (source.from_html extracts its article).
        if kind == HTML:
            data["html"] = read_html(request)
        else:
            data["text"] = read_text(request)
        schema = schemas.query
    for name in ("text", "html"):
        if isinstance(data.get(name), str):
            g.input_chars = len(data[name])
    return load(schema, data)


@api.post("/v1/summarize")
def summarize_text():
    """Summarize an article."""
    answer_as = negotiate(request, (JSON, PLAIN))
    options = _load_options()
    g.algorithm = options.algorithm
    result = summarize(options)
    if answer_as == PLAIN:
        return plain_text(result)
    return jsonify(dump_summary(result, options.offset_unit))


#: Everything str.splitlines() ends a line at (CR LF as one break): inside a sentence each becomes a
#: space, so that the lines of a plain-text answer are its sentences, one each, whatever reads them.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def plain_text(result: Summary) -> Response:
    """The text/plain answer: one sentence per line, and the warnings, if any, in X-Summary-Warnings."""
    response = Response("".join(_LINE_BREAKS.sub(" ", p.sentence.text) + "\n" for p in result.sentences), mimetype=PLAIN)
    if result.warnings:
        # Without it an empty summary would be a bare 200 with nothing to say why.
        response.headers[WARNINGS_HEADER] = display_strings(result.warnings)
    return response


def display_strings(values: Iterable[str]) -> str:
    """``values`` as a Structured Field List of Display Strings (RFC 9651, 4.1.11): ``%"..."``, comma-separated.

    Each value is UTF-8 with "%", '"', controls and every non-ASCII byte percent-encoded in
    lowercase hex, so a header holds any text safely and ``urllib.parse.unquote`` reads it back.
    """
    return ", ".join('%"' + "".join(_DISPLAY_BYTES[b] for b in value.encode("utf-8")) + '"' for value in values)


_DISPLAY_BYTES = tuple(f"%{b:02x}" if b in (0x25, 0x22) or b < 0x20 or b > 0x7E else chr(b) for b in range(256))


@api.get("/v1/algorithms")
def list_algorithms():
    """The algorithms, languages, defaults and limits of this service."""
    negotiate(request, (JSON,))
    settings = current_app.config["SETTINGS"]
    catalogue = {
        "algorithms": [
            {"name": a.name, "description": a.description, "default": a.name == settings.default_algorithm}
            for a in ALGORITHMS.values()
        ],
        # auto first: detect the language among the ones after it.
        "languages": [
            {"name": name, "code": code, "default": name == _OPTION_FIELDS["language"].load_default}
            for name, code in {AUTO: None, **LANGUAGE_CODES}.items()
        ],
        "orders": list(ORDERS),
        "defaults": {
            "algorithm": settings.default_algorithm,
            "language": _OPTION_FIELDS["language"].load_default,
            "fallback_language": settings.default_language,
            "sentences": settings.default_sentences,
            "keywords": _OPTION_FIELDS["keywords"].load_default,
            "order": _OPTION_FIELDS["order"].load_default,
            "offset_unit": _OPTION_FIELDS["offset_unit"].load_default,
            "ranking": _OPTION_FIELDS["ranking"].load_default,
        },
        "limits": {
            "max_body_bytes": settings.max_body_bytes,
            "max_text_length": settings.max_text_length,
            "max_title_length": MAX_TITLE_LENGTH,
            "max_batch_documents": settings.max_batch_documents,
            "max_batch_body_bytes": settings.max_batch_body_bytes,
            "max_id_length": MAX_ID_LENGTH,
            "bounds": {name: option_range(name) for name in ("sentences", "max_words", "max_chars", "ratio", "keywords")},
        },
    }
    return jsonify(algorithms_response_schema.dump(catalogue))


@api.get("/healthz")
def get_health():
    """Liveness: the process answers."""
    return jsonify(health_schema.dump({"status": "ok"}))


@api.get("/readyz")
def get_readiness():
    """Readiness: models are loaded and requests can be served."""
    if not current_app.config.get("READY"):
        response = jsonify(health_schema.dump({"status": "loading"}))
        response.status_code = 503
        return response
    return jsonify(health_schema.dump({"status": "ready"}))
