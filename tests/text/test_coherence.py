"""Quotations and dangling openers: which sentences a summary must show together, on hand-made texts."""

from __future__ import annotations

import pytest

from service.text.analysis import analyse
from service.text.coherence import DATA, dangling, openers, quotation_links, ties
from service.text.languages import LANGUAGE_CODES, SUPPORTED_LANGUAGES
from service.text.pipeline import Bound, BoundKind, SummaryOptions, is_coherent, summarize
from service.text.rank import ALGORITHMS, DEFAULT_ALGORITHM


def units(text: str, language: str = "english") -> list[list[str]]:
    """The text's sentences grouped into quotations (a sentence alone outside one)."""
    document = analyse(text, language)
    linked = quotation_links(document)
    groups: list[list[str]] = []
    for sentence, tied in zip(document.sentences, linked, strict=True):
        if tied:
            groups[-1].append(sentence.text)
        else:
            groups.append([sentence.text])
    return groups


def openers_of(text: str, language: str = "english") -> list[str]:
    """The sentences of ``text`` that open with a word referring back."""
    document = analyse(text, language)
    return [s.text for s, refers in zip(document.sentences, dangling(document), strict=True) if refers]


# -- quotations ---------------------------------------------------------------------


def test_a_quotation_of_two_sentences_is_one_unit():
    text = (
        "Debt fell. “It's a seminal achievement that they cut debt so low. That gives them some head room "
        "to invest in growth now,” said Hannes Wittig. Shares rose."
    )
    assert units(text) == [
        ["Debt fell."],
        ["“It's a seminal achievement that they cut debt so low.", "That gives them some head room to invest in growth now,” said Hannes Wittig."],
        ["Shares rose."],
    ]


def test_a_question_inside_a_quotation_keeps_the_quotation_together():
    text = "Macron spoke, remarking, “Today, what do we have? Nothing.” He left."
    assert units(text) == [["Macron spoke, remarking, “Today, what do we have?", "Nothing.”"], ["He left."]]


def test_straight_quotes_are_read_by_the_words_around_them():
    text = 'He said: "We will win. We are strong." Then "the team" left. "Yes," she said.'
    assert units(text) == [
        ['He said: "We will win.', 'We are strong."'],
        ['Then "the team" left.'],
        ['"Yes," she said.'],
    ]


def test_a_quotation_of_several_paragraphs_opens_each_and_closes_the_last():
    # Texts that lost their paragraph breaks keep the marks: "A. "B. C." is one quotation.
    text = '"It is tough to play Andre. "I did not want him to play his game. He makes you run." And Agassi lost.'
    assert units(text) == [
        ['"It is tough to play Andre.', '"I did not want him to play his game.', 'He makes you run."'],
        ["And Agassi lost."],
    ]


def test_a_quotation_open_at_the_end_of_its_paragraph_runs_to_the_end_of_it():
    text = "Intro line here.\n\nHe said: “We will win. We are strong.\n\n“We will not stop,” he added."
    assert units(text) == [["Intro line here."], ["He said: “We will win.", "We are strong."], ["“We will not stop,” he added."]]


def test_a_stray_closing_mark_ties_nothing():
    assert units("It was 5 feet 10” tall. It fell. Nobody saw it.") == [
        ["It was 5 feet 10” tall."],
        ["It fell."],
        ["Nobody saw it."],
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("german", "Er sagte: „Wir gewinnen. Wir sind stark.“ Dann ging er.", [["Er sagte: „Wir gewinnen.", "Wir sind stark.“"], ["Dann ging er."]]),
        ("french", "Il a dit : « Nous gagnerons. Nous sommes forts. » Puis il est parti.", [["Il a dit : « Nous gagnerons.", "Nous sommes forts. »"], ["Puis il est parti."]]),
        ("danish", "Han sagde: »Vi vinder. Vi er stærke.« Så gik han.", [["Han sagde: »Vi vinder.", "Vi er stærke.«"], ["Så gik han."]]),
    ],
)
def test_quotation_marks_of_other_languages(language, text, expected):
    assert units(text, language) == expected


# -- dangling openers ---------------------------------------------------------------


def test_pronouns_demonstratives_and_connectives_refer_back():
    text = (
        "Smith resigned on Monday. He said the job was done. However, the board disagreed. "
        "This surprised nobody. It's over now. The board met again."
    )
    assert openers_of(text) == [
        "He said the job was done.",
        "However, the board disagreed.",
        "This surprised nobody.",
        "It's over now.",
    ]


def test_a_phrase_refers_back_only_before_a_comma():
    text = "Rain fell. In addition, the river rose. In addition to rain, snow fell. As a result, roads closed."
    assert openers_of(text) == ["In addition, the river rose.", "As a result, roads closed."]


def test_the_first_sentence_and_one_opening_with_a_quotation_mark_need_nothing():
    assert openers_of("He won. “He is the best,” she said. (He smiled.)") == []


def test_other_languages_have_their_own_openers():
    assert openers_of("Der Rat tagte. Er beschloss nichts. Außerdem regnete es.", "german") == [
        "Er beschloss nichts.",
        "Außerdem regnete es.",
    ]
    assert openers_of("Le conseil s'est réuni. Cependant, rien n'a changé.", "french") == ["Cependant, rien n'a changé."]


def test_a_run_reaches_back_through_every_antecedent_and_its_quotation():
    document = analyse("Smith spoke. He said: “We will win. We are strong.” But rain fell. Nobody came.")
    t = ties(document)
    assert t.unit_start == (0, 1, 1, 3, 4)
    assert t.unit_end == (0, 2, 2, 3, 4)
    assert t.block_start == (0, 0, 0, 0, 4)


def test_the_title_ends_every_run_before_it():
    document = analyse("Big News\n\nHe said it was big. It was.", title="Big News")
    assert ties(document, frozenset({0})).block_start == (0, 1, 1)


# -- the data files -----------------------------------------------------------------


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_language_has_a_list_of_openers_with_its_source(language):
    path = DATA / f"{LANGUAGE_CODES[language]}.txt"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith(f"# {language} ") and "Source:" in header and "licence:" in header
    entries = [line for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    known = openers(language)
    # Every entry is one word or a phrase of the language's words, none lost in the reading.
    assert len(known.words) + sum(len(p) for p in known.phrases.values()) == len(set(entries))
    assert known.words


def test_every_openers_file_is_a_supported_language():
    assert sorted(p.stem for p in DATA.glob("*.txt")) == sorted(LANGUAGE_CODES.values())


# -- the pipeline's rule ------------------------------------------------------------


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_the_default_algorithm_alone_is_coherent_unless_the_request_says(algorithm):
    def options(coherent):
        return SummaryOptions(text="x", algorithm=algorithm, bound=Bound(BoundKind.SENTENCES, 1), coherent=coherent)

    assert is_coherent(options(None)) == (algorithm == DEFAULT_ALGORITHM)
    assert is_coherent(options(True)) is True
    assert is_coherent(options(False)) is False


def test_a_request_for_coherence_keeps_a_lead_quotation_whole():
    text = "“We will win. We are strong,” the coach said on Monday.\n\nRain fell on the stadium all day long."
    plain = summarize(SummaryOptions(text=text, algorithm="lead", bound=Bound(BoundKind.SENTENCES, 1), language="english"))
    assert plain.summary == "“We will win."
    coherent = summarize(
        SummaryOptions(text=text, algorithm="lead", bound=Bound(BoundKind.SENTENCES, 1), language="english", coherent=True)
    )
    assert coherent.summary == "Rain fell on the stadium all day long."
    two = summarize(SummaryOptions(text=text, algorithm="lead", bound=Bound(BoundKind.SENTENCES, 2), language="english", coherent=True))
    assert two.summary == "“We will win. We are strong,” the coach said on Monday."
