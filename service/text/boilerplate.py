"""Site furniture: the lines of a scraped article that are not the article, marked so that no stage after segmenting sees them.

A text copied from a web page keeps the site around its article: "- Advertisement -", "Read
More: ... | Latest Ukraine stories", share and follow prompts, cookie and newsletter notices,
bylines and "Edited by" credits, photo credits, navigation crumbs, datelines standing alone.
``mark`` takes the analysed document and leaves out every sentence that lies on such a line, so
the rankers, the selection and the keywords never see it, while every other sentence keeps its
exact span in the text as sent (offsets are never shifted: the text itself is not changed).

A line is furniture when

1. a pattern of ``service/data/boilerplate.txt`` finds it (lines of at most ``MAX_PATTERN_LINE``
   characters; every sentence on it goes), or
2. it is one sentence with no final punctuation (. ! ? … ; : or a closing quote or bracket after
   one) of at most ``MAX_BARE_WORDS`` words: a link, a menu entry, a related headline, a crumb,
   a credit. A real sentence that lost its period is longer than that nearly always; or
3. it is a paragraph of one sentence of at most ``MAX_OFF_TOPIC_WORDS`` words, in a document of
   at least ``MIN_SENTENCES_FOR_TOPIC`` sentences, of whose content stems fewer than
   ``MIN_SHARED`` occur anywhere else in the document (the title included): a teaser of another
   story, a notice, a comment, which share no subject with the article.

The leading headline is not furniture: ``service.text.headline`` takes it first (as the title).

How the rules were chosen
=========================

On the tuning half only: the furniture lines of the even-indexed pages of the HTML benchmark
(``python -m bench.furniture --half tuning``) injected into the tuning halves of CNN/DM and BBC
(``bench.articles``), against the same articles clean and the gold article bodies of those
pages (no gold line may be marked). The patterns were written after reading the tuning lines;
the thresholds are the middle of the range where no injected line reached a summary or the
keywords at the tuning half and the clean ROUGE did not move. The held-out pages and articles
were scored once, after the choice (docs/RESULTS.md, ``python -m bench.quality --sections
boilerplate``).

Cost: one pass over the text's lines and one pattern search per line of at most
``MAX_PATTERN_LINE`` characters, plus a count of the content stems: linear, a small share of a
request on an article.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Iterable
from collections import Counter
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from pathlib import Path

from .document import Document, Sentence, Token

#: Lines longer than this are prose: no pattern is tried on them.
MAX_PATTERN_LINE = 400
#: A line of one sentence without final punctuation and at most this many words is furniture.
MAX_BARE_WORDS = 12
#: ... and so is one of at most this many words in Title Case (a linked headline).
MAX_TITLE_CASE_WORDS = 25
#: A one-sentence paragraph of at most this many words may be off the article's topic.
MAX_OFF_TOPIC_WORDS = 40
#: ... when fewer than this many of its content stems, or than this share of them, occur elsewhere in the document,
MIN_SHARED = 1
OFF_TOPIC_SHARE = 0.2
#: ... and the document has at least this many sentences to judge the topic by.
MIN_SENTENCES_FOR_TOPIC = 6

#: The patterns: a data file of the service (service/data/, whose files each start with a header line naming source and licence).
PATTERN_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt"

#: What a sentence that ends with punctuation ends with, once closing quotes and brackets are stripped.
_FINAL = frozenset(".!?…;:。！？‼⁇⁈⁉")
_CLOSING = "\"'”’»«›‹)]}*"
#: Every line break (CR LF counts as two, with an empty line between: the same lines).
_LINE_END = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def pattern_lines() -> list[str]:
    """The patterns of the data file, one per line, without its header and comments."""
    lines = PATTERN_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


_META = frozenset("\\.^$*+?{}[]|()")


def literal_prefix(pattern: str) -> str:
    """The literal text every match of ``pattern`` starts with ("" when it starts with a class or a group)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern) and not pattern[i + 1].isalnum():
            c, step = pattern[i + 1], 2  # an escaped punctuation mark: itself
        elif c in _META:
            break
        else:
            step = 1
        if i + step < len(pattern) and pattern[i + step] in "?*{":
            break  # the character is optional: not part of every match
        out.append(c)
        i += step
    return "".join(out)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, tuple[re.Pattern[str], ...]]]:
    """The patterns anchored at the line's start, as one pattern; the others by the literal they start with.

    One alternation of many patterns is tried branch by branch at every position of a line, and
    each search is a call: the anchored ones are joined (tried at the start alone), and each
    other one is tried only on lines holding its literal, which one substring test finds.
    """
    lines = pattern_lines()
    anchored = re.compile("|".join(f"(?:{p})" for p in lines if p.startswith("^")))
    others: dict[str, list[re.Pattern[str]]] = {}
    for p in lines:
        if not p.startswith("^"):
            others.setdefault(literal_prefix(p), []).append(re.compile(p))
    return anchored, {literal: tuple(patterns) for literal, patterns in others.items()}


def _found(line: str, others: Iterable[tuple[str, tuple[re.Pattern[str], ...]]] | None = None) -> bool:
    """Whether a pattern finds ``line``, already stripped (``others``: the unanchored patterns worth trying, by literal)."""
    if len(line) > MAX_PATTERN_LINE:
        return False
    lower = line.lower()
    anchored, every = _patterns()
    if anchored.match(lower):
        return True
    for literal, patterns in every.items() if others is None else others:
        if literal in lower:
            for pattern in patterns:
                if pattern.search(lower):
                    return True
    return False


def matches_pattern(line: str) -> bool:
    """Whether a pattern of the data file finds ``line``."""
    return _found(line.strip())


def is_bare(line: str, max_words: int | None = None) -> bool:
    """A line without final punctuation of at most ``max_words`` words (by default: MAX_BARE_WORDS, or MAX_TITLE_CASE_WORDS in Title Case).

    A link, a menu entry, a linked headline, a credit.
    """
    line = line.strip()
    end = line.rstrip(_CLOSING + " \t\u00a0")
    if not line or (end and end[-1] in _FINAL):
        return False
    words = line.split()
    if max_words is not None:
        return len(words) <= max_words
    return len(words) <= MAX_BARE_WORDS or (len(words) <= MAX_TITLE_CASE_WORDS and _title_case(words))


#: Words a Title Case headline leaves in lower case.
_MINOR = frozenset("a an the and or but nor for of in on at to by with from as vs via per into onto over than".split())


def _title_case(words: list[str]) -> bool:
    """Whether nearly every word with a letter, short function words aside, starts with a capital."""
    major = [w for w in words if any(c.isalpha() for c in w) and w.lower() not in _MINOR]
    capitalised = sum(1 for w in major if next(c for c in w if c.isalpha()).isupper())
    return bool(major) and capitalised >= 0.9 * len(major)


def is_furniture_line(line: str) -> bool:
    """Rules 1 and 2 for a line standing alone (rule 3 needs the document around it)."""
    return matches_pattern(line) or is_bare(line)


def _line_spans(text: str) -> tuple[list[int], list[int]]:
    """The start and the end (before its line break) of every line of ``text``."""
    starts = [0]
    ends = []
    for m in _LINE_END.finditer(text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    return starts, ends


def furniture(document: Document) -> set[int]:
    """The indexes of the document's sentences that lie on furniture lines (see the module's documentation)."""
    sentences = document.sentences
    if not sentences:
        return set()
    text = document.text
    starts, ends = _line_spans(text)
    # Only the patterns whose literal is somewhere in the text are worth trying on its lines.
    lower = text.lower()
    others = [(literal, patterns) for literal, patterns in _patterns()[1].items() if literal in lower]
    verdicts: dict[int, bool] = {}  # line number -> furniture by rule 1 or 2, for the lines asked about

    def line_is_furniture(number: int, rule_two: bool) -> bool:
        line = text[starts[number] : ends[number]].strip()
        if not line:
            return True  # an empty line inside a sentence's span says nothing
        if number not in verdicts:
            verdicts[number] = _found(line, others)
        return verdicts[number] or (rule_two and is_bare(line))

    marked: set[int] = set()
    for s in sentences:
        first = bisect_right(starts, s.start) - 1
        last = bisect_right(starts, s.end - 1) - 1
        if first == last:
            line = text[starts[first] : ends[first]]
            whole = line.strip() == s.text.strip()
            # Rule 1 for any sentence on a line a pattern finds; rule 2 for a sentence that is its whole line.
            if line_is_furniture(first, whole):
                marked.add(s.index)
        elif is_bare(s.text, max_words=len(s.text)) and all(
            line_is_furniture(n, False) or _menu_entry(text[starts[n] : ends[n]]) for n in range(first, last + 1)
        ):
            # A sentence over several lines (a menu, a share bar, a credit block) that are all furniture;
            # a short bare line is taken as a menu entry only here (a hard-wrapped line of prose is longer),
            # and only in a sentence with no final punctuation (prose broken into short lines has one).
            marked.add(s.index)
    if len(sentences) >= MIN_SENTENCES_FOR_TOPIC:
        marked |= _off_topic(document, marked)
    return marked


#: A line of a sentence over several lines is a menu entry when it is bare and has at most this many words.
MAX_MENU_WORDS = 3


def _menu_entry(line: str) -> bool:
    return is_bare(line, MAX_MENU_WORDS)


def _off_topic(document: Document, marked: set[int]) -> set[int]:
    """Rule 3: the short paragraphs whose content stems the rest of the document hardly shares."""
    paragraphs: dict[int, list[Sentence]] = {}
    for s in document.sentences:
        if s.index not in marked:
            paragraphs.setdefault(s.paragraph, []).append(s)
    counts: Counter[str] | None = None
    found: set[int] = set()
    for members in paragraphs.values():
        if sum(s.word_count for s in members) > MAX_OFF_TOPIC_WORDS:
            continue
        if counts is None:
            counts = _stem_counts(document)
        own = Counter(filter(None, map(_TERM, chain.from_iterable(s.tokens for s in members))))
        if not own:
            continue
        shared = sum(counts[stem] > n for stem, n in own.items())
        if shared < MIN_SHARED or shared < OFF_TOPIC_SHARE * len(own):
            found.update(s.index for s in members)
    return found


_TERM = itemgetter(Token._fields.index("term"))  # Token.term, read as a tuple item


def _stem_counts(document: Document) -> Counter[str]:
    """How often each content stem occurs in the document's sentences and its title."""
    tokens = chain(chain.from_iterable(s.tokens for s in document.sentences), document.title_tokens)
    return Counter(filter(None, map(_TERM, tokens)))


def without(document: Document, indexes: set[int]) -> Document:
    """``document`` without the sentences at ``indexes``, the others numbered again from 0 (their spans unchanged)."""
    if not indexes:
        return document
    kept = tuple(s._replace(index=i) for i, s in enumerate(s for s in document.sentences if s.index not in indexes))
    return dataclasses.replace(document, sentences=kept)


def mark(document: Document) -> Document:
    """``document`` without the sentences that lie on furniture lines (see the module's documentation)."""
    return without(document, furniture(document))
