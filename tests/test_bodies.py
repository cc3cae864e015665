"""Reading a body (service/bodies.py): charset labels as Python reads them, compressed bodies at their edges, the surrogate walk."""

from __future__ import annotations

import gzip
import json
import zlib

import pytest

from service import bodies
from service.errors import BodyTooLarge, MalformedBody, UnsupportedMediaType

ARTICLE = "The council met on Monday. It approved the bus budget."


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("ISO8859.1", "latin_1"),  # Python finds it only with the period read as "_" (iso8859_1)
        ("ANSI_X3.4-1986", "ascii"),  # an alias that keeps its period
        ("iso_646.irv:1991", "ascii"),
        ("latin1", "latin_1"),
        ("windows-31j", "cp932"),  # a WHATWG label Python lacks
    ],
)
def test_a_charset_label_names_its_codec_as_python_matches_it(label, codec):
    assert bodies.charset_codec(label) == codec


def test_a_label_python_does_not_know_is_refused():
    with pytest.raises(UnsupportedMediaType):
        bodies.charset_codec("iso8859.99")


def stored_block(data: bytes, final: bool) -> bytes:
    """A raw deflate stored block (RFC 1951, 3.2.4), its header byte 0x00 or 0x01."""
    return bytes([1 if final else 0]) + len(data).to_bytes(2, "little") + (~len(data) & 0xFFFF).to_bytes(2, "little") + data


def test_raw_deflate_whose_first_bytes_look_like_a_zlib_checksum_is_still_raw():
    # 0x00 0x1F: (0x00 << 8 | 0x1F) is a multiple of 31, as a zlib header's is, but its method
    # nibble is 0, not 8: this is raw deflate, read as such.
    data = b"x" * 31
    body = stored_block(data, final=False) + stored_block(b"", final=True)
    assert (body[0] << 8 | body[1]) % 31 == 0 and body[0] & 0x0F != 8
    assert bodies._inflate(body, "deflate", 1000) == data


def test_raw_deflate_whose_method_nibble_is_8_without_the_zlib_checksum_is_still_raw():
    # 0x08: a stored block that is not the last (with padding bits set, which inflate ignores);
    # its method nibble is 8, as a zlib header's is, but 0x0805 is no multiple of 31.
    body = b"\x08" + stored_block(b"yyyyy", final=False)[1:] + stored_block(b"", final=True)
    assert body[0] & 0x0F == 8 and (body[0] << 8 | body[1]) % 31 != 0
    assert bodies._inflate(body, "deflate", 1000) == b"yyyyy"


@pytest.mark.parametrize("body", [b"x", b"\x78"], ids=["one byte", "one byte of a zlib header"])
def test_a_one_byte_deflate_body_is_a_400(body):
    with pytest.raises(MalformedBody, match="ends before its deflate data"):
        bodies._inflate(body, "deflate", 1000)


class Counting:
    """zlib.decompressobj, counting every byte inflated."""

    def __init__(self, monkeypatch):
        self.inflated = 0
        real = zlib.decompressobj
        outer = self

        class Inflater:
            def __init__(self, wbits):
                self._inflater = real(wbits)

            def decompress(self, data, max_length=0):
                piece = self._inflater.decompress(data, max_length)
                outer.inflated += len(piece)
                return piece

            def __getattr__(self, name):
                return getattr(self._inflater, name)

        monkeypatch.setattr(bodies.zlib, "decompressobj", Inflater)


def test_a_bomb_is_inflated_one_byte_past_the_limit_and_no_further(monkeypatch):
    counting = Counting(monkeypatch)
    with pytest.raises(BodyTooLarge):
        bodies._inflate(gzip.compress(b"\0" * 10_000_000), "gzip", 1000)
    assert counting.inflated == 1001


def test_a_bomb_in_a_second_gzip_member_stops_at_the_same_byte(monkeypatch):
    counting = Counting(monkeypatch)
    body = gzip.compress(b"a" * 600) + gzip.compress(b"\0" * 10_000_000)
    with pytest.raises(BodyTooLarge):
        bodies._inflate(body, "gzip", 1000)
    assert counting.inflated == 1001  # 600 of the first member, 401 of the second


def test_gzip_members_count_together_toward_the_limit():
    member = gzip.compress(b"a" * 600)
    assert bodies._inflate(member, "gzip", 1000) == b"a" * 600
    with pytest.raises(BodyTooLarge):
        bodies._inflate(member + member, "gzip", 1000)  # 1,200 bytes in all, each member under the limit
    assert bodies._inflate(member + member, "gzip", 1200) == b"a" * 1200


def test_a_lone_surrogate_inside_a_list_is_found(client):
    body = '{"text": "' + ARTICLE + '", "title": ["fine", "\\ud800"]}'
    response = client.post("/v1/summarize", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "unpaired UTF-16 surrogate" in response.get_json()["detail"]


def test_a_paired_surrogate_inside_a_list_is_no_error(client):
    # The walk goes through the list and finds nothing wrong: the title is then refused as a list.
    body = '{"text": "' + ARTICLE + '", "title": ["\\ud83d\\ude00"]}'
    response = client.post("/v1/summarize", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and "title" in response.get_json()["errors"]
    assert json.loads(body)["title"] == ["😀"]


def test_a_batch_document_with_a_lone_surrogate_is_refused_alone(client):
    # A batch reads its documents as parsed JSON values (bodies.has_lone_surrogate): the walk goes
    # into a document's keys and nested values, and only that document fails.
    body = '{"documents": [{"text": "' + ARTICLE + '"}, {"text": "' + ARTICLE + '", "title": ["fine", {"\\udc00": 1}]}]}'
    response = client.post("/v1/summarize/batch", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    good, bad = response.get_json()["results"]
    assert good["status"] == 200
    assert bad["status"] == 400 and "unpaired UTF-16 surrogate" in bad["problem"]["detail"]
    assert bodies.has_lone_surrogate({"a": ["x", {"b": "\ud800"}]}) and not bodies.has_lone_surrogate({"a": ["x", {"b": "😀"}]})


# --- the media types a body may have and an answer may be given in, and what a refusal says ---------------


@pytest.mark.parametrize("media_type", ["application/merge-patch+json", "application/vnd.api+json"])
def test_a_structured_json_media_type_is_read_as_json(client, media_type):
    response = client.post("/v1/summarize", data=json.dumps({"text": ARTICLE, "sentences": 1}), headers={"Content-Type": media_type})
    assert response.status_code == 200 and response.get_json()["stats"]["summary"]["sentences"] == 1


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({"Content-Type": "image/png"}, "Got 'image/png'; send application/json, text/plain or text/html."),
        ({"Content-Type": "text/x+json"}, "Got 'text/x+json'; send application/json, text/plain or text/html."),  # +json under application/ only
        ({"Content-Type": "application/xml"}, "Got 'application/xml'; send application/json, text/plain or text/html."),
        ({}, "Got no Content-Type; send application/json, text/plain or text/html."),
    ],
)
def test_an_unsupported_media_type_is_refused_naming_the_ones_read(client, headers, detail):
    response = client.post("/v1/summarize", data=json.dumps({"text": ARTICLE}), headers=headers)
    assert response.status_code == 415 and response.get_json()["detail"] == detail


def test_an_accept_it_cannot_answer_is_refused_naming_what_it_can(client):
    response = client.post("/v1/summarize", data=json.dumps({"text": ARTICLE}), headers={"Content-Type": "application/json", "Accept": "image/png"})
    assert response.status_code == 406
    assert response.get_json()["detail"] == "This endpoint can answer with application/json or text/plain."


def test_a_body_that_does_not_decode_names_its_charset_and_the_first_bad_byte(client):
    body = "Café au lait. ".encode("utf-8") + b"\xff more."
    response = client.post("/v1/summarize", data=body, headers={"Content-Type": "text/plain"})
    bad = body.index(b"\xff")
    assert response.status_code == 400 and response.get_json()["detail"] == f"The body is not valid utf-8 (byte {bad})."
    latin = client.post("/v1/summarize", data=b"\x81 x", headers={"Content-Type": "text/plain; charset=windows-1252"})
    assert latin.status_code == 400 and latin.get_json()["detail"] == "The body is not valid cp1252 (byte 0)."


def test_a_compressed_body_with_no_size_limit_is_inflated_whole(app, monkeypatch):
    # An app configured with no body limit (MAX_CONTENT_LENGTH None) inflates without a bound.
    import flask

    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", None)
    data = b"a" * 5000
    with app.test_request_context("/v1/summarize", method="POST", data=gzip.compress(data), headers={"Content-Encoding": "gzip"}):
        assert flask.request.max_content_length is None
        assert bodies.read_body(flask.request) == data


@pytest.mark.parametrize("value", ["chunked", "identity", "Chunked, identity", " CHUNKED "])
def test_chunked_and_identity_are_the_transfer_codings_read(app, value):
    with app.test_request_context("/v1/summarize", method="POST", headers={"Transfer-Encoding": value}):
        import flask

        bodies._no_transfer_compression(flask.request)  # no error


@pytest.mark.parametrize(("value", "named"), [("GZip, chunked", "gzip"), ("chunked,deflate", "deflate"), ("compress", "compress")])
def test_any_other_transfer_coding_is_not_implemented_and_named(app, value, named):
    import flask

    from service.errors import TransferCodingNotImplemented

    with app.test_request_context("/v1/summarize", method="POST", headers={"Transfer-Encoding": value}):
        with pytest.raises(TransferCodingNotImplemented) as refused:
            bodies._no_transfer_compression(flask.request)
    assert refused.value.detail == (
        f"Transfer-Encoding '{named}' is not implemented; send the body chunked or with a Content-Length, "
        "compressed with Content-Encoding if you like."
    )


def test_a_body_compressed_twice_is_refused_saying_so(client):
    body = gzip.compress(gzip.compress(json.dumps({"text": ARTICLE}).encode()))
    response = client.post("/v1/summarize", data=body, headers={"Content-Type": "application/json", "Content-Encoding": "gzip, gzip"})
    assert response.status_code == 415
    assert response.get_json()["detail"] == "More than one Content-Encoding; compress the body once, with gzip or deflate."


@pytest.mark.parametrize(("size", "refused"), [(99, False), (100, False), (101, True), (10_000, True)])
def test_a_chunked_body_is_read_to_the_limit_and_refused_one_byte_past_it(app, monkeypatch, size, refused):
    # No Content-Length: Werkzeug stops at the limit without saying whether more followed.
    import io

    import flask
    from werkzeug.exceptions import RequestEntityTooLarge

    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 100)
    stream = io.BytesIO(b"x" * size)
    environ = {"wsgi.input": stream, "wsgi.input_terminated": True}
    with app.test_request_context("/v1/summarize", method="POST", headers={"Transfer-Encoding": "chunked"}, environ_overrides=environ):
        assert flask.request.content_length is None
        if refused:
            with pytest.raises(RequestEntityTooLarge):
                bodies.read_body(flask.request)
            # One byte past the limit is read to tell, and no more: the rest of a large body is never held.
            assert stream.tell() == 101
        else:
            assert bodies.read_body(flask.request) == b"x" * size


# --- what a body that cannot be read says, word for word ------------------------------------------


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ('{"text": "a",}', "The body is not valid JSON: Expecting property name enclosed in double quotes at line 1, column 14."),
        ("[" * 5_000, "The body is not acceptable JSON: nested too deeply."),
        ('{"text": "a", "keywords": ' + "1" * 101 + "}", "The body is not acceptable JSON: a number has more than 100 digits."),
        ('["\\ud800"]', "The body is not acceptable JSON: a string holds an unpaired UTF-16 surrogate (\\uD800-\\uDFFF)."),
    ],
    ids=["syntax", "deep", "long-number", "surrogate-in-a-list"],
)
def test_a_json_body_that_cannot_be_read_says_why(client, body, detail):
    response = client.post("/v1/summarize", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.get_json()["detail"] == detail


def test_a_number_of_exactly_100_digits_is_read_and_validated_as_any_other(client):
    response = client.post("/v1/summarize", data='{"text": "' + ARTICLE + '", "keywords": ' + "1" * 100 + "}", headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and "keywords" in response.get_json()["errors"]


def test_a_json_body_may_start_with_a_byte_order_mark(client):
    body = "\ufeff" + json.dumps({"text": ARTICLE, "sentences": 1})
    response = client.post("/v1/summarize", data=body.encode("utf-8"), headers={"Content-Type": "application/json"})
    assert response.status_code == 200 and response.get_json()["stats"]["summary"]["sentences"] == 1


def test_a_batch_body_that_is_a_list_with_a_lone_surrogate_is_refused_whole(client):
    response = client.post("/v1/summarize/batch", data='["\\ud800"]', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["detail"] == "The body is not acceptable JSON: a string holds an unpaired UTF-16 surrogate (\\uD800-\\uDFFF)."


class _Broken:
    """A request stream whose client went away after ``sent`` bytes."""

    def __init__(self, sent: bytes, error: Exception | None):
        self.sent, self.error = sent, error

    def read(self, size=-1):
        if self.sent:
            piece, self.sent = self.sent, b""
            return piece
        if self.error:
            raise self.error
        return b""


@pytest.mark.parametrize(
    ("error", "detail"),
    [
        (None, "The body ended before its declared length."),  # fewer bytes than Content-Length, then the end
        ("framing", "The chunked body is malformed."),
    ],
    ids=["short", "bad-chunk"],
)
def test_a_body_cut_off_or_malformed_on_the_way_is_a_400_saying_so(app, error, detail):
    import flask
    from gunicorn.http.errors import InvalidChunkSize

    if error == "framing":
        error = InvalidChunkSize(b"zz")
    # As gunicorn hands a body over: the stream ends where the client stopped (input_terminated).
    environ = {"wsgi.input": _Broken(b'{"text": "x', error), "CONTENT_LENGTH": "100", "wsgi.input_terminated": True}
    with app.test_request_context("/v1/summarize", method="POST", environ_overrides=environ):
        with pytest.raises(MalformedBody) as refused:
            bodies.read_body(flask.request)
    assert refused.value.detail == detail


def test_a_chunked_body_whose_client_goes_away_at_the_limit_is_a_400(app, monkeypatch):
    # The one byte read past the limit to learn whether more follows finds the connection reset.
    import flask

    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 100)
    environ = {"wsgi.input": _Broken(b"x" * 100, OSError("connection reset")), "wsgi.input_terminated": True}
    with app.test_request_context("/v1/summarize", method="POST", headers={"Transfer-Encoding": "chunked"}, environ_overrides=environ):
        with pytest.raises(MalformedBody) as refused:
            bodies.read_body(flask.request)
    assert refused.value.detail == "The body ended before its declared length."


def test_a_json_body_that_is_no_object_is_a_422_saying_so(client):
    response = client.post("/v1/summarize", data="[1, 2]", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    body = response.get_json()
    assert body["detail"] == "The body must be a JSON object." and body["errors"] == {"_schema": ["The body must be a JSON object."]}


def test_query_options_beside_a_json_body_are_each_refused_saying_where_options_go(client):
    response = client.post("/v1/summarize?sentences=2&keywords=3", data=json.dumps({"text": ARTICLE}), headers={"Content-Type": "application/json"})
    message = "With a JSON body every option goes in the body; the query string is read only with a text/plain body."
    assert response.status_code == 422
    body = response.get_json()
    assert body["detail"] == message and body["errors"] == {"keywords": [message], "sentences": [message]}


# --- a body that stops arriving, and what is recorded of one that arrives ------------------------


class _Stalled:
    """A request stream whose next read fails the way the worker's deadline makes it fail."""

    def __init__(self, sent: bytes, error: Exception):
        self.sent, self.error = sent, error

    def read(self, size=-1):
        if self.sent:
            piece, self.sent = self.sent, b""
            return piece
        raise self.error


def _disconnected_by_the_deadline() -> Exception:
    """Werkzeug's ClientDisconnected raised while a TimeoutError is handled, as a failed read of a known length is."""
    from werkzeug.exceptions import ClientDisconnected

    try:
        raise TimeoutError("timed out")
    except TimeoutError:
        try:
            raise ClientDisconnected()
        except ClientDisconnected as error:
            return error


@pytest.mark.parametrize(
    "chunked",
    [False, True],
    ids=["content-length", "chunked"],
)
@pytest.mark.parametrize("how", ["timeout", "disconnected-by-the-deadline"])
def test_a_body_that_does_not_arrive_in_time_is_a_408_saying_so(app, chunked, how):
    import flask

    from service.errors import RequestTimeout

    error = TimeoutError("timed out") if how == "timeout" else _disconnected_by_the_deadline()
    environ = {"wsgi.input": _Stalled(b'{"text": "x', error), "wsgi.input_terminated": True}
    headers = {"Transfer-Encoding": "chunked"} if chunked else {}
    if not chunked:
        environ["CONTENT_LENGTH"] = "100"
    with app.test_request_context("/v1/summarize", method="POST", headers=headers, environ_overrides=environ):
        with pytest.raises(RequestTimeout) as refused:
            bodies.read_body(flask.request)
    assert refused.value.detail == "The body did not arrive within the time allowed; send it in one go."


def test_a_client_that_disconnects_without_a_deadline_is_not_told_it_was_too_slow(app):
    # A ClientDisconnected of its own (no TimeoutError behind it) stays what it is: not a 408.
    import flask
    from werkzeug.exceptions import ClientDisconnected

    environ = {"wsgi.input": _Stalled(b'{"text": "x', ClientDisconnected()), "CONTENT_LENGTH": "100", "wsgi.input_terminated": True}
    with app.test_request_context("/v1/summarize", method="POST", environ_overrides=environ):
        with pytest.raises(ClientDisconnected):
            bodies.read_body(flask.request)


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_the_bytes_of_a_body_read_are_recorded_for_the_access_log(app, chunked):
    import io

    import flask

    body = json.dumps({"text": ARTICLE}).encode()
    environ = {"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True}
    headers = {"Transfer-Encoding": "chunked"} if chunked else {"Content-Length": str(len(body))}
    with app.test_request_context("/v1/summarize", method="POST", headers=headers, environ_overrides=environ):
        assert bodies.read_body(flask.request) == body
        assert flask.g.input_bytes == len(body)


def test_a_body_of_declared_length_at_the_limit_is_read_without_a_byte_more(app, monkeypatch):
    # With a Content-Length the body's end is known: nothing past it is read (on a kept-alive
    # connection the next bytes are another request's), so what follows cannot make it a 413.
    import io

    import flask

    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 100)
    stream = io.BytesIO(b"x" * 100 + b"GET / HTTP/1.1\r\n")
    environ = {"wsgi.input": stream, "CONTENT_LENGTH": "100"}
    with app.test_request_context("/v1/summarize", method="POST", environ_overrides=environ):
        assert bodies.read_body(flask.request) == b"x" * 100
    assert stream.tell() == 100


@pytest.mark.parametrize(
    ("accepted", "named"),
    [
        (("application/json",), "application/json"),
        (("application/json", "text/plain"), "application/json or text/plain"),
        (("application/json", "text/plain", "text/html"), "application/json, text/plain or text/html"),
    ],
    ids=["one", "two", "three"],
)
def test_a_415_names_every_media_type_read_in_plain_words(app, accepted, named):
    import flask

    with app.test_request_context("/v1/summarize", method="POST", headers={"Content-Type": "image/png"}):
        with pytest.raises(UnsupportedMediaType) as refused:
            bodies.body_kind(flask.request, accepted)
    assert refused.value.detail == f"Got 'image/png'; send {named}."


# --- the charset of a text/html body --------------------------------------------------------------


def _read_html(app, data: bytes, content_type: str = "text/html") -> str:
    import flask

    with app.test_request_context("/v1/summarize", method="POST", data=data, headers={"Content-Type": content_type}):
        return bodies.read_html(flask.request)


def test_a_page_with_no_charset_anywhere_is_read_as_utf_8(app):
    page = "<p>Caf\u00e9 owners met on Monday.</p>"
    assert _read_html(app, page.encode("utf-8")) == page


def test_a_page_whose_own_charset_the_service_does_not_read_is_read_as_utf_8(app):
    page = '<meta charset="x-no-such-charset"><p>Caf\u00e9 owners met.</p>'
    assert _read_html(app, page.encode("utf-8")) == page


def test_a_pages_own_charset_is_read_from_its_first_1024_bytes_only(app):
    # The label "windows-1252" ends on byte 1025: the first 1024 bytes hold only "windows-125", no
    # charset, so the page is read as UTF-8, as a browser's prescan of 1024 bytes would read it.
    head, label = b'<meta charset="', b"windows-1252"
    page = b"<!--" + b"x" * (1025 - 4 - 3 - len(head) - len(label)) + b"-->" + head + label + b'"><p>Caf\xc3\xa9.</p>'
    assert page.index(label) + len(label) == 1025
    assert _read_html(app, page).endswith("<p>Caf\u00e9.</p>")
    shorter = page.replace(b"<!--x", b"<!--", 1)  # the same label one byte earlier is read: windows-1252
    assert _read_html(app, shorter).endswith("<p>Caf\u00c3\u00a9.</p>")


@pytest.mark.parametrize("content_type", ["text/html", "text/html; charset=utf-8"], ids=["by-its-mark", "declared"])
def test_a_pages_byte_order_mark_is_not_part_of_its_text(app, content_type):
    page = "<p>Caf\u00e9 owners met.</p>"
    assert _read_html(app, b"\xef\xbb\xbf" + page.encode("utf-8"), content_type) == page
