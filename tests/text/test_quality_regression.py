"""Quality regressions of the default algorithm (service/text/rank/pyramid.py) on small fixed inputs.

The scores themselves are measured by ``python -m bench.quality`` (docs/RESULTS.md); these pin
what the default chooses, so that a change that lowers quality fails here first.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from service.text.analysis import analyse
from service.text.languages import get_language
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize
from service.text.rank import ALGORITHMS, DEFAULT_ALGORITHM
from service.text.rank import pyramid

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "samples" / "news_article.txt"
ENGLISH = get_language("english")

# A lead that shares no word with the rest, then a body that keeps coming back to the harbour tax.
HARBOUR = (
    "Officials met on Monday after a long weekend of meetings in the old town hall. "
    "The harbour tax on cargo ships will rise next year, the harbour board said. "
    "Cargo ships already pay the harbour tax twice a year. "
    "The board said the cargo tax pays for the harbour. "
    "Shipping firms said the harbour tax would hurt cargo trade. "
    "The weather was fine and mild. "
    "Tickets for the summer concert sold out quickly. "
    "A new bakery opened near the station. "
    "Local football fans celebrated a late win. "
    "Roadworks will close the bridge for a week."
)


def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def chosen(text: str, bound: Bound, title: str | None = None, order: str = "position") -> list[int]:
    options = SummaryOptions(text=text, algorithm=DEFAULT_ALGORITHM, bound=bound, title=title, order=order)
    return [p.sentence.index for p in summarize(options).sentences]


def sentences(k: int) -> Bound:
    return Bound(BoundKind.SENTENCES, k)


def test_pyramid_is_the_default() -> None:
    assert DEFAULT_ALGORITHM == "pyramid"
    assert "pyramid" in ALGORITHMS


def test_sample_article_three_sentences_is_its_lead_skipping_the_advertisement() -> None:
    # 3 of 38 sentences (share 0.08): the lead. Sentence 2 is "- Advertisement -": a fragment
    # gets no position weight.
    assert chosen(sample(), sentences(3)) == [0, 1, 3]


def test_sample_article_three_sentences_with_its_headline_as_title() -> None:
    text = sample()
    headline = text.splitlines()[0]
    # The same ranking; only the headline line itself is left out (it equals the title).
    assert chosen(text, sentences(3), title=headline) == [1, 3, 5]


def test_sample_article_sixty_words_with_and_without_title() -> None:
    text = sample()
    headline = text.splitlines()[0]
    bound = Bound(BoundKind.MAX_WORDS, 60)  # 60 of 673 words: share 0.09
    assert chosen(text, bound) == [0, 1]
    assert chosen(text, bound, title=headline) == [1, 3]


def test_sample_article_covering_a_third_is_ranked_by_content() -> None:
    # 12 of 38 sentences (share 0.32, past LEAD_SHARE): no position weight, the most central first.
    assert chosen(sample(), sentences(12), order="rank")[:4] == [5, 1, 19, 11]


def test_the_title_does_not_change_the_scores() -> None:
    text = sample()
    for share in (None, 0.05, 0.2, 0.5):
        np.testing.assert_array_equal(
            pyramid.scores(analyse(text, title="Trump and Putin to talk"), share), pyramid.scores(analyse(text), share)
        )


def test_a_short_summary_is_the_lead_a_long_one_is_ranked_by_content() -> None:
    document = analyse(HARBOUR)
    assert len(document.sentences) == 10
    assert next(iter(pyramid.rank(document, ENGLISH, share=0.1))) == 0
    assert next(iter(pyramid.rank(document, ENGLISH, share=0.5))) != 0
    assert next(iter(pyramid.rank(document, ENGLISH))) != 0  # no share: content alone
    # Through the pipeline, the share comes from the bound.
    assert chosen(HARBOUR, sentences(1)) == [0]
    assert chosen(HARBOUR, sentences(4)) == [1, 2, 3, 4]  # 4 of 10 sentences: the harbour tax story
    assert chosen(HARBOUR, Bound(BoundKind.RATIO, 0.5), order="rank")[0] != 0
    assert chosen(HARBOUR, Bound(BoundKind.MAX_WORDS, 16)) == [0]  # 16 of 95 words
    assert chosen(HARBOUR, Bound(BoundKind.MAX_CHARS, 90)) == [0]


@pytest.mark.parametrize(
    ("share", "weight"),
    [(None, 0.0), (0.0, pyramid.LEAD_WEIGHT), (pyramid.LEAD_SHARE / 2, pyramid.LEAD_WEIGHT / 2), (pyramid.LEAD_SHARE, 0.0), (0.9, 0.0), (1.5, 0.0)],
)
def test_the_position_weight_falls_linearly_with_the_share(share, weight) -> None:
    assert pyramid.lead_weight(share) == pytest.approx(weight)


def test_the_parameters_are_the_documented_ones() -> None:
    assert (pyramid.LENGTH_EXPONENT, pyramid.LEAD_WEIGHT, pyramid.LEAD_SHARE, pyramid.LEAD_DECAY, pyramid.MIN_LEAD_WORDS) == (
        0.45,
        12.0,
        0.3,
        3.0,
        6,
    )


def test_scores_are_linear_in_the_text_and_match_the_pairwise_definition() -> None:
    document = analyse(sample(), title="A title")
    stems = [s.content_stems for s in document.sentences]
    expected = []
    for i, a in enumerate(stems):
        shared = sum(sum(a.count(t) * b.count(t) for t in set(a)) for j, b in enumerate(stems) if j != i)
        expected.append(shared / max(len(a), 1) ** pyramid.LENGTH_EXPONENT)
    expected = np.asarray(expected, dtype=float)
    np.testing.assert_allclose(pyramid.centrality(document), expected)
    np.testing.assert_allclose(pyramid.scores(document), expected / expected.max())
    # With a share, the position weight is added on top, except to fragments.
    share = 0.1
    words = np.array([len(s.tokens) for s in document.sentences], dtype=float)
    prior = pyramid.lead_weight(share) * np.exp(-np.arange(len(stems)) / pyramid.LEAD_DECAY) * (words >= pyramid.MIN_LEAD_WORDS)
    np.testing.assert_allclose(pyramid.scores(document, share), expected / expected.max() + prior)


def test_empty_and_wordless_documents_rank_without_error() -> None:
    assert list(pyramid.rank(analyse(""), ENGLISH)) == []
    assert list(pyramid.rank(analyse(""), ENGLISH, share=0.1)) == []
    assert list(pyramid.rank(analyse("The. And. Of."), ENGLISH)) == [0, 1, 2]
    assert list(pyramid.rank(analyse("The. And. Of."), ENGLISH, share=0.5)) == [0, 1, 2]
