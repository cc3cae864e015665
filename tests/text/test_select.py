"""Selection: length bounds, repeats, the title, order and warnings, on hand-made documents."""

from __future__ import annotations

import pytest

from service.text.analysis import analyse
from service.text.select import Bound, BoundKind, select

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


def test_title_is_never_a_summary_sentence():
    document = analyse("Big News Today\n\nSomething happened in the city. People reacted.", title="Big news today")
    selection = select(document, [9.0, 1.0, 0.5], Bound(BoundKind.SENTENCES, 3))
    assert [p.sentence.text for p in selection.picks] == ["Something happened in the city.", "People reacted."]
    assert any("title" in w for w in selection.warnings)


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        (20, [0, 2, 3]),  # 12 + 5 + 3 = 20, exactly the budget
        (17, [0, 2]),  # 12 + 5; the next (3 words) would overflow
        (12, [2]),
        (5, [0]),  # the best (12 words) does not fit: the best that fits comes first
    ],
)
def test_word_bound_takes_the_best_sentences_while_they_fit(budget, expected):
    document = analyse(TEXT)
    selection = select(document, scores_for([2, 0, 3, 1]), Bound(BoundKind.MAX_WORDS, budget))
    assert [p.sentence.index for p in selection.picks] == expected
    assert sum(p.sentence.word_count for p in selection.picks) <= budget


def test_passing_over_a_longer_better_sentence_warns():
    document = analyse(TEXT)
    selection = select(document, scores_for([2, 0, 3, 1]), Bound(BoundKind.MAX_WORDS, 5))
    assert any("passed over" in w for w in selection.warnings)


def test_nothing_fits_gives_an_empty_summary_and_says_why():
    document = analyse(TEXT)
    selection = select(document, scores_for([0, 1, 2, 3]), Bound(BoundKind.MAX_CHARS, 5))
    assert selection.picks == ()
    assert selection.warnings == ("No sentence fits within 5 characters (the shortest has 15): the summary is empty.",)


def test_char_bound_counts_the_joining_spaces():
    document = analyse("Aaaa bbbb. Cccc dddd.")  # 10 characters each
    assert len(select(document, [1.0, 0.5], Bound(BoundKind.MAX_CHARS, 20)).picks) == 1
    assert len(select(document, [1.0, 0.5], Bound(BoundKind.MAX_CHARS, 21)).picks) == 2


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
def test_word_bound_counts_every_whitespace_separated_word(budget, expected):
    document = analyse(DASHES)
    selection = select(document, scores_for([0, 1, 2], n=3), Bound(BoundKind.MAX_WORDS, budget))
    assert [p.sentence.index for p in selection.picks] == expected
    assert len(" ".join(p.sentence.text for p in selection.picks).split()) <= budget


def test_the_dash_example_with_six_words_has_no_sentence_that_fits():
    document = analyse("The council met — again — on Monday. It approved the budget after a long debate.")
    selection = select(document, [1.0, 0.5], Bound(BoundKind.MAX_WORDS, 6))
    assert selection.picks == ()
    assert selection.warnings == ("No sentence fits within 6 words (the shortest has 8): the summary is empty.",)


def test_ratio_counts_the_words_of_the_whole_text():
    # 18 words: 0.8 of them is 14.4, so 14, one short of the first two sentences.
    document = analyse(DASHES)
    assert [p.sentence.index for p in select(document, scores_for([0, 1, 2], n=3), Bound(BoundKind.RATIO, 0.8)).picks] == [0]
    assert [p.sentence.index for p in select(document, scores_for([0, 1, 2], n=3), Bound(BoundKind.RATIO, 15 / 18)).picks] == [0, 1]


def test_ratio_counts_words_outside_any_sentence():
    # The line of dashes is no sentence, but its 4 words are the text's: 8 words, half of them 4.
    document = analyse("Alpha beta.\n\n— — — —\n\nGamma delta.")
    assert document.word_count == 8
    selection = select(document, [1.0, 0.5], Bound(BoundKind.RATIO, 0.5))
    assert [p.sentence.index for p in selection.picks] == [0, 1]
