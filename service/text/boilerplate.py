"""Site furniture: the lines of a scraped article that are not the article, marked so that no stage after segmenting sees them.

A text copied from a web page keeps the site around its article: "- Advertisement -", "Read
More: ... | Latest Ukraine stories", share and follow prompts, cookie and newsletter notices,
bylines and "Edited by" credits, photo credits, navigation crumbs, datelines standing alone.
``mark`` takes the analysed document and leaves out every sentence that lies on such a line, so
the rankers, the selection and the keywords never see it, while every other sentence keeps its
exact span in the text as sent (offsets are never shifted: the text itself is not changed).

A line is furniture when

1. a pattern of ``service/data/boilerplate.txt`` finds it (lines of at most ``MAX_PATTERN_LINE``
   characters; every sentence on it goes); a sentence over several lines goes when a pattern
   finds every one of them; or
2. it has no final punctuation (. ! ? … ; : or a closing quote or bracket after one; an
   ellipsis cuts a teaser short and is none) and at most ``MAX_BARE_WORDS`` words, or
   ``MAX_TITLE_CASE_WORDS`` in Title Case or around a " | ": a link, a menu entry, a related
   headline, a crumb, a credit. A real sentence that lost its period is longer than that nearly
   always; or
3. it is a paragraph of at most ``MAX_OFF_TOPIC_WORDS`` words, in a document of at least
   ``MIN_SENTENCES_FOR_TOPIC`` sentences besides those rules 1 and 2 found, of whose content
   stems fewer than ``MIN_SHARED``, or than ``OFF_TOPIC_SHARE`` of them, occur in the title or
   the rest of the article (the lines rules 1 and 2 found left out: a page's furniture shares
   words with itself, not with its article): a teaser of another story, a notice, a comment.
   The bar is ``TEASER_SHARE`` for a paragraph with the shape of a page's words rather than an
   article's (``_teaser_shape``): one that speaks to the reader ("You can change your selections
   at any time.", in an article that does not do so itself), a lone short question, a teaser cut
   short with an ellipsis, a long headline without final punctuation. Such lines share a common
   word or two with any article ("time", "change"), and a real paragraph of these shapes shares
   more.

Neither rule 2 nor rule 3 takes a piece of prose. A text copied from a page often breaks a
sentence over paragraphs where a link or a caption was cut out of it (CNN/DM's "‘I’ve got broad
shoulders" / "and I know what to expect"), and a quotation over several; such pieces are the
article's, however short or off its topic. Two sentences one after the other are pieces of one
(``_joined``) when the first stops without final punctuation and the second continues it (it
starts with a function word in lower case and has ``MIN_PIECE_WORDS`` words or more, or with a
comma or a semicolon: ``continues``) or closes the quotation the first opened (the marks of
each do not pair up: ``open_quotation``). Both pieces are needed: a line of furniture has the
shape of one piece often enough, seldom beside the other.

Nor does rule 3 take a sentence that opens with a word referring back (the language's list of
``service/data/openers/``, as ``coherence`` reads it: "He joined the military in February of
2012.") to a sentence of the article before it (not the text's first, not one after a line of
furniture), nor a quotation (a line that opens with a quotation mark, or ends with one closing
``MIN_QUOTED_WORDS`` words or more, not in Title Case: "I love you," she said): an article
quotes people on things it does not otherwise name.

The leading headline is not furniture: ``service.text.headline`` takes it first (as the title).
``reasons`` says which rule marks each sentence (``bench.articles`` counts the clean sentences
each rule leaves out).

How the rules were chosen
=========================

On the tuning half only: the furniture lines of the even-indexed pages of the HTML benchmark
(``python -m bench.furniture --half tuning``) injected into the tuning halves of CNN/DM and BBC
(``bench.articles``), against the same articles clean and the gold article bodies of those
pages (every clean sentence a rule leaves out is counted as a loss). The patterns were written
after reading the tuning lines and the clean sentences the rules took; the exemptions for
pieces of prose, openers and quotations after reading the clean sentences rules 2 and 3 took
(fragments of CNN/DM's broken sentences, quoted speech, "By 1929, ..." taken for a byline).
The held-out pages and articles were scored after the choice (docs/RESULTS.md, ``python -m
bench.articles --sections boilerplate``).

Cost: one pass over the text's lines and one pattern search per line of at most
``MAX_PATTERN_LINE`` characters, plus a count of the content stems: linear, a small share of a
request on an article.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from collections import Counter
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from pathlib import Path

from .coherence import openers, opens_dangling
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
#: ... or than this share of them, when the paragraph has the shape of a page's teaser or notice (``_teaser_shape``).
TEASER_SHARE = 0.4
#: ... and the document has at least this many sentences to judge the topic by.
MIN_SENTENCES_FOR_TOPIC = 6

#: The patterns: a data file of the service (service/data/, whose files each start with a header line naming source and licence).
PATTERN_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt"

#: What a sentence that ends with punctuation ends with, once closing quotes and brackets are stripped.
_FINAL = frozenset(".!?…;:。！？‼⁇⁈⁉")
#: Closing quotation marks and brackets a sentence may end with after its final punctuation.
CLOSING = "\"'”’»«›‹)]}*"
#: Opening quotation marks a line may end with after its final punctuation (the next quotation's, cut from it).
_DANGLING_OPENERS = "‘“„"
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
    """A line without final punctuation of at most ``max_words`` words (by default: MAX_BARE_WORDS, or MAX_TITLE_CASE_WORDS in Title Case or around a " | ").

    A link, a menu entry, a linked headline, a credit. An ellipsis is no final punctuation: it
    cuts a teaser short ("In this article we've also included...").
    """
    line = line.strip()
    end = line.rstrip(CLOSING + _DANGLING_OPENERS + " \t\u00a0")
    if not line or (end and end[-1] in _FINAL and not end.endswith(_ELLIPSES)):
        return False
    words = line.split()
    if max_words is not None:
        return len(words) <= max_words
    return len(words) <= MAX_BARE_WORDS or (len(words) <= MAX_TITLE_CASE_WORDS and ("|" in words or _title_case(words)))


#: How a teaser cut short ends.
_ELLIPSES = ("...", "…")


#: Words a Title Case headline leaves in lower case.
_MINOR = frozenset("a an the and or but nor for of in on at to by with from as vs via per into onto over than".split())


def _title_case(words: list[str]) -> bool:
    """Whether nearly every word with a letter, short function words aside, starts with a capital."""
    major = [w for w in words if w[:1].isalpha() and w.lower() not in _MINOR]  # "58th", "(and" aside
    capitalised = sum(1 for w in major if next(c for c in w if c.isalpha()).isupper())
    return bool(major) and capitalised >= 0.9 * len(major)


def is_furniture_line(line: str) -> bool:
    """Rules 1 and 2 for a line standing alone (rule 3 needs the document around it)."""
    return matches_pattern(line) or is_bare(line)


#: Quotation marks and brackets a line may start with before its first word.
_LEADING = " \t\u00a0'\"‘’“”„«»‹›([{"
_SINGLE_QUOTES = "'‘’"


#: Fewest words of a piece of a sentence broken over paragraphs (a menu entry, a section name has fewer).
MIN_PIECE_WORDS = 3


def continues(sentence: Sentence) -> bool:
    """Whether ``sentence`` continues one broken off before it: it starts with a comma or a semicolon, or with a function word in lower case ("and I know what to expect"), and has MIN_PIECE_WORDS words or more."""
    rest = sentence.text.lstrip(_LEADING)
    if rest[:1] in (",", ";"):
        return True
    tokens = sentence.tokens
    if sentence.word_count < MIN_PIECE_WORDS or not tokens or not rest:
        return False
    first = tokens[0]
    word = sentence.text[first.start - sentence.start : first.end - sentence.start]
    return rest.startswith(word) and word.islower() and first.stop


def open_quotation(line: str) -> bool:
    """Whether ``line`` opens a quotation it does not close, or closes one it did not open: a piece of a quotation broken over lines.

    Double marks are counted (“ against ”, and " by pairs). A single mark is an opener at the
    line's start or after white space or a bracket with a letter or digit after it, a closer
    after punctuation or after a word while a quotation is open; one between letters, or after
    a word's final s with none open, is an apostrophe.
    """
    straight = sum(1 for i, c in enumerate(line) if c == '"' and not (i and line[i - 1].isdigit()))  # 16" is an inch mark
    if line.count("“") != line.count("”") or straight % 2:
        return True
    opened = 0
    for i, c in enumerate(line):
        if c not in _SINGLE_QUOTES:
            continue
        before = line[i - 1] if i else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        if (before.isspace() or before in "([{—–-") and after.isalpha():  # '90s is an elision
            opened += 1
        elif before in ".,!?;:…":
            if not opened:
                return True  # the end of a quotation opened on an earlier line
            opened -= 1
        elif before.isalpha() and not after.isalpha() and opened:
            opened -= 1
    return opened > 0


#: Fewest words of a quotation a line ends with, for the line to read as one (a quoted phrase is shorter).
MIN_QUOTED_WORDS = 5
#: Most words of a quoted name or title a line opens with (a quotation it opens with is longer).
MAX_QUOTED_NAME_WORDS = 2


def quotation(line: str) -> bool:
    """Whether ``line`` reads as a quotation: it opens with a quotation mark before a letter, or ends with one after punctuation that closes MIN_QUOTED_WORDS words or more; and it is not in Title Case (a quoted headline)."""
    line = line.strip()
    if _title_case(line.split()):
        return False
    if len(line) > 1 and line[0] in "'\"‘“„«" and line[1].isalpha():
        # A quotation, unless its mark closes on a name or a title the line goes on about ("‘Wilderless’ is the ...").
        closing = next((i for i in range(2, len(line)) if line[i] in "'’\"”»" and not line[i - 1].isspace() and not line[i + 1 : i + 2].isalnum()), -1)
        return closing < 0 or len(line[1:closing].split()) > MAX_QUOTED_NAME_WORDS or not line[closing + 1 :].strip(" ,.:;!?")
    end = line.rstrip(" \t\u00a0")
    if len(end) < 2 or end[-1] not in "'\"’”»" or end[-2] not in ".,!?…":
        return False
    opening = max(end.rfind(m, 0, len(end) - 1) for m in ("\"", "“", "‘", " '", "«"))
    return opening < 0 or len(end[opening:].split()) >= MIN_QUOTED_WORDS


def _joined(first: Sentence, second: Sentence) -> bool:
    """Whether ``first`` and ``second``, one after the other, are pieces of one sentence: ``first`` stops without final punctuation, and ``second`` closes the quotation ``first`` opened or continues it (when ``first`` is not in Title Case)."""
    if not is_bare(first.text, max_words=len(first.text)):
        return False
    if open_quotation(first.text) and open_quotation(second.text):
        return True
    # A line in Title Case is a linked headline or a menu entry, not the first piece of a sentence.
    return not _title_case(first.text.split()) and continues(second)


def _in_prose(document: Document, position: int) -> bool:
    """Whether the sentence at ``position`` is a piece of a sentence broken over paragraphs: it and the sentence before or after it are pieces of one (``_joined``)."""
    sentences = document.sentences
    sentence = sentences[position]
    if position and _joined(sentences[position - 1], sentence):
        return True
    return position + 1 < len(sentences) and _joined(sentence, sentences[position + 1])


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
    return set(reasons(document))


#: Why a sentence is furniture, by rule (what ``reasons`` answers).
PATTERN, BARE, LINES, OFF_TOPIC = "pattern", "bare line", "furniture lines", "off topic"


def reasons(document: Document) -> dict[int, str]:
    """The furniture sentences' indexes, each with the rule that marks it: PATTERN, BARE, LINES or OFF_TOPIC."""
    sentences = document.sentences
    if not sentences:
        return {}
    text = document.text
    starts, ends = _line_spans(text)
    # Only the patterns whose literal is somewhere in the lines short enough for a pattern are worth trying on them.
    lower = "\n".join(text[a:b] for a, b in zip(starts, ends) if b - a <= MAX_PATTERN_LINE or len(text[a:b].strip()) <= MAX_PATTERN_LINE).lower()
    others = [(literal, patterns) for literal, patterns in _patterns()[1].items() if literal in lower]
    verdicts: dict[int, bool] = {}  # line number -> a pattern finds it, for the lines asked about

    def pattern_line(number: int) -> bool:
        # Each line is sliced once, however many sentences it holds (a megabyte on one line is
        # a quarter of a million sentences).
        verdict = verdicts.get(number)
        if verdict is None:
            line = text[starts[number] : ends[number]].strip()
            # An empty line inside a sentence's span says nothing.
            verdict = verdicts[number] = _found(line, others) if line else True
        return verdict

    bare: dict[int, bool] = {}  # line number -> rule 2's shape, for the lines asked about

    def bare_line(number: int) -> bool:
        if number not in bare:
            bare[number] = is_bare(text[starts[number] : ends[number]])
        return bare[number]

    marked: dict[int, str] = {}
    for position, s in enumerate(sentences):
        first = bisect_right(starts, s.start) - 1
        last = bisect_right(starts, s.end - 1) - 1
        if first == last:
            # Rule 1 for any sentence on a line a pattern finds; rule 2 for one without final punctuation on a short line without it.
            if pattern_line(first):
                marked[s.index] = PATTERN
            elif bare_line(first) and is_bare(s.text, max_words=s.word_count) and not _in_prose(document, position):
                # A short line without final punctuation: the line's sentence, or its last piece where the
                # splitter cut it ("The A.V." / "Club"), since one that ends with a period is prose.
                marked[s.index] = BARE
        elif all(pattern_line(n) for n in range(first, last + 1)) or (
            is_bare(s.text, max_words=len(s.text)) and all(pattern_line(n) or _menu_entry(text[starts[n] : ends[n]]) for n in range(first, last + 1))
        ):
            # A sentence over several lines (a menu, a share bar, a credit block) that are all furniture;
            # a short bare line is taken as a menu entry only here (a hard-wrapped line of prose is longer),
            # and only in a sentence with no final punctuation (prose broken into short lines has one).
            marked[s.index] = LINES
    if len(sentences) - len(marked) >= MIN_SENTENCES_FOR_TOPIC:  # the article's own sentences, its furniture aside
        marked.update(dict.fromkeys(_off_topic(document, set(marked)), OFF_TOPIC))
    return marked


#: A line of a sentence over several lines is a menu entry when it is bare and has at most this many words.
MAX_MENU_WORDS = 3


def _menu_entry(line: str) -> bool:
    return is_bare(line, MAX_MENU_WORDS)


def _off_topic(document: Document, marked: set[int]) -> set[int]:
    """Rule 3: the short paragraphs whose content stems the rest of the document hardly shares."""
    paragraphs = _blocks(document, marked)
    counts: Counter[str] | None = None
    short: list[tuple[list[Sentence], int, int]] = []  # the short paragraphs: members, content stems, stems shared
    article: list[Sentence] = []  # the sentences of the paragraphs that are the article's by their words or their length
    for members, whole in paragraphs:
        if sum(s.word_count for s in members) > MAX_OFF_TOPIC_WORDS:
            if whole:
                article += members
            continue
        if counts is None:
            counts = _stem_counts(document, marked)
        own = Counter(filter(None, map(_TERM, chain.from_iterable(s.tokens for s in members))))
        if not own:
            continue
        shared = sum(counts[stem] > n for stem, n in own.items())
        if shared >= MIN_SHARED and shared >= TEASER_SHARE * len(own):
            if whole:
                article += members
        else:
            short.append((members, len(own), shared))
    found: set[int] = set()
    register: list[bool] = []  # worked out once, when a paragraph asks

    def speaks_to_reader() -> bool:
        # Whether the article itself speaks to its reader (a how-to): then the second person is no sign of a page's notice.
        if not register:
            register.append(sum(map(_addresses_reader, (s.text for s in article))) >= SECOND_PERSON_REGISTER * max(1, len(article)))
        return register[0]

    for members, own, shared in short:
        # Below the teaser's bar: off topic when below the prose's bar too, or when it has a teaser's shape.
        if shared >= MIN_SHARED and shared >= OFF_TOPIC_SHARE * own and not _teaser_shape(members, speaks_to_reader):
            continue
        first = members[0].index
        refers_back = first > 0 and first - 1 not in marked and opens_dangling(members[0], document.text, openers(document.language))
        if refers_back or any(quotation(s.text) or _in_prose(document, s.index) for s in members):
            continue  # it refers back to the article's sentence before it, quotes someone, or is a piece of a sentence broken over paragraphs
        found.update(s.index for s in members)
    return found


def _blocks(document: Document, marked: set[int]) -> list[tuple[list[Sentence], bool]]:
    """The sentences but those ``marked``, by paragraph (each with True), and the lines of a paragraph whose lines each hold whole sentences (each with False).

    A paragraph of several lines, none of whose sentences runs over a line break, is a stack of
    lines that stand alone (a menu, a list of links, a block of teasers): it is judged as a
    whole, and each of its lines as a paragraph is. Prose wrapped over lines has sentences that
    run over them.
    """
    paragraphs: dict[int, list[Sentence]] = {}
    for s in document.sentences:
        if s.index not in marked:
            paragraphs.setdefault(s.paragraph, []).append(s)
    text = document.text
    out: list[tuple[list[Sentence], bool]] = []
    for members in paragraphs.values():
        out.append((members, True))
        if len(members) < 2 or any(_LINE_END.search(text, s.start, s.end) for s in members):
            continue
        lines: list[list[Sentence]] = [[members[0]]]
        for before, s in zip(members, members[1:]):
            if _LINE_END.search(text, before.end, s.start):
                lines.append([s])
            else:
                lines[-1].append(s)
        if len(lines) > 1:
            out += ((line, False) for line in lines)
    return out


#: The reader addressed: a word of the second person.
_SECOND_PERSON = re.compile(r"(?<![\w'’])(you|your|yours|yourself|yourselves)(?!\w)", re.IGNORECASE)
#: A quoted span (whatever it says is the speaker's, not the page's).
_QUOTED = re.compile(r"[\"“„«‘][^\"”»’]*[\"”»’]")
#: A question standing alone has at most this many words to read as a teaser (a lead that asks one is longer).
MAX_QUESTION_WORDS = 20
#: The article speaks to its reader itself (a how-to) when at least this share of its sentences do (those of its paragraphs that are long or share its words).
SECOND_PERSON_REGISTER = 0.2


#: Reported speech: what it says is someone's, quoted with or without marks.
_ATTRIBUTION = re.compile(r"\b(said|says|told|tells|asked|asks|added|adds|continued|explained|insisted|according to)\b", re.IGNORECASE)


def _addresses_reader(text: str) -> bool:
    """Whether ``text`` speaks to its reader: the second person outside quotation marks, in words not reported as someone's."""
    return _SECOND_PERSON.search(text) is not None and _SECOND_PERSON.search(_QUOTED.sub(" ", text)) is not None and _ATTRIBUTION.search(text) is None


def _teaser_shape(members: list[Sentence], speaks_to_reader: Callable[[], bool]) -> bool:
    """Whether a paragraph has the shape of a page's words to its reader or of a linked headline, rather than of an article's prose.

    It addresses the reader outside a quotation (in an article that does not speak to its
    reader throughout), or it is one question of at most MAX_QUESTION_WORDS words, or it ends
    with an ellipsis (a teaser cut short), or it is one sentence without final punctuation of at
    most MAX_TITLE_CASE_WORDS words whose last word is not a stop word (a piece of a sentence
    broken over lines ends with one: "... out of all situations and").
    """
    text = " ".join(s.text for s in members)
    if _addresses_reader(text) and not speaks_to_reader():
        return True
    end = text.rstrip(CLOSING + " \t\u00a0")
    if end.endswith(_ELLIPSES):
        return True
    if len(members) != 1:
        return False
    sentence = members[0]
    if end.endswith("?"):
        return sentence.word_count <= MAX_QUESTION_WORDS and _ATTRIBUTION.search(text) is None
    return is_bare(text, max_words=MAX_TITLE_CASE_WORDS) and bool(sentence.tokens) and not sentence.tokens[-1].stop


_TERM = itemgetter(Token._fields.index("term"))  # Token.term, read as a tuple item


def _stem_counts(document: Document, leave_out: set[int]) -> Counter[str]:
    """How often each content stem occurs in the document's title and its sentences but those to ``leave_out`` (furniture: lines of one page share words with each other, not with its article)."""
    kept = (s.tokens for s in document.sentences if s.index not in leave_out)
    return Counter(filter(None, map(_TERM, chain(chain.from_iterable(kept), document.title_tokens))))


def without(document: Document, indexes: set[int]) -> Document:
    """``document`` without the sentences at ``indexes``, the others numbered again from 0 (their spans unchanged)."""
    if not indexes:
        return document
    kept = tuple(s._replace(index=i) for i, s in enumerate(s for s in document.sentences if s.index not in indexes))
    return dataclasses.replace(document, sentences=kept)


def mark(document: Document) -> Document:
    """``document`` without the sentences that lie on furniture lines (see the module's documentation)."""
    return without(document, furniture(document))
