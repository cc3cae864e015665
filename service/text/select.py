"""Choosing the summary: rank the sentences, drop repeats and the title, fit the length bound."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from .document import Document, Sentence


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
class Selection:
    """The chosen sentences in the requested order, and what the caller should know about them."""

    picks: tuple[Pick, ...]
    warnings: tuple[str, ...]


_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _normalise(scores: Sequence[float]) -> list[float]:
    finite = [s if math.isfinite(s) else 0.0 for s in scores]
    if not finite:
        return []
    low, high = min(finite), max(finite)
    if high == low:
        return [1.0] * len(finite)
    return [(s - low) / (high - low) for s in finite]


def _candidates(document: Document, scores: list[float]) -> tuple[list[tuple[Sentence, float]], int, bool]:
    """Distinct sentences, best first (ties: earlier first), without the title."""
    title_key = _key(document.title) if document.title else None
    order = sorted(range(len(document.sentences)), key=lambda i: (-scores[i], i))
    seen: set[str] = set()
    ranked = []
    repeats = 0
    title_dropped = False
    for i in order:
        sentence = document.sentences[i]
        key = _key(sentence.text)
        if key == title_key:
            title_dropped = True
            continue
        if key in seen:
            repeats += 1
            continue
        seen.add(key)
        ranked.append((sentence, scores[i]))
    return ranked, repeats, title_dropped


def select(document: Document, raw_scores: Sequence[float], bound: Bound, order: str = "position") -> Selection:
    """Pick the best distinct sentences that fit ``bound``, ordered by ``position`` or ``rank``."""
    ranked, repeats, title_dropped = _candidates(document, list(raw_scores))
    # Scores are normalised over the sentences that could be chosen, so the best of them is 1.0.
    normalised = _normalise([score for _, score in ranked])
    ranked = [(sentence, normalised[i], i + 1) for i, (sentence, _) in enumerate(ranked)]
    warnings: list[str] = []
    if title_dropped:
        warnings.append("A sentence identical to the title was left out of the summary.")

    chosen: list[tuple[Sentence, float, int]] = []
    kind = bound.kind
    if kind is BoundKind.SENTENCES:
        wanted = int(bound.value)
        chosen = ranked[:wanted]
        if len(chosen) < wanted:
            what = f"only {len(ranked)} distinct sentence{'s' if len(ranked) != 1 else ''}"
            why = f" ({repeats} repeated sentence{'s' if repeats != 1 else ''} skipped)" if repeats else ""
            warnings.append(f"Asked for {wanted} sentences but the text has {what}{why}.")
    else:
        if kind is BoundKind.RATIO:
            budget = math.floor(bound.value * document.word_count)
            if budget == 0 and ranked:
                warnings.append(
                    f"A ratio of {bound.value:g} of {document.word_count} words rounds down to 0 words: the summary is empty."
                )
            unit = "words"
        else:
            budget = int(bound.value)
            unit = "words" if kind is BoundKind.MAX_WORDS else "characters"

        def cost(sentence: Sentence, first: bool) -> int:
            if unit == "words":
                return sentence.word_count
            return sentence.length + (0 if first else 1)  # sentences are joined by one space

        used = 0
        skipped_better = False
        # The best sentences in rank order while they fit. Only until the first one fits are
        # longer sentences passed over: filling the rest of the budget with whatever short
        # fragment still fits ("Nothing.", "- Advertisement -") would make the summary worse.
        for item in ranked:
            c = cost(item[0], not chosen)
            if used + c <= budget:
                chosen.append(item)
                used += c
            elif chosen:
                break
            else:
                skipped_better = True
        if ranked and budget > 0:
            if not chosen:
                shortest = min(cost(s, True) for s, _, _ in ranked)
                warnings.append(
                    f"No sentence fits within {budget} {unit} (the shortest has {shortest}): the summary is empty."
                )
            elif skipped_better:
                warnings.append(
                    f"Higher-ranked sentences longer than the {budget}-{unit[:-1]} bound were passed over."
                )
    if not ranked:
        warnings.append("The text has no sentence to summarize.")

    if order == "position":
        chosen.sort(key=lambda item: item[0].index)
    picks = tuple(Pick(sentence=s, score=round(score, 6), rank=rank) for s, score, rank in chosen)
    return Selection(picks=picks, warnings=tuple(warnings))
