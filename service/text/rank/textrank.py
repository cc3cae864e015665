"""TextRank (Mihalcea & Tarau, 2004) as sumy defines it, on sparse matrices.

sumy: two sentences are linked by the number of content stems they share (counted with
repeats) over log|s1| + log|s2| (the share itself when both have one word); each row is
normalised (plus 1e-7); PageRank with damping 0.85 and a uniform jump of (1 - d)/N runs
until successive vectors differ by at most 1e-4. The shared counts are one sparse product
C·Cᵀ, and the dense jump term is applied as a scalar instead of an N×N matrix.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from .. import deadline
from ..document import Document
from ..languages import Language
from .ranking import Ranking
from .terms import content_stems, graph_terms, pair_blocks

DAMPING = 0.85
EPSILON = 1e-4
_ZERO_DIVISION_PREVENTION = 1e-7


def edge_weights(document: Document) -> sparse.csr_matrix:
    """Shared-word weights between sentences, diagonal included, as sumy's TextRank scores them."""
    terms = content_stems(document)
    n = terms.shape[0]
    logs = np.zeros_like(terms.lengths)
    np.log(terms.lengths, out=logs, where=terms.lengths > 0)
    blocks = []
    for block, rows in pair_blocks(graph_terms(terms.counts)):
        norm = logs[rows] + logs[block.indices]
        with np.errstate(divide="ignore", invalid="ignore"):
            block.data = np.where(np.isclose(norm, 0.0), block.data, block.data / norm)
        blocks.append(block)
    return sparse.vstack(blocks, format="csr") if blocks else sparse.csr_matrix((n, n))


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    n = len(document.sentences)
    if n == 0:
        return Ranking.from_scores([])
    weights = edge_weights(document)
    row_sums = np.asarray(weights.sum(axis=1)).ravel() + _ZERO_DIVISION_PREVENTION
    weights.data /= np.repeat(row_sums, np.diff(weights.indptr))  # rows normalised in place
    incoming = weights.T  # a CSC view: Wᵀp without copying W
    jump = (1.0 - DAMPING) / n
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > EPSILON:
        deadline.check()
        following = jump * p.sum() + DAMPING * (incoming @ p)
        change = np.linalg.norm(following - p)
        p = following
    return Ranking.from_scores(p)
