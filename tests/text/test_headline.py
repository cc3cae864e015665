"""The headline stage: a leading headline line is the title, never a summary sentence, and counts for the keywords."""

import pytest

from service.text import boilerplate, headline
from service.text.analysis import analyse
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize

BODY = (
    "The city council voted on Monday to spend four million pounds on new school buildings.\n\n"
    "Councillors approved the plan by nine votes to three after a long debate.\n\n"
    "Parents welcomed the decision on the school buildings."
)


def _found(text: str) -> str | None:
    document = analyse(text, "english")
    index = headline.find(document, boilerplate.furniture(document))
    return None if index is None else document.sentences[index].text


def test_a_leading_headline_paragraph_is_found():
    assert _found("Council backs new school buildings\n\n" + BODY) == "Council backs new school buildings"


def test_furniture_above_the_headline_does_not_hide_it():
    assert _found("Home > News > Education\n\nCouncil backs new school buildings\n\n" + BODY) == "Council backs new school buildings"


@pytest.mark.parametrize(
    "lead",
    [
        "Council backs new school buildings.",  # final punctuation: a sentence
        "Council backs new school buildings\nThe vote was close",  # not a paragraph of its own
        "Council",  # one word
        "Scientists find glowing jellyfish under Arctic ice",  # about another story: no stem shared with the body
        "- Advertisement -",  # furniture
    ],
)
def test_no_headline(lead):
    assert _found(f"{lead}\n\n{BODY}") is None


def test_a_text_without_a_headline_line_has_none():
    assert _found(BODY) is None


def test_the_headline_is_the_title_never_a_sentence_and_counts_for_keywords():
    text = "Council backs new school buildings\n\n" + BODY
    for bound in (Bound(BoundKind.SENTENCES, 10), Bound(BoundKind.RATIO, 1.0)):
        result = summarize(SummaryOptions(text=text, algorithm="pyramid", bound=bound, language="english"))
        assert result.title == "Council backs new school buildings"
        assert all(p.sentence.start > len("Council backs new school buildings") for p in result.sentences)
        assert not any("title" in w for w in result.warnings)
    given = summarize(SummaryOptions(text=BODY, title="Council backs new school buildings", algorithm="pyramid", bound=Bound(BoundKind.SENTENCES, 2), language="english"))
    found = summarize(SummaryOptions(text=text, algorithm="pyramid", bound=Bound(BoundKind.SENTENCES, 2), language="english"))
    assert [p.sentence.text for p in given.sentences] == [p.sentence.text for p in found.sentences]
    assert [(k.text, k.count) for k in given.keywords] == [(k.text, k.count) for k in found.keywords]


def test_the_callers_title_comes_first():
    result = summarize(SummaryOptions(text="Council backs new school buildings\n\n" + BODY, title="Given", algorithm="pyramid", bound=Bound(BoundKind.SENTENCES, 2), language="english"))
    assert result.title == "Given"


def test_the_sample_article_reads_as_three_sentences_of_its_body():
    from bench.corpus import SAMPLE_ARTICLE

    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    result = summarize(SummaryOptions(text=text, algorithm="pyramid", bound=Bound(BoundKind.SENTENCES, 3), language="english"))
    assert result.title == "Trump Set to Discuss Ukraine Conflict in Upcoming Phone Call with Putin"
    assert len(result.sentences) == 3
    for pick in result.sentences:
        assert pick.sentence.text.endswith((".", "”")) and "\n" not in pick.sentence.text
        assert text[pick.sentence.start : pick.sentence.end] == pick.sentence.text
    assert result.summary.startswith("US President Donald Trump has announced plans")


YAHOO = (
    "Yahoo has overtaken its rivals to become the most visited site on the web.\n\n"
    "The company said its search business and its mail service had grown fast this year.\n\n"
    "Analysts expect Yahoo to keep its lead over the next decade."
)


def test_a_question_is_a_headline():
    # BBC's "Can Yahoo dominate next decade?": a headline may ask.
    assert _found("Can Yahoo dominate next decade?\n\n" + YAHOO) == "Can Yahoo dominate next decade?"


@pytest.mark.parametrize(
    "text",
    [
        # CNN/DM's text breaks a sentence over paragraphs where a link was cut out: no headline.
        "Michelle Obama likes to keep a busy schedule\n\nand Wednesday was no exception as the first lady managed to visit three schools.\n\n"
        "The first lady spoke to pupils about healthy food and schools.",
        # A question that refers back is the article begun (BBC).
        "So who, if anyone, is playing politics with the security of the nation?\n\n"
        "Michael Howard has no doubt it is the prime minister who is playing politics with the nation.\n\nThe security services said nothing.",
        # A quotation cut short by an ellipsis (CNN/DM).
        '"A long, long, time ago...\n\nThose five words, when sung, make baby boomers long for a long summer.\n\nThe song is long.',
    ],
)
def test_no_headline_in_prose(text):
    assert _found(text) is None
