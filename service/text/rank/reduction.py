"""Reduction as sumy defines it: each sentence scores the sum of its shared-word weights with every other one.

The weight of a pair is sumy's (shared stems counted with repeats over log|s1| + log|s2|, zero
when that norm is zero); the sum over all pairs is one sparse product and a row sum, not a
Python loop over every pair.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from ..document import Document
from ..languages import Language
from .ranking import Ranking
from .terms import content_stems, shared_counts


def rank(document: Document, language: Language) -> Ranking:
    n = len(document.sentences)
    terms = content_stems(document)
    shared = shared_counts(terms.counts).tocoo()
    off_diagonal = shared.row != shared.col
    rows, cols, data = shared.row[off_diagonal], shared.col[off_diagonal], shared.data[off_diagonal]
    logs = np.zeros_like(terms.lengths)
    np.log(terms.lengths, out=logs, where=terms.lengths > 0)
    norm = logs[rows] + logs[cols]
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = np.where(norm == 0.0, 0.0, data / norm)
    ratings = np.asarray(sparse.csr_matrix((weights, (rows, cols)), shape=(n, n)).sum(axis=1)).ravel()
    return Ranking.from_scores(ratings)
