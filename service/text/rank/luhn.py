"""Luhn (1958) as sumy defines it, with the chunks found by array operations.

sumy: significant words are the document's content stems that occur more than once; in a
sentence, a chunk starts at a significant word and runs on while significant words follow
within fewer than four insignificant ones (max gap 4); a chunk scores (significant words)² /
(its length without trailing insignificant words), or 0 when it holds only one; a sentence
scores its best chunk. Stems are looked up for every word of the sentence, stop words too.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ..document import Document
from ..languages import Language
from .ranking import Ranking

MAX_GAP = 4


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    n = len(document.sentences)
    counts = Counter(t.term for s in document.sentences for t in s.tokens if t.term is not None)
    significant = {stem for stem, count in counts.items() if count > 1}
    sentence_of: list[int] = []
    position: list[int] = []
    for i, sentence in enumerate(document.sentences):
        k = 0
        for token in sentence.tokens:
            if token.alpha:
                if token.stem in significant:
                    sentence_of.append(i)
                    position.append(k)
                k += 1
    scores = np.zeros(n)
    if not position:
        return Ranking.from_scores(scores)
    sent = np.asarray(sentence_of)
    pos = np.asarray(position)
    # A new chunk starts at a sentence's first significant word, or after a gap of at
    # least MAX_GAP insignificant words.
    starts = np.ones(len(pos), dtype=bool)
    starts[1:] = (sent[1:] != sent[:-1]) | (pos[1:] - pos[:-1] - 1 >= MAX_GAP)
    first = np.flatnonzero(starts)
    last = np.append(first[1:], len(pos)) - 1
    words = (last - first + 1).astype(float)
    span = (pos[last] - pos[first] + 1).astype(float)
    rating = np.where(words == 1, 0.0, words**2 / span)
    np.maximum.at(scores, sent[first], rating)
    return Ranking.from_scores(scores)
