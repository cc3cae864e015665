"""Shared fixtures: the app built from explicit Settings, its test client, and the sample article."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import create_app
from service.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
SAMPLE_ARTICLE = SHARED_DATA / "samples" / "news_article.txt"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def settings() -> Settings:
    return Settings(max_body_bytes=64 * 1024, max_text_length=20_000)


@pytest.fixture
def app(settings):
    app = create_app(settings)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def pytest_terminal_summary(terminalreporter):
    """Print where the browser screenshots and the fuzzing figures went."""
    from .live import REPORT

    for line in REPORT:
        terminalreporter.write_line(line)
