"""Rankers: every registered algorithm scores every sentence, deterministically, on any text."""

from __future__ import annotations

import pytest

from service.text.analysis import analyse
from service.text.languages import get_language
from service.text.rank import ALGORITHMS, DEFAULT_ALGORITHM
from service.text.select import Bound, BoundKind, select

ENGLISH = get_language("english")
SUMY_ALGORITHMS = ("lex-rank", "text-rank", "lsa", "luhn", "edmundson", "kl", "sum-basic", "reduction")


def test_registry_holds_sumys_algorithms_and_the_lead_baseline():
    assert set(SUMY_ALGORITHMS) | {"lead"} <= set(ALGORITHMS)
    assert DEFAULT_ALGORITHM in ALGORITHMS
    assert all(a.description for a in ALGORITHMS.values())


@pytest.mark.parametrize("name", list(ALGORITHMS))
def test_every_algorithm_scores_every_sentence_deterministically(name, sample_text):
    document = analyse(sample_text)
    first = list(ALGORITHMS[name].rank(document, ENGLISH))
    second = list(ALGORITHMS[name].rank(analyse(sample_text), ENGLISH))
    assert len(first) == len(document.sentences)
    assert first == second


@pytest.mark.parametrize("name", list(ALGORITHMS))
def test_all_caps_text_still_gets_a_summary(name, sample_text):
    shouting = sample_text.upper()
    document = analyse(shouting)
    selection = select(document, ALGORITHMS[name].rank(document, ENGLISH), Bound(BoundKind.SENTENCES, 3))
    assert len(selection.picks) == 3
    assert all(p.sentence.text.isupper() for p in selection.picks)


@pytest.mark.parametrize("name", list(ALGORITHMS))
def test_a_single_sentence_is_ranked(name):
    document = analyse("Only one sentence here.")
    assert len(ALGORITHMS[name].rank(document, ENGLISH)) == 1


@pytest.mark.parametrize("name", list(ALGORITHMS))
def test_sentences_of_stop_words_only_do_not_break_ranking(name):
    document = analyse("It is what it is. And so it was. Was it?")
    scores = ALGORITHMS[name].rank(document, ENGLISH)
    assert len(scores) == 3


def test_lead_prefers_the_first_sentences():
    document = analyse("One is first. Two is next. Three is last.")
    scores = ALGORITHMS["lead"].rank(document, ENGLISH)
    assert scores[0] > scores[1] > scores[2]


def test_edmundson_favours_sentences_about_the_title():
    text = (
        "The weather was mild all week. "
        "Markets rallied after the central bank cut interest rates. "
        "A local fair drew small crowds. "
        "Analysts said the rate cut would support lending."
    )
    document = analyse(text, title="Central bank cuts interest rates")
    scores = ALGORITHMS["edmundson"].rank(document, ENGLISH)
    assert max(range(4), key=lambda i: scores[i]) == 1


def test_lex_rank_picks_the_sentence_the_others_share_words_with():
    text = (
        "Solar panels convert sunlight into electricity for homes. "
        "My cat sleeps all afternoon. "
        "Homes with solar panels save on electricity. "
        "Electricity from sunlight powers homes with panels."
    )
    document = analyse(text)
    scores = ALGORITHMS["lex-rank"].rank(document, ENGLISH)
    assert max(range(4), key=lambda i: scores[i]) == 0
