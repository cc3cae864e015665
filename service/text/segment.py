"""Paragraphs and sentences of a text, as exact character spans."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import punkt

from .languages import Language, get_language

# How a text is cut
# =================
#
# 1. Paragraphs.  A blank line (a line holding nothing but spaces, tabs or other
#    horizontal white space, whatever the line terminators: \n, \r\n, \r, U+2028 ...)
#    or one U+2029 PARAGRAPH SEPARATOR ends a paragraph.  A paragraph always ends a
#    sentence.  Paragraphs are numbered from 0, counting only those that hold a sentence.
#
# 2. Single line breaks inside a paragraph.  Each one is judged from the two lines it
#    separates:
#
#    * the upper line ends with sentence punctuation (closing quotes and brackets
#      aside): Punkt decides, as it does for any other period, "?" or "!";
#    * it falls mid-sentence when the lower line begins with a lowercase letter or
#      with , ; : ) ] } %, or the upper line ends with a continuation mark
#      (, - – — & / + = ( [) or with a lowercase stop word of the language
#      ("the", "of", "and" ...): no sentence ends there;
#    * otherwise (no final punctuation, the next line starts like a sentence: with an
#      uppercase letter, a digit, a quote, a bullet ...) the line is a headline,
#      dateline, byline, caption or list item and ends a sentence, unless the
#      paragraph is hard-wrapped prose.
#
#    A paragraph is hard-wrapped prose when more than half of its line breaks fall
#    mid-sentence (the second case above).  Inside such a paragraph a line still ends
#    a sentence when it stops clearly short of the paragraph's width: when the line,
#    a space and the next line's first word take no more than 80% of the longest
#    line, a wrapping program would have filled the line, so a person broke it.
#
#    A paragraph of at least two short lines (40 characters at most) none of which
#    ends with sentence punctuation is a list (a menu, tags, a table of contents, an
#    address): every one of its lines is a sentence.
#
# 3. Inside each run of lines that no rule above has cut, Punkt (the language's
#    pretrained model, plus curated non-breaking prefixes) finds the sentences, and
#    its decisions are corrected where layout and typography say more than
#    statistics:
#
#    * a "sentence" that is nothing but a list label ("1.", "b)", "iv.", "•") is the
#      start of the one after it;
#    * a break that Punkt puts before a lowercase word is undone: in cased scripts a
#      sentence does not start in lowercase, so "This is great." she said ... and
#      Yahoo! in the ... stay whole (mixed-case words such as "iPhone" still may);
#    * a bullet (• ‣ ⁃ ...) after white space starts a sentence, and so does each
#      label of an inline enumeration whose first label opens the run ("1. ... 2. ...",
#      "1) ... 2) ...", "a. ... b. ..."): only consecutive labels count;
#    * a period between a lowercase word (or a number) and a capitalised word with no
#      space after it ("world.Today") ends a sentence: the space was lost, the
#      boundary was not.
#
# 4. Each sentence is stripped of white space and invisible characters (controls,
#    zero-width and direction marks, BOM); a span with nothing visible is dropped.
#    Offsets always index the original string: nothing is normalised first.
#
# Every step is a left-to-right scan or a regex without nested repetition, so the
# cost is linear in the length of the text.

# Line terminators as str.splitlines() knows them; U+2029 is a whole paragraph break.
_EOL = r"(?>\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028])"
_LINE_BREAK = re.compile(_EOL)
_PARAGRAPH_BREAK = re.compile(rf"{_EOL}[^\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*{_EOL}|\u2029")

_WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
# Format and control characters: they render as nothing, so a sentence must not
# begin or end with them, nor consist of them alone.
_INVISIBLE = "".join(
    map(
        chr,
        [
            *range(0x00, 0x09),
            *range(0x0E, 0x1C),
            *range(0x7F, 0x85),
            *range(0x86, 0xA0),
            0xAD,
            0x061C,
            0x180E,
            *range(0x200B, 0x2010),
            *range(0x202A, 0x202F),
            *range(0x2060, 0x2070),
            0xFEFF,
            *range(0xFFF9, 0xFFFC),
        ],
    )
)
_BLANK = _WHITESPACE + _INVISIBLE

_CLOSERS = "\"'”’»›)]}"
_OPENERS = "\"'“‘«‹([{¿¡"
_EXTRA_TERMINALS = "…‼⁇⁈⁉。！？"
_CONTINUATION_END = ",-‐‑–—&/+=(["
_CONTINUATION_START = ",;:)]}%"
_BULLETS = "•‣⁃◦▪▫●○■□►▸▹➢➤✓✔❖"

_LIST_LINE = 40  # longest line of a list paragraph
_WRAP_SLACK = 0.8  # a wrapped line shorter than this share of the width was broken on purpose
_WORD_PEEK = 48  # how far into a line its first or last word is looked for

_FIRST_WORD = re.compile(r"\w+")
_LAST_WORD = re.compile(r"(\w+)\W*\Z")
_BULLET_BREAK = re.compile(rf"(?<=\s)[{_BULLETS}]")
_ENUM_START = re.compile(rf"[{_BULLETS}*\-]?\s*(\d{{1,2}}|[a-z])(\.\)|\.|\))\s")
_MARKER = re.compile(
    rf"[{_BULLETS}*\-]?\s*(?:\(?(?:\d{{1,3}}|[A-Za-z]|[ivxlc]{{1,6}}|[IVXLC]{{1,6}})(?:\.\)|[.)]))?"
)
_MARKER_MAX = 12
# Footnote marks and editorial brackets as Wikipedia and quotations print them:
# "[17]", "[3] [4]", "[citation needed]", "[…]".
_FOOTNOTES = re.compile(r"(?:\[(?:\d{1,4}|[a-z][a-z ]{0,40}|\.\.\.|…)\]\s*)+")
# A period glued to the next word: "world.Today", "1,000.That".  The words around it
# are checked in Python, so the pattern itself cannot backtrack.
_UNSPACED = re.compile(r"(?<![\w.@/\\:'’-])(\w+)\.([^\W\d_]\w*)(?=[\s,;:!?\"'”’)\]]|\Z)")

#: English words that, capitalised right after an abbreviation, start a new sentence
#: ("I live in the U.S. How about you?"): pronouns, determiners, wh-words.  Punkt's
#: frequent-sentence-starter heuristic applies them; the trained list lacks them.
_ENGLISH_STARTERS = frozenset(
    {
        "he", "she", "it", "we", "they", "you", "this", "that", "these", "those",
        "there", "here", "what", "why", "how", "where", "when", "his", "her", "its",
        "their", "our", "my", "your", "a", "an", "the", "then", "and",
    }
)  # fmt: skip

#: English abbreviations of news copy that only ever stand before a name ("Mt. Fuji",
#: "the Rev. Al Sharpton", "Det. Insp. Morse", "Warner Bros. Discovery") and that
#: neither the model nor the curated prefixes know.
_ENGLISH_ABBREVIATIONS = frozenset({"mt", "ft", "rev", "det", "atty", "bros", "supt", "adm", "maj"})

# Break kinds, strongest first: a protected break is never undone.
_PUNKT, _PROTECTED = 0, 1


@dataclass(frozen=True, slots=True)
class _Resources:
    tokenizer: punkt.PunktSentenceTokenizer
    terminals: frozenset[str]
    stop_words: frozenset[str]
    may_split: re.Pattern[str]  # a block without a match is one sentence


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # first visible character
    end: int  # past the last visible character
    terminal: bool  # ends with sentence punctuation, closing quotes aside
    continues: bool  # ends with a mark or word that only a continuation explains
    opens: bool  # starts like a sentence may (not lowercase, not , ; : ) ...)
    first_word: int  # length of its first word


@functools.cache
def _resources(name: str) -> _Resources:
    """Build the sentence machinery of a language once per process."""
    language = get_language(name)
    base = language.splitter
    params = base.params
    if punkt.has_prefixes(name):
        # Only English's unconditional entries were ablated; elsewhere take the
        # numeric-only ones ("Nr. 5"), which cannot suppress a real break.
        english = name == "english"
        extended = punkt.with_nonbreaking_prefixes(params, name, include_always=english)
        # Single letters are initials, which Punkt already judges from context;
        # listing them as abbreviations would glue "you and I. Did you".
        added = {a for a in extended.abbrev_types - params.abbrev_types if len(a) > 1}
        if english:
            added |= _ENGLISH_ABBREVIATIONS
        params = punkt.PunktParameters(
            abbrev_types=params.abbrev_types | added,
            collocations=set(params.collocations),
            sent_starters=set(params.sent_starters) | (_ENGLISH_STARTERS if english else set()),
            numeric_abbrev_types=set(extended.numeric_abbrev_types),
            ortho_context=dict(params.ortho_context),
            metadata=params.metadata,
        )
    tokenizer = punkt.PunktSentenceTokenizer(params, rules=base.rules, line_breaks="ignore")
    enders = "".join(base.rules.sent_end_chars)
    return _Resources(
        tokenizer=tokenizer,
        terminals=frozenset(enders + _EXTRA_TERMINALS),
        stop_words=language.stop_words,
        may_split=re.compile(f"[{re.escape(enders + _BULLETS)})]"),
    )


def split_sentences(text: str, language: Language) -> list[tuple[int, int, int]]:
    """``(start, end, paragraph)`` of every sentence, in order; ``text[start:end]`` is stripped and non-empty."""
    res = _resources(language.name)
    spans: list[tuple[int, int, int]] = []
    paragraph = 0
    pos = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        stop = brk.start() if brk else len(text)
        before = len(spans)
        for block_start, block_end in _blocks(text, pos, stop, res):
            for start, end in _split_block(text, block_start, block_end, res):
                spans.append((start, end, paragraph))
        if len(spans) > before:
            paragraph += 1
        if brk:
            pos = brk.end()
    return spans


def _blocks(text: str, start: int, stop: int, res: _Resources) -> list[tuple[int, int]]:
    """The runs of lines of one paragraph that no line break rule separates."""
    lines = []
    pos = start
    for eol in [*_LINE_BREAK.finditer(text, start, stop), None]:
        end = eol.start() if eol else stop
        line = _line(text, pos, end, res)
        if line is not None:
            lines.append(line)
        if eol:
            pos = eol.end()
    if not lines:
        return []
    blocks = []
    first = lines[0].start
    for i, hard in enumerate(_hard_breaks(lines)):
        if hard:
            blocks.append((first, lines[i].end))
            first = lines[i + 1].start
    blocks.append((first, lines[-1].end))
    return blocks


def _line(text: str, start: int, end: int, res: _Resources) -> _Line | None:
    raw = text[start:end]
    body = raw.lstrip(_BLANK)
    if not body:
        return None
    body = body.rstrip(_BLANK)
    first = body[0]
    head = body[:_WORD_PEEK]
    word = _FIRST_WORD.match(head)
    tail = body[-_WORD_PEEK:]
    last_word = _LAST_WORD.search(tail)
    stripped_tail = tail.rstrip(_CLOSERS) or tail
    stop_word_end = (
        last_word is not None
        and last_word.end(1) == len(tail)
        and last_word.group(1).islower()
        and last_word.group(1) in res.stop_words
    )
    vs = start + len(raw) - len(raw.lstrip(_BLANK))
    return _Line(
        start=vs,
        end=vs + len(body),
        terminal=stripped_tail[-1] in res.terminals,
        continues=body[-1] in _CONTINUATION_END or stop_word_end,
        opens=not (first.islower() or first in _CONTINUATION_START),
        first_word=word.end() if word else 1,
    )


def _hard_breaks(lines: list[_Line]) -> list[bool]:
    """For each line but the last: does a sentence end at the line break after it?"""
    n = len(lines)
    if n < 2:
        return []
    lengths = [line.end - line.start for line in lines]
    width = max(lengths)
    if width <= _LIST_LINE and not any(line.terminal for line in lines):
        return [True] * (n - 1)
    mid = [lines[i].continues or not lines[i + 1].opens for i in range(n - 1)]
    wrapped = 2 * sum(mid) > n - 1
    hard = []
    for i in range(n - 1):
        if lines[i].terminal or mid[i]:
            hard.append(False)
        elif not wrapped:
            hard.append(True)
        else:
            hard.append(lengths[i] + 1 + lines[i + 1].first_word <= _WRAP_SLACK * width)
    return hard


def _split_block(text: str, start: int, end: int, res: _Resources) -> list[tuple[int, int]]:
    """The sentences of a run of text in which only punctuation can end one."""
    chunk = text[start:end]
    if res.may_split.search(chunk) is None and _UNSPACED.search(chunk) is None:
        return _stripped([(0, len(chunk))], chunk, start)

    breaks: dict[int, int] = {}
    spans = res.tokenizer.span_tokenize(chunk)
    next(spans, None)
    for s, _ in spans:
        breaks[s] = _PUNKT
    for m in _UNSPACED.finditer(chunk):
        before, after = m.group(1), m.group(2)
        if (before.islower() and before.isalpha() or before.isdigit()) and after.istitle() and len(after) > 1:
            breaks.setdefault(m.end(1) + 1, _PUNKT)
    for m in _BULLET_BREAK.finditer(chunk):
        breaks[m.start()] = _PROTECTED
    for pos in _enumeration(chunk):
        breaks[pos] = _PROTECTED
    breaks.pop(0, None)

    pieces: list[list[int]] = []
    label = False  # whether the last piece is a bare list label
    cuts = sorted(breaks)
    for s, e, kind in zip([0, *cuts], [*cuts, len(chunk)], [_PROTECTED, *(breaks[c] for c in cuts)]):
        notes = _FOOTNOTES.match(chunk, s, e) if pieces and kind == _PUNKT else None
        if notes:
            # Reference marks after the period belong to the sentence they annotate.
            pieces[-1][1] = s = notes.end()
            if s == e:
                continue
        if pieces and (label or kind == _PUNKT and _starts_lowercase(chunk, s, e)):
            pieces[-1][1] = e
            # "•" then "10." is still one label; a long piece never is one.
            label = e - pieces[-1][0] <= 4 * _MARKER_MAX and _is_marker(chunk, pieces[-1][0], e)
        else:
            pieces.append([s, e])
            label = _is_marker(chunk, s, e)
    return _stripped(pieces, chunk, start)


def _enumeration(chunk: str) -> list[int]:
    """Where the labels of an inline enumeration that opens ``chunk`` start."""
    m = _ENUM_START.match(chunk)
    if m is None:
        return []
    label, style = m.group(1), m.group(2)
    found = []
    pos = m.end()
    while True:
        label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
        if not label.isalnum():
            break
        nxt = re.compile(rf"(?<=\s){re.escape(label + style)}(?=\s)").search(chunk, pos)
        if nxt is None:
            break
        found.append(nxt.start())
        pos = nxt.end()
    return found


def _is_marker(chunk: str, start: int, end: int) -> bool:
    piece = chunk[start:end].strip(_BLANK)
    return bool(piece) and len(piece) <= _MARKER_MAX and _MARKER.fullmatch(piece) is not None


def _starts_lowercase(chunk: str, start: int, end: int) -> bool:
    head = chunk[start : min(end, start + _WORD_PEEK)].lstrip(_BLANK + _OPENERS)
    if not head or not head[0].islower():
        return False
    word = _FIRST_WORD.match(head)
    return word is None or word.group().islower()


def _stripped(pieces, chunk: str, offset: int) -> list[tuple[int, int]]:
    out = []
    for s, e in pieces:
        piece = chunk[s:e]
        lead = len(piece) - len(piece.lstrip(_BLANK))
        trail = len(piece.rstrip(_BLANK))
        if trail > lead:
            out.append((offset + s + lead, offset + s + trail))
    return out
