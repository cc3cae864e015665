"""Word tokens of a span of text: offsets, normal form, stem and stop-word flag."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from itertools import accumulate, repeat
from operator import add

from .document import Token
from .languages import Language, matching_form

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


def _mark_ranges() -> str:
    """A character class body of every combining mark (Unicode categories Mn, Mc, Me)."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# Combining marks are no word characters to the regex engine, so in decomposed text
# ("re\u0301sume\u0301") they would cut words apart. A text that is not in NFC is split with a
# word pattern that lets marks follow a letter inside a word; NFC text (nearly all) keeps the
# plain one. The offsets stay those of the text as sent.
@functools.cache
def _marked_word() -> str:
    """The word pattern of decomposed text (built on first need: listing the marks takes 0.2 s)."""
    marks = _mark_ranges()
    word = rf"[^\W_]+(?:[{marks}]+[^\W_]*)*"
    return rf"{word}(?:['’.,\-]{word})*"


@functools.cache
def _marked_alpha() -> re.Pattern[str]:
    """The pattern of a term (letters only, with inner ' or -) whose letters carry combining marks:
    the vowel signs of Devanagari ("वक्त"), Arabic's tanwin and shadda ("قوياً")."""
    marks = _mark_ranges()
    letters = rf"[^\W\d_]+(?:[{marks}]+[^\W\d_]*)*"
    return re.compile(rf"{letters}(?:['’\-]{letters})*")


@functools.cache
def _splitter(elisions: frozenset[str], marked: bool) -> re.Pattern[str]:
    """The split pattern of a language: its elided words ("l'", "qu'") first, as words of their own."""
    word = _marked_word() if marked else WORD_RE.pattern
    if not elisions:
        return re.compile(f"({word})") if marked else _SPLIT_RE
    # Longest first, so that "jusqu'" is tried before "qu'"; only before a letter or digit, so a
    # closing quote ("les 'l'") is no elision.
    stems = "|".join(re.escape(e[:-1]) for e in sorted(elisions, key=len, reverse=True))
    return re.compile(rf"((?i:{stems})['’](?=[^\W_])|{word})")


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
    span = text if start == 0 and end is None else text[start:end]
    if language.words is not None:
        return _segmented(span, start, language, memo)
    # Text in NFC holds no mark that composes with its letter, and nearly all text is in NFC.
    # A script whose words hold combining marks (Entry.marks) is always split with that pattern.
    marked = language.marks or (not span.isascii() and not unicodedata.is_normalized("NFC", span))
    if language.elisions and ("'" in span or "’" in span):
        split = _splitter(language.elisions, marked).split
    else:
        split = _splitter(frozenset(), marked).split
    pieces = split(span)
    surfaces = pieces[1::2]
    offsets = list(accumulate(map(len, pieces), initial=start))  # where each piece starts
    infos = list(map(memo.get, surfaces))
    if None in infos:
        is_stop = language.is_stop
        stem = language.stem
        lower = language.lower
        fullmatch = _marked_alpha().fullmatch if language.marks else _ALPHA_RE.fullmatch
        for i, info in enumerate(infos):
            if info is None:
                surface = surfaces[i]
                info = memo.get(surface)
                if info is None:
                    norm = matching_form(surface, lower)
                    stemmed, alpha = stem(norm), fullmatch(norm) is not None
                    stop = is_stop(norm, stemmed)
                    info = memo[surface] = (norm, stemmed, stop, alpha, stemmed if alpha and not stop else None)
                infos[i] = info
    # Word k is piece 2k + 1: it starts at offsets[2k + 1] and ends where the gap after it starts.
    return tuple(map(_new_token, repeat(Token), map(add, zip(offsets[1::2], offsets[2::2]), infos)))




def _segmented(span: str, start: int, language: Language, memo: dict[str, tuple[str, str, bool, bool, str | None]]) -> tuple[Token, ...]:
    """Tokens of ``span`` (found at ``start``) in a language written without spaces: its segmenter's words
    (service/text/words.py), each normalised, stemmed and looked up once as in ``tokenize``."""
    tokens = []
    is_stop = language.is_stop
    stem = language.stem
    lower = language.lower
    fullmatch = _ALPHA_RE.fullmatch
    for s, e in language.words(span):
        surface = span[s:e]
        info = memo.get(surface)
        if info is None:
            norm = matching_form(surface, lower)
            stemmed, alpha = stem(norm), fullmatch(norm) is not None
            stop = is_stop(norm, stemmed)
            info = memo[surface] = (norm, stemmed, stop, alpha, stemmed if alpha and not stop else None)
        tokens.append(Token(start + s, start + e, *info))
    return tuple(tokens)
