"""The API contract as marshmallow schemas: requests are loaded here, responses dumped here, the spec generated from here."""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_dump, post_load, validate, validates_schema

from .errors import InvalidInput
from .offsets import OFFSET_UNITS, converter
from .settings import Settings
from .text.detect import AUTO
from .text.languages import SUPPORTED_LANGUAGES
from .text.pipeline import Bound, BoundKind, Summary, SummaryOptions
from .text.rank import ALGORITHMS

BOUNDS = tuple(kind.value for kind in BoundKind)
ORDERS = ("position", "rank")
#: The values of the ``ranking`` option: no full ranking (the default), or every sentence's.
RANKINGS = ("none", "all")
#: Upper limits of the bounds: far above what any accepted text can use, low enough to be sane.
MAX_SENTENCES = 10_000
MAX_WORDS = 1_000_000
MAX_CHARS = 10_000_000
MAX_KEYWORDS = 50
MAX_TITLE_LENGTH = 1000
MAX_ID_LENGTH = 200
#: What an offset or a length counts.
IN_UNITS = "in the request's offset_unit: code points by default, or UTF-16 code units, or UTF-8 bytes."
#: What a word is, wherever the contract counts words (the bounds and the stats alike).
WORDS = (
    "A word is a run of characters between white space, as wc -w and Python's str.split() count: a dash or an emoji between spaces is one. "
    "In Chinese and Japanese, written without spaces, a word is one found by the language's word segmenter (jieba; MeCab with UniDic), "
    "punctuation left out."
)
#: White space as Python's str.isspace and JSON Schema's (ECMAScript's) \s know it, so that a text
#: the spec calls blank (no match for its NOT_BLANK pattern) is always rejected here too.
_BLANK = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\ufeff"
#: The spec's pattern for "more than white space": ECMAScript's \s lacks Python's U+001C-U+001F
#: (the information separators) and U+0085, which the service also counts as white space.
NOT_BLANK = r"[^\s\x1c-\x1f\x85]"


class StrictInteger(fields.Integer):
    """An integer as JSON Schema has it: a number without a fractional part (2, or 2.0), not a string or boolean."""

    def _validated(self, value: Any) -> int:
        if isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        if isinstance(value, float) and value.is_integer():
            # JSON Schema's "integer" takes 2.0 as well (the spec cannot say otherwise), so the service does.
            value = int(value)
        return super()._validated(value)


class StrictBoolean(fields.Boolean):
    """true or false: a JSON boolean in a body; in a query string, the word true or false."""

    def __init__(self, **kwargs: Any):
        super().__init__(truthy={"true"}, falsy={"false"}, **kwargs)
        self.strict = True

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if isinstance(value, bool):
            return value
        if self.strict or not isinstance(value, str):
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


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
    if not value.strip(_BLANK):
        raise ValidationError("Must contain more than whitespace.")


def _text_field(description: str) -> fields.String:
    # The length limit is the settings' own: _SettingsSchema adds it per instance. Not required
    # by itself: exactly one of text and html is (_TextOrHtml).
    return fields.String(validate=_not_blank, metadata={"description": description, "pattern": NOT_BLANK})


def _html_field() -> fields.String:
    # Its length limit is the body's (_SettingsSchema); the article extracted from it has the text's.
    return fields.String(
        validate=_not_blank,
        metadata={
            "description": (
                "An HTML page, in place of `text`: its article (headline and body paragraphs, without navigation, ads, "
                "related links, comments or footers) is extracted and summarized, and the answer adds `extracted_text`, "
                "which the offsets index. Nothing it links to is fetched. At most the configured body size; the "
                "extracted article at most the configured number of characters."
            ),
            "pattern": NOT_BLANK,
        },
    )


#: JSON Schema for "exactly one of text and html", the rule _TextOrHtml enforces.
TEXT_OR_HTML = {"oneOf": [{"required": ["text"]}, {"required": ["html"]}]}


class _TextOrHtml:
    """A schema with ``text`` and ``html``: exactly one of them is given."""

    @validates_schema
    def _text_or_html(self, data: dict[str, Any], **kwargs: Any) -> None:
        given = [name for name in ("text", "html") if data.get(name) is not None]
        if not given:
            raise ValidationError({"text": ["Missing data for required field: give text, or html."]})
        if len(given) > 1:
            message = "Give text or html, not both."
            raise ValidationError({"text": [message], "html": [message]})


def _title_field() -> fields.String:
    return fields.String(
        load_default=None,
        validate=validate.Length(max=MAX_TITLE_LENGTH),
        metadata={"description": "The headline, if known: counts toward keywords, never returned as a summary sentence."},
    )


class _SettingsSchema(Schema):
    """A schema whose limits come from the Settings (the spec shows the defaults)."""

    def __init__(self, *args: Any, settings: Settings | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.settings = settings or Settings()
        if "text" in self.fields:
            limit = self.settings.max_text_length
            field = self.fields["text"]
            # A new list: fields are copied shallowly per instance, so appending would change the class's.
            field.validators = [*field.validators, validate.Length(max=limit, error="Longer than the maximum of {max} characters.")]
        if "html" in self.fields:
            field = self.fields["html"]
            limit = self.settings.max_body_bytes
            field.validators = [*field.validators, validate.Length(max=limit, error="Longer than the maximum of {max} characters.")]


class _OptionsSchema(_SettingsSchema):
    """The options every summary takes: in a JSON body, a plain-text request's query string, or a batch."""

    _strict = True
    #: What the fields cannot say one by one, in JSON Schema for the spec: no two bounds together
    #: (the rule _one_bound enforces).
    json_schema_rules: dict[str, Any] = {"not": {"anyOf": [{"required": list(pair)} for pair in combinations(BOUNDS, 2)]}}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        strict = self._strict
        for name in ("sentences", "max_words", "max_chars", "keywords"):
            self.fields[name].strict = strict
        self.fields["ratio"].strict = strict
        self.fields["coherent"].strict = strict

    language = fields.String(
        load_default=AUTO,
        validate=validate.OneOf((AUTO, *SUPPORTED_LANGUAGES), error="Unsupported language. Supported: {choices}."),
        metadata={
            "description": (
                "Language of the text, or auto (the default) to detect it among the supported ones. An undetectable text "
                "(too short, the detection unsure, or a language not supported) is summarized in the configured fallback "
                "language (english unless set otherwise), and warnings says so. The answer's language is the one used."
            ),
            "example": "auto",
        },
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
        metadata={"description": f"The summary has at most this many words. {WORDS}"},
    )
    max_chars = StrictInteger(
        validate=validate.Range(min=1, max=MAX_CHARS),
        metadata={"description": "The summary has at most this many characters."},
    )
    ratio = StrictNumber(
        validate=validate.Range(min=0, max=1, min_inclusive=False),
        metadata={
            "description": f"The summary has at most floor(ratio × the input's words) words; ratio in (0, 1]. {WORDS}",
            "exclusiveMinimum": 0,
        },
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
    coherent = StrictBoolean(
        load_default=None,
        allow_none=True,
        metadata={
            "description": (
                "Whether the summary reads as a whole: a quotation of several sentences is shown whole or not at all, "
                "and a sentence opening with a word that refers back (He, However, This...) comes with the sentence before "
                "it, or gives way to another; every sentence still counts toward the bound. By default (omitted or null) "
                "true for pyramid and false for the other algorithms, whose summaries are the best sentences of their "
                "ranking as they are (for sumy's, the sentences sumy chooses)."
            )
        },
    )
    offset_unit = fields.String(
        load_default=OFFSET_UNITS[0],
        validate=validate.OneOf(OFFSET_UNITS),
        metadata={
            "description": (
                "What every offset and length of the answer counts: code points (codepoint, a Python str index), "
                "UTF-16 code units (utf16, a JavaScript or Java string index) or UTF-8 bytes (utf8). In each, "
                "slicing the text in that unit by offset and length gives the sentence."
            )
        },
    )
    ranking = fields.String(
        load_default=RANKINGS[0],
        validate=validate.OneOf(RANKINGS),
        metadata={
            "description": (
                "all: the answer adds `ranking`, every sentence of the text with its score and rank, not only the chosen "
                "ones (for kl and sum-basic, which rank one sentence per step, this ranks the whole text)."
            )
        },
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
            text=data.get("text") or "",
            html=data.get("html"),
            max_text_length=self.settings.max_text_length,
            title=data.get("title"),
            language=data["language"],
            fallback_language=self.settings.default_language,
            algorithm=data.get("algorithm") or self.settings.default_algorithm,
            bound=bound,
            keywords=data["keywords"],
            order=data["order"],
            coherent=data["coherent"],
            full_ranking=data["ranking"] == "all",
            offset_unit=data["offset_unit"],
        )


class SummaryRequestSchema(_TextOrHtml, _OptionsSchema):
    """The JSON body of POST /v1/summarize."""

    json_schema_rules: dict[str, Any] = {**_OptionsSchema.json_schema_rules, **TEXT_OR_HTML}

    text = _text_field("The article to summarize (at most the configured number of characters); or give html.")
    html = _html_field()
    title = _title_field()


class SummaryQuerySchema(SummaryRequestSchema):
    """POST /v1/summarize with a text/plain body: the body is ``text``, the options come as query strings."""

    _strict = False


class BatchDocumentSchema(_TextOrHtml, _SettingsSchema):
    """One document of a batch: its text (or its HTML page) and, if given, its id and its title."""

    json_schema_rules: dict[str, Any] = TEXT_OR_HTML

    # Optional: the batch names a document without one (or with null) by its position, "0", "1", ...,
    # so a caller with a plain list of texts need not invent names.
    id = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=MAX_ID_LENGTH),
        metadata={
            "description": (
                "The caller's name for the document, echoed in its result. Without one (or with null) the document "
                'is named by its position in `documents`, as a string: "0", "1", ... The ids given must differ from '
                "each other (a repeated one is answered with a 422 problem that names it); a position is not "
                "checked against them."
            ),
            "example": "doc-1",
        },
    )
    text = _text_field("The article to summarize (at most the configured number of characters); or give html.")
    html = _html_field()
    title = _title_field()


class _DocumentList(fields.List):
    """A list of documents, documented item by item but loaded raw: each document is validated on its own."""

    #: For the spec: any item is accepted, since one that is not a valid document is answered in its place.
    any_item = "Any other value is accepted too, and answered in its place with a problem of its own, not with a problem for the whole batch."

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[Any]:
        if not isinstance(value, list):
            raise self.make_error("invalid")
        return list(value)


@dataclass(frozen=True, slots=True)
class BatchRequest:
    """A loaded batch: the options every document shares and the documents, not yet validated."""

    options: SummaryOptions
    documents: list[Any]


class BatchRequestSchema(_OptionsSchema):
    """The JSON body of POST /v1/summarize/batch: the documents and the options they share."""

    documents = _DocumentList(
        fields.Nested(BatchDocumentSchema),
        required=True,
        metadata={"description": "The documents, answered in this order; one bad document does not fail the others."},
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        most = self.settings.max_batch_documents
        field = self.fields["documents"]
        field.validators = [*field.validators, validate.Length(min=1, max=most, error=f"Give between 1 and {most} documents.")]

    @post_load
    def _to_options(self, data: dict[str, Any], **kwargs: Any) -> BatchRequest:
        documents = data.pop("documents")
        return BatchRequest(options=super()._to_options(data), documents=documents)


class SentenceSchema(Schema):
    """A selected sentence, located in the submitted text."""

    text = fields.String(attribute="sentence.text", required=True, metadata={"description": "text[offset:offset+length]"})
    index = fields.Integer(attribute="sentence.index", required=True, metadata={"description": "Position in the document, 0-based."})
    offset = fields.Integer(attribute="sentence.start", required=True, metadata={"description": f"Start in the submitted text, {IN_UNITS}"})
    length = fields.Integer(attribute="sentence.length", required=True, metadata={"description": f"Length, {IN_UNITS}"})
    score = fields.Float(required=True, metadata={"description": "0 to 1; the best sentence of the document is 1.0."})
    rank = fields.Integer(required=True, metadata={"description": "1 is the best sentence of the document."})


class RankedSentenceSchema(Schema):
    """A sentence of the full ranking (``ranking: "all"``): where it is, how it scored and where it ranks."""

    index = fields.Integer(attribute="sentence.index", required=True, metadata={"description": "Position in the document, 0-based."})
    offset = fields.Integer(attribute="sentence.start", required=True, metadata={"description": f"Start in the submitted text, {IN_UNITS}"})
    length = fields.Integer(attribute="sentence.length", required=True, metadata={"description": f"Length, {IN_UNITS}"})
    score = fields.Float(required=True, metadata={"description": "0 to 1, as in `sentences`: the best sentence a summary may take is 1.0."})
    rank = fields.Integer(
        required=True,
        allow_none=True,
        metadata={
            "description": (
                "1 is the best sentence, as in `sentences`; null for a sentence no summary takes (the title, or a repeat "
                "of a better-ranked sentence)."
            )
        },
    )


class KeywordSchema(Schema):
    """A headline keyword: a word or a phrase of up to three words, as it appears in the text."""

    text = fields.String(required=True)
    score = fields.Float(required=True, metadata={"description": "0 to 1; the best keyword is 1.0."})
    count = fields.Integer(required=True, metadata={"description": "Occurrences in the text and title."})


class TextStatsSchema(Schema):
    """Size of a text."""

    characters = fields.Integer(required=True)
    words = fields.Integer(required=True, metadata={"description": f"len(text.split()) of the input or of the summary (in Chinese and Japanese, its segmenter's words). {WORDS}"})
    sentences = fields.Integer(required=True)


class StatsSchema(Schema):
    """Sizes of the input and of the summary."""

    input = fields.Nested(TextStatsSchema, required=True)
    summary = fields.Nested(TextStatsSchema, required=True)
    compression = fields.Float(required=True, metadata={"description": "Summary words / input words, rounded to 4 places (0 for a text without words)."})


class SummaryResponseSchema(Schema):
    """The answer of POST /v1/summarize."""

    summary = fields.String(required=True, metadata={"description": "The selected sentences joined by one space, in the requested order."})
    sentences = fields.List(fields.Nested(SentenceSchema), required=True)
    keywords = fields.List(fields.Nested(KeywordSchema), required=True)
    algorithm = fields.String(required=True)
    language = fields.String(
        required=True,
        metadata={"description": "The language used: the one asked for, or for auto the one detected, or the fallback language (warnings then says why)."},
    )
    stats = fields.Nested(StatsSchema, required=True)
    warnings = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Why the summary is shorter than asked, if it is; why auto used the fallback language, if it did."},
    )
    ranking = fields.List(
        fields.Nested(RankedSentenceSchema),
        metadata={
            "description": (
                'Only with `ranking: "all"`: every sentence of the text in position order, with its score and rank as '
                "`sentences` gives them for the chosen ones."
            )
        },
    )
    title = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": (
                "The title used (it counts toward the keywords and is never a summary sentence): the request's `title`; "
                "else the HTML page's headline; else the text's leading headline line (a paragraph of its own, short, "
                "without final punctuation), which is then not a sentence of the text; null without one."
            )
        },
    )
    extracted_text = fields.String(
        metadata={
            "description": (
                "Only for `html`: the article's text as extracted, its paragraphs separated by blank lines; every offset "
                "and length of the answer indexes it."
            )
        },
    )

    @post_dump
    def _without_absent_ranking(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        for name in ("ranking", "extracted_text"):
            if data.get(name) is None:
                data.pop(name, None)
        return data


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


class BatchResultSchema(Schema):
    """One document's answer: its summary (status 200) or its own problem."""

    id = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": (
                'The document\'s id, or its position in `documents` ("0", "1", ...) when it gave none; null when the '
                "id it gave is not a string."
            )
        },
    )
    status = fields.Integer(required=True, metadata={"description": "200 with a result, else the problem's status."})
    result = fields.Nested(SummaryResponseSchema, metadata={"description": "The summary, exactly as POST /v1/summarize answers it."})
    problem = fields.Nested(ProblemSchema, metadata={"description": "Why this document has no summary."})


class BatchResponseSchema(Schema):
    """The answer of POST /v1/summarize/batch: one entry per document, in the request's order."""

    results = fields.List(fields.Nested(BatchResultSchema), required=True)


class AlgorithmSchema(Schema):
    """A registered ranking algorithm."""

    name = fields.String(required=True, metadata={"example": "lex-rank"})
    description = fields.String(required=True)
    default = fields.Boolean(required=True, metadata={"description": "Used when a request names no algorithm."})


class LanguageSchema(Schema):
    """A supported language, or auto (detect the language)."""

    name = fields.String(required=True, metadata={"description": "The value of the language option.", "example": "english"})
    code = fields.String(required=True, allow_none=True, metadata={"description": "ISO 639-1 code; null for auto.", "example": "en"})
    default = fields.Boolean(required=True, metadata={"description": "Used when a request names no language."})


class RangeSchema(Schema):
    """The accepted values of a numeric option."""

    min = fields.Raw(required=True, metadata={"type": "number"})
    max = fields.Raw(required=True, metadata={"type": "number"})
    min_inclusive = fields.Boolean(required=True)
    max_inclusive = fields.Boolean(required=True)


class BoundsSchema(Schema):
    """The range of every length bound and of ``keywords``."""

    sentences = fields.Nested(RangeSchema, required=True)
    max_words = fields.Nested(RangeSchema, required=True)
    max_chars = fields.Nested(RangeSchema, required=True)
    ratio = fields.Nested(RangeSchema, required=True)
    keywords = fields.Nested(RangeSchema, required=True)


class LimitsSchema(Schema):
    """The service's limits, as configured."""

    max_body_bytes = fields.Integer(required=True, metadata={"description": "Largest body of POST /v1/summarize (413 above)."})
    max_text_length = fields.Integer(required=True, metadata={"description": "Longest text, in characters (422 above)."})
    max_title_length = fields.Integer(required=True)
    max_batch_documents = fields.Integer(required=True, metadata={"description": "Most documents in one batch (422 above)."})
    max_batch_body_bytes = fields.Integer(required=True, metadata={"description": "Largest body of POST /v1/summarize/batch (413 above)."})
    max_id_length = fields.Integer(required=True, metadata={"description": "Longest id of a batch document."})
    bounds = fields.Nested(BoundsSchema, required=True)


class DefaultsSchema(Schema):
    """What a request gets for each option it leaves out."""

    algorithm = fields.String(required=True)
    language = fields.String(required=True)
    fallback_language = fields.String(
        required=True,
        metadata={"description": "The language auto uses when it cannot detect one (too short, unsure, or not supported)."},
    )
    sentences = fields.Integer(required=True, metadata={"description": "Used when no bound is given."})
    keywords = fields.Integer(required=True)
    order = fields.String(required=True)
    offset_unit = fields.String(required=True)
    ranking = fields.String(required=True)


class AlgorithmsResponseSchema(Schema):
    """The answer of GET /v1/algorithms: what the service can do and within which limits."""

    algorithms = fields.List(fields.Nested(AlgorithmSchema), required=True)
    languages = fields.List(fields.Nested(LanguageSchema), required=True)
    orders = fields.List(fields.String(), required=True)
    defaults = fields.Nested(DefaultsSchema, required=True)
    limits = fields.Nested(LimitsSchema, required=True)


def load(schema: Schema, data: Any) -> Any:
    """``schema.load(data)``; InvalidInput with the field-error map if the data fails it."""
    try:
        return schema.load(data)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        raise InvalidInput(messages) from None


def option_range(name: str) -> dict[str, Any]:
    """The range of a numeric option, read from its validator so that it cannot drift."""
    field = SummaryRequestSchema().fields[name]
    bounds = next(v for v in field.validators if isinstance(v, validate.Range))
    return {"min": bounds.min, "max": bounds.max, "min_inclusive": bounds.min_inclusive, "max_inclusive": bounds.max_inclusive}


class HealthSchema(Schema):
    """Liveness or readiness."""

    status = fields.String(required=True, metadata={"example": "ok"})


@dataclass(frozen=True, slots=True)
class RequestSchemas:
    """The request schemas bound to one Settings (limits, defaults), built once per app, not per request."""

    summary: SummaryRequestSchema
    query: SummaryQuerySchema
    batch: BatchRequestSchema
    document: BatchDocumentSchema

    @classmethod
    def for_settings(cls, settings: Settings) -> RequestSchemas:
        return cls(
            summary=SummaryRequestSchema(settings=settings),
            query=SummaryQuerySchema(settings=settings),
            batch=BatchRequestSchema(settings=settings),
            document=BatchDocumentSchema(settings=settings),
        )


summary_response_schema = SummaryResponseSchema()
batch_response_schema = BatchResponseSchema()
algorithms_response_schema = AlgorithmsResponseSchema()
problem_schema = ProblemSchema()
health_schema = HealthSchema()


def dump_summary(result: Summary, offset_unit: str = OFFSET_UNITS[0]) -> dict[str, Any]:
    """``summary_response_schema.dump(result)``, written out field by field, offsets and lengths counted in ``offset_unit``.

    The answer of every summary request: marshmallow's dump walks its nested fields one
    attribute lookup and one call at a time, a tenth of a request's time on an article, where
    these few literals cost next to nothing. SummaryResponseSchema stays what the answer is
    (the OpenAPI document is made from it) and tests/test_schemas_dump.py keeps the two equal.
    The pipeline's offsets are code points; another unit is converted here, at the edge, only
    at the sentences' starts and ends (service/offsets.py).
    """
    stats = result.stats
    spans = [p.sentence for p in result.sentences] + [r.sentence for r in result.ranking or ()]
    at = converter(result.text, (p for s in spans for p in (s.start, s.end)), offset_unit)
    answer = {
        "summary": result.summary,
        "sentences": [
            {
                "text": pick.sentence.text,
                "index": pick.sentence.index,
                "offset": at(pick.sentence.start),
                "length": at(pick.sentence.end) - at(pick.sentence.start),
                "score": float(pick.score),
                "rank": pick.rank,
            }
            for pick in result.sentences
        ],
        "keywords": [{"text": k.text, "score": float(k.score), "count": k.count} for k in result.keywords],
        "algorithm": result.algorithm,
        "language": result.language,
        "stats": {
            "input": {"characters": stats.input.characters, "words": stats.input.words, "sentences": stats.input.sentences},
            "summary": {
                "characters": stats.summary.characters,
                "words": stats.summary.words,
                "sentences": stats.summary.sentences,
            },
            "compression": float(stats.compression),
        },
        "warnings": list(result.warnings),
        "title": result.title,
    }
    if result.extracted_text is not None:
        answer["extracted_text"] = result.extracted_text
    if result.ranking is not None:
        answer["ranking"] = [
            {
                "index": r.sentence.index,
                "offset": at(r.sentence.start),
                "length": at(r.sentence.end) - at(r.sentence.start),
                "score": float(r.score),
                "rank": r.rank,
            }
            for r in result.ranking
        ]
    return answer
