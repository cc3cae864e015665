"""POST /v1/summarize/batch: several documents sharing one request's options, each answered on its own."""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import Blueprint, current_app, g, jsonify, request

from . import problems
from .bodies import JSON, body_kind, has_lone_surrogate, negotiate, read_json_object
from .errors import InvalidInput, MalformedBody, OutOfTime, echo
from .schemas import MAX_ID_LENGTH, BatchDocumentSchema, dump_summary, load
from .text import deadline
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
    loaded = load(schemas.batch, read_json_object(request, answered_apart="documents"))
    g.algorithm = loaded.options.algorithm
    g.input_chars = sum(
        len(d[name]) for d in loaded.documents if isinstance(d, dict) for name in ("text", "html") if isinstance(d.get(name), str)
    )
    # The batch shares the request's budget (its deadline): the documents it does not reach in
    # time get a 503 of their own, and the answer says when to send them again.
    out_of_time = OutOfTime(f"Not summarized: the batch ran out of time (its budget is {settings.request_budget_seconds:g} s). Send this document again.")
    seen: set[str] = set()
    results = [_answer(schemas.document, loaded.options, document, position, seen, out_of_time) for position, document in enumerate(loaded.documents)]
    # Plain dicts, each result dumped by dump_summary (exactly the single endpoint's answer): a
    # batch of large summaries would spend seconds in the schema's nested dump after its deadline.
    response = jsonify({"results": results})
    if any(r["status"] == out_of_time.status for r in results):
        response.headers.update(out_of_time.headers)
    return response


def _answer(schema: BatchDocumentSchema, options: SummaryOptions, raw: Any, position: int, seen: set[str], out_of_time: OutOfTime) -> dict[str, Any]:
    """One document's entry: its summary, or the problem that stopped it (never an exception).

    A document without an ``id`` (or with a null one) is named by its position, "0", "1", ...;
    the ids given must differ from each other.
    """
    named = isinstance(raw, dict) and raw.get("id") is not None
    if isinstance(raw, dict):
        if not named:
            raw = {**raw, "id": str(position)}
        entry_id = _shown_id(raw["id"]) if isinstance(raw["id"], str) else None
    else:
        entry_id = str(position)
    try:
        deadline.check()
        if has_lone_surrogate(raw):
            raise MalformedBody("The document holds an unpaired UTF-16 surrogate (\\uD800-\\uDFFF) in a string.")
        if not isinstance(raw, dict):
            raise InvalidInput({"_schema": ["A document must be a JSON object with a 'text' or an 'html', and optionally an 'id' and a 'title'."]})
        document = load(schema, raw)
        if named:
            if document["id"] in seen:
                raise InvalidInput({"id": [f"An earlier document of this batch has the same id, {document['id']!r}."]})
            seen.add(document["id"])
        result = summarize(dataclasses.replace(options, text=document.get("text") or "", html=document.get("html"), title=document["title"]))
    except OutOfTime:
        return {"id": entry_id, "status": out_of_time.status, "problem": problems.problem_for(out_of_time)}
    except Exception as error:  # noqa: BLE001 - one bad document never fails the others
        problem = problems.problem_for(error)
        return {"id": entry_id, "status": problem["status"], "problem": problem}
    return {"id": entry_id, "status": 200, "result": dump_summary(result, options.offset_unit)}


def _shown_id(given: str) -> str:
    """The id an entry carries: as given if it is a valid id, else cut short (and any unpaired surrogate replaced)."""
    shown = given if len(given) <= MAX_ID_LENGTH else echo(given)
    return shown.encode("utf-8", "replace").decode("utf-8") if not shown.isascii() else shown

