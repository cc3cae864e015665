"""The service's exceptions: one root class, each subclass one kind of problem the caller can be told about."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: The most characters of a caller's own input (a field name, a charset, a media type) that an error
#: repeats: enough to recognise it, never enough to turn a small request into a large answer.
ECHO_LENGTH = 64
#: The most field names a detail lists (more than any schema has); problems.py bounds the ``errors`` map the same way.
ECHO_FIELDS = 20


def echo(value: object) -> str:
    """``value`` as an error may repeat it: its first ECHO_LENGTH characters, then "…" if there were more."""
    text = str(value)
    return text if len(text) <= ECHO_LENGTH else text[:ECHO_LENGTH] + "…"


class ServiceError(Exception):
    """Root of every error the service reports; rendered as problem+json by ``service.problems``."""

    status: int = 500
    title: str = "Internal Server Error"
    #: Headers that belong to this kind of problem (as Allow belongs to a 405).
    headers: Mapping[str, str] = {}

    def __init__(self, detail: str, errors: Mapping[str, object] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = dict(errors) if errors else None


class InvalidInput(ServiceError):
    """The request was understood but its content fails validation (422), field by field."""

    status = 422
    title = "Unprocessable Content"

    def __init__(self, errors: Mapping[str, object], detail: str | None = None):
        # Field names may be the caller's own (unknown fields, query parameters): each is cut short,
        # and a body of ten thousand unknown fields gets a detail of twenty.
        names = sorted(errors)
        fields = ", ".join(echo(name) for name in names[:ECHO_FIELDS])
        if len(names) > ECHO_FIELDS:
            fields += f" and {len(names) - ECHO_FIELDS} more"
        super().__init__(detail or f"Invalid value for: {fields}.", errors)


class UnsupportedLanguage(InvalidInput):
    """The requested language has no sentence model, stemmer or stop-word list here."""

    def __init__(self, name: str, supported: Sequence[str]):
        message = f"Unsupported language. Supported: {', '.join(supported)}."
        super().__init__({"language": [message]}, detail=message)
        self.supported = tuple(supported)


class UnknownAlgorithm(InvalidInput):
    """The requested algorithm is not in the registry."""

    def __init__(self, name: str, known: Sequence[str]):
        message = f"Unknown algorithm. Known: {', '.join(known)}."
        super().__init__({"algorithm": [message]}, detail=message)


class MalformedBody(ServiceError):
    """The body cannot be parsed at all: broken JSON, or bytes that are not text (400)."""

    status = 400
    title = "Bad Request"


class BodyTooLarge(ServiceError):
    """The body is longer than the configured limit (413)."""

    status = 413
    title = "Content Too Large"


class UnsupportedMediaType(ServiceError):
    """The body's Content-Type is not one the endpoint reads (415)."""

    status = 415
    title = "Unsupported Media Type"


class UnsupportedContentEncoding(UnsupportedMediaType):
    """The body's Content-Encoding is not one the service decodes (415, with the ones it does)."""

    headers = {"Accept-Encoding": "gzip, deflate"}


class TransferCodingNotImplemented(ServiceError):
    """The body has a transfer coding the service does not decode, such as gzip (501, as RFC 9112 asks)."""

    status = 501
    title = "Not Implemented"


class NotAcceptable(ServiceError):
    """No representation the caller accepts can be produced (406)."""

    status = 406
    title = "Not Acceptable"


class Unauthorized(ServiceError):
    """The endpoint needs an API key and the request has none that is valid (401)."""

    status = 401
    title = "Unauthorized"


class RequestTimeout(ServiceError):
    """The client did not send its whole body within the client timeout (408)."""

    status = 408
    title = "Request Timeout"


class OutOfTime(ServiceError):
    """The request's time budget ran out before its work was done (503, with Retry-After); the worker lives on."""

    status = 503
    title = "Service Unavailable"
    headers = {"Retry-After": "1"}

    def __init__(self, detail: str = "Not summarized: the request ran out of time. A shorter text may succeed."):
        super().__init__(detail)
