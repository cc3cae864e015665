"""The greedy rankers' step rules, evaluated for every candidate at every step: the oracle for long texts.

KL-Sum and SumBasic rank lazily (``service/text/rank/kl.py``, ``sumbasic.py``); these functions
score every remaining sentence by the definition at each step, vectorised, so they can run on
texts far longer than sumy's own loops allow. ``replay`` walks a ranking through them and says
whether every pick was a best choice at its step (to rounding error, as sumy's own ties are).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import sparse

from service.text.document import Document
from service.text.rank.terms import count_matrix, occurrences


def _kl_state(document: Document) -> tuple[sparse.csr_matrix, np.ndarray]:
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    all_words = np.zeros(len(document.sentences))
    for i, sentence in enumerate(document.sentences):
        for token in sentence.tokens:
            if token.alpha:
                all_words[i] += 1
                if not token.stop:
                    rows.append(i)
                    cols.append(vocabulary.setdefault(token.norm, len(vocabulary)))
    return count_matrix(rows, cols, len(document.sentences), len(vocabulary)).counts, all_words


def kl_scores(counts: sparse.csr_matrix, summary: np.ndarray, summary_length: float) -> np.ndarray:
    """KL(d ‖ q_i) for every sentence i, q_i the joint distribution of the summary and sentence i (sumy's rule).

    Σ_w d_w·log(d_w / q_w) over the content words w of summary ∪ sentence, split into the words
    of the summary outside the sentence (one sum for all) and the sentence's own words.
    """
    n, v = counts.shape
    total = counts.sum()
    d = np.asarray(counts.sum(axis=0)).ravel() / total if total else np.zeros(v)
    lengths = np.asarray(counts.sum(axis=1)).ravel() + summary_length
    rows = np.repeat(np.arange(n), np.diff(counts.indptr))
    cols, c = counts.indices, counts.data
    with np.errstate(divide="ignore", invalid="ignore"):
        in_summary = (summary > 0) & (d > 0)
        summary_terms = np.where(in_summary, d * np.log(d) - d * np.log(summary), 0.0)
        # Every summary word, as if outside the sentence; then the sentence's words put right.
        base = summary_terms.sum() + np.log(lengths) * d[in_summary].sum()
        own = d[cols] * np.log(d[cols]) - d[cols] * np.log(c + summary[cols]) + d[cols] * np.log(lengths[rows])
        own = np.where(d[cols] > 0, own, 0.0) - np.where(in_summary[cols], summary_terms[cols] + d[cols] * np.log(lengths[rows]), 0.0)
        scores = base + np.bincount(rows, own, minlength=n)
    return np.where(lengths > 0, scores, 0.0)


def sum_basic_scores(counts: sparse.csr_matrix, p: np.ndarray) -> np.ndarray:
    """Average probability of each sentence's content stems, with repeats (sumy's rule)."""
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(lengths > 0, (counts @ p) / lengths, 0.0)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def replay(name: str, document: Document, order: list[int]) -> int | None:
    """The first step at which ``order`` is not a best choice by ``name``'s rule, or None if every step is."""
    n = len(document.sentences)
    remaining = np.ones(n, dtype=bool)
    if name == "kl":
        counts, all_words = _kl_state(document)
        summary = np.zeros(counts.shape[1])
        summary_length = 0.0
        for step, pick in enumerate(order):
            scores = np.where(remaining, kl_scores(counts, summary, summary_length), np.inf)
            if not remaining[pick] or not _close(scores[pick], scores.min()):
                return step
            remaining[pick] = False
            summary += counts[pick].toarray().ravel()
            summary_length += all_words[pick]
        return None
    found = occurrences(document)
    counts = count_matrix(found.rows, found.cols, found.sentences, found.terms).counts
    total = counts.sum()
    p = np.asarray(counts.sum(axis=0)).ravel() / total if total else np.zeros(counts.shape[1])
    for step, pick in enumerate(order):
        scores = np.where(remaining, sum_basic_scores(counts, p), -np.inf)
        if not remaining[pick] or not _close(scores[pick], scores.max()):
            return step
        remaining[pick] = False
        start, end = counts.indptr[pick], counts.indptr[pick + 1]
        for j, repeats in zip(counts.indices[start:end], counts.data[start:end]):
            for _ in range(int(repeats)):
                p[j] *= p[j]
    return None
