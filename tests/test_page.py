"""The try-it page over HTTP: what it is served with, and that it can only reach its own origin (the browser tests run it)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from service import create_app
from service.page import ASSETS, CONTENT_SECURITY_POLICY, UI_DIR
from service.settings import Settings

from .test_security import KEY


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each script and style element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        if self._open and data.strip():
            self.inline.append(data)


def parse(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    return tags


def page_text(client, path: str = "/") -> str:
    with client.get(path) as response:
        assert response.status_code == 200
        return response.get_data(as_text=True)


def status_of(client, path: str, **kwargs) -> int:
    with client.get(path, **kwargs) as response:
        return response.status_code


def test_the_page_is_html_with_a_policy_that_allows_only_this_origin(client):
    with client.get("/") as response:
        pass  # the headers are all this test reads
    assert response.status_code == 200 and response.mimetype == "text/html"
    policy = response.headers["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    for name in ("default-src", "script-src", "style-src", "img-src", "connect-src"):
        assert directives[name] == "'self'", name
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "data:" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_the_page_has_no_inline_script_or_style_and_names_only_its_own_files(client):
    tags = parse(page_text(client))
    assert tags.inline == []
    assert all(tag != "style" for tag, _ in tags.tags)
    for tag, attrs in tags.tags:
        assert "style" not in attrs, tag
        assert not [name for name in attrs if name.startswith("on")], tag
    linked = [attrs.get("src") or attrs.get("href") for tag, attrs in tags.tags if tag in ("script", "link")]
    assert sorted(linked) == ["ui/icon.svg", "ui/page.css", "ui/page.js"]
    for url in linked:  # relative, so that the page works under any path prefix; and each one served
        assert status_of(client, "/" + url) == 200


@pytest.mark.parametrize(("name", "mimetype"), [("page.js", "text/javascript"), ("page.css", "text/css"), ("icon.svg", "image/svg+xml")])
def test_each_file_of_the_page_is_served_with_the_page_policy(client, name, mimetype):
    with client.get(f"/ui/{name}") as response:
        assert response.status_code == 200 and response.mimetype == mimetype
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["Cache-Control"] == "no-cache"  # revalidated, so a new version shows at once
        assert response.get_data() == (UI_DIR / name).read_bytes()


@pytest.mark.parametrize("name", ["index.html", "..%2Fapp.py", "page.py", "nothing.js"])
def test_nothing_else_of_the_package_is_reachable(client, name):
    response = client.get(f"/ui/{name}")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_the_files_name_no_other_host():
    # The CSP would block such a request in the browser; this says where it would have come from.
    for name in ["index.html", *sorted(ASSETS)]:
        text = (UI_DIR / name).read_text(encoding="utf-8")
        hosts = re.findall(r"(?:https?:)?//[\w.-]+\.\w+", text)
        assert hosts == (["http://www.w3.org"] if name == "icon.svg" else []), name  # the SVG namespace is no request


def test_the_script_asks_for_utf16_offsets_and_the_full_ranking_from_the_relative_api():
    script = (UI_DIR / "page.js").read_text(encoding="utf-8")
    assert 'offset_unit: "utf16"' in script and 'ranking: "all"' in script
    assert re.findall(r'call\("([^"]+)"', script) == ["v1/algorithms", "v1/summarize"]


def test_with_api_keys_the_page_is_open_and_the_api_asks_for_a_key():
    app = create_app(Settings(api_keys=(KEY,)))
    client = app.test_client()
    assert status_of(client, "/") == 200
    assert status_of(client, "/ui/page.js") == 200
    assert status_of(client, "/v1/algorithms") == 401
    assert status_of(client, "/v1/algorithms", headers={"Authorization": f"Bearer {KEY}"}) == 200
