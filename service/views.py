"""The HTTP endpoints: each view loads the request, calls the pipeline and dumps the answer."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, g, jsonify, request
from marshmallow import ValidationError

from .bodies import JSON, PLAIN, body_kind, negotiate, read_json, read_text
from .errors import InvalidInput
from .schemas import SummaryQuerySchema, SummaryRequestSchema, health_schema, summary_response_schema
from .text.pipeline import SummaryOptions, summarize

api = Blueprint("api", __name__)


def _load_options() -> SummaryOptions:
    settings = current_app.config["SETTINGS"]
    if body_kind(request, (JSON, PLAIN)) == JSON:
        data = read_json(request)
        if not isinstance(data, dict):
            raise InvalidInput({"_schema": ["The body must be a JSON object with a 'text' field."]}, detail="The body must be a JSON object.")
        schema = SummaryRequestSchema(settings=settings)
    else:
        args = request.args.to_dict(flat=False)
        repeated = {name: ["Given more than once."] for name, values in args.items() if len(values) > 1}
        if repeated:
            raise InvalidInput(repeated)
        if "text" in args:
            raise InvalidInput({"text": ["Send the text as the request body, not as a query parameter."]})
        data = {name: values[0] for name, values in args.items()}
        data["text"] = read_text(request)
        schema = SummaryQuerySchema(settings=settings)
    if isinstance(data, dict) and isinstance(data.get("text"), str):
        g.input_chars = len(data["text"])
    try:
        return schema.load(data)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        raise InvalidInput(messages) from None


@api.post("/v1/summarize")
def summarize_text():
    """Summarize an article."""
    answer_as = negotiate(request, (JSON, PLAIN))
    options = _load_options()
    g.algorithm = options.algorithm
    result = summarize(options)
    if answer_as == PLAIN:
        return Response(result.lines, mimetype=PLAIN)
    return jsonify(summary_response_schema.dump(result))


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
