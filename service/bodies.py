"""Reading a request: content negotiation, body decoding and JSON parsing, before the schemas validate it."""

from __future__ import annotations

import codecs
import encodings
import json
import re
import sys
import zlib
from encodings.aliases import aliases
from typing import Any

from flask import Request, g
from gunicorn.http.errors import ParseException as FramingError
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge

from .errors import (
    BodyTooLarge,
    InvalidInput,
    MalformedBody,
    NotAcceptable,
    RequestTimeout,
    TransferCodingNotImplemented,
    UnsupportedContentEncoding,
    UnsupportedMediaType,
    echo,
)

JSON = "application/json"
PLAIN = "text/plain"
HTML = "text/html"


def negotiate(request: Request, offers: tuple[str, ...]) -> str:
    """The offered media type the caller accepts best; 406 if it accepts none."""
    if not request.headers.get("Accept"):
        return offers[0]
    best = request.accept_mimetypes.best_match(offers)
    if best is None:
        raise NotAcceptable(f"This endpoint can answer with {' or '.join(offers)}.")
    return best


def body_kind(request: Request, accepted: tuple[str, ...]) -> str:
    """One of ``accepted`` (``JSON``, ``PLAIN``, ``HTML``), from the Content-Type; 415 for anything else."""
    mimetype = request.mimetype
    if mimetype == JSON or (mimetype.startswith("application/") and mimetype.endswith("+json")):
        kind = JSON
    else:
        kind = mimetype
    if kind not in accepted:
        shown = f"'{echo(mimetype)}'" if mimetype else "no Content-Type"
        named = ", ".join(accepted[:-1]) + " or " + accepted[-1] if len(accepted) > 1 else accepted[0]
        raise UnsupportedMediaType(f"Got {shown}; send {named}.")
    return kind


#: The charsets a body may declare, as Python's codec names. A label names one through Python's own
#: aliases ("UTF8", "latin1", "ISO-8859-1", "windows-1252", "us-ascii", "sjis", "ks_c_5601-1987"...)
#: or the few WHATWG labels Python lacks (_LABELS). An allowlist, because Python's codec registry
#: also holds codecs that are no charset a text is sent in: unicode_escape and raw_unicode_escape
#: turn "\ud800" into a lone surrogate, undefined always fails, punycode, idna and utf-7 belong to
#: other protocols, base64_codec maps bytes to bytes. Every codec here decodes strictly and never
#: yields a lone surrogate (UTF-16 and UTF-32 reject one), so a decoded body is valid Unicode.
CHARSETS = frozenset(
    {
        "utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be",
        "ascii", "latin_1", *(f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16)),
        *(f"cp125{n}" for n in range(9)), "cp874", "tis_620", "cp866", "koi8_r", "koi8_u", "mac_roman", "mac_cyrillic",
        "gb2312", "gbk", "gb18030", "big5", "big5hkscs", "shift_jis", "cp932", "euc_jp", "iso2022_jp",
        "euc_kr", "cp949", "iso2022_kr",
    }
)  # fmt: skip
_LABELS = {"windows_874": "cp874", "windows_31j": "cp932", "x_sjis": "shift_jis", "x_mac_cyrillic": "mac_cyrillic", "x_mac_roman": "mac_roman"}


def charset_codec(label: str) -> str:
    """The codec (one of CHARSETS) a charset label names, matched as Python matches codec names; 415 for any other."""
    key = encodings.normalize_encoding(label.lower())
    name = _LABELS.get(key) or aliases.get(key) or aliases.get(key.replace(".", "_")) or key
    if name not in CHARSETS:
        raise UnsupportedMediaType(f"Unsupported charset '{echo(label)}'; send UTF-8, or another charset the README lists.")
    return name


def read_text(request: Request, default_charset: str = "utf-8") -> str:
    """The body as text, decoded with its declared charset (UTF-8 if none); 415 for a charset not in CHARSETS, 400 if it does not decode."""
    label = request.mimetype_params.get("charset", "").strip()
    codec = charset_codec(label) if label else default_charset
    return _decode(read_body(request), codec)


def _decode(data: bytes, codec: str) -> str:
    """``data`` decoded with ``codec``; 400 naming the codec and the first byte that does not decode."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise MalformedBody(f"The body is not valid {codecs.lookup(codec).name} (byte {error.start}).") from None


#: A page's own charset declaration, looked for in its first 1024 bytes (as the HTML standard's
#: prescan does, without its full state machine): <meta charset=...> or <meta http-equiv ... charset=...>.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_BOMS = ((b"\xef\xbb\xbf", "utf_8"), (b"\xff\xfe", "utf_16"), (b"\xfe\xff", "utf_16"))


def read_html(request: Request) -> str:
    """A text/html body as text: in its Content-Type's charset, else its byte-order mark's, else its <meta> charset's
    (when the service reads that charset), else UTF-8; 415 for a Content-Type charset not in CHARSETS, 400 if it does not decode.
    """
    label = request.mimetype_params.get("charset", "").strip()
    data = read_body(request)
    if label:
        codec = charset_codec(label)
    else:
        codec = next((name for bom, name in _BOMS if data.startswith(bom)), None)
        if codec is None:
            found = _META_CHARSET.search(data[:1024])
            try:
                codec = charset_codec(found.group(1).decode("ascii")) if found else "utf_8"
            except UnsupportedMediaType:
                codec = "utf_8"  # a page's own label the service does not read: read it as UTF-8
    text = _decode(data, codec)
    return text[1:] if text.startswith("\ufeff") else text


def read_body(request: Request) -> bytes:
    """The body's bytes, decompressed if it has a Content-Encoding; 413 past the body limit, compressed or not."""
    _no_transfer_compression(request)
    coding = _content_coding(request)
    data = _read_body(request)
    if coding is None:
        return data
    limit = request.max_content_length
    return _inflate(data, coding, sys.maxsize - 1 if limit is None else limit)


#: Content codings a body may be sent in (RFC 9110, 8.4.1), with zlib's window bits for each:
#: gzip (and its old name x-gzip), and deflate, which is the zlib format. A 415 for any other names
#: these in Accept-Encoding (errors.UnsupportedContentEncoding).
_CODINGS = {"gzip": 31, "x-gzip": 31, "deflate": 15}


def _content_coding(request: Request) -> str | None:
    """The body's one content coding, None for none or identity; 415 for any other, or for more than one."""
    given = (c.strip().lower() for c in request.headers.get("Content-Encoding", "").split(","))
    codings = [c for c in given if c and c != "identity"]
    unknown = next((c for c in codings if c not in _CODINGS), None)
    if unknown is not None:
        raise UnsupportedContentEncoding(f"Unsupported Content-Encoding '{echo(unknown)}'; send the body as gzip, deflate or uncompressed.")
    if len(codings) > 1:
        # A body compressed twice is not worth a second inflater; no client sends one.
        raise UnsupportedContentEncoding("More than one Content-Encoding; compress the body once, with gzip or deflate.")
    return codings[0] if codings else None


def _no_transfer_compression(request: Request) -> None:
    # gunicorn takes "Transfer-Encoding: gzip, chunked" (or deflate, compress), removes the chunking
    # and hands over the body still compressed, the coding unmentioned: 501, as for any transfer coding
    # not implemented (RFC 9112, 6.1), rather than read compressed bytes as text.
    given = (c.strip().lower() for c in request.headers.get("Transfer-Encoding", "").split(","))
    other = next((c for c in given if c and c not in ("chunked", "identity")), None)
    if other is not None:
        raise TransferCodingNotImplemented(
            f"Transfer-Encoding '{echo(other)}' is not implemented; send the body chunked or with a Content-Length, "
            "compressed with Content-Encoding if you like."
        )


def _inflate(data: bytes, coding: str, limit: int) -> bytes:
    """``data`` decompressed; 413 as soon as it passes ``limit`` bytes (never inflated beyond ``limit`` + 1), 400 if it is not that coding."""
    wbits = _CODINGS[coding]
    if coding == "deflate" and not (len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0):
        wbits = -15  # no zlib header: raw deflate, which some clients send under that name
    pieces: list[bytes] = []
    size = 0
    try:
        while True:
            inflater = zlib.decompressobj(wbits)
            # max_length: a kilobyte of zeros that inflates to gigabytes stops at limit + 1 bytes.
            piece = inflater.decompress(data, limit + 1 - size)
            size += len(piece)
            if size > limit:
                raise BodyTooLarge(f"The body is over the limit of {limit} bytes once decompressed.")
            pieces.append(piece)
            if not inflater.eof:
                raise MalformedBody(f"The body ends before its {coding} data does.")
            data = inflater.unused_data
            if not data:
                return b"".join(pieces)
            if wbits != 31:
                raise MalformedBody(f"The body goes on after its {coding} data.")
            # A gzip body may be several members one after the other (RFC 1952, 2.2).
    except zlib.error:
        raise MalformedBody(f"The body is not valid {coding} data.") from None


def _read_body(request: Request) -> bytes:
    try:
        data = request.get_data(cache=False)
        limit = request.max_content_length
        if request.content_length is None and limit is not None and len(data) >= limit:
            # A body of unknown length (chunked) is cut at the limit by Werkzeug, which does not say
            # whether more followed: one more byte from the server's own stream tells.
            if request.environ["wsgi.input"].read(1):
                raise RequestEntityTooLarge()
        if request.content_length is not None and len(data) < request.content_length:
            # gunicorn hands over what arrived before the client closed: a cut-off body, never to be summarized.
            raise MalformedBody("The body ended before its declared length.")
        g.input_bytes = len(data)  # for the access log: a chunked body has no Content-Length
        return data
    except (TimeoutError, ClientDisconnected) as error:
        # Werkzeug turns a failed read of a body of known length into ClientDisconnected (400); when
        # the failure was the worker's deadline for the whole request (service.worker,
        # SUMMARIZER_CLIENT_TIMEOUT), the caller is told so: 408.
        if isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError):
            raise RequestTimeout("The body did not arrive within the time allowed; send it in one go.") from None
        raise
    except OSError:
        # The client went away in the middle of its body: nobody is left to read the answer.
        raise MalformedBody("The body ended before its declared length.") from None
    except FramingError:
        # gunicorn reads a chunked body as the app asks for it, so a malformed chunk is found here.
        raise MalformedBody("The chunked body is malformed.") from None


#: Python refuses to convert integers longer than this (sys.get_int_max_str_digits); no option needs a tenth of it.
MAX_NUMBER_DIGITS = 100


def _bounded_int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_DIGITS:
        raise MalformedBody(f"The body is not acceptable JSON: a number has more than {MAX_NUMBER_DIGITS} digits.")
    return int(literal)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise MalformedBody(f"Duplicate key in JSON object: '{echo(key)}'.")
        result[key] = value
    return result


def read_json(request: Request, answered_apart: str | None = None) -> Any:
    """The body parsed as JSON (UTF-8); 400 for anything that is not a JSON document.

    ``answered_apart`` names a member of the top-level object whose items are each answered on
    their own (a batch's documents): an unpaired surrogate inside one of them is left for that
    item's own answer, so that it fails alone.
    """
    text = read_text(request)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_int=_bounded_int)
    except json.JSONDecodeError as error:
        raise MalformedBody(f"The body is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}.") from None
    except RecursionError:
        raise MalformedBody("The body is not acceptable JSON: nested too deeply.") from None
    # "\ud800" alone is valid JSON syntax but no Unicode text (RFC 8259 8.2; I-JSON forbids it): it
    # cannot be summarized, nor even written back as UTF-8. Only bodies that escape a surrogate are walked.
    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(
        {k: v for k, v in data.items() if k != answered_apart} if answered_apart and isinstance(data, dict) else data
    ):
        raise MalformedBody("The body is not acceptable JSON: a string holds an unpaired UTF-16 surrogate (\\uD800-\\uDFFF).")
    return data


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def has_lone_surrogate(data: Any) -> bool:
    """True if a string anywhere in ``data`` (keys included) holds an unpaired UTF-16 surrogate."""
    return _has_lone_surrogate(data)


def _has_lone_surrogate(data: Any) -> bool:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def read_json_object(request: Request, answered_apart: str | None = None) -> dict[str, Any]:
    """The body as a JSON object, its options all in it: 422 for any other JSON value or for a query string."""
    data = read_json(request, answered_apart)
    if not isinstance(data, dict):
        raise InvalidInput({"_schema": ["The body must be a JSON object."]}, detail="The body must be a JSON object.")
    if request.args:
        # Silently ignoring ?sentences=2 next to a JSON body would summarize with the wrong options.
        message = "With a JSON body every option goes in the body; the query string is read only with a text/plain body."
        raise InvalidInput({name: [message] for name in request.args}, detail=message)
    return data
