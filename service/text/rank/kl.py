"""KL-Sum (Haghighi & Vanderwende, 2009) as sumy defines it: greedy, one vectorised step per chosen sentence.

sumy: the document's distribution d is the frequency of its content words (lower-cased, not
stemmed, stop words out); at each step every remaining sentence is scored by
KL = Σ_w d_w·log(d_w / q_w) over the words of the candidate joint distribution q (the
sentence's content words plus every word already in the summary, stop words included),
and the lowest is taken. sumy recomputes every dictionary at every step, which is
quadratic to cubic; here the sum is split into parts that are sparse row sums over the
sentence × word matrix, so a step is a few array operations over its non-zeros, and steps
run only as far as selection reads the ranking.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy import sparse

from ..document import Document
from ..languages import Language
from .ranking import Ranking, settle
from .terms import count_matrix


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    n = len(document.sentences)
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    all_words = np.zeros(n)  # every word of the sentence: what it adds to the summary's length
    summary_cols: list[list[int]] = []
    for i, sentence in enumerate(document.sentences):
        mine = []
        for token in sentence.tokens:
            if token.alpha:
                all_words[i] += 1
                if not token.stop:
                    j = vocabulary.setdefault(token.norm, len(vocabulary))
                    rows.append(i)
                    cols.append(j)
                    mine.append(j)
        summary_cols.append(mine)
    counts = count_matrix(rows, cols, n, len(vocabulary)).counts
    return Ranking.greedy(_steps(counts, all_words, summary_cols), n)


def _steps(counts: sparse.csr_matrix, all_words: np.ndarray, summary_cols: list[list[int]]) -> Iterator[int]:
    n, v = counts.shape
    if n == 0:
        return
    total = counts.sum()
    d = np.asarray(counts.sum(axis=0)).ravel() / total if total else np.zeros(v)
    with np.errstate(divide="ignore", invalid="ignore"):
        d_log_d = np.where(d > 0, d * np.log(d), 0.0)
    row_of = np.repeat(np.arange(n), np.diff(counts.indptr))
    cols, c = counts.indices, counts.data
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    d_nnz, d_log_d_nnz, log_c = d[cols], d_log_d[cols], np.log(c)

    summary = np.zeros(v)  # counts of content words already in the summary
    summary_length = 0.0
    remaining = np.ones(n, dtype=bool)
    for _ in range(n):
        in_summary = summary[cols] > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            log_summary_nnz = np.log(summary[cols])
            e_nnz = np.where(in_summary, d_nnz * (np.log(c + summary[cols]) - log_summary_nnz), d_nnz * log_c)
        outside = ~in_summary
        a = np.bincount(row_of, np.where(outside, d_log_d_nnz, 0.0), minlength=n)
        b = np.bincount(row_of, np.where(outside, d_nnz, 0.0), minlength=n)
        e = np.bincount(row_of, e_nnz, minlength=n)
        taken = summary > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            d_in = float(d[taken].sum())
            d_log_d_in = float(d_log_d[taken].sum())
            e_in = float((d[taken] * np.log(summary[taken])).sum())
            joint_length = lengths + summary_length
            kl = d_log_d_in + a - e_in - e + np.log(joint_length) * (d_in + b)
        kl = np.where(joint_length > 0, kl, 0.0)
        kl[~remaining] = np.inf
        best = int(np.argmin(settle(kl)))
        remaining[best] = False
        np.add.at(summary, summary_cols[best], 1.0)
        summary_length += all_words[best]
        yield best
