"""The gunicorn worker: gunicorn's sync worker, with a deadline for each client to send its whole request and for each request's work.

Why sync: summarizing is CPU-bound, so one request per process at a time uses the cores fully,
keeps each worker's memory to one request's peak, and lets gunicorn's own ``timeout`` (the
arbiter kills a worker silent for that long) bound any request's work.

Why a deadline: a sync worker reads the request itself, so a client that sends its headers or
its body slowly, or stops half-way, holds a whole worker while it does; gunicorn's sync worker
waits on the socket with no time limit until the arbiter kills the worker at ``timeout``, and the
new worker then reloads every model. Here the socket a worker reads from carries a deadline,
``SUMMARIZER_CLIENT_TIMEOUT`` seconds after the worker accepted the connection (a connection
waiting in the listen backlog is not charged): every read waits at most until then. A client
still sending its headers then is disconnected (gunicorn treats it like a client gone away,
with a debug line); a client still sending its body gets 408 problem+json from the service
(``service.bodies``). The worker is free again at once, not killed. Writing the answer has the
same allowance, counted per write, for a client that stops reading.

What this does not do: with every worker held by a slow client at once, others wait up to the
client timeout in the backlog. A service open to the internet belongs behind a reverse proxy
that buffers whole requests before passing them on (see README, "Security").

Why a deadline for the work too: gunicorn's timeout is a kill, and the client of a killed
worker gets no answer. So the worker notes when it accepted each connection and hands that to
the app (``service.budget``), whose pipeline stops itself with a 503 once
``SUMMARIZER_REQUEST_BUDGET`` seconds have passed since (``service.text.deadline``). As a
backstop for stretches of work with no check in them, the worker also arms a SIGALRM timer for
the same instant while the app runs and disarms it before gunicorn writes the answer; the
handler raises only inside the pipeline (why that is safe, and what it cannot interrupt, is in
``service.text.deadline``). A sync worker runs each request in its main thread, the only one
that receives signals, and gunicorn's workers use no SIGALRM of their own.
"""

from __future__ import annotations

import signal
import socket
import time
from collections.abc import Callable, Iterable
from typing import Any

from gunicorn.http.errors import NoMoreData
from gunicorn.workers.sync import SyncWorker

from .budget import ACCEPTED_AT
from .gunicorn_errors import ProblemErrors
from .text import deadline


class ClientTimeout(NoMoreData, TimeoutError):
    """The client did not send its request within the deadline.

    A NoMoreData, so that gunicorn drops the connection quietly if it happens in the headers; a
    TimeoutError, so that the service answers 408 if it happens in the body.
    """

    def __init__(self) -> None:
        super().__init__(b"")

    def __str__(self) -> str:
        return "the client did not send its request in time"


class DeadlineSocket:
    """A client socket whose reads end at a fixed deadline and whose writes each get ``allowance`` seconds."""

    __slots__ = ("_allowance", "_deadline", "_sock")

    def __init__(self, sock: socket.socket, allowance: float):
        self._sock = sock
        self._allowance = allowance
        self._deadline = time.monotonic() + allowance

    def _before_read(self) -> None:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise ClientTimeout()
        self._sock.settimeout(remaining)

    def recv(self, size: int, flags: int = 0) -> bytes:
        self._before_read()
        try:
            return self._sock.recv(size, flags)
        except TimeoutError:
            raise ClientTimeout() from None

    def recv_into(self, buffer: Any, size: int = 0, flags: int = 0) -> int:
        self._before_read()
        try:
            return self._sock.recv_into(buffer, size, flags)
        except TimeoutError:
            raise ClientTimeout() from None

    def send(self, data: bytes, flags: int = 0) -> int:
        self._sock.settimeout(self._allowance)
        return self._sock.send(data, flags)

    def sendall(self, data: bytes, flags: int = 0) -> None:
        self._sock.settimeout(self._allowance)
        self._sock.sendall(data, flags)

    def sendfile(self, file: Any, offset: int = 0, count: int | None = None) -> int:
        self._sock.settimeout(self._allowance)
        return self._sock.sendfile(file, offset, count)

    def __getattr__(self, name: str) -> Any:
        # Everything else (fileno, shutdown, close, settimeout, getpeername...) is the socket's own.
        return getattr(self._sock, name)


class DeadlineSyncWorker(ProblemErrors, SyncWorker):
    """gunicorn's sync worker, reading each client through a DeadlineSocket, each request's work under a deadline.

    ProblemErrors (service/gunicorn_errors.py) answers the requests gunicorn itself refuses with problem+json.
    """

    #: Seconds a client has for its whole request; gunicorn.conf.py sets it from the Settings.
    client_timeout: float = 10.0
    #: Seconds a request may take from its connection's acceptance (SUMMARIZER_REQUEST_BUDGET); set by gunicorn.conf.py.
    request_budget: float = 30.0
    _accepted: float = 0.0

    def init_signals(self) -> None:
        super().init_signals()
        signal.signal(signal.SIGALRM, deadline.alarm)

    def load_wsgi(self) -> None:
        super().load_wsgi()
        self.wsgi = self._timed(self.wsgi)

    def _timed(self, app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
        """``app``, told when its request was accepted, with the alarm armed for its deadline while it runs."""

        def timed(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            environ[ACCEPTED_AT] = self._accepted
            left = self._accepted + self.request_budget - time.monotonic()
            if left > 0:  # else the pipeline's first check stops the request
                signal.setitimer(signal.ITIMER_REAL, left)
            try:
                # A Flask app has built the whole answer by the time it returns: only writing is left.
                return app(environ, start_response)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)

        return timed

    def handle(self, listener: socket.socket, client: socket.socket, addr: Any) -> None:
        self._accepted = time.monotonic()
        super().handle(listener, DeadlineSocket(client, self.client_timeout), addr)
