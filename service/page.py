"""The try-it page at / and its own small script, style sheet and icon, served from the package's ui/ folder.

The page calls only the public API of the origin it came from, so its Content-Security-Policy
allows nothing else: no inline script or style, no other host (the shades of the sentences are
set through the CSSOM, which such a policy permits). Nothing is fetched from a CDN, so it works
on a machine with no network.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, send_from_directory

page = Blueprint("page", __name__)

UI_DIR = Path(__file__).resolve().parent / "ui"
#: The files under /ui/; nothing else of the package is reachable.
ASSETS = frozenset({"page.js", "page.css", "icon.svg"})
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _with_policy(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


# No max_age: the files are not versioned by name, so a browser asks again (If-None-Match) and gets
# a new page.js as soon as the service has one.
@page.get("/")
def show_page():
    """A page to try the service: the summary highlighted in the article."""
    return _with_policy(send_from_directory(UI_DIR, "index.html", mimetype="text/html"))


@page.get("/ui/<name>")
def get_page_asset(name: str):
    """A script, style sheet or icon of the try-it page."""
    if name not in ASSETS:
        abort(404)
    return _with_policy(send_from_directory(UI_DIR, name))
