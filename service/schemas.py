"""The API contract as marshmallow schemas: requests are loaded here, responses dumped here, the spec generated from here."""

from __future__ import annotations

import numbers
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates, validates_schema

from .settings import Settings
from .text.languages import SUPPORTED_LANGUAGES
from .text.pipeline import Bound, BoundKind, SummaryOptions
from .text.rank import ALGORITHMS

BOUNDS = tuple(kind.value for kind in BoundKind)
ORDERS = ("position", "rank")
#: Upper limits of the bounds: far above what any accepted text can use, low enough to be sane.
MAX_SENTENCES = 10_000
MAX_WORDS = 1_000_000
MAX_CHARS = 10_000_000
MAX_KEYWORDS = 50


class StrictInteger(fields.Integer):
    """An integer that is a JSON integer: no strings, floats or booleans."""

    def _validated(self, value: Any) -> int:
        if isinstance(value, bool) or (self.strict and not isinstance(value, numbers.Integral)):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class StrictNumber(fields.Float):
    """A finite JSON number: no strings or booleans, no NaN or Infinity."""

    def _validated(self, value: Any) -> float:
        if isinstance(value, bool) or (self.strict and not isinstance(value, numbers.Real)):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)

    def __init__(self, *, strict: bool = True, **kwargs: Any):
        super().__init__(allow_nan=False, **kwargs)
        self.strict = strict


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must contain more than whitespace.")


class _OptionsSchema(Schema):
    """Every summarization option, shared by the JSON body and the query string of a plain-text request."""

    _strict = True

    def __init__(self, *args: Any, settings: Settings | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.settings = settings or Settings()
        strict = self._strict
        for name in ("sentences", "max_words", "max_chars", "keywords"):
            self.fields[name].strict = strict
        self.fields["ratio"].strict = strict

    title = fields.String(
        load_default=None,
        validate=validate.Length(max=1000),
        metadata={"description": "The headline, if known: counts toward keywords, never returned as a summary sentence."},
    )
    language = fields.String(
        load_default="english",
        validate=validate.OneOf(SUPPORTED_LANGUAGES, error="Unsupported language. Supported: {choices}."),
        metadata={"description": "Language of the text.", "example": "english"},
    )
    algorithm = fields.String(
        validate=validate.OneOf(tuple(ALGORITHMS), error="Unknown algorithm. Known: {choices}."),
        metadata={"description": "Ranking algorithm; the service's default when omitted."},
    )
    sentences = StrictInteger(
        validate=validate.Range(min=1, max=MAX_SENTENCES),
        metadata={"description": "At most this many sentences (3 when no bound is given)."},
    )
    max_words = StrictInteger(
        validate=validate.Range(min=1, max=MAX_WORDS),
        metadata={"description": "The summary has at most this many words."},
    )
    max_chars = StrictInteger(
        validate=validate.Range(min=1, max=MAX_CHARS),
        metadata={"description": "The summary has at most this many characters."},
    )
    ratio = StrictNumber(
        validate=validate.Range(min=0, max=1, min_inclusive=False),
        metadata={"description": "The summary has at most this share of the input's words, in (0, 1]."},
    )
    keywords = StrictInteger(
        load_default=10,
        validate=validate.Range(min=0, max=MAX_KEYWORDS),
        metadata={"description": "How many headline keywords to return."},
    )
    order = fields.String(
        load_default="position",
        validate=validate.OneOf(ORDERS),
        metadata={"description": "Order of the summary sentences: as in the text, or best first."},
    )

    @validates_schema
    def _one_bound(self, data: dict[str, Any], **kwargs: Any) -> None:
        given = [name for name in BOUNDS if data.get(name) is not None]
        if len(given) > 1:
            message = f"At most one of {', '.join(BOUNDS)}; got {', '.join(given)}."
            raise ValidationError({name: [message] for name in given})

    @post_load
    def _to_options(self, data: dict[str, Any], **kwargs: Any) -> SummaryOptions:
        kind = next((BoundKind(name) for name in BOUNDS if data.get(name) is not None), None)
        bound = Bound(kind, data[kind.value]) if kind else Bound(BoundKind.SENTENCES, self.settings.default_sentences)
        return SummaryOptions(
            text=data.get("text", ""),
            title=data["title"],
            language=data["language"],
            algorithm=data.get("algorithm") or self.settings.default_algorithm,
            bound=bound,
            keywords=data["keywords"],
            order=data["order"],
        )


class SummaryRequestSchema(_OptionsSchema):
    """The JSON body of POST /v1/summarize."""

    text = fields.String(
        required=True,
        validate=_not_blank,
        metadata={"description": "The article to summarize (at most the configured number of characters)."},
    )

    @validates("text")
    def _text_length(self, value: str, **kwargs: Any) -> None:
        limit = self.settings.max_text_length
        if len(value) > limit:
            raise ValidationError(f"Longer than the maximum of {limit} characters.")


class SummaryQuerySchema(SummaryRequestSchema):
    """POST /v1/summarize with a text/plain body: the body is ``text``, the options come as query strings."""

    _strict = False


class SentenceSchema(Schema):
    """A selected sentence, located in the submitted text."""

    text = fields.String(attribute="sentence.text", required=True, metadata={"description": "text[offset:offset+length]"})
    index = fields.Integer(attribute="sentence.index", required=True, metadata={"description": "Position in the document, 0-based."})
    offset = fields.Integer(attribute="sentence.start", required=True, metadata={"description": "Start, in code points of the submitted text."})
    length = fields.Integer(attribute="sentence.length", required=True, metadata={"description": "Length in code points."})
    score = fields.Float(required=True, metadata={"description": "0 to 1; the best sentence of the document is 1.0."})
    rank = fields.Integer(required=True, metadata={"description": "1 is the best sentence of the document."})


class KeywordSchema(Schema):
    """A headline keyword: a word or a phrase of up to three words, as it appears in the text."""

    text = fields.String(required=True)
    score = fields.Float(required=True, metadata={"description": "0 to 1; the best keyword is 1.0."})
    count = fields.Integer(required=True, metadata={"description": "Occurrences in the text and title."})


class TextStatsSchema(Schema):
    """Size of a text."""

    characters = fields.Integer(required=True)
    words = fields.Integer(required=True)
    sentences = fields.Integer(required=True)


class StatsSchema(Schema):
    """Sizes of the input and of the summary."""

    input = fields.Nested(TextStatsSchema, required=True)
    summary = fields.Nested(TextStatsSchema, required=True)
    compression = fields.Float(required=True, metadata={"description": "Summary words / input words."})


class SummaryResponseSchema(Schema):
    """The answer of POST /v1/summarize."""

    summary = fields.String(required=True, metadata={"description": "The selected sentences joined by one space, in the requested order."})
    sentences = fields.List(fields.Nested(SentenceSchema), required=True)
    keywords = fields.List(fields.Nested(KeywordSchema), required=True)
    algorithm = fields.String(required=True)
    language = fields.String(required=True)
    stats = fields.Nested(StatsSchema, required=True)
    warnings = fields.List(fields.String(), required=True, metadata={"description": "Why the summary is shorter than asked, if it is."})


class ProblemSchema(Schema):
    """An RFC 9457 problem: every error the service returns has this shape."""

    type = fields.String(required=True, metadata={"example": "about:blank"})
    title = fields.String(required=True, metadata={"example": "Unprocessable Content"})
    status = fields.Integer(required=True, metadata={"example": 422})
    detail = fields.String(required=True, metadata={"example": "Invalid value for: sentences."})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        metadata={"description": "Field name -> messages, for validation failures."},
    )
    request_id = fields.String(required=True, metadata={"description": "Echo of X-Request-ID, or the id generated for the request."})


class HealthSchema(Schema):
    """Liveness or readiness."""

    status = fields.String(required=True, metadata={"example": "ok"})


summary_response_schema = SummaryResponseSchema()
problem_schema = ProblemSchema()
health_schema = HealthSchema()
