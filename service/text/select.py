"""Choosing the summary: rank the sentences, drop repeats and the title, fit the length bound."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from .document import Document, Sentence
from .rank.ranking import Ranking


class BoundKind(str, Enum):
    """The unit a length bound counts in."""

    SENTENCES = "sentences"
    MAX_WORDS = "max_words"
    MAX_CHARS = "max_chars"
    RATIO = "ratio"


@dataclass(frozen=True, slots=True)
class Bound:
    """At most ``value`` sentences, words or characters, or a ``ratio`` of the input's words."""

    kind: BoundKind
    value: float


@dataclass(frozen=True, slots=True)
class Pick:
    """A chosen sentence with its normalised score (best in the document = 1.0) and rank (1 = best)."""

    sentence: Sentence
    score: float
    rank: int


@dataclass(frozen=True, slots=True)
class Ranked:
    """A sentence of the full ranking: its score as the summary's sentences get it, and its rank among the sentences a summary may take.

    ``rank`` is None for a sentence no summary takes: the title, or a repeat of a better-ranked sentence.
    """

    sentence: Sentence
    score: float
    rank: int | None


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen sentences in the requested order, and what the caller should know about them."""

    picks: tuple[Pick, ...]
    warnings: tuple[str, ...]


_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _candidates(document: Document, ranking: Ranking, tally: dict[str, float]) -> Iterator[tuple[Sentence, float]]:
    """Distinct sentences in rank order, without the title; ``tally`` counts what was skipped and keeps the best score."""
    title_key = _key(document.title) if document.title else None
    seen: set[str] = set()
    for index in ranking:
        sentence = document.sentences[index]
        key = _key(sentence.text)
        if key == title_key:
            tally["title"] += 1
            continue
        if key in seen:
            tally["repeats"] += 1
            continue
        seen.add(key)
        score = ranking.score(index)
        tally.setdefault("best", score)
        yield sentence, score


def _normalised(raw: float, best: float, floor: float) -> float:
    """A raw score between the lowest any sentence can get (0) and the best candidate's (1.0), rounded to 6 places."""
    score = 1.0 if best <= floor else min(1.0, max(0.0, (raw - floor) / (best - floor)))
    return round(score, 6)


def _cost(sentence: Sentence, unit: str, first: bool) -> int:
    if unit == "words":
        return sentence.word_count
    return sentence.length + (0 if first else 1)  # sentences are joined by one space


def select(document: Document, ranking: Ranking | Sequence[float], bound: Bound, order: str = "position") -> Selection:
    """Pick the best distinct sentences that fit ``bound``, ordered by ``position`` or ``rank``.

    The ranking is read lazily, only as far as the bound needs: greedy rankers compute
    each further sentence on demand.
    """
    if not document.sentences:
        return Selection(picks=(), warnings=("The text has no sentence to summarize.",))
    if not isinstance(ranking, Ranking):
        ranking = Ranking.from_scores(ranking)
    tally: dict[str, float] = {"title": 0, "repeats": 0}
    candidates = _candidates(document, ranking, tally)
    warnings: list[str] = []
    chosen: list[tuple[Sentence, float, int]] = []  # sentence, raw score, rank
    if bound.kind is BoundKind.SENTENCES:
        wanted = int(bound.value)
        for rank, (sentence, raw) in enumerate(candidates, start=1):
            chosen.append((sentence, raw, rank))
            if len(chosen) == wanted:
                break
        if len(chosen) < wanted:
            distinct = len(chosen)
            what = f"only {distinct} distinct sentence{'s' if distinct != 1 else ''}"
            repeats = int(tally["repeats"])
            why = f" ({repeats} repeated sentence{'s' if repeats != 1 else ''} skipped)" if repeats else ""
            warnings.append(f"Asked for {wanted} sentences but the text has {what}{why}.")
    else:
        if bound.kind is BoundKind.RATIO:
            budget = math.floor(bound.value * document.word_count)
            unit = "words"
        else:
            budget = int(bound.value)
            unit = "words" if bound.kind is BoundKind.MAX_WORDS else "characters"
        title_key = _key(document.title) if document.title else None
        shortest = min(
            (_cost(s, unit, True) for s in document.sentences if title_key is None or _key(s.text) != title_key),
            default=None,
        )
        if shortest is None:
            pass  # every sentence is the title: said below
        elif bound.kind is BoundKind.RATIO and budget == 0:
            warnings.append(
                f"A ratio of {bound.value:g} of {document.word_count} words rounds down to 0 words: the summary is empty."
            )
        elif shortest > budget:
            # Known before reading the ranking, so a greedy ranker is not run to its end.
            warnings.append(f"No sentence fits within {budget} {unit} (the shortest has {shortest}): the summary is empty.")
        else:
            used = 0
            passed_over = False
            # The best sentences in rank order while they fit. Only until the first one fits
            # are longer sentences passed over: filling the rest of the budget with whatever
            # short fragment still fits ("Nothing.", "- Advertisement -") would make the
            # summary worse.
            for rank, (sentence, raw) in enumerate(candidates, start=1):
                c = _cost(sentence, unit, not chosen)
                if used + c <= budget:
                    chosen.append((sentence, raw, rank))
                    used += c
                elif chosen:
                    break
                else:
                    passed_over = True
            if passed_over:
                warnings.append(f"Higher-ranked sentences longer than the {budget}-{unit[:-1]} bound were passed over.")
    if tally["title"]:
        warnings.insert(0, "A sentence identical to the title was left out of the summary.")

    # Scores are normalised between the lowest any sentence can get and the best candidate's,
    # so the best sentence that could be chosen scores 1.0.
    best = tally.get("best", ranking.floor)
    floor = ranking.floor
    picks = []
    for sentence, raw, rank in chosen:
        picks.append(Pick(sentence=sentence, score=_normalised(raw, best, floor), rank=rank))
    if order == "position":
        picks.sort(key=lambda p: p.sentence.index)
    return Selection(picks=tuple(picks), warnings=tuple(warnings))


def rank_all(document: Document, ranking: Ranking) -> tuple[Ranked, ...]:
    """Every sentence in position order, scored and ranked exactly as ``select`` scores and ranks those it picks.

    Reads ``ranking`` to its end: give it a ranking of its own (a greedy ranker's full ranking
    costs a step per sentence). A sentence the ranking never yields scores 0 and has no rank.
    """
    yielded: list[int] = []

    def recorded() -> Iterator[int]:
        for index in ranking:
            yielded.append(index)
            yield index

    tally: dict[str, float] = {"title": 0, "repeats": 0}
    ranks = {
        sentence.index: rank
        for rank, (sentence, _) in enumerate(_candidates(document, Ranking(recorded(), ranking.score, ranking.floor, ranking.size), tally), start=1)
    }
    best, floor = tally.get("best", ranking.floor), ranking.floor
    scores = {index: _normalised(ranking.score(index), best, floor) for index in yielded}
    return tuple(Ranked(sentence=s, score=scores.get(s.index, 0.0), rank=ranks.get(s.index)) for s in document.sentences)
