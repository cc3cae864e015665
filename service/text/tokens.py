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


def tokenize(text: str, language: Language, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """Tokens of ``text[start:end]``, with offsets into ``text``."""
    stop_words = language.stop_words
    stem = language.stem
    fullmatch = _ALPHA_RE.fullmatch
    tokens = []
    for m in WORD_RE.finditer(text, start, len(text) if end is None else end):
        surface = m.group()
        norm = surface.lower().replace("’", "'")
        tokens.append(
            Token(
                start=m.start(),
                end=m.end(),
                norm=norm,
                stem=stem(norm),
                stop=norm in stop_words,
                alpha=fullmatch(surface) is not None,
            )
        )
    return tuple(tokens)


def count_words(text: str) -> int:
    """Number of words in ``text``, counted as ``tokenize`` counts them."""
    return sum(1 for _ in WORD_RE.finditer(text))
