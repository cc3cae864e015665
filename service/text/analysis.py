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
    # The text's words, len(text.split()), from the spans' own counts (needed anyway) and the gaps
    # between them, for a fraction of a second split of the whole text.
    word_count = 0
    covered = 0  # the text is counted up to here
    # Written without spaces (Chinese, Japanese), a text's words are its segmenter's: each
    # sentence counts its tokens, and the text all the words of the whole-text pass (words.py).
    segmented = lang.words is not None
    for start, end, paragraph in split_sentences(text, lang):
        span = text[start:end]
        count = 0 if segmented else len(span.split())
        if not segmented:
            word_count += _gap_words(text, covered, start) + count
        covered = end
        first = bisect_left(starts, start, first)
        last = bisect_left(starts, end, first)
        tokens = words[first:last]
        if (tokens and tokens[-1].end > end) or (first and words[first - 1].end > start):
            # A word of the whole-text pass runs across this sentence's edge ("day.Nobody"
            # split after the period): tokenize the sentence on its own.
            tokens = tokenize(text, lang, start, end)
        if not tokens:
            continue
        if segmented:
            count = len(tokens)
        sentences.append(Sentence(len(sentences), start, end, paragraph, span, tokens, count))
    if segmented:
        word_count = len(words)
    else:
        word_count += _gap_words(text, covered, len(text))
    title_tokens = tokenize(title, lang) if title else ()
    return Document(
        text=text,
        language=language,
        sentences=tuple(sentences),
        word_count=word_count,
        title=title,
        title_tokens=title_tokens,
    )


def _gap_words(text: str, covered: int, start: int) -> int:
    """What ``text[covered:start]`` adds to the words counted up to ``covered``, so that every word counts once.

    Its own words (a gap between sentences is white space, or a wordless line such as a row of
    dashes), less one for each edge that cuts a word in two: "day.Nobody", split after the period.
    """
    if start <= covered:
        return -1 if 0 < covered < len(text) and not text[covered - 1].isspace() and not text[covered].isspace() else 0
    gap = text[covered:start]
    if gap.isspace():
        return 0
    cut_before = covered > 0 and not text[covered - 1].isspace() and not gap[0].isspace()
    cut_after = start < len(text) and not gap[-1].isspace() and not text[start].isspace()
    return len(gap.split()) - cut_before - cut_after
