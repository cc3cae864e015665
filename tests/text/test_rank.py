"""Rankers: every registered algorithm orders every sentence, deterministically, on any text."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from service.text.analysis import analyse
from service.text.languages import get_language
from service.text.rank import ALGORITHMS, DEFAULT_ALGORITHM
from service.text.rank.ranking import Ranking
from service.text.select import Bound, BoundKind, select

from ..conftest import SAMPLE_ARTICLE

ENGLISH = get_language("english")
SUMY_ALGORITHMS = ("lex-rank", "text-rank", "lsa", "luhn", "edmundson", "kl", "sum-basic", "reduction")


def full_ranking(name: str, text: str, title: str | None = None) -> tuple[list[int], list[float]]:
    ranking = ALGORITHMS[name].rank(analyse(text, title=title), ENGLISH)
    order = list(ranking)
    return order, [ranking.score(i) for i in order]


def test_registry_holds_sumys_algorithms_and_the_lead_baseline():
    assert set(SUMY_ALGORITHMS) | {"lead"} <= set(ALGORITHMS)
    assert DEFAULT_ALGORITHM in ALGORITHMS
    assert all(a.description for a in ALGORITHMS.values())


@pytest.mark.parametrize("name", list(ALGORITHMS))
def test_every_algorithm_ranks_every_sentence_once_deterministically(name, sample_text):
    order, scores = full_ranking(name, sample_text)
    assert sorted(order) == list(range(len(analyse(sample_text).sentences)))
    assert scores == sorted(scores, reverse=True)
    assert (order, scores) == full_ranking(name, sample_text)


@pytest.mark.parametrize("name", list(ALGORITHMS))
def test_all_caps_text_still_gets_a_summary(name, sample_text):
    shouting = sample_text.upper()
    document = analyse(shouting)
    selection = select(document, ALGORITHMS[name].rank(document, ENGLISH), Bound(BoundKind.SENTENCES, 3))
    assert len(selection.picks) == 3
    assert all(p.sentence.text.isupper() for p in selection.picks)


@pytest.mark.parametrize("name", list(ALGORITHMS))
@pytest.mark.parametrize(
    "text",
    [
        "Only one sentence here.",
        "It is what it is. And so it was. Was it?",  # stop words only
        "Word. Word. Word. Word.",  # one term everywhere
        "Alpha. Beta. Gamma.",  # one-word sentences sharing nothing
        "42. 7! 3.5%?",  # no letters at all
        "Solar power grows fast. It is what it is.",  # the last sentence has no content word
    ],
)
def test_degenerate_texts_are_ranked_completely(name, text):
    order, scores = full_ranking(name, text)
    assert sorted(order) == list(range(len(analyse(text).sentences)))
    assert all(math.isfinite(s) for s in scores)  # no NaN, no infinity


@pytest.mark.parametrize("name", [n for n in ALGORITHMS if n != "pyramid"])
def test_rankers_take_the_share_and_only_the_default_uses_it(name, sample_text):
    document = analyse(sample_text)

    def ranked(share):
        ranking = ALGORITHMS[name].rank(document, ENGLISH, share=share)
        order = list(ranking)
        return order, [ranking.score(i) for i in order]

    assert ranked(None) == ranked(0.05) == ranked(0.9)


def test_the_default_ranks_differently_for_a_short_and_a_long_summary(sample_text):
    document = analyse(sample_text)
    short = list(ALGORITHMS["pyramid"].rank(document, ENGLISH, share=0.05))
    long = list(ALGORITHMS["pyramid"].rank(document, ENGLISH, share=0.6))
    assert short[0] == 0 and long[0] != 0


def test_lead_prefers_the_first_sentences():
    order, _ = full_ranking("lead", "One is first. Two is next. Three is last.")
    assert order == [0, 1, 2]


def test_edmundson_favours_sentences_about_the_title():
    text = (
        "The weather was mild all week. "
        "Markets rallied after the central bank cut interest rates. "
        "A local fair drew small crowds. "
        "Analysts said the rate cut would support lending."
    )
    order, _ = full_ranking("edmundson", text, title="Central bank cuts interest rates")
    assert order[0] == 1


def test_lex_rank_puts_the_sentence_the_others_share_words_with_first():
    text = (
        "Solar panels convert sunlight into electricity for homes. "
        "My cat sleeps all afternoon. "
        "Homes with solar panels save on electricity. "
        "Electricity from sunlight powers homes with panels."
    )
    order, _ = full_ranking("lex-rank", text)
    assert order[0] == 0


@pytest.mark.parametrize(("name", "module"), [("kl", "kl"), ("sum-basic", "sumbasic")])
def test_greedy_rankings_are_computed_only_as_far_as_they_are_read(name, module, sample_text, monkeypatch):
    # Each greedy step is one item of the module's _steps generator: count the steps taken.
    import importlib

    ranker = importlib.import_module(f"service.text.rank.{module}")
    real_steps, taken = ranker._steps, []

    def counted(*args):
        for index in real_steps(*args):
            taken.append(index)
            yield index

    monkeypatch.setattr(ranker, "_steps", counted)
    document = analyse(sample_text)
    n = len(document.sentences)
    ranking = ALGORITHMS[name].rank(document, ENGLISH)
    assert taken == []  # ranking costs nothing until it is read
    iterator = iter(ranking)
    read = [next(iterator) for _ in range(3)]
    assert taken == read  # three sentences read, three steps taken, no more
    assert [ranking.score(i) for i in read] == [0.0, -1.0, -2.0]  # step k scores -k
    assert ranking.floor == -(n - 1)
    # Through select, a 2-sentence summary takes 2 steps of the 38.
    taken.clear()
    selection = select(document, ALGORITHMS[name].rank(document, ENGLISH), Bound(BoundKind.SENTENCES, 2))
    assert len(selection.picks) == 2 and len(taken) == 2
    # Read to its end, the ranking takes every sentence once.
    taken.clear()
    assert sorted(ALGORITHMS[name].rank(document, ENGLISH)) == list(range(n)) == sorted(taken)


def test_ranking_from_scores_breaks_ties_by_position_and_ignores_nan():
    ranking = Ranking.from_scores([1.0, float("nan"), 3.0, 1.0])
    assert list(ranking) == [2, 0, 1, 3]  # NaN counts as the lowest score; ties keep text order
    assert ranking.floor == 1.0


def test_pyramid_squared_counts_are_the_same_counted_densely_or_by_sorting():
    # The two ways must agree with the definition on documents small and large.
    from bench.corpus import long_text
    from service.text.rank.pyramid import squared_counts
    from service.text.rank.terms import occurrences

    for text in (SAMPLE_ARTICLE.read_text(encoding="utf-8"), long_text(words=1_000), long_text(words=12_000)):
        found = occurrences(analyse(text, "english"))
        n, v = found.sentences, found.terms
        counts: dict[tuple[int, int], int] = {}
        for pair in zip(found.rows.tolist(), found.cols.tolist(), strict=True):
            counts[pair] = counts.get(pair, 0) + 1
        expected = np.zeros(n)
        for (row, _), count in counts.items():
            expected[row] += count * count
        assert (expected > 0).any()
        for dense in (True, False, None):
            assert np.array_equal(squared_counts(found.rows, found.cols, n, v, dense), expected)


@pytest.mark.parametrize("name", ["kl", "sum-basic"])
def test_greedy_rankings_stop_at_the_deadline_within_64_steps(name):
    # A ratio of 1 reads the whole greedy order; past the deadline the ranker stops itself at
    # its next check instead of running to the end.
    from service.errors import OutOfTime
    from service.text import deadline

    words = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    text = " ".join([f"Harbour number {w} opened {w} again." for w in words] * 20)
    document = analyse(text)
    assert len(document.sentences) == 200
    ranking = iter(ALGORITHMS[name].rank(document, ENGLISH))
    taken = 0
    with deadline.until(time.monotonic() - 1.0), pytest.raises(OutOfTime):
        for _ in ranking:
            taken += 1
    assert taken <= 64
