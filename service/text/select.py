"""Choosing the summary: rank the sentences, drop repeats and the title, fit the length bound.

With ``coherent``, a summary shows a quotation whole or not at all and a sentence that refers back
(``He said…``, ``However, …``) with the sentence before it (see ``coherence``): each sentence still
counts toward the bound, which is never exceeded.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import accumulate

from .coherence import Ties, ties
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


def _key(text: str) -> str:
    # str.split() splits at exactly the characters \s matches: white space, runs of it as one.
    return " ".join(text.split()).casefold()


def _candidates(document: Document, ranking: Ranking, tally: dict[str, float]) -> Iterator[tuple[Sentence, float]]:
    """Distinct sentences in rank order, without the title; ``tally`` counts the repeats skipped and keeps the best score."""
    title_key = _key(document.title) if document.title else None
    seen: set[str] = set()
    for index in ranking:
        sentence = document.sentences[index]
        key = _key(sentence.text)
        if key == title_key:
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


def _count(n: int, unit: str) -> str:
    """``n`` and its unit, singular for one: "1 word", "3 words"."""
    return f"{n} {unit[:-1] if n == 1 else unit}"


def select(
    document: Document, ranking: Ranking | Sequence[float], bound: Bound, order: str = "position", coherent: bool = False
) -> Selection:
    """Pick the best distinct sentences that fit ``bound``, ordered by ``position`` or ``rank``.

    The ranking is read lazily, only as far as the bound needs: greedy rankers compute
    each further sentence on demand. ``coherent`` keeps quotations whole and dangling openers
    with their antecedents (``_Coherent``).
    """
    if not document.sentences:
        return Selection(picks=(), warnings=("The text has no sentence to summarize.",))
    if not isinstance(ranking, Ranking):
        ranking = Ranking.from_scores(ranking)
    title_key = _key(document.title) if document.title else None
    # Every sentence's key, worked out once when something reads them all: the positions of the
    # sentences identical to the title (the bound checks, the warning) and coherent selection's repeats.
    keys = [_key(s.text) for s in document.sentences] if coherent or title_key is not None else []
    titles = frozenset(i for i, key in enumerate(keys) if key == title_key) if title_key is not None else frozenset()
    tally: dict[str, float] = {"repeats": 0}
    candidates = _candidates(document, ranking, tally)
    warnings: list[str] = []
    chosen: list[tuple[Sentence, float, int]] = []  # sentence, raw score, rank
    if coherent:
        fill = _Coherent(document, ranking, tally, keys, titles)
    if bound.kind is BoundKind.SENTENCES and coherent:
        wanted = int(bound.value)
        chosen = fill.run(wanted, "sentences")
        if len(chosen) < wanted:
            warnings.append(fill.short_of(wanted, int(tally["repeats"])))
    elif bound.kind is BoundKind.SENTENCES:
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
        shortest = min(
            (_cost(s, unit, True) for i, s in enumerate(document.sentences) if i not in titles),
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
            warnings.append(f"No sentence fits within {_count(budget, unit)} (the shortest has {shortest}): the summary is empty.")
        elif coherent:
            chosen = fill.run(budget, unit)
            if fill.passed_over:
                warnings.append(f"Higher-ranked sentences longer than the {budget}-{unit[:-1]} bound were passed over.")
            if not chosen and fill.cut_short:
                warnings.append(f"No sentence fits within {_count(budget, unit)} without cutting a quotation short: the summary is empty.")
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
    # Said whenever the text holds the title, however far the ranking was read: a plain selection
    # stops reading it once the bound is met, a coherent one reads it to its end.
    if titles:
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
    elif coherent:  # antecedents and quotation mates were taken out of rank order
        picks.sort(key=lambda p: p.rank)
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

    tally: dict[str, float] = {"repeats": 0}
    ranks = {
        sentence.index: rank
        for rank, (sentence, _) in enumerate(_candidates(document, Ranking(recorded(), ranking.score, ranking.floor, ranking.size), tally), start=1)
    }
    best, floor = tally.get("best", ranking.floor), ranking.floor
    scores = {index: _normalised(ranking.score(index), best, floor) for index in yielded}
    return tuple(Ranked(sentence=s, score=scores.get(s.index, 0.0), rank=ranks.get(s.index)) for s in document.sentences)


#: The longest run whose sizes are summed sentence by sentence (longer ones use _Sums).
_SHORT = 16

#: How many sentences before its quotation a sentence may bring in as its antecedents ("He said…"
#: after "He added…" after "Smith said…"); a longer chain is not shown whole, and its sentence is
#: left for another (or taken alone if the summary would otherwise come out short).
MAX_ANTECEDENTS = 4


class _Sums:
    """Sums over the chosen sentences of a range of positions (a Fenwick tree): count, words, characters, utility."""

    __slots__ = ("_count", "_words", "_characters", "_utility")

    def __init__(self, n: int):
        self._count = [0] * (n + 1)
        self._words = [0] * (n + 1)
        self._characters = [0] * (n + 1)
        self._utility = [0.0] * (n + 1)

    def add(self, index: int, words: int, characters: int, utility: float) -> None:
        i = index + 1
        while i < len(self._count):
            self._count[i] += 1
            self._words[i] += words
            self._characters[i] += characters
            self._utility[i] += utility
            i += i & -i

    def _prefix(self, end: int) -> tuple[int, int, int, float]:
        count = words = characters = 0
        utility = 0.0
        i = end
        while i > 0:
            count += self._count[i]
            words += self._words[i]
            characters += self._characters[i]
            utility += self._utility[i]
            i -= i & -i
        return count, words, characters, utility

    def between(self, first: int, last: int) -> tuple[int, int, int, float]:
        """Count, words, characters and utility of the chosen sentences at positions ``first`` to ``last``."""
        a, b = self._prefix(last + 1), self._prefix(first)
        return a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]


class _Coherent:
    """Coherent selection: sentences are taken in runs (``coherence.Ties``), the best run first.

    Each candidate offers one run: its quotation (a single sentence outside one), and, when the
    quotation's first sentence refers back, the sentences before it that it needs (at most
    MAX_ANTECEDENTS). A run is worth the mean normalised score of the sentences it would add (so
    a sentence alone is worth its own score, and runs of ordinary sentences come in rank order,
    as in plain selection). The best run is taken while the bound allows; a run that does not fit
    is left for another, and a run that would show the title or a copy of a better-ranked sentence is never taken.

    Under a word or character bound, a candidate whose own sentence does not fit ends the
    selection once something is chosen, as in plain selection (before that, it is passed over).
    When the summary would come out short (fewer sentences than asked, or empty under another
    bound), the candidates whose antecedents could not come along are taken, each with its
    quotation only, in rank order while they fit. Every sentence counts once toward the bound,
    whichever run brought it in, and keeps its own score and rank. The ranking is read to its
    end.
    """

    def __init__(self, document: Document, ranking: Ranking, tally: dict[str, float], keys: list[str], titles: frozenset[int]):
        """``keys``: every sentence's ``_key``; ``titles``: the positions of those identical to the title."""
        self.document = document
        sentences = document.sentences
        n = len(sentences)
        # The candidates, as _candidates yields them: rank order, without the title and repeats.
        self.order: list[int] = []
        self.rank: dict[int, int] = {}
        self.raw: dict[int, float] = {}
        seen: set[str] = set()
        for index in ranking:
            if index in titles:
                continue
            key = keys[index]
            if key in seen:
                tally["repeats"] += 1
                continue
            seen.add(key)
            self.raw[index] = raw = ranking.score(index)
            tally.setdefault("best", raw)
            self.order.append(index)
            self.rank[index] = len(self.order)
        best, floor = tally.get("best", ranking.floor), ranking.floor
        spread = best - floor
        self.utility = [0.0] * n
        for index, raw in self.raw.items():
            self.utility[index] = (raw - floor) / spread if spread > 0 else 1.0
        self.ties: Ties = ties(document, titles)
        rank = self.rank
        # Positions no run may show: the title, the copies of a text ranked below its best copy,
        # and sentences the ranking never yielded. Prefix sums of them and of the sizes, from 0.
        blocked = [i not in rank for i in range(n)]
        self._blocked = list(accumulate(blocked, initial=0))
        self._words = list(accumulate((s.word_count for s in sentences), initial=0))
        self._characters = list(accumulate((s.end - s.start for s in sentences), initial=0))
        self._utility = list(accumulate(self.utility, initial=0.0))
        self._word_of = [s.word_count for s in sentences]
        self._length_of = [s.end - s.start for s in sentences]
        # Runs of up to _SHORT sentences are summed sentence by sentence; longer ones (long
        # quotations) from sums over the chosen sentences, kept only when such a run exists.
        longest = max((last - start + 1 for start, last in zip(self.ties.block_start, self.ties.unit_end)), default=0)
        self._chosen = _Sums(n) if longest > _SHORT else None
        self._taken = bytearray(n)
        self._next = list(range(n + 1))  # the next position not chosen, at or after each one
        self.count = 0
        self.used = 0
        self.passed_over = False
        self.cut_short = False  # a quotation was left out because it did not fit
        self.picks: list[tuple[Sentence, float, int]] = []

    # -- costs and values

    def _new(self, first: int, last: int) -> tuple[int, int, int, float]:
        """Count, words, characters and utility of the sentences of ``first``..``last`` not chosen yet."""
        if last - first < _SHORT:
            taken, word_of, length_of, utility_of = self._taken, self._word_of, self._length_of, self.utility
            count = words = characters = 0
            utility = 0.0
            for k in range(first, last + 1):
                if not taken[k]:
                    count += 1
                    words += word_of[k]
                    characters += length_of[k]
                    utility += utility_of[k]
            return count, words, characters, utility
        count, words, characters, utility = self._chosen.between(first, last)
        return (
            last - first + 1 - count,
            self._words[last + 1] - self._words[first] - words,
            self._characters[last + 1] - self._characters[first] - characters,
            self._utility[last + 1] - self._utility[first] - utility,
        )

    def _added(self, new: tuple[int, int, int, float], unit: str) -> int:
        """What sentences of these sizes add to the summary, in ``unit``."""
        count, words, characters, _ = new
        if unit == "sentences":
            return count
        if unit == "words":
            return words
        return characters + (count if self.count else count - 1)  # sentences are joined by one space

    def _own(self, index: int, unit: str) -> int:
        sentence = self.document.sentences[index]
        if unit == "sentences":
            return 1
        if unit == "words":
            return sentence.word_count
        return sentence.length + (1 if self.count else 0)

    def _showable(self, first: int, last: int) -> bool:
        return self._blocked[last + 1] == self._blocked[first]

    def _free(self, index: int) -> int:
        """The first position at or after ``index`` not chosen (path halving)."""
        nxt = self._next
        while nxt[index] != index:
            nxt[index] = nxt[nxt[index]]
            index = nxt[index]
        return index

    def _take(self, first: int, last: int, unit: str, new: tuple[int, int, int, float] | None = None) -> None:
        """Choose every sentence of ``first``..``last`` not chosen yet (``new``: their sizes, if known)."""
        self.used += self._added(new or self._new(first, last), unit)
        sentences = self.document.sentences
        chosen = self._chosen
        k = self._free(first)
        while k <= last:
            sentence = sentences[k]
            if chosen is not None:
                chosen.add(k, sentence.word_count, sentence.length, self.utility[k])
            self._taken[k] = 1
            self._next[k] = k + 1
            self.picks.append((sentence, self.raw[k], self.rank[k]))
            self.count += 1
            k = self._free(k + 1)

    # -- selection

    def _start(self, first: int, block: int) -> int | None:
        """Where the run of the quotation starting at ``first`` starts now (its antecedents start at ``block``).

        After the last chosen sentence among the antecedents, or at ``block`` when none is chosen;
        None while more than MAX_ANTECEDENTS of them would have to come along.
        """
        k = first - 1
        while k >= block:
            if self._taken[k]:
                return k + 1
            if first - k > MAX_ANTECEDENTS:
                return None
            k -= 1
        return block

    def _entry(self, index: int, start: int, last: int) -> tuple[float, int, int, int, int]:
        new = self._new(start, last)
        return (-round(new[3] / new[0], 9), self.rank[index], index, start, new[0])

    def run(self, budget: int, unit: str) -> list[tuple[Sentence, float, int]]:
        t = self.ties
        n = len(self.document.sentences)
        order = self.order
        if unit == "sentences":
            whole = len(order)
        elif unit == "words":
            whole = sum(self._word_of[i] for i in order)
        else:
            whole = sum(self._length_of[i] for i in order) + len(order) - 1
        if whole <= budget:  # every candidate fits: the summary is all of them but the quotations it cannot show whole
            for index in order:
                first, last = t.unit_start[index], t.unit_end[index]
                if not self._taken[index] and self._showable(first, last):
                    self._take(first, last, unit)
            return self.picks
        # Candidates whose antecedents cannot come along now, by their quotation's first sentence:
        # a later choice just before it may shorten the run they need.
        waiting: dict[int, int] = {}
        heap: list[tuple[float, int, int, int, int]] = []
        offered: set[int] = set()  # quotations already offered, by their first sentence
        for index in self.order:
            first, last = t.unit_start[index], t.unit_end[index]
            if first in offered or not self._showable(first, last):
                continue
            offered.add(first)
            start = self._start(first, t.block_start[index])
            if start is None or not self._showable(start, last):
                waiting[first] = index
            else:  # nothing is chosen yet: the run's sums are the prefix sums'
                count = last - start + 1
                value = (self._utility[last + 1] - self._utility[start]) / count
                heap.append((-round(value, 9), self.rank[index], index, start, count))
        heapq.heapify(heap)
        while heap and (unit != "sentences" or self.count < budget):
            entry = heapq.heappop(heap)
            _, _, index, start, stamp = entry
            if self._taken[index]:
                continue
            first, last = t.unit_start[index], t.unit_end[index]
            now = self._start(first, t.block_start[index])
            if now is None or not self._showable(now, last):
                waiting[first] = index
                continue
            new = self._new(now, last)
            if (now, new[0]) != (start, stamp):  # another run took some of it: worth something else now
                heapq.heappush(heap, (-round(new[3] / new[0], 9), entry[1], index, now, new[0]))
                continue
            if self.used + self._own(index, unit) > budget:
                if unit != "sentences" and self.count:
                    break
                self.passed_over = True
                continue
            if self.used + self._added(new, unit) > budget:
                if start < first:
                    waiting[first] = index
                else:
                    self.cut_short |= last > first
                continue
            self._take(start, last, unit, new)
            for after in range(last + 1, min(n, last + MAX_ANTECEDENTS + 2)):
                if after in waiting:
                    waiting_index = waiting.pop(after)
                    begin = self._start(after, t.block_start[waiting_index])
                    if begin is None or not self._showable(begin, t.unit_end[waiting_index]):
                        waiting[after] = waiting_index
                    else:
                        heapq.heappush(heap, self._entry(waiting_index, begin, t.unit_end[waiting_index]))
        if self.count == 0 or (unit == "sentences" and self.count < budget):
            for index in sorted(waiting.values(), key=self.rank.__getitem__):
                if unit == "sentences" and self.count >= budget:
                    break
                first, last = t.unit_start[index], t.unit_end[index]
                if self._taken[index] or not self._showable(first, last):
                    continue
                if self.used + self._added(self._new(first, last), unit) <= budget:
                    self._take(first, last, unit)
        return self.picks

    def short_of(self, wanted: int, repeats: int) -> str:
        """The warning for a summary of fewer sentences than ``wanted``."""
        distinct = self.count
        if self.cut_short:
            return f"Asked for {wanted} sentences but only {distinct} could be taken without cutting a quotation short."
        what = f"only {distinct} distinct sentence{'s' if distinct != 1 else ''}"
        why = f" ({repeats} repeated sentence{'s' if repeats != 1 else ''} skipped)" if repeats else ""
        return f"Asked for {wanted} sentences but the text has {what}{why}."
