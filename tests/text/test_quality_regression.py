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


# The sample article's lead, as a reader sees it: its first sentences of six words or more
# (the position weight skips shorter fragments such as "- Advertisement -"), the headline
# line included unless it is the title. Checked by text, not by index, so that stages which
# leave lines out of the document (a headline, site furniture) keep the same checks.
def summary_of(text: str, bound: Bound, title: str | None = None, order: str = "position", coherent: bool | None = None):
    options = SummaryOptions(
        text=text, algorithm=DEFAULT_ALGORITHM, bound=bound, title=title, order=order, full_ranking=True, coherent=coherent
    )
    return summarize(options)


def lead(text: str, title: str | None, count: int) -> list[str]:
    found = [s.text for s in analyse(text).sentences if len(s.tokens) >= pyramid.MIN_LEAD_WORDS and s.text != title]
    return found[:count]


@pytest.mark.parametrize("titled", [False, True], ids=["untitled", "headline as title"])
def test_sample_article_three_sentences_come_from_its_lead_and_skip_the_advertisement(titled) -> None:
    # 3 of about 38 sentences (share under 0.1): the position weight decides, so the summary is
    # taken from the first five sentences of the lead; the advertisement, a fragment, is never one.
    text = sample()
    title = text.splitlines()[0] if titled else None
    result = summary_of(text, sentences(3), title=title)
    texts = [p.sentence.text for p in result.sentences]
    first = lead(text, title or result.title, 5)
    assert len(texts) == 3 and set(texts) <= set(first)
    assert texts[0] == first[0]  # the first sentence of the lead leads the summary
    assert "- Advertisement -" not in texts and (title or result.title) not in texts


def test_sample_article_sixty_words_is_the_lead_while_it_fits() -> None:
    # 60 of 674 words: the best sentences in rank order while they fit (lead sentences here), and
    # the next one in that order would have passed the bound.
    text = sample()
    result = summary_of(text, Bound(BoundKind.MAX_WORDS, 60))
    by_rank = [r.sentence for r in sorted((r for r in result.ranking if r.rank is not None), key=lambda r: r.rank)]
    taken = [p.sentence for p in sorted(result.sentences, key=lambda p: p.rank)]
    assert taken == by_rank[: len(taken)] and len(taken) >= 2
    words = sum(s.word_count for s in taken)
    assert words <= 60 < words + by_rank[len(taken)].word_count
    assert set(s.text for s in taken) <= set(lead(text, result.title, 5))


def test_sample_article_covering_a_third_is_ranked_by_content() -> None:
    # 12 of about 38 sentences (share past LEAD_SHARE): no position weight, so the summary in rank
    # order is the sentences by the pairwise definition of centrality, computed here by brute force
    # over the very sentences the pipeline ranked. The ranking's own cut: coherent selection (the
    # default's) may trade one of them for the rest of a quotation or the sentence an opener needs.
    result = summary_of(sample(), sentences(12), order="rank", coherent=False)
    ranked_sentences = [r.sentence for r in result.ranking]
    central = pairwise_centrality(ranked_sentences)
    by_content = sorted(range(len(central)), key=lambda i: (-central[i], i))
    assert [p.sentence.index for p in result.sentences] == [ranked_sentences[i].index for i in by_content[:12]]
    # The lead is no longer first: the most central sentence is the one about Trump urging both
    # presidents to talk, which shares the most of the article's recurring words.
    assert result.sentences[0].sentence.text.startswith("The US president has been actively urging both President Putin")


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


def pairwise_centrality(sentences) -> np.ndarray:
    """C_i as the module's docstring defines it: stems shared with every other sentence, pair by pair, over |s_i|^0.45."""
    stems = [s.content_stems for s in sentences]
    values = []
    for i, a in enumerate(stems):
        shared = sum(sum(a.count(t) * b.count(t) for t in set(a)) for j, b in enumerate(stems) if j != i)
        values.append(shared / max(len(a), 1) ** pyramid.LENGTH_EXPONENT)
    return np.asarray(values, dtype=float)


def test_scores_are_linear_in_the_text_and_match_the_pairwise_definition() -> None:
    document = analyse(sample(), title="A title")
    expected = pairwise_centrality(document.sentences)
    np.testing.assert_allclose(pyramid.centrality(document), expected)
    np.testing.assert_allclose(pyramid.scores(document), expected / expected.max())


def test_the_position_weight_favours_the_lead_fades_down_the_article_and_skips_fragments() -> None:
    # The weight a share adds to each sentence, over the scores by content alone.
    document = analyse(sample())
    added = pyramid.scores(document, 0.1) - pyramid.scores(document)
    fragment = [len(s.tokens) < pyramid.MIN_LEAD_WORDS for s in document.sentences]
    assert fragment[2] and document.sentences[2].text == "- Advertisement -"
    assert added[2] == 0.0  # the advertisement gets none, though it is the third sentence
    assert all(added[i] == 0.0 for i in range(len(added)) if fragment[i])
    # The first sentence gets the whole weight of the share; down the article it falls, by a factor
    # e every LEAD_DECAY (3) sentences, so sentence 3 has e^-1 of it and sentence 6 e^-2.
    assert added[0] == pytest.approx(pyramid.lead_weight(0.1))
    assert added[3] == pytest.approx(added[0] / np.e) and added[6] == pytest.approx(added[0] / np.e**2)
    others = [added[i] for i in range(len(added)) if not fragment[i]]
    assert all(a > b > 0 for a, b in zip(others, others[1:]))
    # Past LEAD_SHARE there is none at all: the ranking is by content alone.
    np.testing.assert_array_equal(pyramid.scores(document, pyramid.LEAD_SHARE), pyramid.scores(document))


def test_empty_and_wordless_documents_rank_without_error() -> None:
    assert list(pyramid.rank(analyse(""), ENGLISH)) == []
    assert list(pyramid.rank(analyse(""), ENGLISH, share=0.1)) == []
    assert list(pyramid.rank(analyse("The. And. Of."), ENGLISH)) == [0, 1, 2]
    assert list(pyramid.rank(analyse("The. And. Of."), ENGLISH, share=0.5)) == [0, 1, 2]
