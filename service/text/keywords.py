"""Headline keywords of a document: scored words and short phrases in their surface form."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .document import Document, Token

# Parameters. Each is a general property of news text, checked on the crowd-annotated
# keyphrase set (precision@10), not fitted to single documents.

#: Longest phrase, in words: headline keyphrases are names and short noun groups.
MAX_PHRASE_WORDS = 3
#: A phrase is a candidate only when it occurs at least this often (title included): a word
#: pair seen once is a coincidence of syntax, one that recurs is a unit of the story.
MIN_PHRASE_COUNT = 2
#: One occurrence in the title weighs this many occurrences in the body.
TITLE_WEIGHT = 2.0
#: An occurrence in the first sentence (the lead, or the headline line) weighs
#: ``1 + LEAD_WEIGHT``: news states its subject first.
LEAD_WEIGHT = 0.5
#: Score factor ``exp(LENGTH_WEIGHT * letters)``, ``letters`` being the mean stem length of
#: the candidate's words: short words are the frequent, general ones (Zipf's law of
#: abbreviation), so length stands in for the rarity that a corpus-free scorer cannot count.
LENGTH_WEIGHT = 0.15
#: Score factor per extra word of a phrase: a recurring phrase is rarer than a word, but
#: most word pairs that recur twice are still not what the story is about.
PHRASE_WEIGHT = 0.5

#: Words that are not stop words but never name a topic: days and relative dates place the
#: story in time, number words are numbers (and numbers alone are not keywords).
_NOT_TOPICS: dict[str, frozenset[str]] = {
    "english": frozenset(
        {
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "today", "tonight", "tomorrow", "yesterday",
            "hundred", "hundreds", "thousand", "thousands", "million", "millions",
            "billion", "billions", "trillion", "trillions", "percent",
        }
    ),
}  # fmt: skip

# What may stand between two words of one phrase: spaces (not a line break: a headline or a
# list item ends without punctuation) or a bare hyphen. Anything else is punctuation.
_JOINER = re.compile(r"[ \t\u00a0]+|-")
# Before a word, these make its capital letter say nothing about the word, as at the start
# of a sentence: a new line, a quotation, a clause after a colon.
_INITIAL = re.compile(r"[\n\r\v\f\u2028\u2029:\"“‘«„(\[]")
# A keyword word: letters and digits with inner apostrophes or hyphens ("Covid-19", "G7"),
# at least one letter. Not "1,000" (a number), not "bloomberg.net" or "U.S" (not a word).
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Keyword:
    """One headline keyword of a document."""

    text: str  # surface form found in the text (or title)
    score: float  # 0..1, best = 1.0
    count: int  # how often it occurs in the text (title included when given)


class _Candidate:
    """What one pass over the document learns about one tuple of stems."""

    __slots__ = ("words", "count", "weight", "first", "mid", "capitalised", "initial", "score")

    def __init__(self, words: int, first: int) -> None:
        self.words = words
        self.count = 0
        self.weight = 0.0  # occurrences, weighted by where they are
        self.first = first  # order of the first occurrence: the title's come before the text's
        self.mid: dict[str, int] = {}  # surface -> mid-sentence occurrences (in first-seen order)
        self.capitalised = 0  # mid-sentence occurrences that start with a capital
        self.initial: dict[str, int] = {}  # surface -> occurrences where a capital is no evidence
        self.score = 0.0


def extract_keywords(document: Document, limit: int) -> list[Keyword]:
    """The document's headline keywords, best first, at most ``limit``."""
    if limit <= 0:
        return []
    not_topics = _NOT_TOPICS.get(document.language, frozenset())
    candidates: dict[tuple[str, ...], _Candidate] = {}
    if document.title and document.title_tokens:
        # Title offsets are in the title: order its occurrences before any of the text's.
        order_base = -len(document.title) - 1
        _collect(candidates, document.title, document.title_tokens, 0, order_base, TITLE_WEIGHT, True, not_topics)
    for sentence in document.sentences:
        weight = 1.0 + LEAD_WEIGHT if sentence.index == 0 else 1.0
        _collect(candidates, document.text, sentence.tokens, sentence.start, 0, weight, False, not_topics)

    kept = []
    for key, cand in candidates.items():
        if cand.words == 1 or cand.count >= MIN_PHRASE_COUNT:
            cand.score = cand.weight * PHRASE_WEIGHT ** (cand.words - 1) * math.exp(LENGTH_WEIGHT * _letters(key))
            kept.append(cand)
    for key in _subsumed(candidates):
        candidates[key].score = -1.0
    ranked = [cand for cand in kept if cand.score >= 0.0]
    if not ranked:
        return []
    # Ties go to the earlier first occurrence, then to the shorter candidate (at one start, its
    # text is a prefix of the longer one's): a total order, so the same input, the same output.
    ranked.sort(key=lambda cand: (-cand.score, cand.first, cand.words))
    best = ranked[0].score
    return [Keyword(text=_surface(c), score=c.score / best, count=c.count) for c in ranked[:limit]]


def _letters(key: tuple[str, ...]) -> float:
    """Mean stem length of the words; a hyphenated word counts as its longest part."""
    return sum(max(len(part) for part in stem.split("-")) for stem in key) / len(key)


def _collect(
    candidates: dict[tuple[str, ...], _Candidate],
    source: str,
    tokens: tuple[Token, ...],
    start: int,
    order_base: int,
    weight: float,
    in_title: bool,
    not_topics: frozenset[str],
) -> None:
    """Count every candidate of one sentence (or of the title) into ``candidates``."""
    run: list[Token] = []  # words joined by nothing but spaces or a hyphen
    initial: list[bool] = []
    prev_end = start
    for index, token in enumerate(tokens):
        gap = source[prev_end : token.start]
        surface = source[token.start : token.end]
        # "&amp;" and "&quot;" left in scraped text are markup, not words.
        is_word = (
            _WORD.fullmatch(surface) is not None
            and _LETTER.search(surface) is not None
            and not (gap.endswith("&") and source.startswith(";", token.end))
        )
        if not is_word or (run and _JOINER.fullmatch(gap) is None):
            _count_run(candidates, source, run, initial, order_base, weight, in_title, not_topics)
            run, initial = [], []
        if is_word:
            run.append(token)
            initial.append(in_title or index == 0 or _INITIAL.search(gap) is not None)
        prev_end = token.end
    _count_run(candidates, source, run, initial, order_base, weight, in_title, not_topics)


def _count_run(
    candidates: dict[tuple[str, ...], _Candidate],
    source: str,
    run: list[Token],
    initial: list[bool],
    order_base: int,
    weight: float,
    in_title: bool,
    not_topics: frozenset[str],
) -> None:
    """Count the 1- to MAX_PHRASE_WORDS-word candidates of one run of joined words.

    A candidate neither starts nor ends with a stop word; inside a phrase one is allowed
    ("Bank of England"), and such a phrase must still recur like any other.
    """
    n = len(run)
    skip = [t.stop or t.norm in not_topics for t in run]
    for i in range(n):
        if skip[i]:
            continue
        head = run[i]
        key: tuple[str, ...] = ()
        for j in range(i, min(n, i + MAX_PHRASE_WORDS)):
            tail = run[j]
            key = (*key, tail.stem)
            if skip[j]:
                continue
            cand = candidates.get(key)
            if cand is None:
                cand = candidates[key] = _Candidate(j - i + 1, order_base + head.start)
            cand.count += 1
            cand.weight += weight
            # A possessive is not part of the keyword: "Russia's" shows as "Russia".
            end = tail.end - 2 if tail.norm.endswith("'s") and tail.end - 2 > tail.start else tail.end
            surface = source[head.start : end]
            if not initial[i]:
                cand.capitalised += surface[0].isupper()
                cand.mid[surface] = cand.mid.get(surface, 0) + 1
                continue
            if in_title:  # Title Case says nothing about any of its words
                surface = " ".join(_uncapitalised(word) for word in surface.split(" "))
            elif j == i or surface[head.end - head.start :].islower():
                surface = _uncapitalised(surface)  # "Sanctions against" -> "sanctions against"
            cand.initial[surface] = cand.initial.get(surface, 0) + 1


def _uncapitalised(word: str) -> str:
    """``word`` in lower case when only its first letter is a capital ("Sanctions", not "NATO")."""
    if word[:1].isupper() and not any(c.isupper() for c in word[1:]):
        return word.lower()
    return word


def _surface(cand: _Candidate) -> str:
    """The form to show: the most frequent of the majority case, the first seen on ties.

    Mid-sentence occurrences decide: capitalised in most of them, it is a name and shows
    capitalised; otherwise lower case. Seen only where a capital is no evidence (sentence
    starts, the title), it shows lower-cased unless it has capitals past its first letter.
    """
    if cand.mid:
        caps = cand.capitalised * 2 > sum(cand.mid.values())
        forms = {s: c for s, c in cand.mid.items() if s[0].isupper() == caps} or cand.mid
    else:
        forms = cand.initial
    return max(forms.items(), key=lambda item: item[1])[0]  # max keeps the first of equals


def _subsumed(candidates: dict[tuple[str, ...], _Candidate]) -> list[tuple[str, ...]]:
    """Candidates left out because a phrase always holds a shorter one (its words never occur outside it).

    Showing both would say one thing twice. A name ("Vladimir Putin": capitalised mid-sentence)
    is one unit: the phrase stays, with the higher of the two scores, and its part goes. A common
    phrase ("drone strike") goes and its words stay: crowd annotators pick the single words of
    such phrases far more often than the phrase (221 against 144 on the keyphrase set).
    Linear: a phrase of n words has fewer than n * (n + 1) / 2 parts.
    """
    subsumed = []
    for key, cand in candidates.items():
        n = len(key)
        if n == 1 or cand.count < MIN_PHRASE_COUNT:
            continue
        name = cand.capitalised * 2 > sum(cand.mid.values())
        for i in range(n):
            for j in range(i + 1, n + 1 if i else n):
                part = candidates.get(key[i:j])
                # count(part) >= count(phrase) always: equal means "never outside it".
                if part is None or part.count != cand.count:
                    continue
                if not name:
                    subsumed.append(key)
                    break
                cand.score = max(cand.score, part.score)
                subsumed.append(key[i:j])
    return subsumed
