"""Run mutants' tests again with every test stopped after a few seconds of CPU: a loop that never ends, or a busy machine? (scripts.mutation --recheck)

Run in a mutmut copy's mutants/ folder as ``python -m mutation_alarm WORK.json`` (WORK: the
mutants with their tests, the pytest arguments, the CPU seconds and the processes at once). The
service and the tests' imports are loaded once; each mutant is then run in a forked child, as
mutmut runs them, so a run costs its tests' time and not an interpreter's start. Prints one
``verdict: name`` line a mutant: killed, survived, or timeout (a test was still running when it
had used its CPU seconds). CPU time, not wall-clock time: other work on the machine slows a test
down but does not make it use more CPU, so a mutant that changes nothing is not taken for a loop.
"""

from __future__ import annotations

import json
import os
import signal
import sys

import pytest

LOOP_EXIT = 86  # a child whose test was stopped by the alarm


class LoopTimeout(Exception):
    """A test ran past the alarm."""


class Alarm:
    """A pytest plugin: each test gets ``seconds`` of CPU time before LoopTimeout is raised inside it."""

    def __init__(self, seconds: int):
        self.seconds = seconds
        self.fired = False

    def _raise(self, signum, frame):
        self.fired = True
        raise LoopTimeout(f"test used more than {self.seconds} s of CPU")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        signal.signal(signal.SIGPROF, self._raise)
        signal.setitimer(signal.ITIMER_PROF, self.seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)


def _child(name: str, tests: list[str], args: list[str], seconds: int) -> int:
    os.environ["MUTANT_UNDER_TEST"] = name
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    alarm = Alarm(seconds)
    code = pytest.main(["-x", *args, *tests], plugins=[alarm])
    return LOOP_EXIT if alarm.fired else int(code)


def main(path: str) -> None:
    work = json.loads(open(path, encoding="utf-8").read())
    sys.path.insert(0, os.getcwd())
    for module in work["preload"]:
        __import__(module)
    running: dict[int, str] = {}
    queue = list(work["mutants"].items())

    def reap() -> None:
        pid, status = os.wait()
        code = os.waitstatus_to_exitcode(status)
        verdict = "survived" if code == 0 else "timeout" if code == LOOP_EXIT else "killed"
        print(f"{verdict}: {running.pop(pid)}", flush=True)

    while queue or running:
        while queue and len(running) < work["jobs"]:
            name, tests = queue.pop(0)
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    code = _child(name, tests, work["args"], work["seconds"])
                finally:
                    os._exit(code)
            running[pid] = name
        reap()


if __name__ == "__main__":
    main(sys.argv[1])
