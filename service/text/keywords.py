"""Headline keywords of a document: scored words and short phrases in their surface form."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .document import Document, Token

# How a candidate (a word, or a phrase of 2-3 words, keyed by its tuple of stems) is scored:
#
#     score = weighted occurrences * length factor * phrase factor
#
# counting what plain counting misses: the title and the first sentence weigh more, long words
# are rarer and so more telling, a phrase must recur. The parameters below are general
# properties of news text, checked on a crowd-annotated news keyphrase set (500N-KPCrowd,
# precision@10: counting stems 0.518, this scorer 0.553), not fitted to single documents.

#: Longest phrase, in words: headline keyphrases are names and short noun groups.
MAX_PHRASE_WORDS = 3
#: A phrase is a candidate only when it occurs at least this often (title included): a word
#: pair seen once is a coincidence of syntax, one that recurs is a unit of the story.
MIN_PHRASE_COUNT = 2
#: One occurrence in the title weighs this many occurrences in the body (with the headline
#: given as the title, 1 to 2 measure alike, 3 and more let the title crowd out the body).
TITLE_WEIGHT = 2.0
#: An occurrence in the first sentence (the lead, or the headline line) weighs
#: ``1 + LEAD_WEIGHT``: news states its subject first. Kept mild: the tie-break by first
#: position already favours early words, and a stronger lead weight lets one-off lead words in.
LEAD_WEIGHT = 0.5
#: Length factor ``exp(LENGTH_WEIGHT * letters)``, ``letters`` being the mean stem length of
#: the candidate's words: short words are the frequent, general ones (Zipf's law of
#: abbreviation), so length stands in for the rarity that a corpus-free scorer cannot count.
#: 0.15 (a 9-letter stem weighs 2.1 times a 4-letter one) is mid-plateau: 0.15-0.2 measure
#: alike, 0.1 and 0.3 a little worse, none at all drops back to plain counting.
LENGTH_WEIGHT = 0.15
#: Past this many letters a word is no rarer for being longer (and a run of junk letters
#: must not outweigh the text).
MAX_LETTERS = 12
#: Phrase factor: a recurring phrase counts half as much as a word seen as often. Annotators
#: pick a recurring phrase about half as often as a word of the same count.
PHRASE_WEIGHT = 0.5
# Not a parameter: capitalisation decides the shown form, not the score. Weighting names up
# (x1.3) lowered precision on the keyphrase set; central names win on their counts anyway.

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
_INITIAL = re.compile(r"[\n\r\v\f\u2028\u2029:\"“‘«„]")
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
    collector = _Collector(_NOT_TOPICS.get(document.language, frozenset()))
    if document.title and document.title_tokens:
        # Title offsets are in the title: order its occurrences before any of the text's.
        order_base = -len(document.title) - 1
        collector.add(document.title, document.title_tokens, 0, order_base, TITLE_WEIGHT, True)
    for sentence in document.sentences:
        weight = 1.0 + LEAD_WEIGHT if sentence.index == 0 else 1.0
        collector.add(document.text, sentence.tokens, sentence.start, 0, weight, False)
    candidates = collector.candidates

    kept = []
    for key, cand in candidates.items():
        if cand.words == 1 or cand.count >= MIN_PHRASE_COUNT:
            phrase_factor = PHRASE_WEIGHT if cand.words > 1 else 1.0
            cand.score = cand.weight * phrase_factor * math.exp(LENGTH_WEIGHT * _letters(key))
            kept.append(cand)
    for key in _subsumed(candidates):
        candidates[key].score = -1.0  # said by another candidate
    ranked = [cand for cand in kept if cand.score >= 0.0]
    if not ranked:
        return []
    # Ties go to the earlier first occurrence, then to the shorter candidate (at one start, its
    # text is a prefix of the longer one's, so this is the order of the texts): a total order,
    # so the same input gives the same output.
    ranked.sort(key=lambda cand: (-cand.score, cand.first, cand.words))
    best = ranked[0].score
    return [Keyword(text=_surface(c), score=c.score / best, count=c.count) for c in ranked[:limit]]


def _letters(key: tuple[str, ...]) -> float:
    """Mean stem length of the words, each capped at MAX_LETTERS; a hyphenated word counts its longest part."""
    return sum(min(max(len(part) for part in stem.split("-")), MAX_LETTERS) for stem in key) / len(key)


class _Collector:
    """One pass over the title and the sentences, counting every candidate into ``candidates``."""

    def __init__(self, not_topics: frozenset[str]) -> None:
        self.candidates: dict[tuple[str, ...], _Candidate] = {}
        self.not_topics = not_topics
        self.is_word: dict[str, bool] = {}  # surface -> a keyword word? (Zipf: few distinct ones)

    def add(
        self, source: str, tokens: tuple[Token, ...], start: int, order_base: int, weight: float, in_title: bool
    ) -> None:
        """Count the candidates of one sentence (or of the title) of ``source``."""
        run: list[Token] = []  # words joined by nothing but spaces or a hyphen
        initial: list[bool] = []
        prev_end = start
        is_word_of = self.is_word
        for index, token in enumerate(tokens):
            gap = source[prev_end : token.start]
            surface = source[token.start : token.end]
            is_word = is_word_of.get(surface)
            if is_word is None:
                is_word = is_word_of[surface] = bool(_WORD.fullmatch(surface) and _LETTER.search(surface))
            # "&amp;" and "&quot;" left in scraped text are markup, not words.
            if is_word and gap.endswith("&") and source.startswith(";", token.end):
                is_word = False
            plain = gap == " "  # by far the most common gap: joins, and says nothing of case
            if run and not (is_word and (plain or _JOINER.fullmatch(gap))):
                self._count_run(source, run, initial, order_base, weight, in_title)
                run, initial = [], []
            if is_word:
                run.append(token)
                initial.append(in_title or index == 0 or (not plain and _INITIAL.search(gap) is not None))
            prev_end = token.end
        if run:
            self._count_run(source, run, initial, order_base, weight, in_title)

    def _count_run(
        self, source: str, run: list[Token], initial: list[bool], order_base: int, weight: float, in_title: bool
    ) -> None:
        """Count the 1- to MAX_PHRASE_WORDS-word candidates of one run of joined words.

        A candidate neither starts nor ends with a stop word; inside a phrase one is allowed
        ("Bank of England"), and such a phrase must still recur like any other.
        """
        candidates = self.candidates
        not_topics = self.not_topics
        n = len(run)
        skip = [t.stop or t.norm in not_topics for t in run]
        stems = [t.stem for t in run]
        # A possessive is not part of the keyword: "Russia's" shows as "Russia".
        ends = [t.end - 2 if t.norm.endswith("'s") and t.end - t.start > 2 else t.end for t in run]
        for i in range(n):
            if skip[i]:
                continue
            head_start = run[i].start
            for j in range(i, min(n, i + MAX_PHRASE_WORDS)):
                if skip[j]:
                    continue
                key = tuple(stems[i : j + 1])
                cand = candidates.get(key)
                if cand is None:
                    cand = candidates[key] = _Candidate(j - i + 1, order_base + head_start)
                cand.count += 1
                cand.weight += weight
                surface = source[head_start : ends[j]]
                if not initial[i]:
                    cand.capitalised += surface[0].isupper()
                    cand.mid[surface] = cand.mid.get(surface, 0) + 1
                    continue
                if in_title:  # Title Case says nothing about any of its words
                    surface = " ".join(_uncapitalised(word) for word in surface.split(" "))
                elif j == i or surface[run[i].end - head_start :].islower():
                    surface = _uncapitalised(surface)  # "Sanctions against" -> "sanctions against"
                cand.initial[surface] = cand.initial.get(surface, 0) + 1


def _uncapitalised(word: str) -> str:
    """``word`` in lower case when only its first letter is a capital ("Sanctions", not "NATO").

    Left alone when lower-casing changes its length ("İ"): the shown form stays a plain case
    variant of the text.
    """
    if word[:1].isupper() and not any(c.isupper() for c in word[1:]):
        lower = word.lower()
        if len(lower) == len(word):
            return lower
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
