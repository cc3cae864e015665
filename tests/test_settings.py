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


POSITIVE = (
    "max_body_bytes", "max_text_length", "max_batch_documents", "max_batch_body_bytes", "default_sentences",
    "workers", "timeout", "client_timeout", "max_worker_memory",
)  # fmt: skip


@pytest.mark.parametrize("name", POSITIVE)
def test_every_count_and_size_must_be_at_least_one_and_one_is_enough(name):
    variable = f"SUMMARIZER_{name.upper()}"
    # One is the smallest value taken (the client timeout must stay under the timeout, so that one is raised too).
    lowest = {variable: "1"} if name not in ("timeout", "client_timeout") else {"SUMMARIZER_TIMEOUT": "2", "SUMMARIZER_CLIENT_TIMEOUT": "1"}
    assert getattr(Settings.from_env(lowest), name) == int(lowest.get(variable, "1"))
    with pytest.raises(ValueError) as error:
        Settings.from_env({variable: "0"})
    assert str(error.value) == f"{variable} must be at least 1"


def test_the_client_timeout_must_be_under_the_timeout():
    assert Settings.from_env({"SUMMARIZER_TIMEOUT": "11", "SUMMARIZER_CLIENT_TIMEOUT": "10"}).client_timeout == 10
    with pytest.raises(ValueError) as error:
        Settings.from_env({"SUMMARIZER_TIMEOUT": "10", "SUMMARIZER_CLIENT_TIMEOUT": "10"})
    assert str(error.value) == "SUMMARIZER_CLIENT_TIMEOUT must be less than SUMMARIZER_TIMEOUT"


@pytest.mark.parametrize(("budget", "ok"), [("1", True), ("59", True), ("0", False), ("60", False)])
def test_the_request_budget_is_from_one_to_just_under_the_timeout(budget, ok):
    if ok:
        assert Settings.from_env({"SUMMARIZER_REQUEST_BUDGET": budget}).request_budget_seconds == float(budget)
    else:
        with pytest.raises(ValueError) as error:
            Settings.from_env({"SUMMARIZER_REQUEST_BUDGET": budget})
        assert str(error.value) == "SUMMARIZER_REQUEST_BUDGET must be at least 1 and less than SUMMARIZER_TIMEOUT"


@pytest.mark.parametrize(
    ("key", "ok"),
    [("k" * 16, True), ("k" * 15, False), ("k" * 15 + "\t", False), ("k" * 8 + " " + "k" * 8, False), ("k" * 15 + "é", True)],
    ids=["16 characters", "15", "a tab", "a space", "non-ASCII but printable"],
)
def test_an_api_key_is_sixteen_printable_characters_or_more_without_spaces(key, ok):
    if ok:
        assert Settings(api_keys=(key,)).api_keys == (key,)
    else:
        with pytest.raises(ValueError) as error:
            Settings(api_keys=("another-valid-key-0123", key))
        assert str(error.value) == "SUMMARIZER_API_KEYS: every key must be at least 16 printable characters, without spaces"


def test_the_environment_is_read_when_none_is_given(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_WORKERS", "7")
    assert Settings.from_env().workers == 7


def test_a_blank_variable_keeps_the_default():
    assert Settings.from_env({"SUMMARIZER_WORKERS": "   ", "SUMMARIZER_BIND": ""}) == Settings()


def test_values_are_read_with_their_surrounding_spaces_removed():
    settings = Settings.from_env(
        {"SUMMARIZER_BIND": " 0.0.0.0:9000 ", "SUMMARIZER_WORKERS": " 3 ", "SUMMARIZER_CORS_ORIGINS": " https://a.example ,, https://b.example:8443 "}
    )
    assert (settings.bind, settings.workers) == ("0.0.0.0:9000", 3)
    assert settings.cors_origins == ("https://a.example", "https://b.example:8443")


def test_an_integer_variable_that_is_no_integer_names_the_variable_and_the_value():
    with pytest.raises(ValueError) as error:
        Settings.from_env({"SUMMARIZER_REQUEST_BUDGET": "soon"})
    assert str(error.value) == "SUMMARIZER_REQUEST_BUDGET must be an integer, got 'soon'"


def test_the_log_level_is_any_case_of_the_known_ones():
    assert Settings.from_env({"SUMMARIZER_LOG_LEVEL": "warning"}).log_level == "warning"
    assert Settings.from_env({"SUMMARIZER_LOG_LEVEL": "CRITICAL"}).log_level == "CRITICAL"
    with pytest.raises(ValueError) as error:
        Settings.from_env({"SUMMARIZER_LOG_LEVEL": "TRACE"})
    assert str(error.value) == "SUMMARIZER_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL"


def test_an_unknown_default_algorithm_or_language_names_every_known_one():
    from service.text.languages import SUPPORTED_LANGUAGES
    from service.text.rank import ALGORITHMS

    with pytest.raises(ValueError) as error:
        Settings.from_env({"SUMMARIZER_DEFAULT_ALGORITHM": "magic"})
    assert str(error.value) == f"SUMMARIZER_DEFAULT_ALGORITHM must be one of {', '.join(ALGORITHMS)}"
    with pytest.raises(ValueError) as error:
        Settings.from_env({"SUMMARIZER_PRELOAD_LANGUAGES": "english,klingon"})
    assert str(error.value) == f"SUMMARIZER_PRELOAD_LANGUAGES must be 'all' or some of {', '.join(SUPPORTED_LANGUAGES)}"
    assert Settings.from_env({"SUMMARIZER_PRELOAD_LANGUAGES": "all"}).languages_to_preload == tuple(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize(("origins", "ok"), [("*", True), ("http://localhost:3000", True), ("https://a.example:123456", False), ("ftp://a.example", False)])
def test_a_cors_origin_is_star_or_scheme_host_and_port(origins, ok):
    if ok:
        assert Settings.from_env({"SUMMARIZER_CORS_ORIGINS": origins}).cors_origins == (origins,)
    else:
        with pytest.raises(ValueError, match="CORS_ORIGINS"):
            Settings.from_env({"SUMMARIZER_CORS_ORIGINS": origins})


def test_every_level_the_readme_lists_is_taken():
    for level in ("DEBUG", "INFO", "WARNING", "ERROR", "error", "CRITICAL"):
        assert Settings.from_env({"SUMMARIZER_LOG_LEVEL": level}).log_level == level


def test_every_supported_language_may_be_preloaded_by_name_and_be_the_fallback():
    from service.text.languages import SUPPORTED_LANGUAGES

    every = ",".join(SUPPORTED_LANGUAGES)
    assert Settings.from_env({"SUMMARIZER_PRELOAD_LANGUAGES": every}).languages_to_preload == tuple(SUPPORTED_LANGUAGES)
    assert Settings.from_env({"SUMMARIZER_DEFAULT_LANGUAGE": "german"}).default_language == "german"
    with pytest.raises(ValueError) as error:
        Settings.from_env({"SUMMARIZER_DEFAULT_LANGUAGE": "klingon"})
    assert str(error.value) == f"SUMMARIZER_DEFAULT_LANGUAGE must be one of {', '.join(SUPPORTED_LANGUAGES)}"
