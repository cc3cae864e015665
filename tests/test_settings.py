"""Settings: read from SUMMARIZER_* variables once, with defaults and clear errors."""

from __future__ import annotations

import pytest

from service.settings import Settings


def test_defaults_when_nothing_is_set():
    settings = Settings.from_env({})
    assert settings.max_body_bytes == 2 * 1024 * 1024
    assert settings.max_text_length == 1_000_000
    assert settings.default_sentences == 3
    assert settings.bind == "127.0.0.1:8000"


def test_variables_override_defaults():
    settings = Settings.from_env(
        {"SUMMARIZER_WORKERS": "4", "SUMMARIZER_DEFAULT_ALGORITHM": "lsa", "SUMMARIZER_LOG_LEVEL": "debug", "OTHER": "x"}
    )
    assert (settings.workers, settings.default_algorithm, settings.log_level) == (4, "lsa", "debug")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SUMMARIZER_WORKERS", "many", "must be an integer"),
        ("SUMMARIZER_TIMEOUT", "0", "must be at least 1"),
        ("SUMMARIZER_DEFAULT_ALGORITHM", "magic", "must be one of"),
        ("SUMMARIZER_LOG_LEVEL", "LOUD", "LOG_LEVEL"),
    ],
)
def test_bad_values_fail_at_start_with_the_variable_named(name, value, message):
    with pytest.raises(ValueError, match=message):
        Settings.from_env({name: value})


def test_app_uses_the_settings_it_is_given(client, app):
    assert app.config["MAX_CONTENT_LENGTH"] == app.config["SETTINGS"].max_body_bytes


def test_preloaded_languages_are_named_or_all():
    assert Settings.from_env({}).languages_to_preload == ("english",)
    assert "greek" in Settings.from_env({"SUMMARIZER_PRELOAD_LANGUAGES": "all"}).languages_to_preload
    assert Settings.from_env({"SUMMARIZER_PRELOAD_LANGUAGES": "german, french"}).languages_to_preload == ("german", "french")
    with pytest.raises(ValueError, match="PRELOAD_LANGUAGES"):
        Settings.from_env({"SUMMARIZER_PRELOAD_LANGUAGES": "klingon"})


def test_the_request_budget_is_half_the_timeout_unless_set():
    assert Settings.from_env({}).request_budget_seconds == 30.0
    assert Settings.from_env({"SUMMARIZER_TIMEOUT": "9", "SUMMARIZER_CLIENT_TIMEOUT": "2"}).request_budget_seconds == 4.5
    assert Settings.from_env({"SUMMARIZER_REQUEST_BUDGET": "20"}).request_budget_seconds == 20.0


@pytest.mark.parametrize("value", ["0", "60", "61", "soon"])
def test_a_request_budget_not_inside_the_timeout_fails_at_start(value):
    with pytest.raises(ValueError, match="SUMMARIZER_REQUEST_BUDGET"):
        Settings.from_env({"SUMMARIZER_REQUEST_BUDGET": value})
