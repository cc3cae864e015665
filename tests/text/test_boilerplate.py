"""Site furniture: lines of a scraped text that are never summary sentences nor keywords, their spans left as they are."""

import re

import pytest

from service.text import boilerplate
from service.text.analysis import analyse
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize

from bench.corpus import SAMPLE_ARTICLE

SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")


def test_every_pattern_compiles_and_the_data_file_names_source_and_licence():
    header = boilerplate.PATTERN_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# ") and "Source:" in header and "licence:" in header
    patterns = boilerplate.pattern_lines()
    assert len(patterns) > 50
    for p in patterns:
        re.compile(p)
        assert p.startswith("^") or boilerplate.literal_prefix(p), p  # an unanchored pattern starts with a literal


@pytest.mark.parametrize(
    "line",
    [
        "- Advertisement -", "ADVERTISEMENT", "Story continues below advertisement",
        "Read More: What to make of the Istanbul talks | Latest Ukraine stories", "Related: Mayor opens new bridge",
        "Share this article", "Follow us on Twitter", "Click to share on Facebook (Opens in new window)",
        "This website uses cookies to improve your experience.", "Sign up for our daily newsletter.",
        "Edited By Ali Musa", "By Jamelle Bouie", "Image copyright Getty Images", "(AP Photo/Alan Diaz, File)",
        "© 2019 NJ.com. All rights reserved (About Us).", "Home > News > World", "Updated: 19 November 2019, 09:01 AM",
        "5 min read", "Phil Helsel is a reporter for NBC News.",
        # Lines of the tuning half's pages (python -m bench.furniture --half tuning) and of CNN/DM's texts.
        "PGP Fingerprint: 91CF B387 7B38 148C DDD6 38D2 6CBC 1E46 1DBF 22A8", "Select as many teams as you like from the leagues below.",
        "You can change your selection at any time.", "Misinformation is a real threat.Snopes.com needs your help.",
        "Have you been getting these songs wrong?", "How old is your dog in human years?",
        "58th Venice Biennale of Art 2019 | May You Live in Interesting Times", "In this article we've also included...",
        "Published: Monday, November 18th, 2019 at 11:08 a.m.", "By . Daily Mail Reporter .", "By The Associated Press",
        "Sorry we are not currently accepting comments on this article.",
        "CNN's Eliott C. McLaughlin, Suzanne Presto and Amanda Barnett contributed to this report.",
        "Trevor Daugherty is the Senior Editor of 9to5Toys.", "Contact him direct at trevor@9to5mac.com.",
        "Dallas Robinson is a freelance writer living in Minneapolis",
        # Captions that end with the toggle that hides them or credit a web site.
        "The Islanders won 5-4. (AP Photo/Gene J. Puskar) less", "Materials from the state's viral campaign. (onmeth.com)",
    ],
)  # fmt: skip
def test_furniture_lines(line):
    assert boilerplate.is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell 3% on Monday after the bank warned on profits.",
        "The council said it would follow the advice of its lawyers.",
        "Shortly before these negotiations, a devastating drone strike claimed the lives of nine bus passengers in northeastern Ukraine, prompting calls for sanctions.",
        "Kilmarnock went unbeaten during Locke's first six games in charge of the club and won three of them",
        "Cookies and cakes were sold at the fair to raise money for the hospital.",
        # Sentences of CNN/DM articles that start as a byline does.
        "By 1929, the arrows could direct flights all the way across the width of America.",
        "By the end of the week he had quit.", "By Monday, India was in full-scale crisis mode:",
        "By March, prices had doubled.", "By a wide margin, voters backed the plan.",
        "She was a reporter for the Times for ten years before she ran for office.",
    ],
)  # fmt: skip
def test_prose_is_not_furniture(line):
    assert not boilerplate.is_furniture_line(line)


def test_the_sample_articles_furniture_is_marked_and_its_body_is_not():
    document = analyse(SAMPLE, "english")
    marked = {document.sentences[i].text for i in boilerplate.furniture(document)}
    assert {"- Advertisement -", "Edited By Ali Musa", "Accept Read More"} <= marked
    assert any(t.startswith("Read More: What to make of the Istanbul talks") for t in marked)
    assert any(t.startswith("This website uses cookies") for t in marked)
    body = [s.text for s in document.sentences if s.text not in marked]
    assert any(t.startswith("US President Donald Trump has announced") for t in body)
    assert sum(1 for t in body if t.endswith((".", "”", "?"))) >= 25


def test_without_keeps_spans_and_numbers_the_sentences_again():
    document = analyse(SAMPLE, "english")
    kept = boilerplate.mark(document)
    assert len(kept.sentences) < len(document.sentences)
    assert [s.index for s in kept.sentences] == list(range(len(kept.sentences)))
    assert all(SAMPLE[s.start : s.end] == s.text for s in kept.sentences)


def test_furniture_is_never_a_summary_sentence_nor_a_keyword():
    for bound in (Bound(BoundKind.SENTENCES, 30), Bound(BoundKind.RATIO, 0.6)):
        result = summarize(SummaryOptions(text=SAMPLE, algorithm="pyramid", bound=bound, language="english", keywords=50))
        texts = [p.sentence.text for p in result.sentences]
        assert not any("Advertisement" in t or "Read More" in t or "cookies" in t or "Edited By" in t for t in texts)
        assert not {"advertisement", "cookies", "edited"} & {k.text.casefold() for k in result.keywords}
        assert all(SAMPLE[p.sentence.start : p.sentence.end] == p.sentence.text for p in result.sentences)


def test_an_off_topic_paragraph_is_marked_in_a_long_enough_text():
    body = [
        "The city council voted on Monday to spend four million pounds on new school buildings.",
        "Councillors approved the school plan by nine votes to three after a long debate.",
        "Parents who campaigned for the school buildings welcomed the council's decision.",
        "The opposition said the council should have spent the money on roads.",
        "Work on the school buildings is expected to start before the summer.",
        "The council will publish the plans for the school buildings next month.",
    ]
    teaser = "Scientists in Norway discovered glowing jellyfish under Arctic ice."
    text = "\n\n".join(body[:3] + [teaser] + body[3:])
    document = analyse(text, "english")
    marked = {document.sentences[i].text for i in boilerplate.furniture(document)}
    assert marked == {teaser}
    # Too short a text to judge its topic by: nothing is off it.
    short = analyse("\n\n".join(body[:2] + [teaser]), "english")
    assert not boilerplate.furniture(short)


def test_a_sentence_over_several_furniture_lines_is_furniture_and_over_prose_it_is_not():
    text = "The council voted on the school budget on Monday.\n\nShare\nTweet\nEmail\n\nThe mayor said the vote was fair."
    document = analyse(text, "english")
    marked = {document.sentences[i].text for i in boilerplate.furniture(document)}
    assert all(t.split()[0] in ("Share", "Tweet", "Email") for t in marked) and marked


def test_the_stage_is_cheap_on_an_article():
    import time

    document = analyse(SAMPLE, "english")
    boilerplate.furniture(document)
    best_stage = best_analyse = 1.0
    for _ in range(5):
        start = time.perf_counter()
        boilerplate.furniture(document)
        best_stage = min(best_stage, time.perf_counter() - start)
        start = time.perf_counter()
        analyse(SAMPLE, "english")
        best_analyse = min(best_analyse, time.perf_counter() - start)
    assert best_stage < 0.5 * best_analyse


@pytest.mark.parametrize("brk", ["\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028"])  # U+2029 ends a paragraph
def test_prose_broken_into_short_lines_is_not_a_menu(brk):
    # Each sentence runs over lines of two or three words, as a menu would, but ends with a period.
    text = " ".join(f"Council number{brk}{n} met{brk}on Monday again." for n in ("one", "two", "three", "four", "five", "six"))
    document = analyse(text)
    assert len(document.sentences) == 6
    assert boilerplate.furniture(document) == set()


SCHOOL = [
    "The city council voted on Monday to spend four million pounds on new school buildings.",
    "Councillors approved the school plan by nine votes to three after a long debate.",
    "Parents who campaigned for the school buildings welcomed the council's decision.",
    "The opposition said the council should have spent the money on roads.",
    "Work on the school buildings is expected to start before the summer.",
    "The council will publish the plans for the school buildings next month.",
]


def _marked(paragraphs: list[str]) -> dict[str, str]:
    document = analyse("\n\n".join(paragraphs), "english")
    return {document.sentences[i].text: why for i, why in boilerplate.reasons(document).items()}


@pytest.mark.parametrize(
    "pieces",
    [
        ["‘I’ve got broad shoulders", "and I know what to expect", "but I can’t praise the players highly enough.", "It’s a fantastic opportunity. ‘"],
        ["He said: 'I think he should just finish the season with Dortmund", "and then he should be given time. '"],
        ["'I need to go", "I can't stand her lying to you like this,'"],  # a quotation the second piece closes
    ],
)
def test_a_sentence_broken_over_paragraphs_is_the_articles(pieces):
    # CNN/DM's texts break sentences where a link was cut out of them: short, bare and off the
    # article's words, the pieces are still its prose.
    assert _marked(SCHOOL[:3] + pieces + SCHOOL[3:]) == {}


def test_one_piece_alone_is_no_sentence_broken_over_paragraphs():
    # A menu entry or a bare link has the shape of a broken-off piece, not its other half.
    assert _marked(SCHOOL[:3] + ["Choose your favourite leagues", "Luxury Properties"] + SCHOOL[3:]) == {
        "Choose your favourite leagues": boilerplate.BARE,
        "Luxury Properties": boilerplate.BARE,
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "He joined the military in February of 2012.",  # refers back
        "But he had no concerns whatsoever.",  # a connective
        '"I was just lying down," she said.',  # a quotation
        "‘You can’t do that until you are the main man.’",
    ],
)
def test_an_article_sentence_off_its_words_is_kept(sentence):
    assert _marked(SCHOOL[:3] + [sentence] + SCHOOL[3:]) == {}


def test_a_teaser_sharing_words_with_the_pages_links_alone_is_off_topic():
    # The lines of one page share words with each other, not with the article they were injected into.
    link = "Buyer's Guide: MacBook Pro (Buy Now)"
    teaser = "Amazon today introduced a round of notable discounts on the 15-inch MacBook Pro from Mid 2019."
    marked = _marked(SCHOOL[:3] + [link] + SCHOOL[3:] + [teaser])
    assert marked == {link: boilerplate.BARE, teaser: boilerplate.OFF_TOPIC}


def test_a_sentence_over_several_lines_a_pattern_finds_is_furniture():
    block = "Published: Monday, November 18th, 2019 at 11:08 a.m.\n© 2000-2018 AutoIndustriya.com, Inc. All Rights Reserved."
    assert _marked(SCHOOL[:3] + [block] + SCHOOL[3:]) == {block: boilerplate.LINES}


def test_a_sentence_that_refers_back_to_furniture_is_off_topic():
    # "It" after a link of the page refers to nothing of the article.
    teaser = "It makes the new laptop lineup more complete for professional photographers."
    marked = _marked(SCHOOL[:3] + ["Buyer's Guide: MacBook Pro (Buy Now)", teaser] + SCHOOL[3:])
    assert marked[teaser] == boilerplate.OFF_TOPIC
    assert teaser not in _marked(SCHOOL[:3] + [teaser] + SCHOOL[3:])  # after the article's own sentence it refers back to it


@pytest.mark.parametrize(
    "teaser",
    [
        "You can change the council meeting location at any time.",  # speaks to the reader
        "Why do billions of people still not have glasses on Monday?",  # a lone question
        "Chinese e-commerce giant Alibaba eyes $15bn Hong Kong listing in boost for troubled city council",  # a long headline
        "Lush retail store expected to open in February at River Park Square near the council …",  # a teaser cut short
    ],
)
def test_a_teaser_sharing_a_common_word_with_the_article_is_off_topic(teaser):
    # One word of four or five in the article ("council") is enough for prose, not for a line of these shapes.
    assert _marked(SCHOOL[:1] + [teaser] + SCHOOL[1:]) == {teaser: boilerplate.OFF_TOPIC}


@pytest.mark.parametrize(
    "sentence",
    [
        "The council met on Monday to vote on the school buildings and you could feel the anger.",  # shares enough of the article
        "You can't build schools with promises, the council leader told parents.",  # reported speech
        "Will the school buildings be ready before the summer?",  # a question on the article's words
        "Parents welcomed the school plan but the council did not say when work on the buildings will start",
    ],
)
def test_an_article_paragraph_of_a_teasers_shape_is_kept(sentence):
    assert _marked(SCHOOL[:1] + [sentence] + SCHOOL[1:]) == {}


def test_an_article_that_speaks_to_its_reader_keeps_its_second_person():
    how_to = [
        "Put the party snacks on a plate so you know how many snacks you eat.",
        "Drink a glass of water before you eat the party snacks.",
        "Water fills your belly and keeps your hands away from the snacks on the plate.",
        "Choose one or two party snacks and put them on your plate.",
        "Swap the potato chips on your plate for carrot sticks and drink more water.",
        "Your hands stay busy with a glass of water at the party.",
        "The party can be fun without the snacks.",
    ]
    assert _marked(how_to) == {}
    notice = "You can change your selections at any time."
    assert _marked(SCHOOL[:1] + [notice] + SCHOOL[1:]) == {notice: boilerplate.OFF_TOPIC}


def test_a_line_opening_with_a_quoted_name_is_no_quotation():
    teaser = "‘Wilderless’ is the Gorgeous New Open World Game from the Maker of ‘Nimian Legends’"
    assert not boilerplate.quotation(teaser)
    assert boilerplate.quotation("'I'm very, very pleased.") and boilerplate.quotation("“I love you,” she said.")
    assert _marked(SCHOOL[:1] + [teaser] + SCHOOL[1:]) == {teaser: boilerplate.OFF_TOPIC}


def test_a_headline_in_title_case_is_no_first_piece_of_a_broken_sentence():
    # A linked headline injected between the two pieces of a sentence broken over paragraphs.
    headline = "All You Need to Know About the Challenges and Implications for Saudi Aramco's IPO"
    pieces = ["A council spokesman said; ‘Tony wanted to do it", headline, "but his side are playing on Friday night and he could not get back.’"]
    marked = _marked(SCHOOL[:3] + pieces + SCHOOL[3:])
    assert marked.get(headline) == boilerplate.BARE
    # A piece in Title Case that opens a quotation the next one closes is still a piece.
    assert _marked(SCHOOL[:3] + ['Like "Danny Boy" or "Streets of Laredo" or "Shenandoah', '," it is eternal.'] + SCHOOL[3:]) == {}


def test_each_line_of_a_stack_of_lines_is_judged_as_a_paragraph():
    # A line of the article's words stacked over a notice: together they share the article's words, the notice alone none.
    notice = "You can change your selections at any time."
    block = f"Councillors approved the school buildings plan on Monday.\n{notice}"
    document = analyse("\n\n".join(SCHOOL[:3] + [block] + SCHOOL[3:]), "english")
    marked = {document.sentences[i].text for i in boilerplate.furniture(document)}
    assert marked == {notice}
    # Prose wrapped over lines is judged as a whole: its sentences run over the line breaks.
    wrapped = "The council said on Monday\nthat the school buildings would\nbe finished by the summer."
    assert _marked(SCHOOL[:3] + [wrapped] + SCHOOL[3:]) == {}
