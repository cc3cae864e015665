"""Selection: length bounds, repeats, the title, order and warnings, on hand-made documents."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from service.text.analysis import analyse
from service.text.rank.ranking import Ranking
from service.text.coherence import ties
from service.text.select import MAX_ANTECEDENTS, Bound, BoundKind, Selection, rank_all, select

TEXT = (
    "Alpha beta gamma delta epsilon. "  # 0: 5 words
    "Short one here. "  # 1: 3 words
    "The third sentence is a little bit longer than the others are. "  # 2: 12 words
    "Fourth comes now."  # 3: 3 words
)


def scores_for(order_best_first: list[int], n: int = 4) -> list[float]:
    scores = [0.0] * n
    for position, index in enumerate(order_best_first):
        scores[index] = float(n - position)
    return scores


def test_sentence_bound_takes_the_best_in_text_order():
    document = analyse(TEXT)
    selection = select(document, scores_for([2, 0, 3, 1]), Bound(BoundKind.SENTENCES, 2))
    assert [p.sentence.index for p in selection.picks] == [0, 2]
    assert [p.rank for p in selection.picks] == [2, 1]
    assert selection.warnings == ()


def test_rank_order_puts_the_best_first():
    document = analyse(TEXT)
    selection = select(document, scores_for([2, 0, 3, 1]), Bound(BoundKind.SENTENCES, 3), order="rank")
    assert [p.sentence.index for p in selection.picks] == [2, 0, 3]
    assert [p.rank for p in selection.picks] == [1, 2, 3]


def test_scores_are_normalised_with_the_best_at_one():
    document = analyse(TEXT)
    selection = select(document, [3.0, -1.0, 7.0, 1.0], Bound(BoundKind.SENTENCES, 4), order="rank")
    assert [p.score for p in selection.picks] == [1.0, 0.5, 0.25, 0.0]


def test_scores_are_rounded_to_six_places():
    selection = select(analyse(TEXT), [0.0, 1.0, 3.0, 2.0], Bound(BoundKind.SENTENCES, 4), order="rank")
    assert [p.score for p in selection.picks] == [1.0, 0.666667, 0.333333, 0.0]


def test_equal_scores_rank_earlier_sentences_first():
    document = analyse(TEXT)
    selection = select(document, [1.0] * 4, Bound(BoundKind.SENTENCES, 2), order="rank")
    assert [p.sentence.index for p in selection.picks] == [0, 1]
    assert all(p.score == 1.0 for p in selection.picks)


def test_asking_for_more_sentences_than_exist_warns():
    document = analyse(TEXT)
    selection = select(document, scores_for([0, 1, 2, 3]), Bound(BoundKind.SENTENCES, 10))
    assert len(selection.picks) == 4
    assert selection.warnings == ("Asked for 10 sentences but the text has only 4 distinct sentences.",)


def test_repeated_sentence_is_chosen_once_and_the_warning_says_so():
    document = analyse("Same words here. Other words there. Same words here.")
    selection = select(document, [1.0, 0.5, 1.0], Bound(BoundKind.SENTENCES, 3))
    assert [p.sentence.index for p in selection.picks] == [0, 1]
    assert "1 repeated sentence skipped" in selection.warnings[0]


def test_repeats_are_found_across_case_and_spacing():
    document = analyse("Same words here.\n\nSAME   words here.")
    selection = select(document, [0.5, 1.0], Bound(BoundKind.SENTENCES, 2))
    assert len(selection.picks) == 1


@pytest.mark.parametrize("coherent", [False, True], ids=["plain", "coherent"])
def test_title_is_never_a_summary_sentence(coherent):
    # The title ranks first: the sentences after it in the ranking are still read.
    document = analyse("Big News Today\n\nSomething happened in the city. People reacted.", title="Big news today")
    selection = select(document, [9.0, 1.0, 0.5], Bound(BoundKind.SENTENCES, 3), coherent=coherent)
    assert [p.sentence.text for p in selection.picks] == ["Something happened in the city.", "People reacted."]
    assert selection.warnings[0] == "A sentence identical to the title was left out of the summary."


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        (20, [0, 2, 3]),  # 12 + 5 + 3 = 20, exactly the budget
        (17, [0, 2]),  # 12 + 5; the next (3 words) would overflow
        (12, [2]),
        (5, [0]),  # the best (12 words) does not fit: the best that fits comes first
    ],
)
@pytest.mark.parametrize("coherent", [False, True], ids=["plain", "coherent"])
def test_word_bound_takes_the_best_sentences_while_they_fit(budget, expected, coherent):
    document = analyse(TEXT)
    selection = select(document, scores_for([2, 0, 3, 1]), Bound(BoundKind.MAX_WORDS, budget), coherent=coherent)
    assert [p.sentence.index for p in selection.picks] == expected
    assert sum(p.sentence.word_count for p in selection.picks) <= budget


@pytest.mark.parametrize("coherent", [False, True], ids=["plain", "coherent"])
def test_the_shortest_sentence_that_could_fit_is_not_the_title(coherent):
    # The title (3 words) would fit 3 words; no sentence that may be shown does (4 and 6).
    document = analyse("Big News Today\n\nSomething happened in the whole city. People reacted to it.", title="Big news today")
    selection = select(document, [1.0, 0.5, 0.2], Bound(BoundKind.MAX_WORDS, 3), coherent=coherent)
    assert selection.picks == ()
    assert selection.warnings[-1] == "No sentence fits within 3 words (the shortest has 4): the summary is empty."


@pytest.mark.parametrize("coherent", [False, True], ids=["plain", "coherent"])
@pytest.mark.parametrize(("kind", "unit"), [(BoundKind.MAX_WORDS, "word"), (BoundKind.MAX_CHARS, "character")])
def test_a_bound_of_one_is_named_in_the_singular(coherent, kind, unit):
    selection = select(analyse("Four words are here.", "english"), [1.0], Bound(kind, 1), coherent=coherent)
    assert selection.picks == () and selection.warnings[-1].startswith(f"No sentence fits within 1 {unit} (the shortest has ")


@pytest.mark.parametrize("coherent", [False, True], ids=["plain", "coherent"])
def test_a_document_that_is_all_title_gives_an_empty_summary(coherent):
    document = analyse("Big News Today", title="Big news today")
    for bound in (Bound(BoundKind.SENTENCES, 2), Bound(BoundKind.MAX_WORDS, 5), Bound(BoundKind.MAX_CHARS, 50)):
        assert select(document, [1.0], bound, coherent=coherent).picks == ()


def test_a_text_without_sentences_gives_an_empty_summary_and_says_so():
    for coherent in (False, True):
        assert select(analyse("   \n\n  "), [], Bound(BoundKind.SENTENCES, 3), coherent=coherent) == Selection(
            picks=(), warnings=("The text has no sentence to summarize.",)
        )


def test_passing_over_a_longer_better_sentence_warns():
    document = analyse(TEXT)
    selection = select(document, scores_for([2, 0, 3, 1]), Bound(BoundKind.MAX_WORDS, 5))
    assert any("passed over" in w for w in selection.warnings)


def test_nothing_fits_gives_an_empty_summary_and_says_why():
    document = analyse(TEXT)
    selection = select(document, scores_for([0, 1, 2, 3]), Bound(BoundKind.MAX_CHARS, 5))
    assert selection.picks == ()
    assert selection.warnings == ("No sentence fits within 5 characters (the shortest has 15): the summary is empty.",)


@pytest.mark.parametrize("coherent", [False, True], ids=["plain", "coherent"])
def test_char_bound_counts_the_joining_spaces(coherent):
    document = analyse("Aaaa bbbb. Cccc dddd.")  # 10 characters each
    assert len(select(document, [1.0, 0.5], Bound(BoundKind.MAX_CHARS, 9), coherent=coherent).picks) == 0
    assert len(select(document, [1.0, 0.5], Bound(BoundKind.MAX_CHARS, 10), coherent=coherent).picks) == 1  # the first has no space
    assert len(select(document, [1.0, 0.5], Bound(BoundKind.MAX_CHARS, 20), coherent=coherent).picks) == 1
    assert len(select(document, [1.0, 0.5], Bound(BoundKind.MAX_CHARS, 21), coherent=coherent).picks) == 2


def test_ratio_is_a_share_of_the_input_words():
    document = analyse(TEXT)  # 23 words
    selection = select(document, scores_for([0, 1, 2, 3]), Bound(BoundKind.RATIO, 0.5))  # 11 words
    # 5 + 3 words; the third best (12 words) overflows and selection stops there.
    assert [p.sentence.index for p in selection.picks] == [0, 1]


def test_ratio_rounding_to_zero_words_warns():
    document = analyse(TEXT)
    selection = select(document, scores_for([0, 1, 2, 3]), Bound(BoundKind.RATIO, 0.01))
    assert selection.picks == ()
    assert "rounds down to 0 words" in selection.warnings[0]


# Words as the bounds count them: whitespace-separated, so the dashes are words (8, 7 and 3; the
# rankers' tokens are 6, 5 and 3).
DASHES = "The council met — again — on Monday. Rain fell — briefly — at noon. The budget passed."


def test_words_are_whitespace_separated_dashes_included():
    document = analyse(DASHES)
    assert [s.word_count for s in document.sentences] == [8, 7, 3]
    assert document.word_count == len(DASHES.split()) == 18


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        (6, [2]),  # the first is 8 words, not its 6 tokens: passed over
        (8, [0]),
        (14, [0]),  # 8 + 7 = 15: one word too many (6 + 5 tokens would fit)
        (15, [0, 1]),
        (17, [0, 1]),  # 8 + 7 + 3 = 18
        (18, [0, 1, 2]),
    ],
)
@pytest.mark.parametrize("coherent", [False, True], ids=["plain", "coherent"])
def test_word_bound_counts_every_whitespace_separated_word(budget, expected, coherent):
    # A budget one word short of the next sentence (14: 8 + 7 = 15) takes neither it nor the
    # shorter one after it (8 + 3 would fit): one word over is caught here, in both selections.
    document = analyse(DASHES)
    selection = select(document, scores_for([0, 1, 2], n=3), Bound(BoundKind.MAX_WORDS, budget), coherent=coherent)
    assert [p.sentence.index for p in selection.picks] == expected
    assert len(" ".join(p.sentence.text for p in selection.picks).split()) <= budget


def test_the_dash_example_with_six_words_has_no_sentence_that_fits():
    document = analyse("The council met — again — on Monday. It approved the budget after a long debate.")
    selection = select(document, [1.0, 0.5], Bound(BoundKind.MAX_WORDS, 6))
    assert selection.picks == ()
    assert selection.warnings == ("No sentence fits within 6 words (the shortest has 8): the summary is empty.",)


@pytest.mark.parametrize("coherent", [False, True], ids=["plain", "coherent"])
def test_ratio_counts_the_words_of_the_whole_text(coherent):
    # 18 words: 0.8 of them is 14.4, so 14, one short of the first two sentences.
    document = analyse(DASHES)
    assert chosen(document, scores_for([0, 1, 2], n=3), Bound(BoundKind.RATIO, 0.8), coherent=coherent) == [0]
    assert chosen(document, scores_for([0, 1, 2], n=3), Bound(BoundKind.RATIO, 15 / 18), coherent=coherent) == [0, 1]


def test_ratio_counts_words_outside_any_sentence():
    # The line of dashes is no sentence, but its 4 words are the text's: 8 words, half of them 4.
    document = analyse("Alpha beta.\n\n— — — —\n\nGamma delta.")
    assert document.word_count == 8
    selection = select(document, [1.0, 0.5], Bound(BoundKind.RATIO, 0.5))
    assert [p.sentence.index for p in selection.picks] == [0, 1]


# -- coherent selection: quotations whole, dangling openers with their antecedents -------------------------------


def document_of(*sentences: str, title: str | None = None):
    """A document of these sentences, one paragraph, in this order."""
    document = analyse(" ".join(sentences), title=title)
    assert [s.text for s in document.sentences] == list(sentences), "the helper's sentences must split as given"
    return document


def chosen(document, scores, bound, order="position", coherent=True) -> list[int]:
    return [p.sentence.index for p in select(document, scores, bound, order, coherent=coherent).picks]


QUOTED = document_of(
    "The minister met the unions on Monday.",  # 0
    "Wittig said: “They cut debt so low.",  # 1
    "That gives them room to invest.”",  # 2
    "Shares rose by two percent.",  # 3
    "Trading closed early.",  # 4
)


def test_a_quotation_split_across_sentences_is_shown_whole():
    scores = [0.2, 0.1, 1.0, 0.5, 0.3]  # the quotation's second sentence is the best
    assert chosen(QUOTED, scores, Bound(BoundKind.SENTENCES, 2), coherent=False) == [2, 3]  # plain: half of it
    assert [p.sentence.index for p in select(QUOTED, scores, Bound(BoundKind.SENTENCES, 2)).picks] == [2, 3]  # plain unless asked
    assert chosen(QUOTED, scores, Bound(BoundKind.SENTENCES, 2)) == [1, 2]
    assert chosen(QUOTED, scores, Bound(BoundKind.SENTENCES, 3)) == [1, 2, 3]


def test_a_quotation_that_does_not_fit_is_left_out():
    scores = [0.2, 0.1, 1.0, 0.5, 0.3]
    assert chosen(QUOTED, scores, Bound(BoundKind.SENTENCES, 1)) == [3]
    # 7 words: the quotation's 12 do not fit, the best sentence that fits alone comes instead (5
    # words), and the next one (3) ends the selection, as in plain selection.
    selection = select(QUOTED, scores, Bound(BoundKind.MAX_WORDS, 7), coherent=True)
    assert [p.sentence.index for p in selection.picks] == [3]
    assert selection.warnings == ()  # something was chosen: nothing to say about the quotation left out


def test_only_quotations_left_that_do_not_fit_make_a_short_summary_with_a_warning():
    document = document_of("“We will win.", "We are strong.”", "“We will fight.", "We will not stop.”")
    selection = select(document, [1.0, 0.9, 0.8, 0.7], Bound(BoundKind.SENTENCES, 3), coherent=True)
    assert [p.sentence.index for p in selection.picks] == [0, 1]
    assert selection.warnings == ("Asked for 3 sentences but only 2 could be taken without cutting a quotation short.",)


def test_a_word_bound_too_small_for_any_quotation_gives_an_empty_summary_and_says_why():
    document = document_of("“We will win.", "We are strong.”")
    selection = select(document, [1.0, 0.9], Bound(BoundKind.MAX_WORDS, 4), coherent=True)
    assert selection.picks == ()
    assert selection.warnings == ("No sentence fits within 4 words without cutting a quotation short: the summary is empty.",)


DANGLING = document_of(
    "Smith resigned as chairman on Monday.",  # 0
    "He said the job was done.",  # 1: refers back to 0
    "Rain flooded the old town.",  # 2
    "Firefighters pumped out forty cellars.",  # 3
)


def test_a_dangling_opener_brings_its_antecedent_when_the_bound_allows():
    scores = [0.8, 1.0, 0.1, 0.2]
    assert chosen(DANGLING, scores, Bound(BoundKind.SENTENCES, 2)) == [0, 1]


def test_a_dangling_opener_without_room_for_its_antecedent_gives_way_to_another():
    scores = [0.1, 1.0, 0.3, 0.2]
    assert chosen(DANGLING, scores, Bound(BoundKind.SENTENCES, 1), coherent=False) == [1]
    assert chosen(DANGLING, scores, Bound(BoundKind.SENTENCES, 1)) == [2]
    # Under a word bound: 6 + 6 words do not fit in 8, the best other sentence does.
    assert chosen(DANGLING, scores, Bound(BoundKind.MAX_WORDS, 8)) == [2]


def test_runs_are_ordered_by_their_mean_score_not_a_rounded_one():
    # 1 with its antecedent is worth (0.11 + 1.0) / 2 = 0.56 a sentence, 3 alone 0.78: 3 comes
    # first, and then 1 needs two more places than the bound has left.
    assert chosen(DANGLING, [0.2, 1.0, 0.1, 0.8], Bound(BoundKind.SENTENCES, 2)) == [0, 3]


def test_a_candidate_already_brought_in_as_an_antecedent_does_not_end_the_selection():
    # 1 brings in 0; 0's own turn comes next and is skipped, and 3 is taken after it.
    assert chosen(DANGLING, [0.8, 1.0, 0.1, 0.2], Bound(BoundKind.SENTENCES, 3)) == [0, 1, 3]


def test_a_quotation_after_a_chosen_sentence_counts_the_space_before_each_of_its_sentences():
    # 3 (27 characters) first; the quotation adds 1 + 35 + 1 + 32: 96 in all, one over 95.
    scores = [0.2, 0.1, 0.9, 1.0, 0.3]
    assert chosen(QUOTED, scores, Bound(BoundKind.MAX_CHARS, 96)) == [1, 2, 3]
    assert chosen(QUOTED, scores, Bound(BoundKind.MAX_CHARS, 95)) == [0, 3, 4]


def test_every_sentence_fitting_but_one_character_takes_what_fits_as_usual():
    document = analyse(TEXT)
    whole = len(" ".join(s.text for s in document.sentences))  # 128
    assert chosen(document, scores_for([2, 0, 3, 1]), Bound(BoundKind.MAX_CHARS, whole)) == [0, 1, 2, 3]
    assert chosen(document, scores_for([2, 0, 3, 1]), Bound(BoundKind.MAX_CHARS, whole - 1)) == [0, 2, 3]


def test_a_weak_antecedent_is_not_worth_its_place_when_better_sentences_remain():
    # Sentence 1 with its antecedent is worth (1.0 + 0.0) / 2 a sentence, less than 3 or 2 alone.
    scores = [0.0, 1.0, 0.6, 0.7]
    assert chosen(DANGLING, scores, Bound(BoundKind.SENTENCES, 2)) == [2, 3]
    # With room for everything better, it comes with its antecedent.
    assert chosen(DANGLING, scores, Bound(BoundKind.SENTENCES, 4)) == [0, 1, 2, 3]


@pytest.mark.parametrize("shift", [0.0, -1.0, -5.0], ids=["as-is", "below-zero", "far-below-zero"])
def test_a_weak_antecedent_gives_way_whatever_the_scores_range_is(shift):
    # The weak antecedent's case again with every score moved down, as KL-Sum's and SumBasic's
    # steps score 0, -1, -2...: only the order of the scores counts.
    scores = [s + shift for s in (0.0, 1.0, 0.6, 0.7)]
    assert chosen(DANGLING, scores, Bound(BoundKind.SENTENCES, 2)) == [2, 3]


def test_a_dangling_opener_is_taken_alone_rather_than_leave_the_summary_short():
    document = document_of("Smith resigned as chairman on Monday.", "He said the job was done.")
    # One word too few for both: the antecedent alone, then nothing else fits.
    assert chosen(document, [0.1, 1.0], Bound(BoundKind.SENTENCES, 1)) == [0]
    # The antecedent is the title, never shown: the opener needs nothing.
    titled = analyse("Smith resigned\n\nHe said the job was done. Rain fell on the town.", title="Smith resigned")
    assert chosen(titled, [0.0, 1.0, 0.5], Bound(BoundKind.SENTENCES, 1)) == [1]


def test_a_quotation_taken_without_its_antecedent_as_a_last_resort_is_held_to_the_bound_by_one_word():
    # The quotation (4 + 3 words) opens with "He", whose antecedent (9 words) never fits beside it;
    # with nothing else chosen it is taken alone, at 7 words and not at 6, though its best
    # sentence (3 words) fits either budget.
    document = document_of(
        "Smith resigned as chairman on Monday after ten years.", "He said: “We won.", "It is done.”", "Rain fell on the town all day long."
    )
    scores = [0.1, 0.5, 1.0, 0.05]
    assert chosen(document, scores, Bound(BoundKind.MAX_WORDS, 7)) == [1, 2]
    assert chosen(document, scores, Bound(BoundKind.MAX_WORDS, 6)) == []
    # In characters: 17 + 1 + 12 = 30 with the joining space, not 29.
    assert chosen(document, scores, Bound(BoundKind.MAX_CHARS, 30)) == [1, 2]
    assert chosen(document, scores, Bound(BoundKind.MAX_CHARS, 29)) == []


def test_under_a_word_bound_an_opener_is_taken_alone_only_when_the_summary_would_be_empty():
    # 1 needs 0 (9 words) and cannot have it in 6; "Rain fell." is chosen, so 1 is not taken
    # alone, though its 3 words would fit beside it.
    document = document_of("Smith resigned as chairman on Monday after ten years.", "He said it.", "Rain fell.")
    assert chosen(document, [0.1, 1.0, 0.5], Bound(BoundKind.MAX_WORDS, 6)) == [2]


def test_every_sentence_brought_in_counts_toward_the_bound():
    scores = [0.8, 1.0, 0.1, 0.2]
    for budget in range(1, 30):
        picks = select(DANGLING, scores, Bound(BoundKind.MAX_WORDS, budget), coherent=True).picks
        assert sum(p.sentence.word_count for p in picks) <= budget
    assert chosen(DANGLING, scores, Bound(BoundKind.MAX_WORDS, 12)) == [0, 1]  # 6 + 6 words
    assert chosen(DANGLING, scores, Bound(BoundKind.MAX_CHARS, 63)) == [0, 1]  # 37 + 1 + 25
    assert chosen(DANGLING, scores, Bound(BoundKind.MAX_CHARS, 62)) == [0]


def test_sentences_brought_in_keep_their_own_score_and_rank():
    scores = [0.8, 1.0, 0.1, 0.2]
    selection = select(DANGLING, scores, Bound(BoundKind.SENTENCES, 2), order="rank", coherent=True)
    ranked = {r.sentence.index: r for r in rank_all(DANGLING, Ranking.from_scores(scores))}
    assert [(p.sentence.index, p.rank, p.score) for p in selection.picks] == [
        (1, ranked[1].rank, ranked[1].score),
        (0, ranked[0].rank, ranked[0].score),
    ]


def test_a_run_that_would_show_a_copy_of_a_better_ranked_sentence_is_not_taken():
    document = document_of("Rain fell.", "He left the town.", "Rain fell.", "Snow came later that week.")
    # 1 needs 0, a copy of 2, which ranks better: 1 gives way.
    assert chosen(document, [0.4, 1.0, 0.5, 0.3], Bound(BoundKind.SENTENCES, 2)) == [2, 3]
    # 0 is the better copy: it may come along.
    assert chosen(document, [0.5, 1.0, 0.4, 0.3], Bound(BoundKind.SENTENCES, 2)) == [0, 1]


@pytest.mark.parametrize(
    "bound",
    [
        Bound(BoundKind.SENTENCES, 2), Bound(BoundKind.SENTENCES, 4), Bound(BoundKind.MAX_WORDS, 17), Bound(BoundKind.MAX_CHARS, 70),
        Bound(BoundKind.MAX_CHARS, 111), Bound(BoundKind.MAX_CHARS, 112), Bound(BoundKind.RATIO, 0.5),
    ],
)  # fmt: skip
def test_coherent_selection_is_plain_selection_without_quotations_or_dangling_openers(bound):
    document = analyse(TEXT)
    for order in ([2, 0, 3, 1], [0, 1, 2, 3], [3, 2, 1, 0]):
        plain = select(document, scores_for(order), bound)
        coherent = select(document, scores_for(order), bound, coherent=True)
        assert coherent == plain


# A random text: sentences drawn from these, some of them quotations over two or three sentences,
# some opening with a word that refers back, some repeated.
_PIECES = [
    "Smith resigned on Monday.",
    "He said the job was done.",
    "However, the board disagreed.",
    "Rain flooded the old town.",
    "“We will win.",
    "We are strong.”",
    '"Why now?" she asked.',
    '"It was hard. "We tried. It failed."',
    "This surprised nobody at all.",
    "Firefighters pumped out forty cellars.",
    "“Today, what do we have? Nothing.”",
    "In addition, the river rose.",
]
_BOUNDS = st.one_of(
    st.builds(Bound, st.just(BoundKind.SENTENCES), st.integers(1, 12)),
    st.builds(Bound, st.just(BoundKind.MAX_WORDS), st.integers(1, 60)),
    st.builds(Bound, st.just(BoundKind.MAX_CHARS), st.integers(1, 300)),
    st.builds(Bound, st.just(BoundKind.RATIO), st.floats(0.01, 1.0)),
)


@hypothesis_settings(max_examples=400, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14),
    breaks=st.lists(st.booleans(), min_size=14, max_size=14),
    # (No subnormal scores: Ranking.from_scores divides by zero on them, a ranker matter.)
    seed=st.lists(st.floats(0.0, 1.0, allow_subnormal=False), min_size=40, max_size=40),
    bound=_BOUNDS,
    order=st.sampled_from(["position", "rank"]),
)
def test_coherent_selection_keeps_quotations_whole_and_never_exceeds_the_bound(pieces, breaks, seed, bound, order):
    text = "".join(p + ("\n\n" if b else " ") for p, b in zip(pieces, breaks))
    document = analyse(text)
    n = len(document.sentences)
    scores = seed[:n]
    selection = select(document, scores, bound, order, coherent=True)
    picks = selection.picks
    indices = [p.sentence.index for p in picks]
    summary = " ".join(p.sentence.text for p in picks)
    # The bound, counted as the answer counts it.
    if bound.kind is BoundKind.SENTENCES:
        assert len(picks) <= bound.value
    elif bound.kind is BoundKind.MAX_CHARS:
        assert len(summary) <= bound.value
    else:
        limit = bound.value if bound.kind is BoundKind.MAX_WORDS else math.floor(bound.value * document.word_count)
        assert len(summary.split()) <= limit
    # Distinct sentences, no text twice, in the order asked.
    assert len(set(indices)) == len(indices)
    assert len({" ".join(p.sentence.text.split()).casefold() for p in picks}) == len(picks)
    assert [p.rank for p in picks] == sorted(p.rank for p in picks) if order == "rank" else indices == sorted(indices)
    # Every quotation wholly in or wholly out.
    t = ties(document)
    chosen_set = set(indices)
    for i in indices:
        assert all(k in chosen_set for k in range(t.unit_start[i], t.unit_end[i] + 1))
    # Scores and ranks as the full ranking gives them.
    ranked = {r.sentence.index: r for r in rank_all(document, Ranking.from_scores(scores))}
    assert all((p.rank, p.score) == (ranked[p.sentence.index].rank, ranked[p.sentence.index].score) for p in picks)
    # A sentence that refers back is shown without its antecedents only when they would not fit
    # (or one of them repeats a text, which only its best-ranked copy may show).
    if bound.kind is BoundKind.SENTENCES:
        texts = Counter(" ".join(s.text.split()).casefold() for s in document.sentences)
        for i in indices:
            first = t.unit_start[i]
            missing = [k for k in range(t.block_start[i], first) if k not in chosen_set]
            repeated = any(texts[" ".join(document.sentences[k].text.split()).casefold()] > 1 for k in missing)
            if missing and not repeated and first - t.block_start[i] <= MAX_ANTECEDENTS:
                assert len(picks) + len(missing) > bound.value


# --- the full ranking (rank_all): every sentence, scored and ranked as select would --------------


def test_the_full_ranking_scores_a_sentence_the_ranking_never_yields_zero_and_ranks_it_none():
    document = analyse(TEXT)
    partial = Ranking(iter([2, 0]), {0: 3.0, 2: 5.0}.__getitem__, 1.0, 4)  # sentences 1 and 3 never come
    ranked = rank_all(document, partial)
    assert [(r.sentence.index, r.score, r.rank) for r in ranked] == [(0, 0.5, 2), (1, 0.0, None), (2, 1.0, 1), (3, 0.0, None)]


def test_the_full_ranking_scores_a_title_ranked_above_every_sentence_at_most_one():
    document = analyse("Big News Today\n\nSomething happened in the city. People reacted.", title="Big news today")
    ranked = rank_all(document, Ranking.from_scores([9.0, 1.0, 0.5]))
    assert [(r.sentence.index, r.score, r.rank) for r in ranked] == [(0, 1.0, None), (1, 1.0, 1), (2, 0.0, 2)]


def test_the_full_ranking_of_a_document_that_is_all_title_ranks_nothing_and_fails_not():
    document = analyse("Big News Today", title="Big news today")
    ranked = rank_all(document, Ranking.from_scores([1.0]))
    assert len(ranked) == 1 and ranked[0].rank is None and 0.0 <= ranked[0].score <= 1.0


# --- coherent selection's bookkeeping and its short-summary warning -------------------------------


@given(
    n=st.integers(min_value=1, max_value=40),
    chosen=st.lists(st.tuples(st.integers(0, 39), st.integers(0, 50), st.integers(0, 300), st.floats(0, 10)), max_size=40),
    span=st.tuples(st.integers(0, 39), st.integers(0, 39)),
)
def test_the_sums_over_a_range_of_chosen_sentences_are_the_plain_sums(n, chosen, span):
    from service.text.select import _Sums

    sums = _Sums(n)
    taken = [(i, w, c, u) for i, w, c, u in chosen if i < n]
    for index, words, characters, utility in taken:
        sums.add(index, words, characters, utility)
    first, last = min(span[0], n - 1), min(span[1], n - 1)
    first, last = min(first, last), max(first, last)
    inside = [t for t in taken if first <= t[0] <= last]
    count, words, characters, utility = sums.between(first, last)
    assert (count, words, characters) == (len(inside), sum(t[1] for t in inside), sum(t[2] for t in inside))
    assert utility == pytest.approx(sum(t[3] for t in inside))


@pytest.mark.parametrize(
    ("text", "scores", "warning"),
    [
        (TEXT, [4.0, 3.0, 2.0, 1.0], "Asked for 10 sentences but the text has only 4 distinct sentences."),
        ("Same words here. Other words there. Same words here.", [1.0, 0.5, 1.0],
         "Asked for 10 sentences but the text has only 2 distinct sentences (1 repeated sentence skipped)."),
        ("Same words here. Same words here. Same words here.", [1.0, 0.5, 0.2],
         "Asked for 10 sentences but the text has only 1 distinct sentence (2 repeated sentences skipped)."),
    ],
)
def test_a_coherent_summary_short_of_the_sentences_asked_says_why_as_the_plain_one_does(text, scores, warning):
    document = analyse(text)
    coherent = select(document, scores, Bound(BoundKind.SENTENCES, 10), coherent=True)
    plain = select(document, scores, Bound(BoundKind.SENTENCES, 10))
    assert coherent.warnings == plain.warnings == (warning,)


def test_a_long_chain_of_openers_comes_in_once_its_start_is_chosen():
    # Each sentence refers back to the one before: more than MAX_ANTECEDENTS of them cannot come
    # along at once, but each can once the sentences before it are in.
    sentences = ["Smith chaired the council for ten years."] + [f"He then signed law number {n}." for n in range(1, 10)]
    document = document_of(*sentences)
    scores = [0.0] + [1.0 - n / 10 for n in range(1, 10)]  # the last ones rank lowest, the first lowest of all
    assert chosen(document, scores, Bound(BoundKind.RATIO, 1.0)) == list(range(10))
    assert chosen(document, scores, Bound(BoundKind.SENTENCES, 10)) == list(range(10))
    # Room for five: the chain's start and the four after it.
    assert chosen(document, scores, Bound(BoundKind.SENTENCES, 5)) == [0, 1, 2, 3, 4]


# --- a run longer than 16 sentences: its sizes come from prefix sums and the chosen sentences' Fenwick sums ---

#: The mayor's speech: one quotation of 17 sentences (1-17) opening with "She", which needs sentence 0.
SPEECH = document_of(
    "The mayor spoke on Monday.", "She said: “Point 1 was made.", *(f"Point {n} was made." for n in range(2, 17)),
    "Point 17 was made.”", "Rain fell later.",
)
SPEECH_WORDS = 5 + 6 + 16 * 4  # sentences 0-17 (75 words): the run the quotation needs
SPEECH_CHARACTERS = sum(s.length for s in SPEECH.sentences[:18]) + 17


@pytest.mark.parametrize("antecedent_first", [False, True], ids=["quotation-best", "antecedent-best"])
@pytest.mark.parametrize(
    ("bound", "expected"),
    [
        (Bound(BoundKind.MAX_WORDS, SPEECH_WORDS), list(range(18))),
        (Bound(BoundKind.MAX_WORDS, SPEECH_WORDS - 1), [0, 18]),  # one word short: the quotation stays out whole
        (Bound(BoundKind.MAX_CHARS, SPEECH_CHARACTERS), list(range(18))),
        (Bound(BoundKind.MAX_CHARS, SPEECH_CHARACTERS - 1), [0, 18]),
        (Bound(BoundKind.SENTENCES, 18), list(range(18))),
        (Bound(BoundKind.SENTENCES, 17), [0, 18]),
    ],
)
def test_a_quotation_of_seventeen_sentences_is_counted_whole_against_every_bound(bound, expected, antecedent_first, monkeypatch):
    # With the antecedent best, it is chosen alone first and the quotation's run is measured again
    # from sentence 1, the sizes of 0 taken out of the sums.
    scores = [0.5] + [0.6] * 17 + [0.1]
    scores[5 if not antecedent_first else 0] = 1.0
    selection = select(SPEECH, scores, bound, coherent=True)
    assert [p.sentence.index for p in selection.picks] == expected
    summary = " ".join(p.sentence.text for p in selection.picks)
    assert len(summary.split()) <= SPEECH_WORDS and len(summary) <= SPEECH_CHARACTERS
    # The same choice as summing every run sentence by sentence.
    monkeypatch.setattr("service.text.select._SHORT", 10**9)
    assert select(SPEECH, scores, bound, coherent=True) == selection


def test_the_sums_of_a_range_leave_out_a_chosen_sentence_just_before_it():
    from service.text.select import _Sums

    sums = _Sums(5)
    sums.add(0, 7, 40, 0.5)
    assert sums.between(0, 0) == (1, 7, 40, 0.5)
    assert sums.between(1, 4) == (0, 0, 0, 0.0)
    sums.add(3, 2, 10, 0.25)
    assert sums.between(1, 4) == (1, 2, 10, 0.25)
    assert sums.between(0, 4) == (2, 9, 50, 0.75)


# --- the title's warning, the same in both selections -----------------------------------------


@pytest.mark.parametrize(
    ("text", "scores"),
    [
        ("Big News Today", [1.0]),  # a text that is only its title
        ("Big News Today\n\nSomething happened in the whole city. People reacted to it.", [1.0, 0.5, 0.2]),  # the title ranked first
        ("Big News Today\n\nSomething happened in the whole city. People reacted to it.", [0.1, 1.0, 0.5]),  # ranked last
    ],
)
@pytest.mark.parametrize(
    "bound",
    [Bound(BoundKind.SENTENCES, 1), Bound(BoundKind.SENTENCES, 2), Bound(BoundKind.MAX_WORDS, 3), Bound(BoundKind.MAX_WORDS, 6),
     Bound(BoundKind.MAX_CHARS, 50), Bound(BoundKind.RATIO, 0.01), Bound(BoundKind.RATIO, 0.5)],
)  # fmt: skip
def test_a_text_holding_its_title_says_so_in_both_selections_whatever_the_bound(text, scores, bound):
    # Whether the title was left out is the text's matter, not how far a selection read the
    # ranking: the plain one stops once the bound is met (here before the title, ranked last, or
    # before reading it at all when nothing can fit), the coherent one reads it to its end.
    document = analyse(text, title="Big news today")
    plain = select(document, scores, bound)
    coherent = select(document, scores, bound, coherent=True)
    assert plain.warnings[0] == "A sentence identical to the title was left out of the summary."
    assert plain.warnings == coherent.warnings
    assert "Big News Today" not in [p.sentence.text for p in plain.picks + coherent.picks]


def test_a_title_found_in_no_sentence_gives_no_warning():
    document = analyse("Something happened in the whole city. People reacted to it.", title="Big news today")
    for coherent in (False, True):
        assert select(document, [1.0, 0.5], Bound(BoundKind.MAX_WORDS, 3), coherent=coherent).warnings[0].startswith("No sentence fits")
        assert select(document, [1.0, 0.5], Bound(BoundKind.SENTENCES, 1), coherent=coherent).warnings == ()


# --- coherent selection: runs measured again, waiting runs offered again, the last resort -------------------


def test_under_a_character_bound_the_first_sentence_that_does_not_fit_with_its_space_ends_the_selection():
    # 62 + 1 + 31 = 94 characters chosen; "Fourth comes now." needs 1 + 17 more. At 111 it does
    # not fit by one, and the selection stops there as plain selection does ("Short one here."
    # would still fit); at 112 it fits exactly.
    document = analyse(TEXT)
    assert [s.length for s in document.sentences] == [31, 15, 62, 17]
    scores = scores_for([2, 0, 3, 1])
    assert chosen(document, scores, Bound(BoundKind.MAX_CHARS, 111)) == [0, 2]
    assert chosen(document, scores, Bound(BoundKind.MAX_CHARS, 112)) == [0, 2, 3]


#: A chain: 2 refers back to 1, which refers back to 0.
CHAIN = document_of(
    "Smith chaired the council for ten years.", "He signed a new law.", "He then left the town.", "Rain fell on the old town.", "Snow came."
)


def test_an_opener_whose_antecedent_is_chosen_competes_with_its_own_score_as_in_plain_selection():
    # 0 is the best and is chosen alone; 1 then adds only itself, worth 0.9, less than 2 (0.92).
    document = document_of("Smith resigned as chairman on Monday.", "He said the job was done.", "Rain flooded the old town.", "Snow came.")
    scores = [1.0, 0.9, 0.92, 0.0]
    assert chosen(document, scores, Bound(BoundKind.SENTENCES, 2)) == chosen(document, scores, Bound(BoundKind.SENTENCES, 2), coherent=False) == [0, 2]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        # Once 0 is chosen, 2 needs only 1: the two are worth (0.6 + 0.5) / 2 = 0.55 a sentence,
        # less than 3 (0.65), which comes first; then 1 alone (0.6) fills the third place.
        ([1.0, 0.6, 0.5, 0.65, 0.0], [0, 1, 3]),
        # With 2 at 0.9 they are worth 0.75, more than 3 (0.7): they fill the two places left.
        ([1.0, 0.6, 0.9, 0.7, 0.0], [0, 1, 2]),
    ],
)
def test_a_run_shortened_by_a_choice_is_worth_the_mean_score_of_what_it_still_adds(scores, expected):
    assert chosen(CHAIN, scores, Bound(BoundKind.SENTENCES, 3)) == expected


#: A chain of six openers after its start (0); 7 and 8 are ordinary sentences, 9 the weakest.
LAWS = document_of(
    "Smith chaired the council for ten years.", *(f"He then signed law number {n}." for n in range(1, 7)),
    "Rain fell on the old town.", "Snow came in the night.", "Wind blew.",
)  # fmt: skip


@pytest.mark.parametrize(
    ("tail", "bound", "expected"),
    [
        # 4 brings in 0-3 (its four antecedents) first; 5 and 6, which needed more, now need only
        # 5: 5 and 6 together (0.6 and 0.95, worth 0.775) beat 7 (0.7) and 8 (0.65) for the two places left.
        ([0.6, 0.95, 0.7, 0.65], 7, [0, 1, 2, 3, 4, 5, 6]),
        ([0.8, 0.9, 0.7, 0.62], 7, [0, 1, 2, 3, 4, 5, 6]),
        # 5 and 6 worth 0.6, less than 7 (0.65) and 8 (0.62): those come instead.
        ([0.5, 0.7, 0.65, 0.62], 7, [0, 1, 2, 3, 4, 7, 8]),
        # One place left: 5 alone (0.8) beats 7 (0.7).
        ([0.8, 0.3, 0.7, 0.62], 6, [0, 1, 2, 3, 4, 5]),
    ],
)
def test_openers_that_needed_too_many_antecedents_are_offered_again_once_their_run_is_short_enough(tail, bound, expected):
    scores = [0.9, 0.9, 0.9, 0.9, 1.0, *tail, 0.0]
    assert chosen(LAWS, scores, Bound(BoundKind.SENTENCES, bound)) == expected


def test_an_opener_brings_in_at_most_four_antecedents():
    # 4 needs 0-3 and is worth (4 * 0.5 + 1.0) / 5 = 0.6 with them, more than 5 (0.55).
    four = document_of("Smith chaired the council for ten years.", *(f"He then signed law number {n}." for n in range(1, 5)),
                       "Rain fell on the old town.", "Snow came.")  # fmt: skip
    assert chosen(four, [0.5] * 4 + [1.0, 0.55, 0.0], Bound(BoundKind.SENTENCES, 5)) == [0, 1, 2, 3, 4]
    # 5 would need five: it is left out, and 0-4 come in as a run of their own (worth 0.5 each).
    five = document_of("Smith chaired the council for ten years.", *(f"He then signed law number {n}." for n in range(1, 6)),
                       "Rain fell on the old town.", "Snow came.")  # fmt: skip
    assert chosen(five, [0.5] * 5 + [1.0, 0.55, 0.0], Bound(BoundKind.SENTENCES, 6)) == [0, 1, 2, 3, 4, 6]


def test_a_run_left_out_for_its_size_is_not_offered_again_by_a_choice_after_it():
    # 1 needs 0 (6 + 7 words, over 8): it is left out. "Rain fell." is chosen after it; 1 does
    # not come back then (its own 7 words would no longer fit and end the selection), and
    # "Snow came." still fills the bound.
    document = document_of("Smith resigned as chairman on Monday.", "He said the job was done at last.", "Rain fell.", "Snow came.",
                           "Wind blew hard all week long.")  # fmt: skip
    assert chosen(document, [0.1, 1.0, 0.5, 0.4, 0.0], Bound(BoundKind.MAX_WORDS, 8)) == [2, 3]


def test_a_quotation_whose_antecedent_is_chosen_but_which_does_not_fit_is_said_to_be_cut_short():
    # 0 is chosen; the quotation (1-2) then needs nothing more, but its two sentences do not fit in
    # the place left: the warning says a quotation was not cut, not that the text is short of sentences.
    document = document_of("Smith resigned on Monday.", "He said: “We won.", "It is done.”")
    selection = select(document, [1.0, 0.5, 0.5], Bound(BoundKind.SENTENCES, 2), coherent=True)
    assert [p.sentence.index for p in selection.picks] == [0]
    assert selection.warnings == ("Asked for 2 sentences but only 1 could be taken without cutting a quotation short.",)


#: Three openers whose antecedents are copies of better-ranked sentences (6, 7, 8), never shown.
COPIED = document_of(
    "Rain fell.", "He left the town.", "Snow came.", "She stayed home.", "Wind blew.", "It was cold.",
    "Rain fell.", "Snow came.", "Wind blew.", "Leaves fell all week.",
)  # fmt: skip


@pytest.mark.parametrize(
    ("bound", "expected"),
    [
        (6, [3, 5, 6, 7, 8, 9]),  # two places left: the two best openers (3 at 0.9, 5 at 0.8), not 1 (0.7)
        (5, [3, 6, 7, 8, 9]),  # one: the best
        (7, [1, 3, 5, 6, 7, 8, 9]),  # every one of them, each counted toward the bound
    ],
)
def test_openers_taken_alone_to_fill_a_sentence_bound_come_in_rank_order_while_they_fit(bound, expected):
    scores = [0.1, 0.7, 0.1, 0.9, 0.1, 0.8, 0.5, 0.4, 0.3, 0.2]
    selection = select(COPIED, scores, Bound(BoundKind.SENTENCES, bound), coherent=True)
    assert [p.sentence.index for p in selection.picks] == expected
    assert selection.warnings == ()


#: The mayor's speech again, and a last sentence that scores lowest.
SPEECH_THEN_SNOW = document_of(*(s.text for s in SPEECH.sentences), "Snow came.")


@pytest.mark.parametrize(
    ("rain", "expected", "warnings"),
    [
        # 0 (1.0) is chosen alone first; the quotation then adds 1-17, worth 0.6 a sentence, more
        # than "Rain fell later." (0.58): it fills the 17 places left.
        (0.58, list(range(18)), ()),
        # At 0.61 the rain comes first, and the quotation no longer fits whole.
        (0.61, [0, 18, 19], ("Asked for 18 sentences but only 3 could be taken without cutting a quotation short.",)),
    ],
)
def test_a_quotation_of_seventeen_sentences_measured_again_is_worth_the_mean_score_of_what_it_adds(rain, expected, warnings, monkeypatch):
    scores = [1.0] + [0.6] * 17 + [rain, 0.0]
    selection = select(SPEECH_THEN_SNOW, scores, Bound(BoundKind.SENTENCES, 18), coherent=True)
    assert ([p.sentence.index for p in selection.picks], selection.warnings) == (expected, warnings)
    # The same choice as summing every run sentence by sentence.
    monkeypatch.setattr("service.text.select._SHORT", 10**9)
    assert select(SPEECH_THEN_SNOW, scores, Bound(BoundKind.SENTENCES, 18), coherent=True) == selection
