"""The one Settings object: every tunable of the service, read from SUMMARIZER_* environment variables once."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

PREFIX = "SUMMARIZER_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Service settings; build with ``Settings.from_env()``, or directly in tests.

    | variable                       | default     | meaning                                               |
    |--------------------------------|-------------|-------------------------------------------------------|
    | SUMMARIZER_MAX_BODY_BYTES      | 2097152     | largest request body accepted (413 above)              |
    | SUMMARIZER_MAX_TEXT_LENGTH     | 1000000     | longest ``text``, in characters (422 above)            |
    | SUMMARIZER_MAX_BATCH_DOCUMENTS | 25          | most documents in one POST /v1/summarize/batch (422 above) |
    | SUMMARIZER_MAX_BATCH_BODY_BYTES | 4194304    | largest body of a batch request (413 above)            |
    | SUMMARIZER_DEFAULT_ALGORITHM   | lex-rank    | algorithm used when the request names none             |
    | SUMMARIZER_DEFAULT_SENTENCES   | 3           | sentences in a summary when no bound is given          |
    | SUMMARIZER_LOG_LEVEL           | INFO        | DEBUG, INFO, WARNING, ERROR                            |
    | SUMMARIZER_BIND                | 127.0.0.1:8000 | gunicorn's listening address                        |
    | SUMMARIZER_WORKERS             | 2           | gunicorn worker processes                              |
    | SUMMARIZER_TIMEOUT             | 60          | seconds a worker may spend on one request before it is restarted |
    """

    max_body_bytes: int = 2 * 1024 * 1024
    max_text_length: int = 1_000_000
    max_batch_documents: int = 25
    max_batch_body_bytes: int = 4 * 1024 * 1024
    default_algorithm: str = "lex-rank"
    default_sentences: int = 3
    log_level: str = "INFO"
    bind: str = "127.0.0.1:8000"
    workers: int = 2
    timeout: int = 60

    def __post_init__(self) -> None:
        from .text.rank import ALGORITHMS

        positive = (
            "max_body_bytes",
            "max_text_length",
            "max_batch_documents",
            "max_batch_body_bytes",
            "default_sentences",
            "workers",
            "timeout",
        )
        for name in positive:
            if getattr(self, name) < 1:
                raise ValueError(f"{PREFIX}{name.upper()} must be at least 1")
        if self.default_algorithm not in ALGORITHMS:
            raise ValueError(f"{PREFIX}DEFAULT_ALGORITHM must be one of {', '.join(ALGORITHMS)}")
        if self.log_level.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError(f"{PREFIX}LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every ``SUMMARIZER_*`` variable present; the rest keep their defaults."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(PREFIX + f.name.upper())
            if raw is None or raw.strip() == "":
                continue
            if f.type == "int":
                try:
                    values[f.name] = int(raw)
                except ValueError:
                    raise ValueError(f"{PREFIX}{f.name.upper()} must be an integer, got {raw!r}") from None
            else:
                values[f.name] = raw.strip()
        return cls(**values)
