"""Every supported language, on a real paragraph: it splits into the right sentences and summarizes, offline."""

from __future__ import annotations

import pytest

from service.errors import UnsupportedLanguage
from service.text.analysis import analyse
from service.text.languages import LANGUAGE_CODES, SUPPORTED_LANGUAGES, get_language
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize

#: A short natural paragraph per language, one sentence per item.
PARAGRAPHS: dict[str, list[str]] = {
    "czech": [
        "Praha je hlavní město České republiky.",
        "Každý rok ji navštíví miliony turistů z celého světa.",
        "Nejznámější památkou je Pražský hrad, který stojí nad řekou Vltavou.",
        "Večer se lidé procházejí po Karlově mostě.",
    ],
    "danish": [
        "København er Danmarks hovedstad og største by.",
        "Byen ligger på øerne Sjælland og Amager.",
        "Mange indbyggere cykler på arbejde hver dag, også om vinteren.",
        "Om sommeren bader folk i havnen.",
    ],
    "dutch": [
        "Amsterdam is de hoofdstad van Nederland.",
        "De stad is beroemd om haar grachten en smalle huizen.",
        "Elk jaar bezoeken miljoenen toeristen het Rijksmuseum.",
        "Veel inwoners gaan met de fiets naar hun werk.",
    ],
    "english": [
        "The city council approved a new budget for public transport on Tuesday.",
        "Bus fares will stay the same for another year.",
        "The mayor said the plan would cut traffic in the city centre.",
        "Critics argued that the money should go to schools instead.",
    ],
    "estonian": [
        "Tallinn on Eesti pealinn ja suurim linn.",
        "Vanalinn on kantud UNESCO maailmapärandi nimekirja.",
        "Igal suvel külastavad linna tuhanded turistid.",
        "Talvel on ilm sageli külm ja tuuline.",
    ],
    "finnish": [
        "Helsinki on Suomen pääkaupunki ja suurin kaupunki.",
        "Kaupunki sijaitsee Suomenlahden rannalla.",
        "Kesällä monet ihmiset viettävät aikaa saaristossa.",
        "Talvella meri jäätyy usein kokonaan.",
    ],
    "french": [
        "Paris est la capitale de la France.",
        "La ville attire chaque année des millions de visiteurs.",
        "Le musée du Louvre abrite la célèbre Joconde.",
        "Le soir, les habitants se promènent le long de la Seine.",
    ],
    "german": [
        "Berlin ist die Hauptstadt Deutschlands.",
        "Die Stadt hat rund dreieinhalb Millionen Einwohner.",
        "Viele Touristen besuchen jedes Jahr das Brandenburger Tor.",
        "Im Sommer sitzen die Menschen gern in den Biergärten an der Spree.",
    ],
    "greek": [
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
        "Η πόλη είναι γνωστή για την Ακρόπολη και τον Παρθενώνα.",
        "Κάθε χρόνο εκατομμύρια τουρίστες επισκέπτονται τα μουσεία της.",
        "Το καλοκαίρι η θερμοκρασία συχνά ξεπερνά τους τριάντα πέντε βαθμούς.",
    ],
    "italian": [
        "Roma è la capitale d'Italia.",
        "La città è famosa per il Colosseo e per i suoi antichi monumenti.",
        "Ogni anno milioni di turisti visitano i Musei Vaticani.",
        "La sera i romani passeggiano nelle piazze del centro.",
    ],
    "norwegian": [
        "Oslo er hovedstaden i Norge.",
        "Byen ligger innerst i Oslofjorden.",
        "Mange innbyggere går på ski i marka om vinteren.",
        "Operahuset er et populært mål for turister fra hele verden.",
    ],
    "polish": [
        "Kraków jest jednym z najstarszych miast w Polsce.",
        "Na Wawelu stoi zamek królewski i katedra.",
        "Każdego roku miasto odwiedzają miliony turystów.",
        "Wieczorem ludzie spacerują po Rynku Głównym.",
    ],
    "portuguese": [
        "Lisboa é a capital de Portugal.",
        "A cidade fica junto ao rio Tejo.",
        "Todos os anos milhões de turistas visitam a Torre de Belém.",
        "À noite, muitas pessoas ouvem fado nos bairros antigos.",
    ],
    "russian": [
        "Москва является столицей России.",
        "В городе живут более двенадцати миллионов человек.",
        "Каждый год туристы посещают Красную площадь и Кремль.",
        "Зимой в парках заливают большие катки.",
    ],
    "spanish": [
        "Madrid es la capital de España.",
        "La ciudad tiene algunos de los museos más importantes de Europa.",
        "Cada año millones de turistas visitan el Museo del Prado.",
        "Por la noche, la gente llena las terrazas del centro.",
    ],
    "swedish": [
        "Stockholm är Sveriges huvudstad.",
        "Staden är byggd på fjorton öar.",
        "Varje år besöker många turister Vasamuseet.",
        "På sommaren badar folk i Mälaren mitt i staden.",
    ],
    "turkish": [
        "İstanbul, Türkiye'nin en kalabalık şehridir.",
        "Şehir, Avrupa ve Asya kıtaları arasında yer alır.",
        "Her yıl milyonlarca turist Ayasofya'yı ziyaret eder.",
        "Akşamları insanlar Boğaz kıyısında yürüyüş yapar.",
    ],
}


def test_every_supported_language_has_a_paragraph_here():
    assert set(PARAGRAPHS) == set(SUPPORTED_LANGUAGES)
    assert len(SUPPORTED_LANGUAGES) == 17
    assert all(len(code) == 2 for code in LANGUAGE_CODES.values())


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_paragraph_splits_into_its_sentences(language):
    text = " ".join(PARAGRAPHS[language])
    document = analyse(text, language)
    assert [s.text for s in document.sentences] == PARAGRAPHS[language]


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_paragraph_summarizes_with_stems_and_stop_words_of_its_language(language):
    text = " ".join(PARAGRAPHS[language])
    resources = get_language(language)
    assert len(resources.stop_words) >= 30
    result = summarize(SummaryOptions(text=text, algorithm="lex-rank", bound=Bound(BoundKind.SENTENCES, 2), language=language, keywords=5))
    assert result.language == language
    assert len(result.sentences) == 2
    for pick in result.sentences:
        assert pick.sentence.text in PARAGRAPHS[language]
        assert text[pick.sentence.start : pick.sentence.end] == pick.sentence.text
    assert result.keywords
    for keyword in result.keywords:
        assert keyword.text.lower() not in resources.stop_words
    # The stemmer is the language's own: it does not leave every word as it is.
    words = [t.norm for s in analyse(text, language).sentences for t in s.tokens if t.alpha]
    assert any(resources.stem(w) != w for w in words)


@pytest.mark.parametrize("name", ["klingon", "English", "en", "slovene", "malayalam", ""])
def test_unsupported_language_names_the_supported_ones(name):
    with pytest.raises(UnsupportedLanguage) as caught:
        get_language(name)
    assert caught.value.supported == SUPPORTED_LANGUAGES
