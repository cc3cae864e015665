"""SumBasic (Nenkova & Vanderwende, 2005) as sumy defines it: greedy, with lazy evaluation of the candidates.

sumy: word probabilities are the frequencies of the document's content stems; at each step
the remaining sentence with the highest average probability of its content stems (with
repeats) is taken, the first on ties, and each of its stems' probability is squared once
per occurrence. Scoring every sentence again at every step is quadratic when the bound admits
most of the text; but probabilities only ever shrink, so a sentence's last computed average is
an upper bound of its average at any later step. The candidates sit in a max-heap by that bound
and a step recomputes only those whose bound is above the best average found (lazy greedy,
exact). Averages are ``math.fsum`` sums (exactly rounded) settled to 12 significant digits, so
averages equal but for rounding (one stem's probability against the mean of two) tie, and ties
go to the earlier sentence. Steps run only as far as
selection reads the ranking.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator

from ..document import Document
from ..languages import Language
from .ranking import Ranking, settle_one
from .terms import occurrences


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    found = occurrences(document)
    stems: list[list[int]] = [[] for _ in range(found.sentences)]
    for i, j in zip(found.rows.tolist(), found.cols.tolist()):
        stems[i].append(j)
    return Ranking.greedy(_steps(stems, found.terms), found.sentences)


def _steps(stems: list[list[int]], v: int) -> Iterator[int]:
    """Greedy SumBasic over each sentence's content stems (term numbers, with repeats, in order)."""
    n = len(stems)
    if n == 0:
        return
    frequency = [0] * v
    for words in stems:
        for j in words:
            frequency[j] += 1
    total = sum(frequency)
    p = [f / total for f in frequency]
    rows = [sorted(words) for words in stems]

    def average(i: int) -> float:
        words = rows[i]
        return settle_one(math.fsum([p[j] for j in words]) / len(words)) if words else 0.0

    heap = [(-average(i), i) for i in range(n)]  # (−upper bound of the average, index)
    heapq.heapify(heap)
    while heap:
        bound, i = heap[0]
        current = -average(i)
        if current != bound:  # lower than its bound: back in the heap at its place
            heapq.heapreplace(heap, (current, i))
            continue
        heapq.heappop(heap)
        for j in stems[i]:
            p[j] *= p[j]
        yield i
