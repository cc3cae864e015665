"""The /docs page in a real headless Chromium against gunicorn: it renders every operation from local assets, and calls the API."""

from __future__ import annotations

import pytest

from .browser import CHROMIUM, Browser
from .live import REPORT, TEST_OUTPUT, gunicorn

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(CHROMIUM is None and not __import__("os").environ.get("CI"), reason="chromium is not installed"),
]

OPERATIONS = ["/v1/summarize", "/v1/summarize/batch", "/v1/algorithms", "/healthz", "/readyz", "/openapi.json", "/docs"]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    with gunicorn(tmp_path_factory.mktemp("docs")) as (base, _):
        browser = Browser()
        try:
            browser.goto(base + "/docs")
            browser.wait_for("document.querySelectorAll('.opblock').length >= 9")
            yield base, browser
        finally:
            browser.close()


def test_docs_page_shows_every_operation(page):
    base, browser = page
    paths = browser.evaluate("Array.from(document.querySelectorAll('.opblock-summary-path')).map(e => e.innerText.replace(/\\u200b/g, ''))")
    for path in OPERATIONS:
        assert path in paths
    title = browser.evaluate("document.querySelector('.info .title') && document.querySelector('.info .title').innerText")
    assert "Extractive Summarization API" in title
    shot = browser.screenshot(TEST_OUTPUT / "docs-page.png")
    REPORT.append(f"docs page screenshot: {shot}")


def test_docs_page_loads_nothing_from_elsewhere(page):
    base, browser = page
    urls = browser.requested_urls()
    assert any(u.endswith("/docs/assets/swagger-ui-bundle.js") for u in urls)
    outside = [u for u in urls if not u.startswith(base) and not u.startswith(("data:", "about:"))]
    assert outside == []
    assert browser.console_errors() == []


def test_a_user_can_call_the_api_from_the_docs_page(page):
    base, browser = page
    # Open POST /v1/summarize, press "Try it out" then "Execute": the example body is sent as it is.
    browser.evaluate("document.querySelector('#operations-summaries-summarize_text .opblock-summary-control').click()")
    browser.wait_for("!!document.querySelector('#operations-summaries-summarize_text .try-out__btn')")
    browser.evaluate("document.querySelector('#operations-summaries-summarize_text .try-out__btn').click()")
    browser.wait_for("!!document.querySelector('#operations-summaries-summarize_text .execute')")
    browser.evaluate("document.querySelector('#operations-summaries-summarize_text .execute').click()")
    status = browser.wait_for(
        "(() => { const c = document.querySelector('#operations-summaries-summarize_text .live-responses-table tbody .response-col_status');"
        " return c && c.innerText.trim(); })()"
    )
    assert status.startswith("200")
    body = browser.evaluate("document.querySelector('#operations-summaries-summarize_text .live-responses-table .microlight').innerText")
    assert '"summary"' in body and '"sentences"' in body
    REPORT.append(f"docs page after Try it out / Execute: {browser.screenshot(TEST_OUTPUT / 'docs-try-it-out.png')}")
