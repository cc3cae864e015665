"""SumBasic (Nenkova & Vanderwende, 2005) as sumy defines it: greedy, one vectorised step per chosen sentence.

sumy: word probabilities are the frequencies of the document's content stems; at each step
the remaining sentence with the highest average probability of its content stems (with
repeats) is taken, the first on ties, and each of its stems' probability is squared once
per occurrence. A step here is one sparse matrix-vector product; steps run only as far as
selection reads the ranking.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy import sparse

from ..document import Document
from ..languages import Language
from .ranking import Ranking, settle
from .terms import content_stems


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    terms = content_stems(document)
    return Ranking.greedy(_steps(terms.counts, terms.lengths), terms.shape[0])


def _steps(counts: sparse.csr_matrix, lengths: np.ndarray) -> Iterator[int]:
    n = counts.shape[0]
    if n == 0:
        return
    total = counts.sum()
    p = np.asarray(counts.sum(axis=0)).ravel() / total if total else np.zeros(counts.shape[1])
    remaining = np.ones(n, dtype=bool)
    safe_lengths = np.where(lengths > 0, lengths, 1.0)
    for _ in range(n):
        average = np.where(lengths > 0, (counts @ p) / safe_lengths, 0.0)
        average[~remaining] = -np.inf
        best = int(np.argmax(settle(average)))
        remaining[best] = False
        start, end = counts.indptr[best], counts.indptr[best + 1]
        cols, repeats = counts.indices[start:end], counts.data[start:end]
        p[cols] = p[cols] ** (2.0**repeats)
        yield best
