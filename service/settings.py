"""The one Settings object: every tunable of the service, read from SUMMARIZER_* environment variables once."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from .text.rank import DEFAULT_ALGORITHM

PREFIX = "SUMMARIZER_"
#: Shorter keys are guessable; generate them with e.g. ``python3 -c 'import secrets; print(secrets.token_urlsafe(32))'``.
MIN_API_KEY_LENGTH = 16
_ORIGIN = re.compile(r"\*|https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?")


@dataclass(frozen=True, slots=True)
class Settings:
    """Service settings; build with ``Settings.from_env()``, or directly in tests.

    | variable                       | default     | meaning                                               |
    |--------------------------------|-------------|-------------------------------------------------------|
    | SUMMARIZER_MAX_BODY_BYTES      | 2097152     | largest request body accepted (413 above)              |
    | SUMMARIZER_MAX_TEXT_LENGTH     | 1000000     | longest ``text``, in characters (422 above)            |
    | SUMMARIZER_MAX_BATCH_DOCUMENTS | 25          | most documents in one POST /v1/summarize/batch (422 above) |
    | SUMMARIZER_MAX_BATCH_BODY_BYTES | 4194304    | largest body of a batch request (413 above)            |
    | SUMMARIZER_DEFAULT_ALGORITHM   | pyramid     | algorithm used when the request names none             |
    | SUMMARIZER_DEFAULT_SENTENCES   | 3           | sentences in a summary when no bound is given          |
    | SUMMARIZER_LOG_LEVEL           | INFO        | DEBUG, INFO, WARNING, ERROR                            |
    | SUMMARIZER_BIND                | 127.0.0.1:8000 | gunicorn's listening address                        |
    | SUMMARIZER_WORKERS             | 2           | gunicorn worker processes                              |
    | SUMMARIZER_TIMEOUT             | 60          | seconds a worker may spend on one request before it is restarted |
    | SUMMARIZER_CLIENT_TIMEOUT      | 10          | seconds a client has to send its whole request (408 or closed after) |
    | SUMMARIZER_REQUEST_BUDGET      | TIMEOUT / 2 | seconds a request may take from when a worker took it; then 503 (a batch: for the documents left) |
    | SUMMARIZER_MAX_WORKER_MEMORY   | 512         | MiB of resident memory after which a worker is replaced, once its request is answered |
    | SUMMARIZER_API_KEYS            | (none)      | comma-separated API keys; when set, /v1/* and /metrics need one |
    | SUMMARIZER_CORS_ORIGINS        | (none)      | comma-separated origins allowed by CORS (``*`` for any); off when empty |
    | SUMMARIZER_PRELOAD_LANGUAGES   | english     | languages whose models load when a worker starts (``all`` for every one); the others load on first use |
    | SUMMARIZER_DEFAULT_LANGUAGE    | english     | the language ``auto`` falls back to when the text is too short, the detection unsure or its language unsupported |
    """

    max_body_bytes: int = 2 * 1024 * 1024
    max_text_length: int = 1_000_000
    max_batch_documents: int = 25
    max_batch_body_bytes: int = 4 * 1024 * 1024
    default_algorithm: str = DEFAULT_ALGORITHM  # the registry names the default, once
    default_sentences: int = 3
    log_level: str = "INFO"
    bind: str = "127.0.0.1:8000"
    workers: int = 2
    timeout: int = 60
    client_timeout: int = 10
    # None: half of ``timeout``, so that a request stopped at its deadline is answered long before
    # gunicorn would kill the worker (the rest of the margin covers a stretch the checks cannot cut).
    request_budget: int | None = None
    max_worker_memory: int = 512
    # Never in a repr: a Settings object may end up in a log or a traceback.
    api_keys: tuple[str, ...] = field(default=(), repr=False)
    cors_origins: tuple[str, ...] = ()
    # Each language's models take 5-18 MB and 10-45 ms to load (Chinese about 67 MB and 0.5-1 s, Japanese
    # about 54 MB: their word segmenters): a worker loads the ones named here at start and any other
    # once, on its first request in that language.
    preload_languages: tuple[str, ...] = ("english",)
    # language "auto" (the default) detects the text's language; this one is used when it cannot
    # (too short, unsure, or a language the service does not support), with a warning.
    default_language: str = "english"

    def __post_init__(self) -> None:
        from .text.languages import SUPPORTED_LANGUAGES
        from .text.rank import ALGORITHMS

        positive = (
            "max_body_bytes",
            "max_text_length",
            "max_batch_documents",
            "max_batch_body_bytes",
            "default_sentences",
            "workers",
            "timeout",
            "client_timeout",
            "max_worker_memory",
        )
        for name in positive:
            if getattr(self, name) < 1:
                raise ValueError(f"{PREFIX}{name.upper()} must be at least 1")
        if self.default_algorithm not in ALGORITHMS:
            raise ValueError(f"{PREFIX}DEFAULT_ALGORITHM must be one of {', '.join(ALGORITHMS)}")
        if self.client_timeout >= self.timeout:
            # Past SUMMARIZER_TIMEOUT gunicorn kills the worker: the client's deadline must come first.
            raise ValueError(f"{PREFIX}CLIENT_TIMEOUT must be less than {PREFIX}TIMEOUT")
        if self.request_budget is not None and not 1 <= self.request_budget < self.timeout:
            raise ValueError(f"{PREFIX}REQUEST_BUDGET must be at least 1 and less than {PREFIX}TIMEOUT")
        if any(len(key) < MIN_API_KEY_LENGTH or not key.isprintable() or " " in key for key in self.api_keys):
            raise ValueError(f"{PREFIX}API_KEYS: every key must be at least {MIN_API_KEY_LENGTH} printable characters, without spaces")
        if any(not _ORIGIN.fullmatch(origin) for origin in self.cors_origins):
            raise ValueError(f"{PREFIX}CORS_ORIGINS: each origin is '*' or scheme://host[:port], e.g. https://app.example.com")
        if self.preload_languages != ("all",) and not set(self.preload_languages) <= set(SUPPORTED_LANGUAGES):
            raise ValueError(f"{PREFIX}PRELOAD_LANGUAGES must be 'all' or some of {', '.join(SUPPORTED_LANGUAGES)}")
        if self.default_language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"{PREFIX}DEFAULT_LANGUAGE must be one of {', '.join(SUPPORTED_LANGUAGES)}")
        if self.log_level.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError(f"{PREFIX}LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")

    @property
    def request_budget_seconds(self) -> float:
        """Seconds a request may take, counted from when a worker took it (``request_budget``, or half the timeout)."""
        return float(self.request_budget) if self.request_budget is not None else self.timeout / 2

    @property
    def languages_to_preload(self) -> tuple[str, ...]:
        from .text.languages import SUPPORTED_LANGUAGES

        return SUPPORTED_LANGUAGES if self.preload_languages == ("all",) else self.preload_languages

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every ``SUMMARIZER_*`` variable present; the rest keep their defaults."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(PREFIX + f.name.upper())
            if raw is None or raw.strip() == "":
                continue
            if f.type == "tuple[str, ...]":
                values[f.name] = tuple(item.strip() for item in raw.split(",") if item.strip())
            elif f.type in ("int", "int | None"):
                try:
                    values[f.name] = int(raw)
                except ValueError:
                    raise ValueError(f"{PREFIX}{f.name.upper()} must be an integer, got {raw!r}") from None
            else:
                values[f.name] = raw.strip()
        return cls(**values)
