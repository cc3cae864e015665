"""Reduction as sumy defines it: each sentence scores the sum of its shared-word weights with every other one.

The weight of a pair is sumy's (shared stems counted with repeats over log|s1| + log|s2|, zero
when that norm is zero); the sum over all pairs is one sparse product and a row sum, not a
Python loop over every pair.
"""

from __future__ import annotations

import numpy as np
from ..document import Document
from ..languages import Language
from .ranking import Ranking
from .terms import content_stems, graph_terms, pair_blocks


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    n = len(document.sentences)
    terms = content_stems(document)
    logs = np.zeros_like(terms.lengths)
    np.log(terms.lengths, out=logs, where=terms.lengths > 0)
    ratings = np.zeros(n)
    for block, rows in pair_blocks(graph_terms(terms.counts)):
        cols, data = block.indices, block.data
        norm = logs[rows] + logs[cols]
        with np.errstate(divide="ignore", invalid="ignore"):
            weights = np.where((norm == 0.0) | (rows == cols), 0.0, data / norm)
        ratings += np.bincount(rows, weights, minlength=n)
    return Ranking.from_scores(ratings)
