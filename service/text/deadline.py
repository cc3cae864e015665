"""The request's deadline: a monotonic instant past which the pipeline stops itself with OutOfTime (503).

Why: gunicorn kills a worker that spends ``SUMMARIZER_TIMEOUT`` seconds on one request, the
client then gets no answer at all and the new worker reloads every model. The size limits
bound the work, but some texts are far slower per character than prose (a megabyte of
``?! ?! ?!`` keeps Punkt busy for seconds), and a batch adds its documents' times together.
So each request has a budget (``SUMMARIZER_REQUEST_BUDGET``, half the worker timeout by
default), counted from when a worker took it: the web layer sets the deadline (``until``)
and the pipeline checks it.

How it is checked, two ways:

* Cooperatively (``check``): at each stage boundary of the pipeline and inside its long
  loops (lines and candidates of the splitter, blocks of the similarity graphs, iterations
  of the power methods). A check is a context-variable read and a clock read (about 0.1 µs);
  inside loops it runs every few thousand iterations, so a request on an article makes a
  few dozen of them. This is what stops nearly every slow request, at a point where nothing
  is half done.
* By an alarm, as a backstop for stretches with no check in them (Punkt's own passes over a
  run it must judge whole, a library's loop): ``service.worker`` arms ``signal.setitimer``
  for the deadline around each request and ``alarm`` is the SIGALRM handler. It raises
  OutOfTime only while the pipeline runs (inside ``interruptible``), where the code computes
  on its own data: no lock is held, nothing is written, and the caches it fills are updated
  by single dict assignments, so an exception between any two bytecodes leaves nothing
  broken. Outside it (parsing, logging, writing the answer) the alarm does nothing, and the
  next check raises instead. Only in the gunicorn sync worker: signals reach the main thread
  only, which is where a sync worker runs the request.

What the alarm cannot do: a single C call (a numpy or scipy operation, a regex over the
whole text) is not interrupted; Python runs the handler once it returns. The pipeline has no
C call that runs for more than a fraction of a second on the largest text, and the margin
between the budget and the worker timeout (30 s by default) is far longer. A library that
catches every exception could swallow the alarm's; the next cooperative check raises again,
which is why both exist.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar, Token
from time import monotonic

from ..errors import OutOfTime

#: Loops check the deadline once per this many iterations (a power of two: ``i & EVERY_MASK``).
EVERY = 1024
EVERY_MASK = EVERY - 1

_deadline: ContextVar[float | None] = ContextVar("deadline", default=None)
_interruptible: ContextVar[bool] = ContextVar("interruptible", default=False)


def begin(at: float | None) -> Token[float | None]:
    """From now on work must end by the monotonic instant ``at`` (None: no deadline); ``end`` undoes it."""
    return _deadline.set(at)


def end(token: Token[float | None]) -> None:
    """The deadline that was in force before ``begin`` made ``token``."""
    _deadline.reset(token)


@contextlib.contextmanager
def until(at: float | None) -> Iterator[None]:
    """Work inside the block must end by the monotonic instant ``at`` (None: no deadline)."""
    token = begin(at)
    try:
        yield
    finally:
        end(token)


def remaining() -> float | None:
    """Seconds left before the deadline (negative once past), or None without one."""
    at = _deadline.get()
    return None if at is None else at - monotonic()


def check() -> None:
    """Raise OutOfTime if the deadline has passed."""
    at = _deadline.get()
    if at is not None and monotonic() >= at:
        raise OutOfTime()


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Code in the block may be stopped by the alarm between any two bytecodes (see the module's docstring)."""
    token = _interruptible.set(True)
    try:
        yield
    finally:
        _interruptible.reset(token)


def alarm(signum: int, frame: object) -> None:
    """SIGALRM handler: the deadline has come; stop the pipeline if it is running, else let the next check do it."""
    if _interruptible.get():
        raise OutOfTime()
