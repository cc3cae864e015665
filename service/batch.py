"""POST /v1/summarize/batch: several documents sharing one request's options, each answered on its own."""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import Blueprint, current_app, g, jsonify, request

from . import problems
from .bodies import JSON, body_kind, negotiate, read_json_object
from .errors import InvalidInput
from .schemas import BatchDocumentSchema, batch_response_schema, load
from .text.pipeline import SummaryOptions, summarize

batch = Blueprint("batch", __name__)


@batch.post("/v1/summarize/batch")
def summarize_batch():
    """Summarize several documents with the same options."""
    settings = current_app.config["SETTINGS"]
    # The whole batch has its own, larger, body limit (413 above it).
    request.max_content_length = settings.max_batch_body_bytes
    negotiate(request, (JSON,))
    body_kind(request, (JSON,))
    schemas = current_app.config["SCHEMAS"]
    loaded = load(schemas.batch, read_json_object(request))
    g.algorithm = loaded.options.algorithm
    g.input_chars = sum(len(d["text"]) for d in loaded.documents if isinstance(d, dict) and isinstance(d.get("text"), str))
    seen: set[str] = set()
    results = [_answer(schemas.document, loaded.options, document, seen) for document in loaded.documents]
    return jsonify(batch_response_schema.dump({"results": results}))


def _answer(schema: BatchDocumentSchema, options: SummaryOptions, raw: Any, seen: set[str]) -> dict[str, Any]:
    """One document's entry: its summary, or the problem that stopped it (never an exception)."""
    given_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
    try:
        if not isinstance(raw, dict):
            raise InvalidInput({"_schema": ["A document must be a JSON object with an 'id' and a 'text'."]})
        document = load(schema, raw)
        if document["id"] in seen:
            raise InvalidInput({"id": ["Another document of this batch has the same id."]})
        seen.add(document["id"])
        result = summarize(dataclasses.replace(options, text=document["text"], title=document["title"]))
    except Exception as error:  # noqa: BLE001 - one bad document never fails the others
        problem = problems.problem_for(error)
        return {"id": given_id, "status": problem["status"], "problem": problem}
    return {"id": document["id"], "status": 200, "result": result}
