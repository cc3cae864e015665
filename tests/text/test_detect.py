"""Language detection (language "auto"), on real text read from ../shared/data at test time."""

from __future__ import annotations

import json
from functools import cache

import pytest

from service.text import detect
from service.text.detect import AUTO, MIN_LETTERS, SAMPLE_CHARACTERS, choose_language
from service.text.languages import LANGUAGE_CODES, SUPPORTED_LANGUAGES
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize

from ..conftest import REPO, SHARED_DATA

#: Languages with UD files that the service does not support (yet).
UD_FORMERLY_UNSUPPORTED = {"arabic": "ar", "chinese": "zh", "hebrew": "he", "hindi": "hi", "japanese": "ja", "korean": "ko"}


@cache
def ud_records(language: str) -> tuple[dict, ...]:
    with (SHARED_DATA / "sbd" / f"ud_{language}.jsonl").open(encoding="utf-8") as lines:
        return tuple(json.loads(line) for line in lines)


def ud_texts(language: str, shortest: int, longest: int | None = None) -> list[str]:
    return [r["text"] for r in ud_records(language) if len(r["text"]) >= shortest and (longest is None or len(r["text"]) < longest)]


def ud_sentences(language: str, shortest: int, longest: int) -> list[str]:
    return [s for r in ud_records(language) for s in r["sentences"] if shortest <= len(s) < longest]


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_auto_picks_the_right_language_for_ud_documents(language):
    # issue 13's goals: 99% of the documents of 200+ characters, 97% of those of 50-199, in every language
    for shortest, longest, goal in ((200, None, 0.99), (50, 200, 0.97)):
        texts = ud_texts(language, shortest, longest)
        if not texts:  # Dutch, Estonian, Greek and Norwegian have no short documents: their sentences stand in
            texts = ud_sentences(language, shortest, longest)
            goal = 0.95
        found = [detect.detect(text, "english") for text in texts]
        right = sum(f.language == language and f.warning is None for f in found)
        assert right / len(texts) >= goal, (language, shortest, right, len(texts))


def test_a_spanish_article_without_language_is_summarized_as_spanish():
    text = max(ud_texts("spanish", 200), key=len)
    summary = summarize(SummaryOptions(text=text, algorithm="pyramid", bound=Bound(BoundKind.SENTENCES, 1), language=AUTO))
    assert summary.language == "spanish"
    assert summary.warnings == ()
    # and the Spanish resources were used: its stop words are no keywords
    assert not {k.text.lower() for k in summary.keywords} & {"de", "que", "el", "la", "los", "en"}


def test_an_explicit_language_always_wins():
    text = max(ud_texts("spanish", 200), key=len)
    assert choose_language(text, "english", "german") == ("english", ())
    summary = summarize(SummaryOptions(text=text, algorithm="lead", bound=Bound(BoundKind.SENTENCES, 1), language="italian"))
    assert summary.language == "italian" and summary.warnings == ()


def test_a_short_text_falls_back_to_the_default_language_with_a_warning():
    # the first words of a German UD document, as long as they have fewer letters than the minimum
    words = []
    for word in ud_texts("german", 200)[0].split():
        if sum(c.isalpha() for c in " ".join([*words, word])) >= MIN_LETTERS:
            break
        words.append(word)
    short = " ".join(words)
    assert len(words) >= 2
    language, warnings = choose_language(short, AUTO, "french")
    assert language == "french"
    assert len(warnings) == 1 and "too short" in warnings[0] and "french" in warnings[0]
    summary = summarize(SummaryOptions(text=short, algorithm="lead", bound=Bound(BoundKind.SENTENCES, 1), language=AUTO, fallback_language="french"))
    assert summary.language == "french" and summary.warnings[0] == warnings[0]


def test_an_unsure_detection_falls_back_with_a_warning():
    # Real sentences of five languages, one after the other: no language wins.
    mixed = " ".join(min(ud_sentences(language, 20, 60), key=len) for language in ("english", "german", "french", "finnish", "polish"))
    found = detect.detect(mixed, "english")
    assert found.confidence < detect.MIN_CONFIDENCE
    assert found.language == "english" and "could not be detected with confidence" in found.warning


def indonesian_articles() -> list[str]:
    """The article-extraction set's pages from an Indonesian-language site: a language the service does not support."""
    with (SHARED_DATA / "html" / "article_extraction.jsonl").open(encoding="utf-8") as lines:
        pages = [json.loads(line) for line in lines]
    return [p["article_body"] for p in pages if "kabarislamia.com" in p["url"]]


def test_a_language_the_service_does_not_support_falls_back_and_is_named():
    # Every UD language is supported now (UD_FORMERLY_UNSUPPORTED were not before issue 16).
    assert set(UD_FORMERLY_UNSUPPORTED) <= set(SUPPORTED_LANGUAGES)
    text = max(indonesian_articles(), key=len)
    found = detect.detect(text, "english")
    assert found.code == "id"
    assert found.language == "english"
    assert "which is not supported" in found.warning and f"({found.code})" in found.warning
    assert detect.language_name(found.code) == "Indonesian"
    summary = summarize(SummaryOptions(text=text, algorithm="pyramid", bound=Bound(BoundKind.SENTENCES, 2), language=AUTO))
    assert summary.language == "english" and found.warning in summary.warnings and summary.sentences


def test_an_indonesian_article_falls_back_and_is_named():
    bodies = indonesian_articles()
    assert bodies
    for body in bodies:
        assert "id" not in LANGUAGE_CODES.values()
        language, warnings = choose_language(body, AUTO, "english")
        assert language == "english" and warnings == ("The text looks like Indonesian (id), which is not supported: summarized as english.",)


def test_nynorsk_counts_as_norwegian():
    assert detect._codes_to_names()["nn"] == "norwegian"
    # Norwegian UD sentences that the detector labels Nynorsk are summarized as Norwegian, not as the fallback.
    found = [detect.detect(s, "english") for s in ud_sentences("norwegian", 50, 200)]
    nynorsk = [f for f in found if f.code == "nn"]
    assert nynorsk
    sure = [f for f in nynorsk if f.confidence >= detect.MIN_CONFIDENCE]
    assert sure and all(f.language == "norwegian" and f.warning is None for f in sure)


def test_the_model_answers_as_py3langid_does():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = [s for language in ("english", "norwegian", "danish", "greek", "russian", "chinese", "hindi") for s in ud_sentences(language, 1, 1000)]
    texts += ["ALL CAPITALS ARE READ AS LOWER CASE", "re\u0301sume\u0301 des de\u0301cisions du comite\u0301"]
    compared = 0
    for text in texts:
        ours = detect.model().classify(text)
        if ours == (detect.NO_LANGUAGE, 0.0):  # no feature at all (digits only): py3langid returns a uniform guess
            assert stock.classify(text)[1] < 0.02
            continue
        label, confidence = stock.classify(text)
        assert ours[0] == label and abs(ours[1] - confidence) < 1e-4, text
        compared += 1
    assert compared > 2000


def test_a_label_the_model_has_twice_is_folded_as_py3langid_folds_it():
    # Serbian and Uzbek have two columns each in py3langid's model (two scripts): their probability is both columns'.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = detect.model()
    assert sorted(model.labels[kept] for kept, _ in model.aliases) == ["sr", "uz"]
    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Both scripts in one text: each column holds a share that counts (Uzbek's Latin one 0.22 of 0.97).
    texts = ["Влада Србије, Vlada Srbije", "Srbije Србије Srbije Србије", "Oʻzbekiston Ўзбекистон"]
    answers = [model.classify(text) for text in texts]
    assert [label for label, _ in answers] == ["sr", "sr", "uz"]
    for text, (label, confidence) in zip(texts, answers, strict=True):
        expected = stock.classify(text)
        assert label == expected[0] and abs(confidence - expected[1]) < 1e-4, text


def test_the_detector_reads_a_bounded_sample_of_a_long_text():
    spanish = " ".join(ud_texts("spanish", 200))
    assert len(spanish) > 20 * SAMPLE_CHARACTERS
    piece = detect.sample(spanish)
    assert len(piece) <= SAMPLE_CHARACTERS and spanish.startswith(piece) and spanish[len(piece)].isspace()
    # what comes after the sample does not change the answer
    assert detect.detect(spanish + " " + " ".join(ud_texts("english", 200)), "english").language == "spanish"
    # a text without spaces (Japanese) is cut at the limit
    japanese = "".join(ud_texts("japanese", 50))
    assert detect.sample(japanese) == japanese[:SAMPLE_CHARACTERS]


def test_the_model_ships_in_the_wheel_and_nothing_is_fetched():
    # A fresh interpreter whose sockets all fail loads the detector and detects Spanish.
    import subprocess
    import sys

    text = ud_texts("spanish", 200)[0]
    script = f"""
import socket
def refuse(*a, **k):
    raise OSError("network disabled in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
from service.text import detect
detect.preload()
print(detect.detect({text!r}, "english").language)
"""
    run = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "spanish"


def test_a_text_sent_again_is_answered_from_memory():
    text = ud_texts("spanish", 200)[0]
    detect.classify.cache_clear()
    first = detect.detect(text, "english")
    misses = detect.classify.cache_info().misses
    again = detect.detect(text, "english")
    info = detect.classify.cache_info()
    assert again == first and info.misses == misses and info.hits >= 1
    assert info.maxsize == detect.MEMO  # bounded: a worker remembers at most MEMO samples


def test_the_packed_walk_counts_what_py3langids_walk_counts():
    import io
    import lzma

    import numpy as np
    from py3langid import langid, modelio

    model = detect.model()
    with lzma.open(langid.MODEL_DIR / langid.MODEL_FILE) as packed, np.load(io.BytesIO(packed.read())) as data:
        nextmove, rows, output = modelio._to_array(data["nextmove"]), modelio._to_array(data["nextmove_row"]), data["out_feat"].tolist()
    rowbase = [row << 8 for row in rows]
    for text in ud_texts("greek", 200)[:5] + ud_texts("hindi", 200)[:5] + ["plain ASCII text, and digits 123"]:
        data = text.encode("utf-8")
        stock = langid.visit_counts(nextmove, rowbase, output, data)
        assert {feature - 1: count for feature, count in model._counts(data).items()} == dict(stock)
