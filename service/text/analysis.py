"""Turns raw text into a Document: sentences with spans, then word tokens, once per request."""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter

from .document import Document, Sentence
from .languages import get_language
from .segment import split_sentences
from .tokens import tokenize


def analyse(text: str, language: str = "english", title: str | None = None) -> Document:
    """Segment and tokenize ``text``; sentences without a single word are left out."""
    lang = get_language(language)
    # One pass of the word pattern over the whole text, then each sentence takes its slice.
    words = tokenize(text, lang)
    starts = list(map(itemgetter(0), words))  # Token.start
    sentences = []
    first = 0
    for start, end, paragraph in split_sentences(text, lang):
        first = bisect_left(starts, start, first)
        last = bisect_left(starts, end, first)
        tokens = words[first:last]
        if (tokens and tokens[-1].end > end) or (first and words[first - 1].end > start):
            # A word of the whole-text pass runs across this sentence's edge ("day.Nobody"
            # split after the period): tokenize the sentence on its own.
            tokens = tokenize(text, lang, start, end)
        if not tokens:
            continue
        span = text[start:end]
        sentences.append(Sentence(len(sentences), start, end, paragraph, span, tokens, len(span.split())))
    title_tokens = tokenize(title, lang) if title else ()
    return Document(
        text=text,
        language=language,
        sentences=tuple(sentences),
        word_count=len(text.split()),
        title=title,
        title_tokens=title_tokens,
    )
