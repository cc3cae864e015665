"""The service's exceptions (service/errors.py): what each one tells the caller, and how much of the caller's input it repeats."""

from __future__ import annotations

import pytest

from service.errors import ECHO_FIELDS, ECHO_LENGTH, InvalidInput, OutOfTime, UnknownAlgorithm, UnsupportedLanguage, echo
from service.text.languages import SUPPORTED_LANGUAGES, get_language
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize
from service.text.rank import ALGORITHMS


def test_the_limits_are_the_readmes():
    # README, "Errors": a name or value of the caller's comes back cut to 64 characters; at most 20 fields.
    assert (ECHO_LENGTH, ECHO_FIELDS) == (64, 20)


@pytest.mark.parametrize(
    ("value", "echoed"),
    [
        ("charset", "charset"),
        ("x" * 64, "x" * 64),  # exactly the limit: whole, no ellipsis
        ("x" * 65, "x" * 64 + "…"),  # one over: cut to 64, then the ellipsis
        ("é" * 100, "é" * 64 + "…"),  # characters, not bytes
        (12345, "12345"),  # anything, as text
    ],
)
def test_echo_repeats_at_most_64_characters(value, echoed):
    assert echo(value) == echoed


def test_invalid_input_names_each_field_in_sorted_order():
    error = InvalidInput({"sentences": ["bad"], "algorithm": ["bad"]})
    assert error.detail == "Invalid value for: algorithm, sentences."
    assert error.errors == {"sentences": ["bad"], "algorithm": ["bad"]}
    assert (error.status, error.title) == (422, "Unprocessable Content")


def test_invalid_input_names_twenty_fields_and_counts_the_rest():
    names = [f"f{i:02}" for i in range(25)]
    error = InvalidInput({name: ["Unknown field."] for name in reversed(names)})
    assert error.detail == f"Invalid value for: {', '.join(names[:20])} and 5 more."


def test_invalid_input_names_exactly_twenty_without_a_remainder():
    names = [f"f{i:02}" for i in range(20)]
    assert InvalidInput({name: ["x"] for name in names}).detail == f"Invalid value for: {', '.join(names)}."


def test_invalid_input_cuts_each_long_name():
    error = InvalidInput({"y" * 100: ["Unknown field."]})
    assert error.detail == f"Invalid value for: {'y' * 64}…."


def test_invalid_input_keeps_a_detail_given_and_no_errors_means_none():
    error = InvalidInput({"_schema": ["The body must be a JSON object."]}, detail="The body must be a JSON object.")
    assert error.detail == "The body must be a JSON object." == str(error)
    assert InvalidInput({}, detail="Nothing.").errors is None


def test_an_unknown_algorithm_reaching_the_pipeline_is_a_422_naming_every_known_one():
    options = SummaryOptions(text="The council met. It voted.", algorithm="nope", bound=Bound(BoundKind.SENTENCES, 1))
    with pytest.raises(UnknownAlgorithm) as raised:
        summarize(options)
    message = f"Unknown algorithm. Known: {', '.join(ALGORITHMS)}."
    assert (raised.value.status, raised.value.detail, raised.value.errors) == (422, message, {"algorithm": [message]})
    assert "nope" not in message


def test_an_unsupported_language_is_a_422_naming_every_supported_one():
    with pytest.raises(UnsupportedLanguage) as raised:
        get_language("klingon")
    message = f"Unsupported language. Supported: {', '.join(SUPPORTED_LANGUAGES)}."
    assert (raised.value.status, raised.value.detail, raised.value.errors) == (422, message, {"language": [message]})
    assert raised.value.supported == tuple(SUPPORTED_LANGUAGES)


def test_out_of_time_says_what_to_do_and_when_to_retry():
    error = OutOfTime()
    assert (error.status, error.title, dict(error.headers)) == (503, "Service Unavailable", {"Retry-After": "1"})
    assert error.detail == "Not summarized: the request ran out of time. A shorter text may succeed."
    assert OutOfTime("Not summarized: the batch ran out of time.").detail == "Not summarized: the batch ran out of time."
