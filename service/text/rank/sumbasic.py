"""SumBasic (Nenkova & Vanderwende, 2005) as sumy defines it: greedy, each step touching only the sentences it changes.

sumy: word probabilities are the frequencies of the document's content stems; at each step
the remaining sentence with the highest average probability of its content stems (with
repeats) is taken, the first on ties, and each of its stems' probability is squared once
per occurrence. Scoring every sentence again at every step is quadratic when the bound admits
most of the text. Here a step recomputes only the averages of the sentences that hold a stem
whose probability changed, and finds the best through the maxima of blocks of sentences. A
probability stops changing once squaring leaves it as it is (0, or 1 for a text of one word),
so a stem moves its sentences' averages at most some sixty times: the work is linear in the
text's words, whatever the bound. Averages are settled to 12 significant digits, so averages
equal but for rounding (one stem's probability against the mean of two) tie, and ties go to
the earlier sentence. Steps run only as far as selection reads the ranking.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy import sparse

from .. import deadline
from ..document import Document
from ..languages import Language
from .ranking import SIGNIFICANT_DIGITS, Ranking
from .terms import content_stems

#: Sentences per block: the best is found among the blocks' maxima, then inside one block.
BLOCK = 128


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    terms = content_stems(document)
    return Ranking.greedy(_steps(terms.counts, terms.lengths), terms.shape[0])


def _settle(values: np.ndarray) -> np.ndarray:
    """Each value rounded to SIGNIFICANT_DIGITS of its own magnitude (zeros, and values too small for it, kept)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        step = 10.0 ** (np.floor(np.log10(np.abs(values))) - SIGNIFICANT_DIGITS + 1)
        return np.where((values > 0) & (step > 0), np.round(values / step) * step, values)


def _steps(counts: sparse.csr_matrix, lengths: np.ndarray) -> Iterator[int]:
    n = counts.shape[0]
    if n == 0:
        return
    total = counts.sum()
    p = np.asarray(counts.sum(axis=0)).ravel() / total if total else np.zeros(counts.shape[1])
    columns = counts.tocsc()
    indptr, indices, data = counts.indptr, counts.indices, counts.data

    def averages(rows: np.ndarray) -> np.ndarray:
        """Settled average probability of each row's stems, with repeats, summed in the row's order."""
        starts, ends = indptr[rows], indptr[rows + 1]
        sizes = ends - starts
        offsets = np.cumsum(sizes) - sizes
        at = np.repeat(starts - offsets, sizes) + np.arange(int(sizes.sum()))
        sums = np.add.reduceat(data[at] * p[indices[at]], offsets)
        return _settle(sums / lengths[rows])

    blocks = -(-n // BLOCK)
    value = np.full(blocks * BLOCK, -np.inf)
    filled = np.flatnonzero(lengths > 0)
    value[:n] = 0.0
    if filled.size:
        value[filled] = averages(filled)
    grid = value.reshape(blocks, BLOCK)  # a view: writes to ``value`` show in it
    best_of_block = grid.max(axis=1)
    for step in range(n):
        if step and not step & 63:
            deadline.check()
        block = int(np.argmax(best_of_block))  # the first block holding the best value
        if best_of_block[block] == -np.inf:
            return
        chosen = block * BLOCK + int(np.argmax(grid[block]))  # the first sentence holding it
        value[chosen] = -np.inf
        changed = []
        for j, repeats in zip(indices[indptr[chosen] : indptr[chosen + 1]].tolist(), data[indptr[chosen] : indptr[chosen + 1]].tolist()):
            old = new = float(p[j])
            for _ in range(int(repeats)):
                new *= new
            if new != old:
                p[j] = new
                changed.append(j)
        touched = [block]
        if changed:
            rows = np.unique(np.concatenate([columns.indices[columns.indptr[j] : columns.indptr[j + 1]] for j in changed]))
            rows = rows[value[rows] > -np.inf]
            if rows.size:
                value[rows] = averages(rows)
                touched = np.unique(np.append(rows // BLOCK, block))
        best_of_block[touched] = grid[touched].max(axis=1)
        yield chosen
