"""Word tokens of a span of text: offsets, normal form, stem and stop-word flag."""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import add

from .document import Token
from .languages import Language

# A token is a run of letters or digits, joined through inner apostrophes, periods,
# commas and hyphens ("don't", "U.S", "1,000", "three-year"): a word as the rankers and
# keywords see it. Tokens of letters only (with inner ' or -) are the terms the rankers
# score, as sumy's own word filter keeps. The length bounds and the stats count words
# differently, as whitespace-separated runs (Sentence.word_count), so that dashes, bullets
# and emoji count as a reader and ``wc -w`` count them.
WORD_RE = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")
_ALPHA_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# The same words as one capturing group: splitting on it alternates gap, word, gap, ... gap.
_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")


#: Per language, a surface form's (norm, stem, stop, alpha, term). Shared by the requests a worker
#: serves, since most words of an article have been seen before. One budget for all
#: languages: when they hold more than MEMO_LIMIT entries together, all are cleared, which
#: keeps their memory to a few tens of MB whatever mix of languages and junk words arrives.
_MEMOS: dict[str, dict[str, tuple[str, str, bool, bool, str | None]]] = {}
MEMO_LIMIT = 100_000
_new_token = tuple.__new__


def _memo(language: Language) -> dict[str, tuple[str, str, bool, bool, str | None]]:
    if sum(len(m) for m in _MEMOS.values()) > MEMO_LIMIT:
        _MEMOS.clear()
    return _MEMOS.setdefault(language.name, {})


def tokenize(text: str, language: Language, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """Tokens of ``text[start:end]``, with offsets into ``text``; each distinct word is normalised and stemmed once.

    The words, their offsets and their memo entries are read in C (a split on the word
    pattern, running sums of the pieces' lengths, mapped lookups); Python runs only for the
    words the memo has not seen yet.
    """
    memo = _memo(language)
    pieces = _SPLIT_RE.split(text if start == 0 and end is None else text[start:end])
    surfaces = pieces[1::2]
    offsets = list(accumulate(map(len, pieces), initial=start))  # where each piece starts
    infos = list(map(memo.get, surfaces))
    if None in infos:
        stop_words = language.stop_words
        stem = language.stem
        fullmatch = _ALPHA_RE.fullmatch
        for i, info in enumerate(infos):
            if info is None:
                surface = surfaces[i]
                info = memo.get(surface)
                if info is None:
                    norm = surface.lower().replace("’", "'")
                    stemmed, stop, alpha = stem(norm), norm in stop_words, fullmatch(surface) is not None
                    info = memo[surface] = (norm, stemmed, stop, alpha, stemmed if alpha and not stop else None)
                infos[i] = info
    # Word k is piece 2k + 1: it starts at offsets[2k + 1] and ends where the gap after it starts.
    return tuple(map(_new_token, repeat(Token), map(add, zip(offsets[1::2], offsets[2::2]), infos)))

