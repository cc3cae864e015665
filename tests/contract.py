"""The summary contract as assertions, shared by the pipeline's property tests and the options fuzzing."""

from __future__ import annotations

import math

from service.text.languages import get_language
from service.text.pipeline import Bound, BoundKind


def words_of(text: str, result) -> tuple[int, int]:
    """The input's and the summary's words as the service counts them: what str.split() (and wc -w) counts,
    or in a language written without spaces (Chinese, Japanese) the words of its segmenter."""
    segment = get_language(result.language).words
    if segment is None:
        return len(text.split()), len(result.summary.split())
    return len(segment(text)), sum(len(p.sentence.tokens) for p in result.sentences)


def assert_contract(text: str, result, bound: Bound) -> None:
    """Every sentence is located exactly, scored and ranked once; the summary is theirs and within ``bound``."""
    picks = result.sentences
    input_words, summary_words = words_of(text, result)
    for p in picks:
        assert text[p.sentence.start : p.sentence.start + p.sentence.length] == p.sentence.text
        assert 0.0 <= p.score <= 1.0 and p.rank >= 1
    assert result.summary == " ".join(p.sentence.text for p in picks)
    assert len({p.sentence.text.casefold() for p in picks}) == len(picks)
    assert len({p.rank for p in picks}) == len(picks)
    if bound.kind is BoundKind.SENTENCES:
        assert len(picks) <= bound.value
    elif bound.kind is BoundKind.MAX_WORDS:
        assert summary_words <= bound.value
    elif bound.kind is BoundKind.MAX_CHARS:
        assert len(result.summary) <= bound.value
    else:
        assert summary_words <= math.floor(bound.value * input_words)
    assert result.stats.input.characters == len(text)
    assert result.stats.summary.characters == len(result.summary)
    # A word is what str.split() (and wc -w) counts, or the segmenter's, in the bounds and in the stats alike.
    assert result.stats.input.words == input_words
    assert result.stats.summary.words == summary_words
    assert result.stats.summary.sentences == len(picks)
