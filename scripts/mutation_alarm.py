"""Fail a test that runs longer than ALARM seconds: under a mutant, a loop that never ends (scripts.mutation --recheck)."""
import os
import signal

import pytest

ALARM = int(os.environ.get("ALARM", "20"))


class LoopTimeout(Exception):
    pass


def _raise(signum, frame):
    raise LoopTimeout(f"test ran past {ALARM} s")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    signal.signal(signal.SIGALRM, _raise)
    signal.alarm(ALARM)
    try:
        yield
    finally:
        signal.alarm(0)
