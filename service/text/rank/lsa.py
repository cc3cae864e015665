"""LSA as sumy defines it, computed without the SVD it does not need.

sumy builds a words × sentences matrix (0.4 + 0.6·count/max count of the column, in every
cell of a non-empty column), takes its SVD A = UΣVᵀ, and scores sentence j by
sqrt(Σ_i σ_i²·v_ij²) over all singular values (its reduction ratio is 1). Since U has
orthonormal columns that is ‖ΣVᵀe_j‖ = ‖Ae_j‖: the Euclidean norm of column j. That norm
is computed directly from the sparse counts, in linear time, without the dense matrix or
its cubic SVD; the two agree to rounding error.

As in sumy, the vocabulary is the stems of the document's non-stop words, and a sentence's
column counts every word whose stem is in it (stop words included, when their stem is).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from ..document import Document
from ..languages import Language
from .ranking import Ranking
from .terms import count_matrix

SMOOTH = 0.4


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    vocabulary = {t.term for s in document.sentences for t in s.tokens if t.term is not None}
    index = {stem: i for i, stem in enumerate(vocabulary)}
    rows: list[int] = []
    cols: list[int] = []
    for i, sentence in enumerate(document.sentences):
        for token in sentence.tokens:
            if token.alpha and token.stem in index:
                rows.append(i)
                cols.append(index[token.stem])
    n, v = len(document.sentences), len(index)
    counts = count_matrix(rows, cols, n, v).counts
    scores = np.zeros(n)
    if counts.nnz:
        max_count = counts.max(axis=1).toarray().ravel()
        present = max_count > 0
        frequency = sparse.diags(np.where(present, 1.0 / np.where(present, max_count, 1.0), 0.0)) @ counts
        cells = SMOOTH + (1.0 - SMOOTH) * frequency.data
        per_row_nnz = np.diff(frequency.indptr)
        squares = np.bincount(np.repeat(np.arange(n), per_row_nnz), cells**2, minlength=n)
        # Every other cell of a non-empty column holds the smoothing value.
        total = squares + (v - per_row_nnz) * SMOOTH**2
        scores = np.where(present, np.sqrt(total), 0.0)
    return Ranking.from_scores(scores)
