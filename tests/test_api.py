"""The HTTP contract through the Flask test client: answers, negotiation, and every kind of bad request."""

from __future__ import annotations

import json

import pytest

from service.text.pipeline import summarize as real_summarize

PROBLEM = "application/problem+json"


def post_json(client, body, **headers):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post("/v1/summarize", data=data, headers={"Content-Type": "application/json", **headers})


def assert_problem(response, status):
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    assert body["request_id"] == response.headers["X-Request-ID"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def test_summary_of_the_sample_article_meets_the_contract(client, sample_text):
    response = post_json(client, {"text": sample_text, "sentences": 3})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert list(body) == ["summary", "sentences", "keywords", "algorithm", "language", "stats", "warnings"]
    assert len(body["sentences"]) == 3
    for s in body["sentences"]:
        assert set(s) == {"text", "index", "offset", "length", "score", "rank"}
        assert sample_text[s["offset"] : s["offset"] + s["length"]] == s["text"]
        assert 0 <= s["score"] <= 1
    assert body["summary"] == " ".join(s["text"] for s in body["sentences"])
    assert [s["index"] for s in body["sentences"]] == sorted(s["index"] for s in body["sentences"])
    assert any(s["score"] == 1.0 and s["rank"] == 1 for s in body["sentences"])
    assert 0 < len(body["keywords"]) <= 10
    assert body["keywords"][0]["score"] == 1.0
    assert all(set(k) == {"text", "score", "count"} for k in body["keywords"])
    assert body["algorithm"] == "pyramid" and body["language"] == "english"
    # Words as wc -w counts them; sentences as many as the full ranking of the same text lists.
    every = post_json(client, {"text": sample_text, "sentences": 3, "ranking": "all"}).get_json()["ranking"]
    assert body["stats"]["input"] == {"characters": len(sample_text), "words": len(sample_text.split()), "sentences": len(every)}
    assert body["stats"]["summary"]["sentences"] == 3
    assert body["stats"]["summary"]["characters"] == len(body["summary"])
    assert body["warnings"] == []


@pytest.mark.parametrize(
    ("bound", "check"),
    [
        ({"max_words": 60}, lambda b: len(b["summary"].split()) == b["stats"]["summary"]["words"] <= 60),
        ({"max_chars": 300}, lambda b: len(b["summary"]) <= 300),
        ({"ratio": 0.1}, lambda b: len(b["summary"].split()) == b["stats"]["summary"]["words"] <= 0.1 * b["stats"]["input"]["words"]),
        ({"sentences": 5}, lambda b: len(b["sentences"]) == 5),
    ],
)
def test_every_bound_is_respected(client, sample_text, bound, check):
    response = post_json(client, {"text": sample_text, **bound})
    assert response.status_code == 200
    assert check(response.get_json())


def test_stats_count_words_as_wc_does(client, sample_text):
    body = post_json(client, {"text": sample_text, "max_words": 50}).get_json()
    assert body["stats"]["input"]["words"] == len(sample_text.split())
    assert body["stats"]["summary"]["words"] == len(body["summary"].split())


DASHES = "The council met — again — on Monday. It approved the budget after a long debate."


@pytest.mark.parametrize(
    ("bound", "summary"),
    [
        ({"max_words": 6}, ""),  # each sentence is 8 words, the dashes counted
        ({"max_words": 8}, "The council met — again — on Monday."),
        ({"max_words": 15}, "The council met — again — on Monday."),  # both would be 16: one too many
        ({"max_words": 16}, DASHES),
        ({"ratio": 0.5}, "The council met — again — on Monday."),  # 8 of 16 words
        ({"ratio": 0.49}, ""),  # 7 words
    ],
)
def test_word_bounds_count_dashes_as_words(client, bound, summary):
    body = post_json(client, {"text": DASHES, "algorithm": "lead", **bound}).get_json()
    assert body["summary"] == summary
    assert body["stats"]["input"]["words"] == 16
    assert body["stats"]["summary"]["words"] == len(summary.split())
    assert body["stats"]["compression"] == round(len(summary.split()) / 16, 4)
    if not summary:
        assert body["warnings"] and "the shortest has 8" in body["warnings"][0]


def test_order_rank_puts_the_best_first(client, sample_text):
    body = post_json(client, {"text": sample_text, "order": "rank", "algorithm": "text-rank"}).get_json()
    assert [s["rank"] for s in body["sentences"]] == sorted(s["rank"] for s in body["sentences"])
    assert body["algorithm"] == "text-rank"


def test_warnings_explain_a_short_summary(client):
    body = post_json(client, {"text": "One sentence only.", "sentences": 3, "language": "english"}).get_json()
    assert len(body["sentences"]) == 1
    assert body["warnings"] == ["Asked for 3 sentences but the text has only 1 distinct sentence."]


def test_plain_text_in_with_query_options_and_plain_text_out(client, sample_text):
    response = client.post(
        "/v1/summarize?sentences=2&algorithm=lsa&keywords=5",
        data=sample_text.encode(),
        headers={"Content-Type": "text/plain", "Accept": "text/plain"},
    )
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert len(lines) == 2
    assert all(line in sample_text for line in lines)


def test_plain_text_in_json_out(client, sample_text):
    response = client.post("/v1/summarize?max_words=40", data=sample_text, headers={"Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code == 200
    assert response.get_json()["stats"]["summary"]["words"] <= 40


def test_plain_text_body_in_a_declared_charset(client):
    text = "Café owners met on Monday. The café reopened."
    response = client.post("/v1/summarize?sentences=1", data=text.encode("latin-1"), headers={"Content-Type": "text/plain; charset=latin-1"})
    assert response.status_code == 200
    assert response.get_json()["summary"] in text


def test_request_id_is_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"


@pytest.mark.parametrize("given", ["", "has space", "x" * 200, "bad\u00e9char"])
def test_unusable_request_id_is_replaced_by_a_generated_one(client, given):
    response = client.get("/healthz", headers={"X-Request-ID": given})
    assert response.headers["X-Request-ID"] != given
    assert len(response.headers["X-Request-ID"]) == 32


def test_health_and_readiness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").get_json() == {"status": "ready"}


# Bad and hostile requests (broken JSON, wrong types, bad numbers, media types, charsets, Accept,
# query strings...) are one table in tests/test_hostile.py, sent over HTTP to gunicorn.


def test_unsupported_language_lists_the_supported_ones(client):
    body = assert_problem(post_json(client, {"text": "Some text.", "language": "klingon"}), 422)
    assert "english" in body["errors"]["language"][0]


def test_body_over_the_limit_is_413(client):
    assert_problem(post_json(client, {"text": "word " * 20_000}), 413)


@pytest.mark.parametrize("accept", ["*/*", "application/*", "text/*;q=0.5, application/json", "application/json"])
def test_accept_that_allows_json_gets_json(client, accept):
    response = post_json(client, {"text": "Some text."}, Accept=accept)
    assert response.status_code == 200 and response.mimetype == "application/json"


@pytest.mark.parametrize(
    ("method", "path", "status", "allow"),
    [
        ("GET", "/v1/summarize", 405, "POST"),
        ("PUT", "/v1/summarize", 405, "POST"),
        ("POST", "/healthz", 405, "GET"),
        ("GET", "/nowhere", 404, None),
        ("POST", "/v2/summarize", 404, None),
    ],
)
def test_routing_errors_are_problems(client, method, path, status, allow):
    response = client.open(path, method=method)
    assert_problem(response, status)
    if allow:
        assert allow in response.headers["Allow"]


def test_unexpected_failure_is_a_500_without_internals(client, monkeypatch):
    def explode(options):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr("service.views.summarize", explode)
    response = post_json(client, {"text": "Some text."})
    body = assert_problem(response, 500)
    # The whole problem is fixed text: nothing of the exception's message, class or source path.
    assert body == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "The server failed to handle the request; it has been logged under this request id.",
        "request_id": response.headers["X-Request-ID"],
    }


def test_views_call_the_real_pipeline():
    from service import views

    assert views.summarize is real_summarize


def test_query_options_next_to_a_json_body_are_rejected_not_ignored(client):
    response = client.post("/v1/summarize?sentences=2", json={"text": "Some text. More text."})
    assert "sentences" in assert_problem(response, 422)["errors"]


def test_algorithms_lists_algorithms_languages_defaults_and_limits(client, settings):
    from service.text.languages import SUPPORTED_LANGUAGES
    from service.text.rank import ALGORITHMS

    response = client.get("/v1/algorithms")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert [a["name"] for a in body["algorithms"]] == list(ALGORITHMS)
    assert all(a["description"] and "\n" not in a["description"] for a in body["algorithms"])
    assert [a["name"] for a in body["algorithms"] if a["default"]] == [settings.default_algorithm]
    assert [lang["name"] for lang in body["languages"]] == ["auto", *SUPPORTED_LANGUAGES]
    assert body["languages"][0] == {"name": "auto", "code": None, "default": True}
    assert body["defaults"] == {
        "algorithm": "pyramid", "language": "auto", "fallback_language": "english", "sentences": 3, "keywords": 10, "order": "position", "offset_unit": "codepoint", "ranking": "none"
    }
    limits = body["limits"]
    assert limits["max_body_bytes"] == settings.max_body_bytes
    assert limits["max_text_length"] == settings.max_text_length
    assert limits["max_batch_documents"] == settings.max_batch_documents
    assert limits["max_batch_body_bytes"] == settings.max_batch_body_bytes
    assert limits["bounds"]["sentences"] == {"min": 1, "max": 10_000, "min_inclusive": True, "max_inclusive": True}
    assert limits["bounds"]["ratio"] == {"min": 0, "max": 1, "min_inclusive": False, "max_inclusive": True}
    assert set(limits["bounds"]) == {"sentences", "max_words", "max_chars", "ratio", "keywords"}


def test_the_listed_bounds_are_the_enforced_ones(client):
    bounds = client.get("/v1/algorithms").get_json()["limits"]["bounds"]
    for name, bound in bounds.items():
        if name == "ratio":
            continue
        for value, ok in ((bound["min"], True), (bound["max"], True), (bound["min"] - 1, False), (bound["max"] + 1, False)):
            response = post_json(client, {"text": "Some text.", name: value})
            assert (response.status_code == 200) is ok, (name, value, response.get_json())


def test_unsupported_language_gets_422_listing_every_supported_one(client):
    from service.text.languages import SUPPORTED_LANGUAGES

    body = assert_problem(post_json(client, {"text": "Some text.", "language": "slovene"}), 422)
    message = body["errors"]["language"][0]
    assert all(name in message for name in SUPPORTED_LANGUAGES)


def test_docs_page_uses_only_its_own_origin(client):
    response = client.get("/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "http://" not in page and "https://" not in page and "//" not in page.replace("<!DOCTYPE", "")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css", "/docs/init.js", "/openapi.json"):
        assert asset in page
        with client.get(asset) as served:
            assert served.status_code == 200, asset


def test_docs_assets_come_from_the_installed_package_and_nothing_else(client):
    from swagger_ui_bundle import swagger_ui_path

    with client.get("/docs/assets/swagger-ui-bundle.js") as served:
        assert served.get_data() == (swagger_ui_path / "swagger-ui-bundle.js").read_bytes()
        assert "javascript" in served.mimetype
    for name in ("index.html", "swagger-initializer.js", "..%2Fswagger-ui.css", "nothing.js"):
        assert_problem(client.get(f"/docs/assets/{name}"), 404)


@pytest.fixture(scope="module")
def shared():
    """One app for the many cases of one rule: building an app for each would take most of the run."""
    from service import create_app
    from service.settings import Settings

    app = create_app(Settings(max_body_bytes=64 * 1024, max_text_length=20_000))
    app.config["TESTING"] = True
    return app.test_client()


ARTICLE = "The council met on Monday. It approved the budget after a long debate."


# --- charsets: the ones a caller means, nothing else -------------------------------------------


@pytest.mark.parametrize(
    ("label", "codec", "text"),
    [
        ("utf-8", "utf-8", "Café owners met. The café reopened."),
        ("UTF8", "utf-8", "Café owners met. The café reopened."),
        ("utf-16", "utf-16", ARTICLE),
        ("UTF-16LE", "utf-16-le", ARTICLE),
        ("utf-16be", "utf-16-be", ARTICLE),
        ("utf-32", "utf-32", ARTICLE),
        ("utf-32le", "utf-32-le", ARTICLE),
        ("UTF-32BE", "utf-32-be", ARTICLE),
        ("us-ascii", "ascii", ARTICLE),
        ("ISO-8859-1", "latin-1", "Café owners met. The café reopened."),
        ("iso-8859-15", "iso8859-15", "The price is 5 €. It rose."),
        ("windows-1251", "cp1251", "Совет собрался в понедельник. Бюджет утвердили."),
        ("windows-1252", "cp1252", "The café met – again. It voted."),
        ("windows-874", "cp874", "สภาประชุมวันจันทร์. งบประมาณผ่าน."),
        ("koi8-r", "koi8-r", "Совет собрался в понедельник. Бюджет утвердили."),
        ("koi8-u", "koi8-u", "Рада зібралася в понеділок. Бюджет ухвалили."),
        ("gb2312", "gb2312", "理事会周一开会。预算获得批准。"),
        ("GBK", "gbk", "理事会周一开会。预算获得批准。"),
        ("gb18030", "gb18030", "理事会周一开会。预算获得批准。"),
        ("big5", "big5", "理事會週一開會。預算獲得批准。"),
        ("Shift_JIS", "shift_jis", "会議は月曜日に開かれた。予算が承認された。"),
        ("euc-jp", "euc-jp", "会議は月曜日に開かれた。予算が承認された。"),
        ("iso-2022-jp", "iso2022_jp", "会議は月曜日に開かれた。予算が承認された。"),
        ("euc-kr", "euc-kr", "의회가 월요일에 열렸다. 예산이 승인되었다."),
        ('"utf-8"', "utf-8", "Café owners met. The café reopened."),
    ],
)
def test_a_body_in_any_charset_a_user_means_is_read(shared, label, codec, text):
    response = shared.post("/v1/summarize?sentences=5", data=text.encode(codec), headers={"Content-Type": f"text/plain; charset={label}"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["summary"] == " ".join(s["text"] for s in response.get_json()["sentences"])
    assert all(s["text"] in text for s in response.get_json()["sentences"])


@pytest.mark.parametrize(
    "label",
    ["unicode_escape", "raw_unicode_escape", "undefined", "punycode", "idna", "utf-7", "utf_8_sig", "mbcs", "base64", "rot13", "klingon-8"],
)
@pytest.mark.parametrize("media_type", ["text/plain", "application/json"])
def test_a_codec_that_is_no_charset_is_415(shared, label, media_type):
    body = b'{"text": "Bad \\ud800 x. The council met."}'
    response = shared.post("/v1/summarize", data=body, headers={"Content-Type": f"{media_type}; charset={label}"})
    assert "charset" in assert_problem(response, 415)["detail"]


def test_no_allowed_charset_decodes_to_a_lone_surrogate():
    # Why read_text needs no surrogate check of its own: every codec it uses refuses or never makes one.
    import codecs
    import random
    import re

    from service.bodies import CHARSETS

    noise = random.Random(12).randbytes(1 << 16)
    surrogate = re.compile("[\ud800-\udfff]")
    for name in CHARSETS:
        assert codecs.lookup(name)._is_text_encoding, name
        assert not surrogate.search(noise.decode(name, errors="ignore")), name
    for name in ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        with pytest.raises(UnicodeDecodeError):
            "a \ud800 b".encode(name, "surrogatepass").decode(name)


def test_a_charset_problem_repeats_at_most_64_characters_of_the_label(shared):
    response = shared.post("/v1/summarize", data=b"x", headers={"Content-Type": "text/plain; charset=" + "q" * 5000})
    assert "'" + "q" * 64 + "…'" in assert_problem(response, 415)["detail"]


# --- Content-Encoding: gzip and deflate, within the body limit; nothing else ------------------

GZIP = {"Content-Type": "application/json", "Content-Encoding": "gzip"}


def _deflate(data: bytes, wbits: int) -> bytes:
    import zlib

    packer = zlib.compressobj(wbits=wbits)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("coding", "wbits"),
    [("gzip", 31), ("x-gzip", 31), ("GZIP", 31), ("deflate", 15), ("deflate", -15), ("identity", None), (" identity , gzip ", 31)],
)
def test_a_compressed_body_is_read_as_if_sent_plain(shared, coding, wbits):
    body = json.dumps({"text": ARTICLE, "sentences": 1}).encode()
    sent = body if wbits is None else _deflate(body, wbits)
    response = shared.post("/v1/summarize", data=sent, headers={"Content-Type": "application/json", "Content-Encoding": coding})
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == post_json(shared, body).get_json()


def test_a_compressed_plain_text_body_in_a_charset(shared):
    import gzip

    text = "Café owners met on Monday. The café reopened."
    response = shared.post(
        "/v1/summarize?sentences=2",
        data=gzip.compress(text.encode("latin-1")),
        headers={"Content-Type": "text/plain; charset=latin-1", "Content-Encoding": "gzip"},
    )
    assert response.status_code == 200 and response.get_json()["summary"] == text


@pytest.mark.parametrize("coding", ["br", "compress", "zstd", "x-compress", "gzip, gzip", "deflate, gzip", "gzip;q=1", "*"])
def test_any_other_content_encoding_is_415_naming_the_ones_read(shared, coding):
    body = json.dumps({"text": ARTICLE}).encode()
    response = shared.post("/v1/summarize", data=body, headers={"Content-Type": "application/json", "Content-Encoding": coding})
    assert "Content-Encoding" in assert_problem(response, 415)["detail"]
    assert response.headers["Accept-Encoding"] == "gzip, deflate"


def test_a_zip_bomb_is_413_and_never_inflated_past_the_limit(shared):
    import gzip
    import tracemalloc

    bomb = gzip.compress(bytes(64 * 2**20), mtime=0)  # 64 MiB of zeros in 64 KB, under the 64 KiB body limit
    assert len(bomb) < 64 * 1024
    tracemalloc.start()
    try:
        response = shared.post("/v1/summarize", data=bomb, headers=GZIP)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "decompressed" in assert_problem(response, 413)["detail"]
    assert peak < 2 * 2**20, peak  # a few times the 64 KiB limit, not 64 MiB


@pytest.mark.parametrize("extra", [0, 1])
def test_the_decompressed_limit_is_the_body_limit_to_the_byte(shared, extra):
    import gzip

    body = json.dumps({"text": ARTICLE}).encode()
    padded = body + b" " * (64 * 1024 - len(body) + extra)
    response = shared.post("/v1/summarize", data=gzip.compress(padded), headers=GZIP)
    assert response.status_code == (413 if extra else 200)


@pytest.mark.parametrize(
    ("sent", "detail"),
    [
        (b"not compressed at all", "not valid gzip"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "ends before"),
        (b"", "ends before"),
    ],
)
def test_a_body_that_is_not_its_coding_is_400(shared, sent, detail):
    assert detail in assert_problem(shared.post("/v1/summarize", data=sent, headers=GZIP), 400)["detail"]


def test_a_gzip_body_of_several_members_is_read_whole(shared):
    import gzip

    body = json.dumps({"text": ARTICLE, "sentences": 2}).encode()
    members = gzip.compress(body[:20]) + gzip.compress(body[20:])
    response = shared.post("/v1/summarize", data=members, headers=GZIP)
    assert response.status_code == 200 and response.get_json()["summary"] == ARTICLE


def test_a_deflate_body_with_data_after_its_end_is_400(shared):
    import zlib

    sent = zlib.compress(json.dumps({"text": ARTICLE}).encode()) + b"more"
    response = shared.post("/v1/summarize", data=sent, headers={"Content-Type": "application/json", "Content-Encoding": "deflate"})
    assert "goes on after" in assert_problem(response, 400)["detail"]


def test_a_compressed_transfer_coding_is_501_not_read_as_text(shared):
    body = json.dumps({"text": ARTICLE}).encode()
    response = shared.post("/v1/summarize", data=body, headers={"Content-Type": "application/json", "Transfer-Encoding": "gzip, chunked"})
    assert "Transfer-Encoding" in assert_problem(response, 501)["detail"]


def test_the_batch_decompresses_within_its_own_larger_limit():
    import gzip

    from service import create_app
    from service.settings import Settings

    app = create_app(Settings(max_body_bytes=10_000, max_batch_body_bytes=50_000))
    client = app.test_client()
    batch = json.dumps({"documents": [{"id": "a", "text": ARTICLE}]}).encode()
    for size, status in ((20_000, 200), (50_000, 200), (50_001, 413)):
        sent = gzip.compress(batch + b" " * (size - len(batch)))
        response = client.post("/v1/summarize/batch", data=sent, headers=GZIP)
        assert response.status_code == status, (size, response.get_json())
    single = json.dumps({"text": ARTICLE}).encode()
    response = client.post("/v1/summarize", data=gzip.compress(single + b" " * 20_000), headers=GZIP)
    assert response.status_code == 413
    assert_problem(client.post("/v1/summarize/batch", data=batch, headers={**GZIP, "Content-Encoding": "br"}), 415)


# --- plain-text answers: one sentence per line, warnings in a header ---------------------------

BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("brk", BREAKS, ids=[repr(b) for b in BREAKS])
def test_a_plain_text_answer_has_one_line_per_sentence_whatever_the_line_breaks(shared, brk):
    text = f"The council met on{brk}Monday in the hall. It voted for{brk}the new budget. Critics said schools need it."
    options = "/v1/summarize?sentences=10&algorithm=lead"
    plain = shared.post(options, data=text.encode(), headers={"Content-Type": "text/plain", "Accept": "text/plain"})
    sentences = [s["text"] for s in shared.post(options, data=text.encode(), headers={"Content-Type": "text/plain"}).get_json()["sentences"]]
    lines = plain.get_data(as_text=True).splitlines()
    assert len(lines) == len(sentences) >= 3
    assert lines == [s.replace("\r\n", " ").replace(brk, " ") for s in sentences]


def test_an_empty_plain_text_summary_says_why_in_a_header(shared):
    response = shared.post("/v1/summarize?language=english", data=b"!!! ... ???", headers={"Content-Type": "text/plain", "Accept": "text/plain"})
    assert response.status_code == 200 and response.get_data() == b""
    assert response.headers["X-Summary-Warnings"] == '%"The text has no sentence to summarize."'


def test_plain_text_warnings_are_the_json_warnings_and_read_back(shared):
    from urllib.parse import unquote

    request = {"path": "/v1/summarize?sentences=3", "data": b"One sentence only."}
    warnings = shared.post(**request, headers={"Content-Type": "text/plain"}).get_json()["warnings"]
    header = shared.post(**request, headers={"Content-Type": "text/plain", "Accept": "text/plain"}).headers["X-Summary-Warnings"]
    assert warnings and [unquote(member[2:-1]) for member in header.split(", ")] == warnings


def test_a_plain_text_answer_without_warnings_has_no_warnings_header(shared, sample_text):
    response = shared.post("/v1/summarize?sentences=2", data=sample_text[:3000].encode(), headers={"Content-Type": "text/plain", "Accept": "text/plain"})
    assert response.status_code == 200 and "X-Summary-Warnings" not in response.headers


def test_warnings_are_display_strings_any_header_can_carry():
    from urllib.parse import unquote

    from service.views import display_strings

    values = ['Plain, with a comma.', 'Quotes " and 100% sure', "Ünïcödé → 日本 😀", "Line\r\nbreak\x00\x7f\u2028end"]
    header = display_strings(values)
    assert all(0x20 <= ord(c) <= 0x7E for c in header)  # latin-1 safe, no control character
    assert header.startswith('%"Plain, with a comma."')
    members = header.split('", %"')
    assert [unquote(m.removeprefix('%"').removesuffix('"')) for m in members] == values


# --- what a problem repeats of the request is short ----------------------------------------------

CUT = "x" * 64 + "…"


def test_an_unknown_field_with_a_long_name_is_named_cut_short(shared):
    response = post_json(shared, {"text": ARTICLE, "x" * 50_000: 1})
    body = assert_problem(response, 422)
    assert body["errors"] == {CUT: ["Unknown field."]}
    assert body["detail"] == f"Invalid value for: {CUT}."
    assert len(response.get_data()) < 1000


def test_names_of_64_characters_come_back_whole(shared):
    body = assert_problem(post_json(shared, {"text": ARTICLE, "y" * 64: 1}), 422)
    assert list(body["errors"]) == ["y" * 64]


def test_thousands_of_unknown_fields_get_a_problem_naming_twenty(shared):
    response = post_json(shared, {"text": ARTICLE, **{f"f{i:04}": 1 for i in range(3000)}})
    body = assert_problem(response, 422)
    assert set(body["errors"]) == {f"f{i:04}" for i in range(20)}
    assert body["detail"].endswith("f0019 and 2980 more.")
    assert len(response.get_data()) < 2000


def test_long_names_that_start_alike_share_one_cut_name(shared):
    body = assert_problem(post_json(shared, {"text": ARTICLE, "x" * 70 + "a": 1, "x" * 70 + "b": 2}), 422)
    assert body["errors"] == {CUT: ["Unknown field."]}


def test_a_long_query_option_name_is_cut_short(shared):
    response = shared.post("/v1/summarize?" + "x" * 5000 + "=1", data=ARTICLE.encode(), headers={"Content-Type": "text/plain"})
    assert list(assert_problem(response, 422)["errors"]) == [CUT]


def test_a_batch_documents_problem_is_cut_short_too(shared):
    body = json.dumps({"documents": [{"id": "a", "text": ARTICLE, "x" * 50_000: 1}]})
    response = shared.post("/v1/summarize/batch", data=body, headers={"Content-Type": "application/json"})
    (result,) = response.get_json()["results"]
    assert result["status"] == 422 and result["problem"]["errors"] == {CUT: ["Unknown field."]}
    assert len(response.get_data()) < 1000


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({"Content-Type": "x" * 5000 + "/json"}, b"{}", 415),
        ({"Content-Type": "application/json", "Content-Encoding": "x" * 5000}, b"{}", 415),
        ({"Content-Type": "application/json"}, b'{"' + b"x" * 5000 + b'": 1, "' + b"x" * 5000 + b'": 2}', 400),
    ],
    ids=["media type", "content coding", "duplicate key"],
)
def test_a_header_or_key_a_problem_repeats_is_cut_short(shared, headers, body, status):
    assert "'" + CUT + "'" in assert_problem(shared.post("/v1/summarize", data=body, headers=headers), status)["detail"]
