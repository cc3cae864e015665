"""language "auto" over HTTP: the default, the fallback setting, explicit languages, the batch and the catalogue."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from service import create_app
from service.settings import Settings

from .conftest import SHARED_DATA


def ud_documents(language: str, shortest: int = 200) -> list[str]:
    with (SHARED_DATA / "sbd" / f"ud_{language}.jsonl").open(encoding="utf-8") as lines:
        return [r["text"] for r in map(json.loads, lines) if len(r["text"]) >= shortest]


@pytest.fixture
def german_fallback_client():
    return create_app(Settings(default_language="german")).test_client()


def test_a_spanish_article_without_language_is_detected(client):
    text = ud_documents("spanish")[0]
    body = client.post("/v1/summarize", json={"text": text, "sentences": 1}).get_json()
    assert body["language"] == "spanish" and body["warnings"] == []


@pytest.mark.parametrize("language", ["czech", "finnish", "greek", "norwegian", "russian", "turkish"])
def test_auto_said_outright_is_the_same_as_the_default(client, language):
    text = ud_documents(language)[0]
    implicit = client.post("/v1/summarize", json={"text": text}).get_json()
    explicit = client.post("/v1/summarize", json={"text": text, "language": "auto"}).get_json()
    assert implicit == explicit and implicit["language"] == language


def test_an_explicit_language_wins_over_detection(client):
    text = ud_documents("spanish")[0]
    body = client.post("/v1/summarize", json={"text": text, "language": "english", "sentences": 1}).get_json()
    assert body["language"] == "english" and body["warnings"] == []


def test_a_short_text_gets_the_configured_fallback_and_a_warning(german_fallback_client):
    body = german_fallback_client.post("/v1/summarize", json={"text": "Short one."}).get_json()
    assert body["language"] == "german"
    assert body["warnings"][0] == "The text is too short to detect its language (fewer than 20 letters): summarized as german."
    # given, the language is used as it is, with no warning about it
    body = german_fallback_client.post("/v1/summarize", json={"text": "Short one.", "language": "english"}).get_json()
    assert body["language"] == "english" and not any("language" in w for w in body["warnings"])


def indonesian_article() -> str:
    """An article from an Indonesian-language site (the article-extraction set): a language the service does not support."""
    with (SHARED_DATA / "html" / "article_extraction.jsonl").open(encoding="utf-8") as lines:
        bodies = [p["article_body"] for p in map(json.loads, lines) if "kabarislamia.com" in p["url"]]
    return min(bodies, key=len)


def test_an_unsupported_language_is_summarized_with_the_fallback_never_a_5xx(client):
    text = indonesian_article()
    response = client.post("/v1/summarize", json={"text": text, "sentences": 2})
    assert response.status_code == 200
    body = response.get_json()
    assert body["language"] == "english"
    assert body["warnings"][0] == "The text looks like Indonesian (id), which is not supported: summarized as english."
    assert body["sentences"] and body["summary"]


def test_plain_text_requests_detect_too_and_say_so_in_the_header(client):
    spanish = ud_documents("spanish")[0].encode()
    response = client.post("/v1/summarize", data=spanish, headers={"Content-Type": "text/plain"})
    assert response.get_json()["language"] == "spanish"
    response = client.post("/v1/summarize", data=b"Tiny text.", headers={"Content-Type": "text/plain", "Accept": "text/plain"})
    warnings = [unquote(member[2:-1]) for member in response.headers["X-Summary-Warnings"].split(", ")]
    assert "too short to detect its language" in warnings[0]
    response = client.post("/v1/summarize?language=spanish&sentences=1", data=b"Tiny text.", headers={"Content-Type": "text/plain", "Accept": "text/plain"})
    assert "X-Summary-Warnings" not in response.headers


def test_a_batch_detects_each_document_on_its_own(client):
    documents = [
        {"id": "es", "text": ud_documents("spanish")[0]},
        {"id": "de", "text": ud_documents("german")[0]},
        {"id": "short", "text": "Too short."},
        {"id": "id", "text": indonesian_article()},
        {"id": "hi", "text": ud_documents("hindi")[0]},
        {"id": "fi", "text": ud_documents("finnish")[0]},
    ]
    response = client.post("/v1/summarize/batch", json={"documents": documents, "sentences": 1})
    assert response.status_code == 200
    results = {r["id"]: r["result"] for r in response.get_json()["results"]}
    assert {k: r["language"] for k, r in results.items()} == {
        "es": "spanish", "de": "german", "short": "english", "id": "english", "hi": "hindi", "fi": "finnish"
    }  # fmt: skip
    assert results["es"]["warnings"] == results["de"]["warnings"] == results["fi"]["warnings"] == []
    assert "too short" in results["short"]["warnings"][0]
    assert "Indonesian (id)" in results["id"]["warnings"][0] and results["hi"]["warnings"] == []
    # an explicit language applies to every document
    response = client.post("/v1/summarize/batch", json={"documents": documents[:2], "sentences": 1, "language": "italian"})
    assert [r["result"]["language"] for r in response.get_json()["results"]] == ["italian", "italian"]


def test_the_catalogue_lists_auto_as_the_default_and_the_fallback(german_fallback_client):
    body = german_fallback_client.get("/v1/algorithms").get_json()
    assert body["languages"][0] == {"name": "auto", "code": None, "default": True}
    assert [lang["name"] for lang in body["languages"] if lang["default"]] == ["auto"]
    assert body["defaults"]["language"] == "auto" and body["defaults"]["fallback_language"] == "german"


def test_the_fallback_setting_is_read_and_checked():
    assert Settings.from_env({}).default_language == "english"
    assert Settings.from_env({"SUMMARIZER_DEFAULT_LANGUAGE": "french"}).default_language == "french"
    with pytest.raises(ValueError, match="SUMMARIZER_DEFAULT_LANGUAGE must be one of"):
        Settings.from_env({"SUMMARIZER_DEFAULT_LANGUAGE": "auto"})
    with pytest.raises(ValueError, match="SUMMARIZER_DEFAULT_LANGUAGE"):
        Settings.from_env({"SUMMARIZER_DEFAULT_LANGUAGE": "klingon"})
