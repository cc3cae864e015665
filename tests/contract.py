"""The summary contract as assertions, shared by the pipeline's property tests and the options fuzzing."""

from __future__ import annotations

from service.text.pipeline import Bound, BoundKind
from service.text.tokens import count_words


def assert_contract(text: str, result, bound: Bound) -> None:
    """Every sentence is located exactly, scored and ranked once; the summary is theirs and within ``bound``."""
    picks = result.sentences
    for p in picks:
        assert text[p.sentence.start : p.sentence.start + p.sentence.length] == p.sentence.text
        assert 0.0 <= p.score <= 1.0 and p.rank >= 1
    assert result.summary == " ".join(p.sentence.text for p in picks)
    assert len({p.sentence.text.casefold() for p in picks}) == len(picks)
    assert len({p.rank for p in picks}) == len(picks)
    if bound.kind is BoundKind.SENTENCES:
        assert len(picks) <= bound.value
    elif bound.kind is BoundKind.MAX_WORDS:
        assert count_words(result.summary) <= bound.value
    elif bound.kind is BoundKind.MAX_CHARS:
        assert len(result.summary) <= bound.value
    else:
        assert count_words(result.summary) <= bound.value * result.stats.input.words
    assert result.stats.input.characters == len(text)
    assert result.stats.summary.characters == len(result.summary)
    assert result.stats.summary.words == count_words(result.summary)
    assert result.stats.summary.sentences == len(picks)
