"""Edmundson (1969) as sumy defines it (cue, title and location methods), with its word lists derived from the text.

sumy needs bonus, stigma and null words from its caller; a service has only the text and
perhaps a title, so they are derived (``cue_words``):

- null words: the language's stop words;
- bonus words: the title's content words, plus the document's most frequent content words
  (what the article keeps coming back to is what it is about);
- stigma words: content words used only once (what it never comes back to), standing in
  for Edmundson's hand-made list of belittling cue words: a sentence full of one-off words
  is more likely a digression than the point;
- heading: the title when given, else the first sentence (usually the headline).

With sumy's default weights (cue 1, key 0, title 1, location 1) a sentence scores: bonus
minus stigma words; plus heading words (twice: the title method and the location method
each count them); plus 1 in the first paragraph (or 1 in the last), plus 1 for the first
sentence of its paragraph (or 1 for the last). All of it is one linear pass.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..document import Document
from ..languages import Language
from .ranking import Ranking

#: How many of the document's most frequent content words act as bonus words.
BONUS_WORDS = 10


@dataclass(frozen=True, slots=True)
class CueWords:
    """Edmundson's word lists for one document (surface words, lower-cased)."""

    bonus: frozenset[str]
    stigma: frozenset[str]
    null: frozenset[str]
    heading: str | None


def cue_words(document: Document, language: Language) -> CueWords:
    """Derive the bonus, stigma and null words and the heading from the text and title."""
    counts = Counter(t.norm for s in document.sentences for t in s.tokens if t.alpha and not t.stop)
    bonus = {w for w, _ in counts.most_common(BONUS_WORDS)}
    bonus |= {t.norm for t in document.title_tokens if t.alpha and not t.stop}
    stigma = {w for w, c in counts.items() if c == 1} - bonus
    heading = document.title or (document.sentences[0].text if document.sentences else None)
    return CueWords(
        bonus=frozenset(bonus or language.stop_words),
        stigma=frozenset(stigma or language.stop_words),
        null=language.stop_words,
        heading=heading,
    )


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    words = cue_words(document, language)
    stem = language.stem
    bonus = {stem(w) for w in words.bonus}
    stigma = {stem(w) for w in words.stigma}
    null = {stem(w) for w in words.null}
    if document.title:
        heading_tokens = document.title_tokens
    else:
        heading_tokens = document.sentences[0].tokens if document.sentences else ()
    significant = {t.stem for t in heading_tokens if t.alpha} - null

    n = len(document.sentences)
    scores = np.zeros(n)
    paragraphs = [s.paragraph for s in document.sentences]
    first_paragraph, last_paragraph = (paragraphs[0], paragraphs[-1]) if n else (0, 0)
    for i, sentence in enumerate(document.sentences):
        cue = title = 0
        for token in sentence.tokens:
            if token.alpha:
                s = token.stem
                cue += (s in bonus) - (s in stigma)
                title += s in significant
        location = title  # the location method weighs heading words by w_h = 1
        if sentence.paragraph == first_paragraph:
            location += 1
        elif sentence.paragraph == last_paragraph:
            location += 1
        if i == 0 or paragraphs[i - 1] != sentence.paragraph:
            location += 1
        elif i == n - 1 or paragraphs[i + 1] != sentence.paragraph:
            location += 1
        scores[i] = cue + title + location
    return Ranking.from_scores(scores)
