"""The document as sparse term counts, built once per request, and the sentence-pair products the graph rankers share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
from scipy import sparse

from .. import deadline
from ..document import Document, Token

_TERM = itemgetter(Token._fields.index("term"))  # Token.term, read as fast as a tuple item

#: Most sentence pairs that may share a term before the commonest terms are left out of the
#: similarity graph. Σ n_t² over terms bounds the products' size; ordinary prose at the
#: largest accepted size stays far below it, but text made of one word repeated on every line
#: would make every pair similar, an N² graph. Leaving out the terms that occur in the most
#: sentences (the least informative ones) keeps the work and memory bounded.
MAX_SHARED_PAIRS = 6_000_000


@dataclass(frozen=True, slots=True)
class TermMatrix:
    """Sentence × term counts of the content stems (letters-only words that are not stop words)."""

    counts: sparse.csr_matrix  # float64, shape (sentences, terms)
    lengths: np.ndarray  # content stems per sentence, with repeats

    @property
    def shape(self) -> tuple[int, int]:
        return self.counts.shape


@dataclass(frozen=True, slots=True)
class Occurrences:
    """Every content stem of the document once per occurrence: its sentence and its term number."""

    rows: np.ndarray  # sentence of each occurrence (intp), in document order
    cols: np.ndarray  # term of each occurrence (intp), numbered by first occurrence
    sentences: int
    terms: int


def occurrences(document: Document) -> Occurrences:
    """The content stems (letters-only words that are not stop words) of every sentence, as sumy's rankers see them."""
    vocabulary: dict[str, int] = {}
    setdefault = vocabulary.setdefault
    rows: list[int] = []
    cols: list[int] = []
    for i, sentence in enumerate(document.sentences):
        stems = [setdefault(term, len(vocabulary)) for term in map(_TERM, sentence.tokens) if term is not None]
        rows.extend([i] * len(stems))
        cols.extend(stems)
    return Occurrences(
        rows=np.asarray(rows, dtype=np.intp),
        cols=np.asarray(cols, dtype=np.intp),
        sentences=len(document.sentences),
        terms=len(vocabulary),
    )


def content_stems(document: Document) -> TermMatrix:
    """Counts of each sentence's content stems, as sumy's rankers see them."""
    found = occurrences(document)
    return count_matrix(found.rows, found.cols, found.sentences, found.terms)


def count_matrix(rows: list[int], cols: list[int], n: int, v: int) -> TermMatrix:
    """Sentence × term counts from one (row, column) pair per occurrence."""
    data = np.ones(len(rows))
    counts = sparse.csr_matrix((data, (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))), shape=(n, v))
    counts.sum_duplicates()
    lengths = np.bincount(np.asarray(rows, dtype=np.int64), minlength=n).astype(float)
    return TermMatrix(counts=counts, lengths=lengths)


def graph_terms(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """``counts`` without the commonest terms if keeping them would exceed MAX_SHARED_PAIRS."""
    df = np.diff(counts.tocsc().indptr).astype(np.int64)  # sentences containing each term
    pairs = int((df * df).sum())
    if pairs <= MAX_SHARED_PAIRS:
        return counts
    order = np.argsort(-df, kind="stable")
    cumulative = pairs - np.cumsum(df[order] ** 2)
    drop = order[: int(np.searchsorted(-cumulative, -MAX_SHARED_PAIRS)) + 1]
    keep = np.ones(counts.shape[1], dtype=bool)
    keep[drop] = False
    return (counts @ sparse.diags(keep.astype(float))).tocsr()


def pair_blocks(kept: sparse.csr_matrix, rows_per_block: int = 1024) -> Iterator[tuple[sparse.csr_matrix, np.ndarray]]:
    """Σ_t k_it·k_jt for every pair sharing a term, a block of rows at a time.

    Yields each block (rows × all sentences, CSR) with the global row number of each of its
    stored entries. Reducing each block at once keeps the peak memory to one block's pairs
    instead of all of them.
    """
    transposed = kept.T.tocsc()
    n = kept.shape[0]
    for first in range(0, n, rows_per_block):
        deadline.check()
        block = (kept[first : first + rows_per_block] @ transposed).tocsr()
        block.eliminate_zeros()
        rows = np.repeat(np.arange(first, first + block.shape[0], dtype=np.int32), np.diff(block.indptr))
        yield block, rows
