"""Each request's time budget: the pipeline's deadline, counted from when a worker took the request."""

from __future__ import annotations

from time import monotonic

from flask import Flask, g, request

from .settings import Settings
from .text import deadline

#: The WSGI environ key under which service.worker puts the ``time.monotonic()`` of the moment it
#: accepted the connection: the budget covers the time the client took to send its request too,
#: since gunicorn's worker timeout does. Without it (the Flask test client, another server) the
#: budget starts when the app sees the request.
ACCEPTED_AT = "summarizer.accepted_at"


def register(app: Flask, settings: Settings) -> None:
    """Give every request its deadline before the view runs and lift it after."""
    budget = settings.request_budget_seconds

    @app.before_request
    def start_budget() -> None:
        started = request.environ.get(ACCEPTED_AT) or monotonic()
        g.deadline_token = deadline.begin(started + budget)

    @app.teardown_request
    def end_budget(_error: BaseException | None) -> None:
        token = g.pop("deadline_token", None)
        if token is not None:
            deadline.end(token)
