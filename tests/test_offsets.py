"""offset_unit and ranking: every offset and length of an answer, in code points, UTF-16 code units or UTF-8 bytes, slices out its sentence."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service import create_app
from service.offsets import OFFSET_UNITS, converter
from service.settings import Settings

WIDTH = {"utf16": ("utf-16-le", 2), "utf8": ("utf-8", 1)}


def in_unit(text: str, unit: str, offset: int, length: int) -> str:
    """``text`` encoded in ``unit``, sliced by ``offset`` and ``length`` counted in it, decoded back."""
    if unit == "codepoint":
        return text[offset : offset + length]
    encoding, width = WIDTH[unit]
    return text.encode(encoding)[offset * width : (offset + length) * width].decode(encoding)


# Text from all of Unicode but lone surrogates (which no client can send: service.bodies refuses them).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)


@given(text=ANY_TEXT, data=st.data())
@settings(max_examples=300, deadline=None)
def test_converter_counts_each_unit_of_the_text_before_a_position(text, data):
    positions = data.draw(st.lists(st.integers(0, len(text)), max_size=12))
    for unit in OFFSET_UNITS:
        at = converter(text, positions, unit)
        for position in positions:
            before = text[:position]
            expected = {"codepoint": len(before), "utf16": len(before.encode("utf-16-le")) // 2, "utf8": len(before.encode("utf-8"))}[unit]
            assert at(position) == expected, (unit, position)


def test_converter_measures_astral_characters_by_their_units():
    text = "a😀b€c"  # 😀 is U+1F600: 2 UTF-16 units, 4 UTF-8 bytes; € is 1 unit, 3 bytes
    positions = [0, 1, 2, 3, 4, 5]
    assert [converter(text, positions, "codepoint")(p) for p in positions] == [0, 1, 2, 3, 4, 5]
    assert [converter(text, positions, "utf16")(p) for p in positions] == [0, 1, 3, 4, 5, 6]
    assert [converter(text, positions, "utf8")(p) for p in positions] == [0, 1, 5, 6, 9, 10]


@pytest.mark.parametrize("text", ["naïve café", "a€b", "end\uffff"])  # U+FFFF: the last character one UTF-16 unit holds
def test_utf16_of_a_text_without_astral_characters_builds_no_table(text):
    # The docstring's promise: where every UTF-16 unit is a code point, positions are returned as
    # they are, so even a position not named beforehand is answered (a table knows only its own).
    at = converter(text, [0], "utf16")
    assert [at(p) for p in range(len(text) + 1)] == list(range(len(text) + 1))


def test_utf16_and_utf8_of_the_same_text_build_a_table_of_the_positions_named():
    with pytest.raises(KeyError):
        converter("a😀b", [0, 1], "utf16")(3)
    with pytest.raises(KeyError):
        converter("naïve", [0, 1], "utf8")(3)


def test_converter_refuses_an_unknown_unit():
    with pytest.raises(ValueError, match="offset unit"):
        converter("naïve", [1], "utf32")


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings(max_text_length=20_000))
    app.config["TESTING"] = True
    return app.test_client()


_word = st.one_of(
    st.sampled_from(["The", "council", "met", "Zürich", "São", "日本", "😀", "👨‍👩‍👧", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🇺🇦", "naïve", "€5", "Mr."]),
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=6),
)
_sentence = st.builds(lambda words, end: " ".join(words) + end, st.lists(_word, min_size=1, max_size=9), st.sampled_from([".", "!", "?", " 🎉.", "…"]))
ARTICLES = st.builds(
    lambda sentences, gaps: "".join(s + g for s, g in zip(sentences, gaps)),
    st.lists(_sentence, min_size=1, max_size=12),
    st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", " 🙂 "]), min_size=12, max_size=12),
)


@given(text=ARTICLES, unit=st.sampled_from(OFFSET_UNITS), algorithm=st.sampled_from(["pyramid", "lex-rank", "kl"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_every_offset_of_the_answer_slices_its_sentence_in_the_unit_asked(client, text, unit, algorithm):
    response = client.post("/v1/summarize", json={"text": text, "sentences": 3, "offset_unit": unit, "ranking": "all", "algorithm": algorithm})
    assert response.status_code == 200, response.get_json()
    answer = response.get_json()
    for sentence in answer["sentences"]:
        assert in_unit(text, unit, sentence["offset"], sentence["length"]) == sentence["text"]
    # The full ranking has no text of its own: its spans are the code point answer's, in this unit.
    plain = client.post("/v1/summarize", json={"text": text, "sentences": 3, "ranking": "all", "algorithm": algorithm}).get_json()
    assert len(answer["ranking"]) == len(plain["ranking"])
    for ranked, located in zip(answer["ranking"], plain["ranking"]):
        assert ranked["index"] == located["index"]
        assert in_unit(text, unit, ranked["offset"], ranked["length"]) == text[located["offset"] : located["offset"] + located["length"]]


@pytest.mark.parametrize("unit", OFFSET_UNITS)
def test_offsets_of_the_sample_article_in_each_unit(client, sample_text, unit):
    text = "🚀 Breaking: " + sample_text.replace("Ukraine", "Ukraine 🇺🇦").replace("Putin", "𝐏𝐮𝐭𝐢𝐧")
    answer = client.post("/v1/summarize", json={"text": text, "sentences": 5, "offset_unit": unit, "ranking": "all"}).get_json()
    assert len(answer["sentences"]) == 5
    for sentence in answer["sentences"]:
        assert in_unit(text, unit, sentence["offset"], sentence["length"]) == sentence["text"]
    if unit != "codepoint":  # the text is not ASCII: the units differ from code points somewhere
        plain = client.post("/v1/summarize", json={"text": text, "sentences": 5}).get_json()
        assert [s["offset"] for s in answer["sentences"]] != [s["offset"] for s in plain["sentences"]]


def test_the_default_unit_is_code_points_and_no_ranking(client):
    text = "Emoji 😀 first. Then a sentence about the council budget. The council met."
    answer = client.post("/v1/summarize", json={"text": text, "sentences": 3}).get_json()
    assert "ranking" not in answer
    for sentence in answer["sentences"]:
        assert text[sentence["offset"] : sentence["offset"] + sentence["length"]] == sentence["text"]
    defaults = client.get("/v1/algorithms").get_json()["defaults"]
    assert defaults["offset_unit"] == "codepoint" and defaults["ranking"] == "none"


@pytest.mark.parametrize(("field", "value"), [("offset_unit", "bytes"), ("offset_unit", "UTF16"), ("offset_unit", 8), ("ranking", "some"), ("ranking", True)])
def test_unknown_units_and_rankings_are_refused_by_name(client, field, value):
    response = client.post("/v1/summarize", json={"text": "One sentence. Two sentences.", field: value})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


@pytest.mark.parametrize("algorithm", ["pyramid", "lead", "lex-rank", "text-rank", "lsa", "luhn", "edmundson", "kl", "sum-basic", "reduction"])
def test_the_full_ranking_has_every_sentence_and_agrees_with_the_summary(client, sample_text, algorithm):
    # A sentence of the body given as the title, and one sentence twice: neither can be chosen, so
    # neither has a rank (the copy of a repeated sentence that ranks lower).
    title = next(line for line in sample_text.splitlines() if line.startswith("“Through constructive dialogue"))
    text = sample_text + "\n\nThe talks continue.\n\nThe talks continue."
    answer = client.post(
        "/v1/summarize", json={"text": text, "title": title, "sentences": 4, "ranking": "all", "algorithm": algorithm}
    ).get_json()
    ranking = answer["ranking"]
    assert [r["index"] for r in ranking] == list(range(answer["stats"]["input"]["sentences"]))
    by_index = {r["index"]: r for r in ranking}
    for sentence in answer["sentences"]:  # a chosen sentence is the same entry in both lists
        entry = by_index[sentence["index"]]
        assert (entry["offset"], entry["length"], entry["score"], entry["rank"]) == (sentence["offset"], sentence["length"], sentence["score"], sentence["rank"])
    ranks = sorted(r["rank"] for r in ranking if r["rank"] is not None)
    assert ranks == list(range(1, len(ranks) + 1))
    unranked = [text[r["offset"] : r["offset"] + r["length"]] for r in ranking if r["rank"] is None]
    assert unranked == [title, "The talks continue."]
    assert all(0.0 <= r["score"] <= 1.0 for r in ranking)
    assert max(r["score"] for r in ranking if r["rank"] is not None) == 1.0
    # No better rank with a lower score (ties aside, a rank is the order of the scores).
    ordered = sorted((r for r in ranking if r["rank"] is not None), key=lambda r: r["rank"])
    assert all(a["score"] >= b["score"] for a, b in zip(ordered, ordered[1:]))


def test_a_batch_answers_every_document_in_the_unit_and_with_the_ranking_asked(client):
    texts = ["Rain 🌧 flooded the town. Firefighters pumped 𝟒𝟎 cellars. The mayor thanked them.", "Plain ASCII here. Nothing astral at all."]
    answer = client.post(
        "/v1/summarize/batch", json={"sentences": 2, "offset_unit": "utf16", "ranking": "all", "documents": [{"text": t} for t in texts]}
    ).get_json()
    for text, entry in zip(texts, answer["results"]):
        result = entry["result"]
        for sentence in result["sentences"]:
            assert in_unit(text, "utf16", sentence["offset"], sentence["length"]) == sentence["text"]
        assert [r["index"] for r in result["ranking"]] == list(range(result["stats"]["input"]["sentences"]))
    first = answer["results"][0]["result"]["sentences"]
    assert any(s["offset"] != texts[0].index(s["text"]) for s in first)  # counted in UTF-16, not in code points
