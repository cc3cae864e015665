"""Chinese, Japanese, Korean, Arabic, Hebrew and Hindi over HTTP: the catalogue, detection, offsets in every unit, word bounds."""

from __future__ import annotations

import json

import pytest

from .conftest import SHARED_DATA

SIX = {"chinese": "zh", "japanese": "ja", "korean": "ko", "arabic": "ar", "hebrew": "he", "hindi": "hi"}


def ud_text(language: str) -> str:
    """Its first UD documents of several sentences, as paragraphs, within the test app's text limit."""
    with (SHARED_DATA / "sbd" / f"ud_{language}.jsonl").open(encoding="utf-8") as lines:
        texts = [r["text"] for r in map(json.loads, lines) if len(r["sentences"]) > 2]
    return "\n\n".join(texts[:4])


def test_the_catalogue_lists_the_six_with_their_codes(client):
    listed = {lang["name"]: lang["code"] for lang in client.get("/v1/algorithms").get_json()["languages"]}
    assert {name: listed.get(name) for name in SIX} == SIX


@pytest.mark.parametrize("language", SIX)
@pytest.mark.parametrize("unit", ["codepoint", "utf16", "utf8"])
def test_detected_and_located_exactly_in_every_offset_unit(client, language, unit):
    text = ud_text(language)
    body = client.post("/v1/summarize", json={"text": text, "sentences": 2, "offset_unit": unit}).get_json()
    assert body["language"] == language and body["warnings"] == []
    encoded = {"codepoint": text, "utf16": text.encode("utf-16-le"), "utf8": text.encode("utf-8")}[unit]
    width = 2 if unit == "utf16" else 1
    for sentence in body["sentences"]:
        piece = encoded[sentence["offset"] * width : (sentence["offset"] + sentence["length"]) * width]
        decoded = piece if unit == "codepoint" else piece.decode("utf-16-le" if unit == "utf16" else "utf-8")
        assert decoded == sentence["text"]
    assert body["keywords"] and all(k["text"] in text for k in body["keywords"])


@pytest.mark.parametrize("language", ["chinese", "japanese"])
def test_max_words_counts_the_segmenters_words(client, language):
    text = ud_text(language)
    body = client.post("/v1/summarize", json={"text": text, "max_words": 40, "language": language}).get_json()
    # No white space inside these texts: str.split() would see one word per sentence.
    assert len(text.split()) < 10 < body["stats"]["input"]["words"]
    assert 0 < body["stats"]["summary"]["words"] <= 40
    assert body["stats"]["summary"]["words"] > len(body["summary"].split())


@pytest.mark.parametrize("language", SIX)
def test_max_chars_is_exact(client, language):
    text = ud_text(language)
    body = client.post("/v1/summarize", json={"text": text, "max_chars": 150, "language": language}).get_json()
    assert len(body["summary"]) <= 150 and body["stats"]["summary"]["characters"] == len(body["summary"])
