"""Fuzzing the pipeline through the request schemas: arbitrary Unicode text, arbitrary option combinations.

What a request can carry, drawn by hypothesis: text from the whole of Unicode (every category
but lone surrogates, which service.bodies refuses before any schema sees them) or article-like
text with invisible, right-to-left and control characters mixed in; and options that are right,
almost right or plain wrong (every JSON type, huge and non-finite numbers, unknown fields, more
than one bound). Each draw is loaded by the schema and, if it loads, summarized by the real
pipeline. The only exception allowed is the documented one, InvalidInput (422, field by field);
anything that loads must give a summary that keeps the contract and dumps to strict JSON.
"""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from service.errors import InvalidInput
from service.schemas import SummaryQuerySchema, SummaryRequestSchema, dump_summary, load, summary_response_schema
from service.settings import Settings
from service.text.languages import SUPPORTED_LANGUAGES
from service.text.pipeline import summarize
from service.text.rank import ALGORITHMS

from .contract import assert_contract

SETTINGS = Settings(max_text_length=4000)
FIELDS = ("title", "language", "algorithm", "sentences", "max_words", "max_chars", "ratio", "keywords", "order")

_odd = st.sampled_from(["\u200b", "\u200d", "\u202e", "\u2067", "\ufeff", "\u0000", "\u0007", "\u00ad", "\u0301", "\u3000", "\r", "\x85", "\u2028"])
_word = st.one_of(
    st.sampled_from(["The", "council", "met", "Mr.", "U.S.", "3.5%", "e.g.", "São", "Zürich", "日本", "مرحبا", "שלום", "😀", "👨‍👩‍👧", "<b>", "&amp;"]),
    st.text(min_size=1, max_size=8),
)
_sentence = st.builds(lambda words, end: " ".join(words) + end, st.lists(_word, min_size=1, max_size=10), st.sampled_from([".", "!", "?", "…", "。", "", "\n\n"]))
_article = st.lists(st.one_of(_sentence, _odd), min_size=1, max_size=30).map(" ".join)
TEXT = st.one_of(st.text(min_size=1, max_size=600), _article, st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300))

_json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
JSON_VALUE = st.recursive(_json_scalar, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)), max_leaves=6)
_plausible = {
    "title": st.one_of(st.none(), st.text(max_size=60), st.text(min_size=1000, max_size=1002)),
    "language": st.sampled_from([*SUPPORTED_LANGUAGES, "English", "klingon", ""]),
    "algorithm": st.sampled_from([*ALGORITHMS, "LSA", "gpt", ""]),
    "sentences": st.integers(-2, 12),
    "max_words": st.integers(-1, 90),
    "max_chars": st.integers(-1, 500),
    "ratio": st.floats(-0.5, 1.5),
    "keywords": st.integers(-1, 52),
    "order": st.sampled_from(["position", "rank", "random"]),
}
_valid_bound = st.one_of(
    st.just({}),
    st.builds(lambda v: {"sentences": v}, st.integers(1, 10_000)),
    st.builds(lambda v: {"max_words": v}, st.integers(1, 200)),
    st.builds(lambda v: {"max_chars": v}, st.integers(1, 2000)),
    st.builds(lambda v: {"ratio": v}, st.floats(0.0001, 1.0)),
)
#: Options that load: every algorithm, language, bound and order, so that most draws reach the pipeline.
VALID_OPTIONS = st.builds(
    lambda base, bound: {**base, **bound},
    st.fixed_dictionaries(
        {"algorithm": st.sampled_from(list(ALGORITHMS)), "language": st.sampled_from(SUPPORTED_LANGUAGES)},
        optional={"title": st.one_of(st.none(), st.text(max_size=80)), "keywords": st.integers(0, 50), "order": st.sampled_from(["position", "rank"])},
    ),
    _valid_bound,
)
#: Options that may be wrong in every way: plausible values and arbitrary JSON, any combination.
ANY_OPTIONS = st.builds(
    lambda known, unknown: {**{k: v for k, v in unknown.items() if k != "text"}, **known},
    st.fixed_dictionaries({}, optional={name: st.one_of(_plausible[name], JSON_VALUE) for name in FIELDS}),
    st.dictionaries(st.text(min_size=1, max_size=6), JSON_VALUE, max_size=1),
)
OPTIONS = st.one_of(VALID_OPTIONS, VALID_OPTIONS, VALID_OPTIONS, ANY_OPTIONS)
_fuzz = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def keeps_the_contract(text: str, options, result) -> None:
    assert_contract(text, result, options.bound)
    assert len(result.keywords) <= options.keywords
    assert all(0.0 <= k.score <= 1.0 and k.count >= 1 for k in result.keywords)
    assert all(math.isfinite(v) for v in (result.stats.compression, *(p.score for p in result.sentences)))
    # What the service would answer: strict JSON (no NaN), which the caller can read back.
    answer = dump_summary(result)
    assert answer == summary_response_schema.dump(result)
    dumped = json.dumps(answer, ensure_ascii=False, allow_nan=False)
    assert json.loads(dumped)["summary"] == result.summary


def validation_error_is_a_field_map(error: InvalidInput) -> None:
    assert error.status == 422
    assert error.errors and all(isinstance(name, str) for name in error.errors)


@_fuzz
@given(text=TEXT, options=OPTIONS)
def test_any_json_request_is_summarized_or_refused_field_by_field(text, options):
    data = {"text": text, **options}
    try:
        loaded = load(SummaryRequestSchema(settings=SETTINGS), data)
    except InvalidInput as error:
        validation_error_is_a_field_map(error)
        event("refused: " + ", ".join(sorted(error.errors)))
        return
    event(f"summarized ({loaded.algorithm}, {loaded.bound.kind.value})")
    keeps_the_contract(text, loaded, summarize(loaded))


@_fuzz
@given(text=TEXT, options=st.dictionaries(st.sampled_from(FIELDS), st.one_of(st.text(max_size=12), st.integers(-5, 60).map(str), st.floats().map(str)), max_size=4))
def test_any_plain_text_request_is_summarized_or_refused_field_by_field(text, options):
    try:
        loaded = load(SummaryQuerySchema(settings=SETTINGS), {**options, "text": text})
    except InvalidInput as error:
        validation_error_is_a_field_map(error)
        event("refused: " + ", ".join(sorted(error.errors)))
        return
    event(f"summarized ({loaded.algorithm}, {loaded.bound.kind.value})")
    keeps_the_contract(text, loaded, summarize(loaded))
