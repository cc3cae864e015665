"""The source stage: a text as it is, an HTML page reduced to its article (headline and body), never a network access."""

import json
import socket

import pytest

from bench.corpus import records
from service.text import source

PAGE = """<!DOCTYPE html><html><head><title>Council votes on schools | The Daily Example</title>
<meta property="og:title" content="Council votes on schools"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="logo">The Daily Example</div></header>
<article><h1>Council votes on schools</h1>
<p>The city council voted on Monday to spend four million pounds on new school buildings, ending a dispute that had lasted two years.</p>
<div class="ad">Advertisement</div>
<p>Councillors approved the plan by nine votes to three after a debate that ran late into the evening, the clerk said.</p>
<p>Parents who had campaigned for the buildings welcomed the decision and said work should start before the summer holidays.</p>
<p>The opposition said the money would have been better spent on roads, and promised to raise the matter again next year.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Mayor opens new bridge</a></li><li><a href="/b">Rain floods old town</a></li></ul></aside>
<section id="comments"><p>Great news for the kids!</p><p>What a waste of money.</p></section>
<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def test_a_text_is_its_own_article():
    article = source.read("The council met.", "Title", None)
    assert article == source.Article(text="The council met.", title="Title", origin=source.FROM_TEXT)


def test_a_page_gives_its_body_paragraphs_separated_by_blank_lines_and_its_headline():
    article = source.from_html(PAGE)
    assert article.origin == source.FROM_HTML and article.title == "Council votes on schools" and not article.warnings
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The city council voted on Monday")
    assert any(p.startswith("The opposition said") for p in paragraphs)
    for furniture in ("Home", "Sport", "Related stories", "Mayor opens new bridge", "Great news for the kids", "All rights reserved"):
        assert furniture not in article.text
    assert "\n\n\n" not in article.text and article.text == article.text.strip()


def test_the_callers_title_wins_over_the_pages_headline():
    assert source.from_html(PAGE, "Given").title == "Given"


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html></html>", "<script>alert(1)</script>", "<nav><a href='/'>Home</a></nav>", "\x00\x01\x02", "<p>\x00</p><footer>(c) 2024</footer>"],
)
def test_a_page_without_an_article_gives_an_empty_text_and_a_warning(html):
    article = source.from_html(html)
    assert article.text == "" and article.warnings == (source.NO_ARTICLE,)


def test_control_characters_do_not_reach_the_text():
    article = source.from_html("<html><body><article><p>" + "The council met\x00 on Monday\x07 and voted. " * 30 + "</p></article></body></html>")
    assert article.text and not any(c in article.text for c in "\x00\x07")


def test_the_title_in_the_tag_is_cut_from_its_site_name():
    page = PAGE.replace('<meta property="og:title" content="Council votes on schools">', "").replace("<h1>Council votes on schools</h1>", "")
    assert source.from_html(page).title == "Council votes on schools"


def test_extraction_opens_no_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a connection was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = PAGE.replace("<body>", '<body><img src="http://example.com/a.png"><iframe src="http://example.com/"></iframe>')
    assert source.from_html(page).text


def test_the_benchmark_pages_extract_close_to_their_gold_body():
    # The bar is a token F1 of 0.90 over the whole set (bench.articles); here a few pages
    # each, as a regression check that runs in seconds.
    from bench.articles import token_scores

    pages = [r for i, r in enumerate(records("html/article_extraction.jsonl")) if i < 10]
    scores = [token_scores(source.from_html(p["html"]).text, p["article_body"]) for p in pages]
    precision = sum(p for p, _ in scores if p is not None) / len(scores)
    recall = sum(r for _, r in scores) / len(scores)
    assert 2 * precision * recall / (precision + recall) >= 0.85
