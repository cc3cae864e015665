"""The application factory: settings, logging, models and routes wired once per process."""

from __future__ import annotations

from flask import Flask

from . import budget, docs, metrics, observability, problems, security
from .batch import batch
from .page import page
from .schemas import RequestSchemas
from .settings import Settings
from .text import detect, keywords
from .text.languages import preload
from .views import api


def create_app(settings: Settings | None = None) -> Flask:
    """Build the Flask app; with no ``settings``, read them from the environment."""
    settings = settings or Settings.from_env()
    observability.configure_logging(settings.log_level)
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.config["SCHEMAS"] = RequestSchemas.for_settings(settings)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    # Hooks run in this order before a request (and in the reverse order after it): the request id
    # and clock first, so that even a refused request is logged and counted with them; then the
    # request's deadline, which the pipeline checks (SUMMARIZER_REQUEST_BUDGET).
    observability.register(app)
    budget.register(app, settings)
    metrics.register(app)
    security.register(app, settings)
    problems.register(app)
    app.register_blueprint(api)
    app.register_blueprint(batch)
    app.register_blueprint(page)
    docs.register(app)
    # Sentence models, stemmers and stop words load here, once per worker, not per request
    # (languages not preloaded load once, on their first request); so does the language detector,
    # which language "auto", the default, runs on every request that names no language.
    preload(settings.languages_to_preload)
    keywords.preload(settings.languages_to_preload)
    detect.preload()
    app.config["READY"] = True
    return app
