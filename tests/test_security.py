"""Security: headers on every answer, optional API keys, optional CORS, no internals, no root needed."""

from __future__ import annotations

import pytest

from service import create_app
from service.settings import Settings


KEY = "k3y-0123456789abcdef-long"
OTHER_KEY = "another-key-0123456789-xyz"
SUMMARY = {"text": "The council met on Monday. It voted for the budget."}


def make_client(**settings):
    app = create_app(Settings(**settings))
    app.config["TESTING"] = True
    return app.test_client()


@pytest.fixture
def keyed():
    return make_client(api_keys=(KEY, OTHER_KEY))


@pytest.mark.parametrize(
    ("method", "path", "cache"),
    [
        ("POST", "/v1/summarize", "no-store"),
        ("GET", "/v1/algorithms", "no-store"),
        ("GET", "/healthz", "no-store"),
        ("GET", "/metrics", "no-store"),
        ("GET", "/nowhere", "no-store"),
        ("GET", "/openapi.json", "no-cache"),
        ("GET", "/docs", "no-cache"),
        ("GET", "/", "no-cache"),
        ("GET", "/ui/page.js", "no-cache"),
    ],
)
def test_every_answer_has_nosniff_and_a_cache_policy(client, method, path, cache):
    with client.open(path, method=method, json=SUMMARY if method == "POST" else None) as response:  # a file's answer is closed
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == cache
        assert "Content-Security-Policy" in response.headers


def test_json_answers_allow_no_script_and_the_docs_page_keeps_its_policy(client):
    assert client.post("/v1/summarize", json=SUMMARY).headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert "script-src 'self'" in client.get("/docs").headers["Content-Security-Policy"]


def test_static_assets_may_be_cached(client):
    with client.get("/docs/assets/swagger-ui.css") as response:
        assert "max-age=86400" in response.headers["Cache-Control"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_keys_are_off_by_default(client):
    assert client.post("/v1/summarize", json=SUMMARY).status_code == 200
    assert "WWW-Authenticate" not in client.post("/v1/summarize", json=SUMMARY).headers


@pytest.mark.parametrize(
    "headers",
    [{"Authorization": f"Bearer {KEY}"}, {"Authorization": f"bearer {OTHER_KEY}"}, {"X-API-Key": KEY}],
    ids=["bearer", "bearer, second key, lower-case scheme", "x-api-key"],
)
def test_a_valid_key_is_let_in(keyed, headers):
    assert keyed.post("/v1/summarize", json=SUMMARY, headers=headers).status_code == 200
    assert keyed.get("/v1/algorithms", headers=headers).status_code == 200
    assert keyed.get("/metrics", headers=headers).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer wrong-key-0123456789"},
        {"Authorization": f"Basic {KEY}"},
        {"Authorization": f"Bearer {KEY[:-1]}"},
        {"Authorization": f"Bearer {KEY}x"},
        {"X-API-Key": KEY.upper()},
    ],
    ids=["none", "empty bearer", "wrong", "basic scheme", "prefix of a key", "key plus a char", "wrong case"],
)
@pytest.mark.parametrize("path", ["/v1/summarize", "/v1/summarize/batch", "/v1/algorithms", "/metrics"])
def test_no_valid_key_is_a_401_problem(keyed, headers, path):
    method = "POST" if path.startswith("/v1/summarize") else "GET"
    response = keyed.open(path, method=method, json=SUMMARY if method == "POST" else None, headers=headers)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    body = response.get_json()
    assert body["status"] == 401 and body["request_id"] == response.headers["X-Request-ID"]
    text = response.get_data(as_text=True)
    assert KEY not in text and OTHER_KEY not in text and "council" not in text


@pytest.mark.parametrize(
    "path", ["/healthz", "/readyz", "/openapi.json", "/docs", "/docs/init.js", "/docs/assets/swagger-ui.css", "/", "/ui/page.js", "/ui/page.css"]
)
def test_health_documentation_and_the_page_need_no_key(keyed, path):
    with keyed.get(path) as response:
        assert response.status_code == 200


def test_keys_are_compared_in_constant_time_over_every_key(monkeypatch, keyed):
    import hmac

    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr("service.security.hmac.compare_digest", lambda a, b: calls.append(1) or real(a, b))
    keyed.get("/v1/algorithms", headers={"X-API-Key": KEY})  # the first key: the second is compared all the same
    assert len(calls) == 2


def test_keys_never_appear_in_the_settings_repr():
    settings = Settings(api_keys=(KEY,))
    assert KEY not in repr(settings)


@pytest.mark.parametrize("keys", ["short", "has space inside-0123456789"])
def test_weak_or_malformed_keys_stop_the_start(keys):
    with pytest.raises(ValueError, match="API_KEYS") as error:
        Settings.from_env({"SUMMARIZER_API_KEYS": keys})
    assert keys not in str(error.value)


def test_keys_come_from_the_environment_comma_separated():
    settings = Settings.from_env({"SUMMARIZER_API_KEYS": f" {KEY} ,{OTHER_KEY},"})
    assert settings.api_keys == (KEY, OTHER_KEY)


def test_cors_is_off_by_default(client):
    response = client.post("/v1/summarize", json=SUMMARY, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = client.options("/v1/summarize", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_cors_allows_exactly_the_configured_origins():
    client = make_client(cors_origins=("https://app.example.com",), api_keys=(KEY,))
    allowed = {"Origin": "https://app.example.com"}
    preflight = client.options(
        "/v1/summarize",
        headers={**allowed, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "Content-Type, Authorization"},
    )
    assert preflight.status_code == 200  # a preflight carries no key, and needs none
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
    answer = client.post("/v1/summarize", json=SUMMARY, headers={**allowed, "Authorization": f"Bearer {KEY}"})
    assert answer.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "X-Request-ID" in answer.headers["Access-Control-Expose-Headers"]
    refused = client.post("/v1/summarize", json=SUMMARY, headers={"Origin": "https://evil.example", "Authorization": f"Bearer {KEY}"})
    assert "Access-Control-Allow-Origin" not in refused.headers
    unauthorized = client.post("/v1/summarize", json=SUMMARY, headers=allowed)
    assert unauthorized.status_code == 401  # and the browser may read why
    assert unauthorized.headers["Access-Control-Allow-Origin"] == "https://app.example.com"


@pytest.mark.parametrize("origins", ["app.example.com", "https://a.example/path", "javascript:alert(1)"])
def test_malformed_cors_origins_stop_the_start(origins):
    with pytest.raises(ValueError, match="CORS_ORIGINS"):
        Settings.from_env({"SUMMARIZER_CORS_ORIGINS": origins})


def test_cors_lets_a_browser_send_a_compressed_body_and_read_the_warnings():
    client = make_client(cors_origins=("https://app.example.com",))
    origin = {"Origin": "https://app.example.com"}
    preflight = client.options(
        "/v1/summarize", headers={**origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "Content-Encoding"}
    )
    assert "content-encoding" in preflight.headers["Access-Control-Allow-Headers"].lower()
    answer = client.post("/v1/summarize", data=b"!!!", headers={**origin, "Content-Type": "text/plain", "Accept": "text/plain"})
    assert answer.headers["X-Summary-Warnings"]
    assert "X-Summary-Warnings" in answer.headers["Access-Control-Expose-Headers"]


PREFLIGHT = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "Content-Type, X-API-Key, X-Request-ID"}


@pytest.mark.parametrize("path", ["/v1/summarize", "/v1/summarize/batch", "/v1/algorithms", "/metrics"])
def test_a_preflight_with_any_origin_allowed_lets_the_key_and_request_id_through_on_every_api_path(path):
    client = make_client(cors_origins=("*",))
    preflight = client.options(path, headers={"Origin": "https://anywhere.example", **PREFLIGHT})
    assert preflight.status_code == 200
    # Any origin is let in: it is named back (flask-cors' way with "*"), with Vary so no cache mixes origins.
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://anywhere.example"
    assert "Origin" in preflight.headers["Vary"]
    allowed = {h.strip().lower() for h in preflight.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"content-type", "x-api-key", "x-request-id"} <= allowed
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("path", ["/v1/summarize/batch", "/metrics"])
def test_a_preflight_needs_no_key_on_the_batch_and_metrics_and_the_answer_names_the_origin(path):
    client = make_client(cors_origins=("https://app.example.com",), api_keys=(KEY,))
    preflight = client.options(path, headers={"Origin": "https://app.example.com", **PREFLIGHT})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "x-api-key" in preflight.headers["Access-Control-Allow-Headers"].lower()
    # The request itself still needs the key.
    assert client.get("/metrics", headers={"Origin": "https://app.example.com"}).status_code == 401


@pytest.mark.parametrize("path", ["/v1/summarize", "/v1/summarize/batch", "/metrics"])
def test_options_skips_the_key_check_even_with_cors_off(keyed, path):
    response = keyed.options(path)
    assert response.status_code == 200  # Flask's own answer, with the methods the path takes
    assert "POST" in response.headers["Allow"] or "GET" in response.headers["Allow"]
    assert "WWW-Authenticate" not in response.headers
    assert "Access-Control-Allow-Origin" not in response.headers
    assert keyed.post(path, json=SUMMARY).status_code == 401  # the key is still checked for the rest
