"""HTML in over HTTP: a JSON ``html`` or a text/html body, its article summarized, ``extracted_text`` and ``title`` in the answer."""

from __future__ import annotations

import json

import pytest

from service import create_app
from service.settings import Settings
from service.text import source
from tests.conftest import SHARED_DATA
from tests.text.test_source import PAGE

PAGES = SHARED_DATA / "html" / "article_extraction.jsonl"
HEADLINE = "Council votes on schools"


def post_html(client, page: str | bytes, query: str = "", content_type: str = "text/html; charset=utf-8", **headers):
    body = page.encode("utf-8") if isinstance(page, str) else page
    return client.post(f"/v1/summarize{query}", data=body, headers={"Content-Type": content_type, **headers})


def assert_offsets_index(answer: dict) -> None:
    text = answer["extracted_text"]
    for sentence in answer["sentences"]:
        assert text[sentence["offset"] : sentence["offset"] + sentence["length"]] == sentence["text"]


def test_a_json_html_is_summarized_from_its_article(client):
    answer = client.post("/v1/summarize", json={"html": PAGE, "sentences": 2, "keywords": 5}).get_json()
    assert list(answer) == ["summary", "sentences", "keywords", "algorithm", "language", "stats", "warnings", "title", "extracted_text"]
    assert answer["title"] == HEADLINE
    assert answer["extracted_text"].startswith("The city council voted on Monday")
    assert "\n\n" in answer["extracted_text"] and "Related stories" not in answer["extracted_text"]
    assert len(answer["sentences"]) == 2 and answer["warnings"] == []
    assert_offsets_index(answer)
    # The stats count the extracted article, not the page.
    assert answer["stats"]["input"]["characters"] == len(answer["extracted_text"])
    assert answer["stats"]["input"]["words"] == len(answer["extracted_text"].split())
    assert not {k["text"].lower() for k in answer["keywords"]} & {"home", "sport", "copyright", "privacy", "advertisement"}


def test_a_text_html_body_takes_its_options_from_the_query(client):
    response = post_html(client, PAGE, "?sentences=1&keywords=3&algorithm=lead")
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["algorithm"] == "lead" and len(answer["sentences"]) == 1 and len(answer["keywords"]) == 3
    assert answer["sentences"][0]["text"].startswith("The city council voted on Monday")
    assert answer["title"] == HEADLINE
    assert_offsets_index(answer)


def test_the_json_and_the_text_html_answers_agree(client):
    by_json = client.post("/v1/summarize", json={"html": PAGE, "sentences": 2}).get_json()
    by_body = post_html(client, PAGE, "?sentences=2").get_json()
    assert by_json == by_body


def test_the_callers_title_wins_over_the_pages_headline(client):
    answer = client.post("/v1/summarize", json={"html": PAGE, "title": "Schools win", "sentences": 1}).get_json()
    assert answer["title"] == "Schools win"


def test_plain_text_answer_of_a_page(client):
    response = post_html(client, PAGE, "?sentences=2", Accept="text/plain")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert len(lines) == 2 and lines[0].startswith("The city council voted on Monday")


def test_a_text_request_has_no_extracted_text_and_its_title(client):
    answer = client.post("/v1/summarize", json={"text": "The council met on Monday. It voted.", "title": "Votes"}).get_json()
    assert "extracted_text" not in answer and answer["title"] == "Votes"
    answer = client.post("/v1/summarize", json={"text": "The council met on Monday. It voted."}).get_json()
    assert answer["title"] is None


def test_the_texts_headline_line_is_the_title(client, sample_text):
    # The sample article opens with a headline line of its own, without final punctuation.
    answer = client.post("/v1/summarize", json={"text": sample_text, "sentences": 3}).get_json()
    headline = sample_text.split("\n", 1)[0].strip()
    assert answer["title"] == headline
    assert all(headline not in s["text"] for s in answer["sentences"])


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"text": "The council met.", "html": "<p>The council met.</p>"}, {"text", "html"}),
        ({"sentences": 1}, {"text"}),
        ({"html": 12}, {"html"}),
        ({"html": None}, {"html"}),
        ({"html": "   "}, {"html"}),
    ],
)
def test_exactly_one_of_text_and_html(client, body, fields):
    response = client.post("/v1/summarize", json=body)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert set(response.get_json()["errors"]) == fields


def test_html_in_the_query_string_is_refused(client):
    response = post_html(client, "<p>The council met.</p>", "?html=x")
    assert response.status_code == 422 and set(response.get_json()["errors"]) == {"html"}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        # The Content-Type's charset, the byte-order mark's, the page's own <meta charset>.
        (f"<html><body><article><p>Caf\u00e9 owners met on Monday to talk about the new rules for the square.</p></article></body></html>".encode("cp1252"), "text/html; charset=windows-1252"),
        ("\ufeff<p>Caf\u00e9 owners met on Monday to talk about the new rules for the square.</p>".encode("utf-16"), "text/html"),
        ('<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9 owners met on Monday to talk about the new rules for the square.</p></body></html>'.encode("cp1252"), "text/html"),
        ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>Caf\u00e9 owners met on Monday to talk about the new rules for the square.</p></body></html>'.encode("latin-1"), "text/html"),
    ],
    ids=["content-type", "bom", "meta charset", "meta http-equiv"],
)
def test_a_pages_charset_is_read(client, body, content_type):
    response = post_html(client, body, content_type=content_type)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Caf\u00e9 owners met" in response.get_json()["extracted_text"]


def test_a_page_that_does_not_decode_is_a_400_and_an_unknown_charset_a_415(client):
    assert post_html(client, b"<p>caf\xe9 \xff</p>").status_code == 400
    response = post_html(client, b"<p>x</p>", content_type="text/html; charset=klingon-8")
    assert response.status_code == 415 and response.mimetype == "application/problem+json"


@pytest.mark.parametrize(
    ("page", "text"),
    [
        ("<p>The council met on Monday.</p>", "The council met on Monday."),
        ("The council met on Monday.", "The council met on Monday."),
        ("<div>The council met on Monday.<div>It voted.</div></div><nav><p>Home</p></nav>", "The council met on Monday.\n\nIt voted."),
    ],
    ids=["one paragraph", "words without tags", "divs"],
)
def test_a_fragment_too_short_for_an_article_is_read_as_it_is(client, page, text):
    answer = client.post("/v1/summarize", json={"html": page, "sentences": 1, "language": "english"}).get_json()
    assert answer["extracted_text"] == text and source.NO_ARTICLE not in answer["warnings"]
    assert answer["sentences"][0]["text"] == text.split("\n\n")[0]


def test_a_page_without_an_article_is_an_empty_summary_with_a_warning(client):
    page = "<html><body><nav><ul>" + "<li><a href='/x'>Home</a></li>" * 50 + "</ul></nav><script>alert(1)</script></body></html>"
    answer = client.post("/v1/summarize", json={"html": page}).get_json()
    assert answer["summary"] == "" and answer["sentences"] == [] and answer["extracted_text"] == ""
    assert answer["warnings"]


def test_an_article_past_the_text_limit_is_a_422_naming_html():
    app = create_app(Settings(max_body_bytes=256 * 1024, max_text_length=2_000))
    paragraphs = "".join(f"<p>On day {day} the council met again and voted on the plan for the new schools, clause by clause, until late.</p>" for day in range(40))
    response = app.test_client().post("/v1/summarize", json={"html": "<html><body><article>" + paragraphs + "</article></body></html>"})
    assert response.status_code == 422
    assert "longer than the maximum of 2000 characters" in response.get_json()["errors"]["html"][0]


def test_a_batch_takes_html_documents_beside_text_ones(client):
    response = client.post(
        "/v1/summarize/batch",
        json={"documents": [{"id": "page", "html": PAGE}, {"id": "text", "text": "The council met on Monday. It voted."}, {"id": "both", "text": "x", "html": "<p>x</p>"}], "sentences": 1},
    )
    assert response.status_code == 200
    results = {r["id"]: r for r in response.get_json()["results"]}
    assert results["page"]["status"] == 200 and results["page"]["result"]["title"] == HEADLINE
    assert_offsets_index(results["page"]["result"])
    assert results["text"]["status"] == 200 and "extracted_text" not in results["text"]["result"]
    assert results["both"]["status"] == 422 and set(results["both"]["problem"]["errors"]) == {"text", "html"}


def test_real_pages_are_summarized_with_exact_offsets_into_their_article():
    # The first pages of the article-extraction benchmark (real news pages), as a client sends them.
    app = create_app(Settings())
    client = app.test_client()
    with PAGES.open(encoding="utf-8") as lines:
        pages = [json.loads(line) for _, line in zip(range(5), lines)]
    for page in pages:
        response = post_html(client, page["html"], "?sentences=3")
        assert response.status_code == 200, page["url"]
        answer = response.get_json()
        assert len(answer["sentences"]) == 3, page["url"]
        assert_offsets_index(answer)
        # Most of the extracted text's words are the gold body's (the benchmark measures it in full).
        gold = set(page["article_body"].split())
        words = answer["extracted_text"].split()
        assert sum(w in gold for w in words) >= 0.8 * len(words), page["url"]
