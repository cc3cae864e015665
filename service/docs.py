"""The self-description endpoints: the OpenAPI document at /openapi.json and the Swagger UI page at /docs.

Swagger UI's assets (JavaScript, CSS, icons) are served from the installed ``swagger-ui-bundle-v2``
package, never from a CDN, so the page works on a machine with no network. The page's own
initializer is a separate script so that a strict Content-Security-Policy (nothing but this
origin) can hold: any attempt to load something from elsewhere is blocked by the browser.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from flask import Blueprint, Flask, Response, abort, current_app, jsonify, send_from_directory, url_for
from markupsafe import escape
from swagger_ui_bundle import swagger_ui_path

docs = Blueprint("docs", __name__)

#: The committed spec (written by ``python -m service.spec``); served as it is.
SPEC_PATH = Path(__file__).resolve().parent.parent / "api_spec" / "openapi.yaml"

ASSETS_DIR = Path(str(swagger_ui_path))
#: The only files of the bundle the page uses; nothing else of the package is reachable.
ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "favicon-16x16.png"})
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="{css}">
  <link rel="icon" type="image/png" href="{icon32}" sizes="32x32">
  <link rel="icon" type="image/png" href="{icon16}" sizes="16x16">
</head>
<body>
  <div id="swagger-ui" data-spec-url="{spec}"></div>
  <script src="{bundle}"></script>
  <script src="{init}"></script>
</body>
</html>
"""

# validatorUrl null: Swagger UI would otherwise send the spec to an online validator.
_INITIALIZER = """window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
"""


def load_spec(path: Path) -> dict:
    """The committed OpenAPI document, read once per process (the service serves exactly that file)."""
    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def _with_policy(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@docs.get("/openapi.json")
def get_openapi():
    """The OpenAPI document of this API (identical to api_spec/openapi.yaml)."""
    return jsonify(current_app.config["OPENAPI"])


@docs.get("/docs")
def show_docs():
    """Interactive documentation: try every operation from the browser."""
    page = _PAGE.format(
        title=escape(current_app.config["OPENAPI"]["info"]["title"]),
        css=url_for("docs.get_asset", name="swagger-ui.css"),
        icon32=url_for("docs.get_asset", name="favicon-32x32.png"),
        icon16=url_for("docs.get_asset", name="favicon-16x16.png"),
        spec=url_for("docs.get_openapi"),
        bundle=url_for("docs.get_asset", name="swagger-ui-bundle.js"),
        init=url_for("docs.get_initializer"),
    )
    return _with_policy(Response(page, mimetype="text/html"))


@docs.get("/docs/init.js")
def get_initializer():
    """The script that starts Swagger UI on /openapi.json."""
    return _with_policy(Response(_INITIALIZER, mimetype="text/javascript"))


@docs.get("/docs/assets/<name>")
def get_asset(name: str):
    """A file of the installed Swagger UI bundle."""
    if name not in ASSETS:
        abort(404)
    return _with_policy(send_from_directory(ASSETS_DIR, name, max_age=86400))


def register(app: Flask, spec_path: Path = SPEC_PATH) -> None:
    """Load the spec and add the documentation routes to ``app``."""
    app.config["OPENAPI"] = load_spec(spec_path)
    app.register_blueprint(docs)
