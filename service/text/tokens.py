"""Word tokens of a span of text: offsets, normal form, stem and stop-word flag."""

from __future__ import annotations

import re

from .document import Token
from .languages import Language

# A word is a run of letters or digits, joined through inner apostrophes, periods,
# commas and hyphens ("don't", "U.S", "1,000", "three-year"): what a reader counts
# as one word. Words of letters only (with inner ' or -) are the terms the rankers
# score, as sumy's own word filter keeps.
WORD_RE = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")
_ALPHA_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def tokenize(
    text: str,
    language: Language,
    start: int = 0,
    end: int | None = None,
    memo: dict[str, tuple[str, str, bool, bool]] | None = None,
) -> tuple[Token, ...]:
    """Tokens of ``text[start:end]``, with offsets into ``text``.

    ``memo`` maps a surface form to its (norm, stem, stop, alpha); share one across the
    sentences of a document so that each distinct word is normalised and stemmed once.
    """
    memo = {} if memo is None else memo
    stop_words = language.stop_words
    stem = language.stem
    fullmatch = _ALPHA_RE.fullmatch
    tokens = []
    append = tokens.append
    for m in WORD_RE.finditer(text, start, len(text) if end is None else end):
        surface = m.group()
        info = memo.get(surface)
        if info is None:
            norm = surface.lower().replace("’", "'")
            info = memo[surface] = (norm, stem(norm), norm in stop_words, fullmatch(surface) is not None)
        append(Token(m.start(), m.end(), *info))
    return tuple(tokens)


def count_words(text: str) -> int:
    """Number of words in ``text``, counted as ``tokenize`` counts them."""
    return sum(1 for _ in WORD_RE.finditer(text))
