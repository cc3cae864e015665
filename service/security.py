"""What every answer carries for safety, and who may ask: security headers, optional API keys, optional CORS.

* Headers: ``X-Content-Type-Options: nosniff`` on everything; answers computed from a caller's
  text are ``Cache-Control: no-store`` (no proxy or browser keeps a copy of someone's article);
  the JSON and text answers get a Content-Security-Policy that allows nothing (an answer opened
  in a browser runs no script), the /docs page and the try-it page keep their own.
* API keys (``SUMMARIZER_API_KEYS``, off when empty): ``Authorization: Bearer <key>`` or
  ``X-API-Key: <key>``. The given key's SHA-256 is compared with every configured key's with
  ``hmac.compare_digest``, all of them every time, so neither the time taken nor an early exit
  tells a caller how close a guess was or which key matched. Without a valid key: 401
  problem+json with ``WWW-Authenticate``. Exempt, because they hold nothing a key protects and
  are asked by machines and browsers that cannot send one: the health probes, the OpenAPI
  document, the /docs page and the try-it page at / with their assets, and CORS preflights
  (the try-it page asks its user for a key when the API answers 401).
* CORS (``SUMMARIZER_CORS_ORIGINS``, off when empty): flask-cors on the API routes for exactly
  those origins, with ``Authorization``, ``X-API-Key``, ``X-Request-ID`` and ``Content-Encoding``
  allowed in, and ``X-Request-ID`` and ``X-Summary-Warnings`` exposed.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, Response, current_app, request
from flask_cors import CORS

from .errors import Unauthorized
from .settings import Settings
from .views import WARNINGS_HEADER

#: Paths anyone may ask for, with or without a key.
PUBLIC_PATHS = frozenset({"/", "/healthz", "/readyz", "/openapi.json", "/docs", "/docs/init.js"})
PUBLIC_PREFIXES = ("/docs/assets/", "/ui/")
DOCUMENTS = frozenset({"/openapi.json", "/docs", "/docs/init.js"})
#: The answers to these are the caller's own data or the service's state: never stored by a cache.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
CORS_HEADERS = ["Content-Type", "Content-Encoding", "Accept", "Authorization", "X-API-Key", "X-Request-ID"]


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


def _given_key() -> str | None:
    authorization = request.headers.get("Authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("X-API-Key") or None


def _check_key() -> None:
    digests = current_app.config["API_KEY_DIGESTS"]
    if not digests or request.method == "OPTIONS":
        return
    if request.path in PUBLIC_PATHS or request.path.startswith(PUBLIC_PREFIXES):
        return
    given = _given_key()
    if given is None:
        raise Unauthorized("This endpoint needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.")
    candidate = _digest(given)
    matched = False
    for digest in digests:  # every key, every time: no early exit
        matched |= hmac.compare_digest(candidate, digest)
    if not matched:
        raise Unauthorized("The API key is not valid.")


def _headers(response: Response) -> Response:
    headers = response.headers
    headers["X-Content-Type-Options"] = "nosniff"
    if "Cache-Control" not in headers:
        # The spec and the docs page change only with a new version: a cache may keep them if it asks first.
        headers["Cache-Control"] = "no-cache" if request.path in DOCUMENTS else "no-store"
    if "Content-Security-Policy" not in headers:
        headers["Content-Security-Policy"] = API_POLICY
    if response.status_code == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="summarizer"'
    return response


def register(app: Flask, settings: Settings) -> None:
    """Install the key check, the headers and, if origins are configured, CORS on ``app``."""
    # Only digests are kept: the keys themselves are in no object that could be logged.
    app.config["API_KEY_DIGESTS"] = tuple(_digest(key) for key in settings.api_keys)
    app.before_request(_check_key)
    app.after_request(_headers)
    if settings.cors_origins:
        origins = "*" if "*" in settings.cors_origins else list(settings.cors_origins)
        CORS(
            app,
            resources={r"/v1/*": {}, r"/metrics": {}},
            origins=origins,
            allow_headers=CORS_HEADERS,
            expose_headers=["X-Request-ID", WARNINGS_HEADER],
            methods=["GET", "POST", "OPTIONS"],
            max_age=600,
            always_send=False,
        )
