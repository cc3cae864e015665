"""The summary contract as assertions, shared by the pipeline's property tests and the options fuzzing."""

from __future__ import annotations

import math

from service.text.pipeline import Bound, BoundKind


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
        assert len(result.summary.split()) <= bound.value
    elif bound.kind is BoundKind.MAX_CHARS:
        assert len(result.summary) <= bound.value
    else:
        assert len(result.summary.split()) <= math.floor(bound.value * len(text.split()))
    assert result.stats.input.characters == len(text)
    assert result.stats.summary.characters == len(result.summary)
    # A word is what str.split() (and wc -w) counts, in the bounds and in the stats alike.
    assert result.stats.input.words == len(text.split())
    assert result.stats.summary.words == len(result.summary.split())
    assert result.stats.summary.sentences == len(picks)
