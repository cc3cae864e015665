"""The request's deadline: every stage stops with OutOfTime (503) once it has passed, by a check or by the alarm."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from service.errors import OutOfTime
from service.text import deadline
from service.text.analysis import analyse
from service.text.keywords import extract_keywords
from service.text.languages import get_language
from service.text.pipeline import SummaryOptions, summarize
from service.text.rank import ALGORITHMS
from service.text.segment import split_sentences
from service.text.select import Bound, BoundKind

ENGLISH = get_language("english")
ARTICLE = "The council met on Monday. It approved the budget for buses. Critics said schools need the money more."
#: Each of these has more than deadline.EVERY units (lines, candidates, sentences) for the stage's own loop.
MANY_INITIALS = "A. " * (3 * deadline.EVERY)
MANY_MARKS = "?! " * (3 * deadline.EVERY)  # a run Punkt's own tokenizer takes whole
MANY_LINES = "Line\n" * (3 * deadline.EVERY)
MANY_SENTENCES = "Buses run. Schools wait. " * (2 * deadline.EVERY)


def options(text: str, algorithm: str = "text-rank") -> SummaryOptions:
    return SummaryOptions(text=text, algorithm=algorithm, bound=Bound(BoundKind.SENTENCES, 3))


def past() -> float:
    return time.monotonic() - 1.0


def test_without_a_deadline_nothing_stops():
    assert deadline.remaining() is None
    deadline.check()
    assert summarize(options(ARTICLE)).sentences


def test_a_deadline_to_come_lets_the_work_finish_and_is_lifted_after():
    with deadline.until(time.monotonic() + 60):
        assert 0 < deadline.remaining() <= 60
        assert summarize(options(ARTICLE)).sentences
    assert deadline.remaining() is None


@pytest.mark.parametrize("algorithm", list(ALGORITHMS))
def test_a_request_past_its_deadline_gets_503_with_retry_after(algorithm):
    with deadline.until(past()), pytest.raises(OutOfTime) as raised:
        summarize(options(ARTICLE, algorithm))
    assert raised.value.status == 503
    assert raised.value.headers["Retry-After"].isdigit()
    assert "ran out of time" in raised.value.detail


def test_a_tiny_budget_stops_a_long_text_part_way():
    # 150,000 characters of one-letter sentences take a second or more: 10 ms stop it long before.
    with deadline.until(time.monotonic() + 0.01), pytest.raises(OutOfTime):
        summarize(options("A. " * 50_000))


@pytest.mark.parametrize("text", [MANY_INITIALS, MANY_MARKS, MANY_LINES], ids=["candidates", "punkt-whole-run", "lines"])
def test_the_splitter_checks_inside_its_loops(text):
    split_sentences(text, ENGLISH)  # finishes without a deadline
    with deadline.until(past()), pytest.raises(OutOfTime):
        split_sentences(text, ENGLISH)


def test_keyword_extraction_checks_inside_its_loop():
    document = analyse(MANY_SENTENCES)
    with deadline.until(past()), pytest.raises(OutOfTime):
        extract_keywords(document, 10)


@pytest.mark.parametrize("algorithm", ["text-rank", "lex-rank", "reduction"])
def test_the_graph_rankers_check_inside_their_loops(algorithm):
    document = analyse(MANY_SENTENCES)
    with deadline.until(past()), pytest.raises(OutOfTime):
        ALGORITHMS[algorithm].rank(document, ENGLISH)


def test_the_alarm_stops_only_the_pipeline():
    deadline.alarm(signal.SIGALRM, None)  # outside the pipeline: nothing happens, a later check stops the request
    with deadline.interruptible(), pytest.raises(OutOfTime):
        deadline.alarm(signal.SIGALRM, None)


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="signals reach the main thread only")
def test_the_alarm_interrupts_a_loop_that_never_checks():
    previous = signal.signal(signal.SIGALRM, deadline.alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        give_up = time.monotonic() + 10
        with deadline.interruptible(), pytest.raises(OutOfTime):
            while time.monotonic() < give_up:  # pure Python, no check: only the alarm can stop it
                pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
