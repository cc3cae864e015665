"""What a summary must show together: a quotation's sentences, and a dangling opener's antecedent.

A summary is read without the article around it, so a sentence taken from the middle of a
quotation (`That gives them some head room to invest in growth now,” said Hannes Wittig`) or
one that refers back (`He said…`, `However, …`, `This …`) reads wrongly alone. This module
works out, for every sentence, the smallest run of consecutive sentences it can be shown in;
``select`` takes such a run whole or not at all.

* **Quotations.** Within a paragraph, the double quotation marks (" “ ” „ ‟ « ») are read in
  order. A mark is an opener when it is followed by a visible character and preceded by white
  space, the paragraph's start or an opening bracket or dash; a closer when it follows a
  visible character and is followed by white space, punctuation or the end; otherwise its glyph
  decides (« „ “ ‟ open, » ” close, " opens when no quotation is open). The sentences from an
  opener to its closer are one unit. An opener while a quotation is open continues it: a
  quotation of several paragraphs opens each of them with a mark and closes only the last, and
  texts that lost their paragraph breaks (as BBC's do) keep the marks. A quotation still open at
  the end of its paragraph runs to the paragraph's end. A stray closer is ignored.
* **Dangling openers.** A sentence whose first word (the sentence starting with it, not with a
  quotation mark or bracket) is in the language's list of openers that refer back
  (``service/data/openers/<code>.txt``: pronouns, demonstratives, connectives; each file names
  its source) needs the sentence before it, and that one what it needs in turn. An entry of
  several words counts only when a comma follows it ("In addition, …", not "In addition to").
  The first sentence of a text, and one that follows the title, need nothing.

A language without a list has no dangling openers; quotations are read alike in every language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .document import Document, Sentence
from .languages import LANGUAGE_CODES, get_language
from .tokens import tokenize

_OPENING = "“„‟«"
_CLOSING = "”»"
_STRAIGHT = '"'
_MARKS = frozenset(_OPENING + _CLOSING + _STRAIGHT)
_MARK = re.compile(f"[{_OPENING}{_CLOSING}{_STRAIGHT}]")
#: What may stand right before an opening mark, white space aside.
_BEFORE_OPENER = "([{—–-/"
#: What may stand right after a closing mark, white space aside.
_AFTER_CLOSER = ".,;:!?)]}—–-…"

DATA = Path(__file__).resolve().parent.parent / "data" / "openers"


@dataclass(frozen=True, slots=True)
class Openers:
    """A language's openers that refer back, as the tokenizer normalises words: single words, and phrases by their first word."""

    words: frozenset[str]
    phrases: dict[str, tuple[tuple[str, ...], ...]]


@functools.cache
def openers(language: str) -> Openers:
    """The openers of ``language`` from ``service/data/openers/<code>.txt`` (none when there is no such file)."""
    path = DATA / f"{LANGUAGE_CODES[language]}.txt"
    if not path.is_file():
        return Openers(frozenset(), {})
    lang = get_language(language)
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        norms = tuple(t.norm for t in tokenize(entry, lang))
        if len(norms) == 1:
            words.add(norms[0])
        elif norms:
            phrases.add(norms)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases):
        by_first.setdefault(phrase[0], []).append(phrase)
    return Openers(frozenset(words), {first: tuple(group) for first, group in by_first.items()})


def _bare(norm: str) -> str:
    """A word without a clitic written after an apostrophe: "it's" -> "it", "he’ll" -> "he"."""
    for apostrophe in "'’":
        cut = norm.find(apostrophe)
        if cut > 0:
            norm = norm[:cut]
    return norm


def opens_dangling(sentence: Sentence, text: str, known: Openers) -> bool:
    """Whether ``sentence`` starts with one of the ``known`` openers that refer back."""
    tokens = sentence.tokens
    if not tokens or tokens[0].start != sentence.start:
        return False  # it starts with a quotation mark, a bracket, a digit's sign...
    first = tokens[0].norm
    words = known.words
    if first in words or (("'" in first or "’" in first) and _bare(first) in words):
        return True
    for phrase in known.phrases.get(first, ()):
        n = len(phrase)
        if len(tokens) < n or any(tokens[k].norm != phrase[k] for k in range(1, n)):
            continue
        # consecutive words, then a comma
        if all(text[tokens[k].end : tokens[k + 1].start].isspace() for k in range(n - 1)):
            after = text[tokens[n - 1].end : tokens[n - 1].end + 1]
            if after == ",":
                return True
    return False


def _role(text: str, at: int, open_now: bool) -> bool | None:
    """Whether the mark at ``text[at]`` opens (True) or closes (False) a quotation; None for a closer with nothing open."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    left = not after.isspace() and (before.isspace() or before in _BEFORE_OPENER or before in _MARKS)
    right = not before.isspace() and (after.isspace() or after in _AFTER_CLOSER or after in _MARKS)
    mark = text[at]
    if left and not right:
        opens = True
    elif right and not left:
        opens = False
    elif mark in _OPENING:
        opens = True
    elif mark in _CLOSING:
        opens = False
    else:
        opens = not open_now
    if not opens and not open_now:
        return None
    return opens


def quotation_links(document: Document) -> list[bool]:
    """For each sentence, whether it belongs to the same quotation as the sentence before it."""
    sentences = document.sentences
    text = document.text
    linked = [False] * len(sentences)
    opened: int | None = None  # the sentence where the open quotation started
    paragraph = None
    last = -1  # the paragraph's last sentence so far

    def tie(first: int, through: int) -> None:
        for k in range(first + 1, through + 1):
            linked[k] = True

    for i, sentence in enumerate(sentences):
        if sentence.paragraph != paragraph:
            if opened is not None:
                tie(opened, last)
            opened, paragraph = None, sentence.paragraph
        last = i
        for mark in _MARK.finditer(sentence.text):
            role = _role(text, sentence.start + mark.start(), opened is not None)
            if role is None:
                continue
            if role:
                if opened is None:
                    opened = i
                # else: the open quotation goes on (each paragraph of a quotation opens with a mark)
            else:
                tie(opened, i)
                opened = None
    if opened is not None:
        tie(opened, last)
    return linked


def dangling(document: Document) -> list[bool]:
    """For each sentence, whether it opens with a word that refers back to a sentence before it."""
    known = openers(document.language)
    if not known.words and not known.phrases:
        return [False] * len(document.sentences)
    return [i > 0 and opens_dangling(s, document.text, known) for i, s in enumerate(document.sentences)]


@dataclass(frozen=True, slots=True)
class Ties:
    """For each sentence, the run of consecutive sentences a summary shows it in.

    ``unit``: its quotation, ``[unit_start, unit_end]`` (the sentence alone outside one);
    ``block_start``: where the run starts once the antecedents its unit's first sentence needs are
    added (``block_start == unit_start`` when it needs none). The run is always
    ``[block_start, unit_end]``.
    """

    unit_start: tuple[int, ...]
    unit_end: tuple[int, ...]
    block_start: tuple[int, ...]
    dangling: tuple[bool, ...]


def ties(document: Document, barrier: frozenset[int] = frozenset()) -> Ties:
    """The runs of ``document``'s sentences; a sentence in ``barrier`` (the title) ends every run before it.

    A unit that would hold a barrier sentence is cut there, and a sentence right after one needs no antecedent.
    """
    n = len(document.sentences)
    linked = quotation_links(document)
    for b in barrier:
        linked[b] = False
        if b + 1 < n:
            linked[b + 1] = False
    refers = dangling(document)
    unit_start = [0] * n
    for i in range(n):
        unit_start[i] = unit_start[i - 1] if linked[i] else i
    unit_end = [0] * n
    for i in range(n - 1, -1, -1):
        unit_end[i] = unit_end[i + 1] if i + 1 < n and linked[i + 1] else i
    block_start = [0] * n
    for i in range(n):
        a = unit_start[i]
        if a == i:
            block_start[i] = block_start[a - 1] if refers[a] and a - 1 not in barrier and a > 0 else a
        else:
            block_start[i] = block_start[a]
    return Ties(tuple(unit_start), tuple(unit_end), tuple(block_start), tuple(refers))
