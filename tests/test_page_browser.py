"""The try-it page in a real headless Chromium against gunicorn: paste an article, summarize, and the highlights are the summary's sentences."""

from __future__ import annotations

import json
import os
import urllib.request

import pytest

from .browser import CHROMIUM, Browser
from .conftest import SAMPLE_ARTICLE
from .live import REPORT, TEST_OUTPUT, gunicorn
from .test_security import KEY

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="chromium is not installed"),
]

READY = "(() => { const a = document.getElementById('algorithm'); return !!a && a.options.length > 0; })()"
DONE = "(() => { const s = document.getElementById('status').textContent; return s.startsWith('Summary ready') || s === 'No summary.'; })()"


def emoji_article(text: str) -> str:
    """The sample article with astral characters everywhere: emoji, a flag, a ZWJ family, mathematical letters."""
    return "🚀🚀 " + text.replace("Ukraine", "Ukraine 🇺🇦").replace("Putin", "Putin 🐻").replace("Trump", "𝐓𝐫𝐮𝐦𝐩").replace(" call", " call 📞👨‍👩‍👧")


def api(base: str, body: dict, key: str | None = None) -> dict:
    """POST /v1/summarize from outside the browser: what the page should show."""
    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {key}"} if key else {})
    request = urllib.request.Request(base + "/v1/summarize", data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def paste_and_summarize(browser: Browser, text: str) -> None:
    """Clear the article box, paste ``text`` into it and press Summarize with the keyboard."""
    browser.evaluate("(() => { const t = document.getElementById('text'); t.value = ''; t.focus(); })()")
    browser.insert_text(text)
    browser.evaluate("document.getElementById('status').textContent = ''")
    browser.evaluate("document.getElementById('summarize').focus()")
    browser.press("Enter")
    browser.wait_for(DONE)


def the_request(browser: Browser, text: str) -> dict:
    """The request the page sent, as the form stands (code point offsets, the default unit)."""
    form = browser.evaluate(
        "(() => { const v = (id) => document.getElementById(id).value;"
        " return {algorithm: v('algorithm'), language: v('language'), kind: v('bound-kind'), value: Number(v('bound-value')), keywords: Number(v('keywords'))}; })()"
    )
    return {"text": text, "algorithm": form["algorithm"], "language": form["language"], form["kind"]: form["value"], "keywords": form["keywords"], "ranking": "all"}


def shown(browser: Browser) -> dict:
    return browser.evaluate(
        "({chosen: Array.from(document.querySelectorAll('#article mark.chosen')).map(e => e.textContent),"
        " ranks: Array.from(document.querySelectorAll('#article mark.chosen')).map(e => Number(e.dataset.rank)),"
        " sentences: Array.from(document.querySelectorAll('#article .sentence')).map(e => e.textContent),"
        " scores: Array.from(document.querySelectorAll('#article .sentence')).map(e => Number(e.style.getPropertyValue('--score'))),"
        " article: document.getElementById('article').textContent, summary: document.getElementById('summary').textContent,"
        " keywords: Array.from(document.querySelectorAll('#keyword-list .chip')).map(e => e.firstChild.textContent),"
        " stats: document.getElementById('stats').textContent, error: document.getElementById('error').hidden})"
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    with gunicorn(tmp_path_factory.mktemp("page")) as (base, _):
        browser = Browser()
        try:
            browser.goto(base + "/")
            browser.wait_for(READY)
            yield base, browser
        finally:
            browser.close()


def check_highlights(base: str, browser: Browser, text: str) -> dict:
    """Summarize ``text`` on the page and compare what it shows with the API's own answer."""
    paste_and_summarize(browser, text)
    assert browser.evaluate("document.getElementById('text').value") == text
    expected = api(base, the_request(browser, text))
    seen = shown(browser)
    assert seen["error"] is True, browser.evaluate("document.getElementById('error').textContent")
    # The chosen sentences, highlighted where they stand, are exactly the returned ones.
    by_position = sorted(expected["sentences"], key=lambda s: s["index"])
    assert seen["chosen"] == [s["text"] for s in by_position]
    assert seen["ranks"] == [s["rank"] for s in by_position]
    assert seen["summary"] == expected["summary"]
    # Every sentence is its own shaded span over exactly its text, and the article is shown whole.
    assert seen["sentences"] == [text[r["offset"] : r["offset"] + r["length"]] for r in expected["ranking"]]
    assert seen["scores"] == [r["score"] for r in expected["ranking"]]
    assert seen["article"] == text
    assert seen["keywords"] == [k["text"] for k in expected["keywords"]]
    return expected


def test_the_sample_article_is_summarized_and_its_sentences_highlighted_in_place(page):
    base, browser = page
    expected = check_highlights(base, browser, SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    assert len(expected["sentences"]) == 3 and len(expected["ranking"]) == expected["stats"]["input"]["sentences"] > 3
    assert str(expected["stats"]["input"]["words"]) in shown(browser)["stats"]
    # A higher score is a darker shade: the computed backgrounds of the best and the worst unchosen sentence differ.
    alphas = browser.evaluate(
        "Array.from(document.querySelectorAll('#article span.sentence')).map(e => [Number(e.dataset.score),"
        " Number((getComputedStyle(e).backgroundColor.match(/[\\d.]+(?=\\))/) || [1])[0])])"
    )
    best, worst = max(alphas), min(alphas)
    assert best[0] > worst[0] and best[1] > worst[1]


def test_keywords_are_marked_in_the_article_on_hover_and_on_focus(page):
    base, browser = page
    keyword = browser.evaluate("document.querySelector('#keyword-list .chip').firstChild.textContent")
    marked = "Array.from(document.querySelectorAll('#article .kw.hit')).map(e => e.textContent)"
    browser.hover("#keyword-list .chip")
    hits = browser.evaluate(marked)
    assert hits and all(h.casefold() == keyword.casefold() for h in hits)
    shot = browser.screenshot(TEST_OUTPUT / "page-summary.png")
    REPORT.append(f"try-it page, sample article, first keyword hovered: {shot}")
    browser.hover("h1")
    assert browser.evaluate(marked) == []
    browser.evaluate("document.querySelectorAll('#keyword-list .chip')[1].focus()")
    second = browser.evaluate("document.querySelectorAll('#keyword-list .chip')[1].firstChild.textContent")
    hits = browser.evaluate(marked)
    assert hits and all(h.casefold() == second.casefold() for h in hits)
    browser.press("Enter")  # pressed: stays marked when the focus leaves
    assert browser.evaluate("document.querySelectorAll('#keyword-list .chip')[1].getAttribute('aria-pressed')") == "true"
    browser.evaluate("document.getElementById('summarize').focus()")
    assert browser.evaluate(marked)
    browser.evaluate("document.querySelectorAll('#keyword-list .chip')[1].click()")
    browser.evaluate("document.getElementById('summarize').focus()")
    assert browser.evaluate(marked) == []


def test_an_emoji_rich_article_is_highlighted_at_the_right_places(page):
    base, browser = page
    text = emoji_article(SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    expected = check_highlights(base, browser, text)
    # Code point offsets would have put the highlights elsewhere in a JavaScript string.
    sliced = browser.evaluate(f"{json.dumps([[s['offset'], s['length']] for s in expected['sentences']])}.map(([o, n]) => document.getElementById('text').value.slice(o, o + n))")
    assert sliced != [s["text"] for s in expected["sentences"]]
    REPORT.append(f"try-it page, emoji-rich article: {browser.screenshot(TEST_OUTPUT / 'page-emoji.png')}")


def test_the_form_is_reached_in_order_with_the_keyboard(page):
    base, browser = page
    browser.evaluate("document.getElementById('text').focus()")
    order = []
    for _ in range(8):
        browser.press("Tab")
        order.append(browser.evaluate("document.activeElement.id"))
    assert order == ["file", "title", "bound-kind", "bound-value", "algorithm", "language", "keywords", "summarize"]
    labels = browser.evaluate(
        "Array.from(document.querySelectorAll('#summarize-form input, #summarize-form select, #summarize-form textarea'))"
        ".filter(e => !e.labels || e.labels.length === 0).map(e => e.id)"
    )
    assert labels == []
    assert browser.evaluate("document.getElementById('status').getAttribute('aria-live')") == "polite"


def test_an_html_file_is_previewed_in_the_browser_and_summarized_as_its_article(page, tmp_path):
    base, browser = page
    html = tmp_path / "article.html"
    html.write_text(
        "<!DOCTYPE html><html><head><title>Site</title><style>p{color:red}</style><script>document.title='x'</script>"
        "<link rel=stylesheet href='https://cdn.example/x.css'></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<h1>Bus budget approved</h1>"
        "<p class=lead style='font-weight:bold' onclick=\"alert('a > b')\">The council met on Monday.</p><p>It approved the bus budget 🚌 after a long debate.</p>"
        "<img src='https://tracker.example/pixel.gif'><p>Critics wanted the schools funded first.</p></body></html>",
        encoding="utf-8",
    )
    browser.set_files("#file", [html])
    browser.wait_for("document.getElementById('text').value.includes('Critics')")
    # The preview: the page's visible text, nothing of its scripts, styles or attributes.
    preview = browser.evaluate("document.getElementById('text').value")
    assert preview == "Home News\n\nBus budget approved\n\nThe council met on Monday.\n\nIt approved the bus budget 🚌 after a long debate.\n\nCritics wanted the schools funded first."
    browser.evaluate("document.getElementById('status').textContent = ''")
    browser.evaluate("document.getElementById('summarize').click()")
    browser.wait_for(DONE)
    # Sent as html: the service's article, without the navigation, its headline taken as the title.
    article = "The council met on Monday.\n\nIt approved the bus budget 🚌 after a long debate.\n\nCritics wanted the schools funded first."
    assert shown(browser)["article"] == article
    assert browser.evaluate("document.getElementById('text').value") == article
    assert shown(browser)["chosen"] and all(c in article for c in shown(browser)["chosen"])
    # An edited text is sent as text from then on.
    browser.evaluate("document.getElementById('text').value = 'The mayor spoke on Tuesday. She thanked the council.'")
    browser.evaluate("document.getElementById('status').textContent = ''")
    browser.evaluate("document.getElementById('summarize').click()")
    browser.wait_for(DONE)
    assert shown(browser)["article"] == "The mayor spoke on Tuesday. She thanked the council."


def test_the_page_loads_nothing_from_elsewhere(page):
    base, browser = page
    urls = browser.requested_urls()
    for path in ("/", "/ui/page.js", "/ui/page.css", "/v1/algorithms", "/v1/summarize"):
        assert base + path in urls, path
    outside = [u for u in urls if not u.startswith(base + "/")]
    assert outside == []
    assert browser.console_errors() == []  # a CSP violation or a script error would be logged here


def test_a_problem_is_shown_by_its_detail(page):
    base, browser = page
    browser.evaluate("document.getElementById('bound-kind').value = 'max_chars'; document.getElementById('bound-value').value = '0'")
    paste_and_summarize(browser, "Short. Text.")
    detail = browser.evaluate("document.querySelector('#error p').textContent")
    assert detail == "Invalid value for: max_chars."
    assert "max_chars: Must be greater than or equal to 1" in browser.evaluate("document.getElementById('error').textContent")
    assert browser.evaluate("document.getElementById('error').getAttribute('role')") == "alert"


def test_with_api_keys_the_page_asks_for_one_and_keeps_it_in_the_tab(tmp_path):
    with gunicorn(tmp_path, api_keys=KEY) as (base, _):
        browser = Browser()
        try:
            browser.goto(base + "/")
            browser.wait_for("(() => { const k = document.getElementById('key-section'); return !!k && !k.hidden; })()")
            assert browser.evaluate("document.activeElement.id") == "api-key"
            assert "API key" in browser.evaluate("document.getElementById('key-message').textContent")
            browser.insert_text(KEY)
            browser.press("Enter")
            browser.wait_for(READY)
            assert browser.evaluate("sessionStorage.getItem('summarizer.api-key')") == KEY
            assert browser.evaluate("localStorage.length") == 0 and browser.evaluate("document.cookie") == ""
            text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
            paste_and_summarize(browser, text)
            expected = api(base, the_request(browser, text), key=KEY)
            assert shown(browser)["chosen"] == [s["text"] for s in sorted(expected["sentences"], key=lambda s: s["index"])]
        finally:
            browser.close()
