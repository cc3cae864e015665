"""The HTTP endpoints of one summary, the service's catalogue and its health: load, call the pipeline, dump."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, g, jsonify, request

from .bodies import JSON, PLAIN, body_kind, negotiate, read_json_object, read_text
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
from .text.languages import LANGUAGE_CODES
from .text.pipeline import SummaryOptions, summarize
from .text.rank import ALGORITHMS

api = Blueprint("api", __name__)
#: The request's fields, for the defaults they declare (the catalogue repeats them, never restates them).
_OPTION_FIELDS = SummaryRequestSchema().fields


def _load_options() -> SummaryOptions:
    schemas = current_app.config["SCHEMAS"]
    if body_kind(request, (JSON, PLAIN)) == JSON:
        data = read_json_object(request)
        schema = schemas.summary
    else:
        args = request.args.to_dict(flat=False)
        repeated = {name: ["Given more than once."] for name, values in args.items() if len(values) > 1}
        if repeated:
            raise InvalidInput(repeated)
        if "text" in args:
            raise InvalidInput({"text": ["Send the text as the request body, not as a query parameter."]})
        data = {name: values[0] for name, values in args.items()}
        data["text"] = read_text(request)
        schema = schemas.query
    if isinstance(data.get("text"), str):
        g.input_chars = len(data["text"])
    return load(schema, data)


@api.post("/v1/summarize")
def summarize_text():
    """Summarize an article."""
    answer_as = negotiate(request, (JSON, PLAIN))
    options = _load_options()
    g.algorithm = options.algorithm
    result = summarize(options)
    if answer_as == PLAIN:
        return Response(result.lines, mimetype=PLAIN)
    return jsonify(dump_summary(result))


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
        "languages": [
            {"name": name, "code": code, "default": name == _OPTION_FIELDS["language"].load_default}
            for name, code in LANGUAGE_CODES.items()
        ],
        "orders": list(ORDERS),
        "defaults": {
            "algorithm": settings.default_algorithm,
            "language": _OPTION_FIELDS["language"].load_default,
            "sentences": settings.default_sentences,
            "keywords": _OPTION_FIELDS["keywords"].load_default,
            "order": _OPTION_FIELDS["order"].load_default,
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
