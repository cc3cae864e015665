"""LexRank (Erkan & Radev, 2004) as sumy defines it, on sparse matrices.

sumy: TF is a sentence's term count over its largest count; IDF is log(N / (1 + n_t)) with
sentences as documents; two sentences are linked when their IDF-modified cosine exceeds 0.1;
each row is divided by its degree; the power method runs until successive L2-normalised
vectors differ by at most 0.1. Here the cosines are one sparse product X·Xᵀ instead of a
Python loop over every pair, and the power method multiplies a sparse matrix.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from .. import deadline
from ..document import Document
from ..languages import Language
from .ranking import Ranking
from .terms import content_stems, graph_terms, pair_blocks

THRESHOLD = 0.1
EPSILON = 0.1


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    terms = content_stems(document)
    counts = terms.counts
    n = counts.shape[0]
    if n == 0:
        return Ranking.from_scores([])
    max_tf = np.zeros(n)
    if counts.nnz:
        max_tf = counts.max(axis=1).toarray().ravel()
    max_tf[max_tf == 0] = 1.0
    df = np.diff(counts.tocsc().indptr)
    idf = np.log(n / (1.0 + df))
    tf = sparse.diags(1.0 / max_tf) @ counts
    weighted = (tf @ sparse.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())

    rows_linked: list[np.ndarray] = []
    cols_linked: list[np.ndarray] = []
    for block, rows in pair_blocks(graph_terms(weighted)):
        cols = block.indices
        denominator = norms[rows] * norms[cols]
        with np.errstate(divide="ignore", invalid="ignore"):
            similarity = np.where(denominator > 0, block.data / denominator, 0.0)
        linked = similarity > THRESHOLD
        rows_linked.append(rows[linked])
        cols_linked.append(cols[linked])
    rows = np.concatenate(rows_linked) if rows_linked else np.zeros(0, dtype=np.int32)
    cols = np.concatenate(cols_linked) if cols_linked else np.zeros(0, dtype=np.int32)
    degrees = np.bincount(rows, minlength=n).astype(float)
    degrees[degrees == 0] = 1.0
    matrix = sparse.csr_matrix((1.0 / degrees[rows], (rows, cols)), shape=(n, n))
    return Ranking.from_scores(_power_method(matrix.T.tocsr(), EPSILON))


def _power_method(transposed: sparse.csr_matrix, epsilon: float) -> np.ndarray:
    n = transposed.shape[0]
    p = np.full(n, 1.0 / n)
    change = 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        while change > epsilon:
            deadline.check()
            following = transposed @ p
            following /= np.linalg.norm(following)
            change = np.linalg.norm(following - p)
            p = following
    return p
