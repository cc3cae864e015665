"""The pipeline end to end without HTTP: contract invariants, as examples and as properties over arbitrary text."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pytest

from service.text import boilerplate, headline
from service.text.analysis import analyse
from service.text.pipeline import Bound, BoundKind, SummaryOptions, coverage, summarize
from service.text.rank import ALGORITHMS, Algorithm, lead

from ..contract import assert_contract


def options(text: str, kind: BoundKind = BoundKind.SENTENCES, value: float = 3, **kw) -> SummaryOptions:
    return SummaryOptions(text=text, algorithm=kw.pop("algorithm", "lex-rank"), bound=Bound(kind, value), **kw)


def test_sample_article_summary_meets_the_contract(sample_text):
    result = summarize(options(sample_text))
    assert_contract(sample_text, result, Bound(BoundKind.SENTENCES, 3))
    assert len(result.sentences) == 3
    assert [p.sentence.index for p in result.sentences] == sorted(p.sentence.index for p in result.sentences)
    assert max(p.score for p in result.sentences) == 1.0
    # 38 sentences, less the headline line (the title) and the 6 sentences of furniture lines.
    assert result.stats.input.sentences == 31
    assert result.warnings == ()
    assert 1 <= len(result.keywords) <= 10


def test_sample_article_with_a_word_bound(sample_text):
    result = summarize(options(sample_text, BoundKind.MAX_WORDS, 60))
    assert_contract(sample_text, result, Bound(BoundKind.MAX_WORDS, 60))
    assert 0 < result.stats.summary.words <= 60


def test_rank_order_joins_the_best_first(sample_text):
    result = summarize(options(sample_text, order="rank"))
    assert [p.rank for p in result.sentences] == sorted(p.rank for p in result.sentences)


def test_headline_is_not_glued_to_the_first_paragraph_it_is_the_title(sample_text):
    result = summarize(options(sample_text, algorithm="lead", value=1))
    assert result.title == "Trump Set to Discuss Ukraine Conflict in Upcoming Phone Call with Putin"
    assert result.summary == (
        "US President Donald Trump has announced plans to discuss potential resolutions for the ongoing Ukraine conflict "
        "with Russian President Vladimir Putin in a phone call scheduled for Monday."
    )


def test_title_is_left_out_of_the_summary(sample_text):
    title = "Trump Set to Discuss Ukraine Conflict in Upcoming Phone Call with Putin"
    result = summarize(options(sample_text, algorithm="lead", value=1, title=title))
    assert result.summary.startswith("US President Donald Trump has announced")


@pytest.mark.parametrize(
    ("bound", "share"),
    [
        (Bound(BoundKind.SENTENCES, 1), 1 / 3),
        (Bound(BoundKind.SENTENCES, 5), 1.0),  # more sentences than the text has
        (Bound(BoundKind.MAX_WORDS, 3), 3 / 12),
        (Bound(BoundKind.MAX_WORDS, 100), 1.0),
        (Bound(BoundKind.MAX_CHARS, 31), 31 / 61),  # the sentences joined by single spaces
        (Bound(BoundKind.RATIO, 0.25), 0.25),
    ],
)
def test_coverage_is_the_share_of_the_text_the_bound_asks_for(bound, share):
    document = analyse("Rain fell on the town.   Rivers rose.\n\nSchools closed for a day.")
    assert [s.length for s in document.sentences] == [22, 12, 25]
    assert document.word_count == 12
    assert coverage(document, bound) == pytest.approx(share)


def test_coverage_of_an_empty_text_is_unknown():
    assert coverage(analyse("   "), Bound(BoundKind.SENTENCES, 3)) is None


def test_the_ranker_is_given_the_share_the_bound_implies(sample_text, monkeypatch):
    seen = []

    def spy(document, language, *, share=None):
        seen.append(share)
        return lead.rank(document, language, share=share)

    monkeypatch.setitem(ALGORITHMS, "spy", Algorithm("spy", "records the share", spy))
    # The ranker sees the article without its headline line and furniture lines.
    full = analyse(sample_text)
    document, furniture = headline.take(full, boilerplate.furniture(full))
    document = boilerplate.without(document, furniture)
    for bound in (Bound(BoundKind.SENTENCES, 3), Bound(BoundKind.MAX_WORDS, 60), Bound(BoundKind.RATIO, 0.2)):
        summarize(SummaryOptions(text=sample_text, algorithm="spy", bound=bound))
        assert seen.pop() == coverage(document, bound)
    assert seen == []


def test_keyword_count_follows_the_option(sample_text):
    assert summarize(options(sample_text, keywords=0)).keywords == ()
    assert len(summarize(options(sample_text, keywords=3)).keywords) == 3


# Words, sentence punctuation, quotes, abbreviations, spaces and line breaks: text that
# segments into many sentences of varied length, repeats included.
_words = st.sampled_from(
    ["Alpha", "beta", "gamma", "Mr.", "U.S.", "3.5%", "delta", "sanctions", "sanction", "“quoted.”", "ÉTÉ", "日本", "x"]
)
_sentence = st.builds(
    lambda ws, end: " ".join(ws) + end,
    st.lists(_words, min_size=1, max_size=12),
    st.sampled_from([".", "!", "?", "", "...", ".\""]),
)
#: Another text, run between two runs of the same request.
OTHER_TEXT = (
    "Zebras graze on the savanna at dawn. Lions watch the zebras from the tall grass. "
    "Rain came late this year, and the rivers ran low.\n\nRangers counted 412 zebras in March. "
    "However, the count in May was lower. \u201cWe expect them back,\u201d a ranger said."
)
_text = st.lists(st.tuples(_sentence, st.sampled_from([" ", "\n", "\n\n", "  "])), min_size=1, max_size=25).map(
    lambda parts: "".join(s + sep for s, sep in parts)
)
_bound = st.one_of(
    st.builds(Bound, st.just(BoundKind.SENTENCES), st.integers(1, 8)),
    st.builds(Bound, st.just(BoundKind.MAX_WORDS), st.integers(1, 80)),
    st.builds(Bound, st.just(BoundKind.MAX_CHARS), st.integers(1, 400)),
    st.builds(Bound, st.just(BoundKind.RATIO), st.floats(0.01, 1.0)),
)
_fast_settings = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_fast_settings
@given(text=st.one_of(_text, st.text(max_size=400)), bound=_bound, algorithm=st.sampled_from(list(ALGORITHMS)))
def test_any_text_any_bound_any_algorithm_keeps_the_contract(text, bound, algorithm):
    request = SummaryOptions(text=text, algorithm=algorithm, bound=bound, order="rank")
    result = summarize(request)
    assert_contract(text, result, bound)


@_fast_settings
@given(text=_text, algorithm=st.sampled_from(list(ALGORITHMS)))
def test_same_input_same_output_whatever_ran_before(text, algorithm):
    # No state of one request (word caches, memoised stems) changes the next one's answer. Across
    # processes with different hash seeds: tests/test_schemas_dump.py.
    request = SummaryOptions(text=text, algorithm=algorithm, bound=Bound(BoundKind.SENTENCES, 3))
    first = summarize(request)
    summarize(SummaryOptions(text=OTHER_TEXT, algorithm=algorithm, bound=Bound(BoundKind.MAX_WORDS, 40)))
    assert summarize(request) == first


@_fast_settings
@given(text=_text)
def test_repeated_text_never_repeats_a_summary_sentence(text):
    doubled = text + "\n\n" + text
    result = summarize(SummaryOptions(text=doubled, algorithm="lead", bound=Bound(BoundKind.SENTENCES, 50)))
    texts = [" ".join(p.sentence.text.split()).casefold() for p in result.sentences]
    assert len(texts) == len(set(texts))


def test_a_word_across_a_sentence_edge_is_split_at_the_edge():
    from service.text.analysis import analyse

    document = analyse("It rained all day.Nobody came to the fair.")
    assert [s.text for s in document.sentences] == ["It rained all day.", "Nobody came to the fair."]
    assert [document.text[t.start : t.end] for t in document.sentences[1].tokens][0] == "Nobody"
    assert all(s.start <= t.start and t.end <= s.end for s in document.sentences for t in s.tokens)


# Words the rankers do not count as words but a reader and ``wc -w`` do, glued periods that the
# sentences split, and every kind of white space between them.
_counted = st.sampled_from(["—", "–", "-", "“", "”", '"', "'", "•", "|", "😀", "…", "§", "day.Nobody", "x.Y", "—.", "Rain", "fell", "the", "Mr.", "1,000", "town."])
_gap = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85", "\u2028", "\r\n"])
_wordy_text = st.lists(st.tuples(_counted, _gap), min_size=1, max_size=60).map(lambda parts: "".join(w + g for w, g in parts))
_word_bound = st.one_of(
    st.builds(Bound, st.just(BoundKind.MAX_WORDS), st.integers(1, 40)),
    st.builds(Bound, st.just(BoundKind.RATIO), st.floats(0.01, 1.0)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_wordy_text, st.text(max_size=300)), bound=_word_bound, algorithm=st.sampled_from(list(ALGORITHMS)))
def test_word_bounds_and_stats_count_whitespace_separated_words(text, bound, algorithm):
    result = summarize(SummaryOptions(text=text, algorithm=algorithm, bound=bound))
    words = len(result.summary.split())
    if bound.kind is BoundKind.MAX_WORDS:
        assert words <= bound.value
    else:
        assert words <= math.floor(bound.value * len(text.split()))
    assert result.stats.input.words == len(text.split())
    assert result.stats.summary.words == words


@pytest.mark.parametrize(
    "text",
    ["", "   ", "day.Nobody", "It rained all day.Nobody came.", "Alpha beta.\n\n— — — —\n\nGamma delta.", "—a. b", "a. — b", "\x1cA.\x1cB.", "  lead. tail  "],
)
def test_the_texts_words_are_counted_once_each_across_sentence_edges(text):
    # Counted from the sentences and the gaps between them, not by splitting the whole text again.
    document = analyse(text)
    assert document.word_count == len(text.split())
    assert [s.word_count for s in document.sentences] == [len(s.text.split()) for s in document.sentences]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_wordy_text, st.text(max_size=300)))
def test_the_document_has_the_words_str_split_counts(text):
    assert analyse(text).word_count == len(text.split())
