"""Chinese, Japanese, Korean, Arabic, Hebrew and Hindi (their registry entries and the sentence rules of service/text/scripts.py) on real text: the UD documents of ../shared/data/sbd, read at test time."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from service.text import detect
from service.text.analysis import analyse
from service.text.keywords import extract_keywords
from service.text.languages import LANGUAGE_CODES, SUPPORTED_LANGUAGES, get_language, matching_form
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize
from service.text.rank import ALGORITHMS
from service.text.segment import split_sentences

REPO = Path(__file__).resolve().parents[2]
UD = REPO.parent / "shared" / "data" / "sbd"
SIX = {"chinese": "zh", "japanese": "ja", "korean": "ko", "arabic": "ar", "hebrew": "he", "hindi": "hi"}
#: Written without spaces between words: their words are the segmenter's.
UNSPACED = ("chinese", "japanese")
FUNCTION_TAGS = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "PART"})


@cache
def documents(language: str) -> tuple[dict, ...]:
    with (UD / f"ud_{language}.jsonl").open(encoding="utf-8") as lines:
        return tuple(json.loads(line) for line in lines)


@cache
def article(language: str) -> str:
    """A longer text of the language: its first 12 UD documents of several sentences, one paragraph each."""
    return "\n\n".join([d["text"] for d in documents(language) if len(d["sentences"]) > 1][:12])


def test_the_six_are_in_the_registry_with_their_codes():
    assert {name: LANGUAGE_CODES[name] for name in SIX} == SIX
    assert set(SIX) <= set(SUPPORTED_LANGUAGES)
    assert list(SUPPORTED_LANGUAGES) == sorted(SUPPORTED_LANGUAGES)


def _ends(sentences) -> set[int]:
    out, position = [], 0
    for sentence in sentences:
        position += len("".join(sentence.split()))
        out.append(position)
    return set(out[:-1])


@pytest.mark.parametrize("language", SIX)
def test_ud_gold_sentences_are_found_at_their_exact_offsets(language):
    resources = get_language(language)
    tp = found_total = gold_total = 0
    for record in documents(language):
        text = record["text"]
        spans = split_sentences(text, resources)
        for s, e, _ in spans:
            piece = text[s:e]
            assert piece == piece.strip() and piece
        found, gold = _ends(text[s:e] for s, e, _ in spans), _ends(record["sentences"])
        tp += len(found & gold)
        found_total += len(found)
        gold_total += len(gold)
    precision, recall = tp / found_total, tp / gold_total
    # At least pySBD's where it has the language (bench.quality --sections languages prints both).
    assert 2 * precision * recall / (precision + recall) >= 0.98


@pytest.mark.parametrize(
    ("language", "text", "sentences"),
    [
        ("chinese", "他說：「我們走吧。」她沒有回答！為什麼？", ["他說：「我們走吧。」", "她沒有回答！", "為什麼？"]),
        ("chinese", "價格是3.5元。明天見!好嗎?", ["價格是3.5元。", "明天見!", "好嗎?"]),
        ("japanese", "「行こう。」と彼は言った。雨が降っていた。", ["「行こう。」と彼は言った。", "雨が降っていた。"]),
        ("japanese", "本当ですか？はい、そうです！", ["本当ですか？", "はい、そうです！"]),
        ("korean", '그는 "좋아요."라고 말했다. 비가 왔다.', ['그는 "좋아요."라고 말했다.', "비가 왔다."]),
        ("arabic", "هل أنت بخير؟ نعم، أنا بخير. شكرا!", ["هل أنت بخير؟", "نعم، أنا بخير.", "شكرا!"]),
        ("arabic", "قال: «انتهى الأمر.» ثم غادر۔ وعاد غدا.", ["قال: «انتهى الأمر.»", "ثم غادر۔", "وعاد غدا."]),
        ("hebrew", 'הוא עלה מארה"ב בשנת 1990. הוא גר בתל אביב.', ['הוא עלה מארה"ב בשנת 1990.', "הוא גר בתל אביב."]),
        ("hindi", "वह घर गया। फिर वह सो गया॥ क्या तुम आओगे?", ["वह घर गया।", "फिर वह सो गया॥", "क्या तुम आओगे?"]),
    ],
)
def test_terminators_quotes_and_brackets_of_each_script(language, text, sentences):
    assert [text[s:e] for s, e, _ in split_sentences(text, get_language(language))] == sentences


@pytest.mark.parametrize("language", ["arabic", "hebrew"])
def test_right_to_left_text_with_direction_marks_keeps_exact_offsets(language):
    record = next(d for d in documents(language) if len(d["sentences"]) > 2)
    # Each sentence wrapped in a right-to-left embedding, a mark after its end: offsets still index the text as sent.
    text = " ".join(f"\u202b{s}\u202c\u200f" for s in record["sentences"])
    spans = split_sentences(text, get_language(language))
    assert [text[s:e] for s, e, _ in spans] == record["sentences"]
    result = summarize(SummaryOptions(text=text, algorithm="lex-rank", bound=Bound(BoundKind.SENTENCES, 2), language=language))
    for pick in result.sentences:
        assert text[pick.sentence.start : pick.sentence.start + pick.sentence.length] == pick.sentence.text
        assert pick.sentence.text in record["sentences"]


def _words_of(result, language: str) -> int:
    """A summary's words as the service counts them: the segmenter's in Chinese and Japanese, else str.split()'s."""
    if language in UNSPACED:
        return sum(len(pick.sentence.tokens) for pick in result.sentences)
    return len(result.summary.split())


BOUNDS = [
    Bound(BoundKind.SENTENCES, 2),
    Bound(BoundKind.MAX_WORDS, 40),
    Bound(BoundKind.MAX_CHARS, 120),
    Bound(BoundKind.RATIO, 0.2),
]


@pytest.mark.parametrize("language", SIX)
@pytest.mark.parametrize("algorithm", list(ALGORITHMS))
def test_every_algorithm_answers_with_exact_offsets_within_every_bound(language, algorithm):
    text = article(language)
    document = analyse(text, language)
    for bound in BOUNDS:
        result = summarize(SummaryOptions(text=text, algorithm=algorithm, bound=bound, language=language))
        assert result.language == language
        assert result.sentences, bound
        for pick in result.sentences:
            assert text[pick.sentence.start : pick.sentence.start + pick.sentence.length] == pick.sentence.text
            assert 0.0 <= pick.score <= 1.0
        assert result.summary == " ".join(pick.sentence.text for pick in result.sentences)
        words = _words_of(result, language)
        assert result.stats.summary.words == words
        assert result.stats.input.words == document.word_count
        if bound.kind is BoundKind.SENTENCES:
            assert len(result.sentences) <= bound.value
        elif bound.kind is BoundKind.MAX_WORDS:
            assert words <= bound.value
        elif bound.kind is BoundKind.MAX_CHARS:
            assert len(result.summary) <= bound.value
        else:
            assert words <= math.floor(bound.value * document.word_count)
        assert len(result.keywords) == 10
        for keyword in result.keywords:
            assert keyword.text in text


@pytest.mark.parametrize("language", ["arabic", "hindi"])
def test_words_with_combining_marks_are_one_word(language):
    # Devanagari vowel signs and Arabic tanwin are combining marks: "वक्त" and "قوياً" are one word each.
    word = {"arabic": "قوياً", "hindi": "वक्त"}[language]
    document = analyse(f"{word} {word}.", language)
    assert [document.text[t.start : t.end] for t in document.sentences[0].tokens] == [word, word]
    assert document.sentences[0].tokens[0].term is not None


@cache
def _function_forms(language: str) -> frozenset[str]:
    tags: dict[str, Counter] = {}
    for record in documents(language):
        for sentence in record["tokens"]:
            for form, upos in sentence:
                tags.setdefault(matching_form(form, str.lower), Counter())[upos] += 1
    return frozenset(f for f, c in tags.items() if 2 * sum(c[t] for t in FUNCTION_TAGS) >= sum(c.values()))


@pytest.mark.parametrize("language", SIX)
def test_keywords_are_neither_function_words_nor_clauses(language):
    # On the tuning half, the documents the word lists were derived from (scripts/derive_language_data.py):
    # the held-out half's rate, on text the lists never saw, is the benchmark's (function-words section).
    function_forms = _function_forms(language)
    total = bad = 0
    tuning = sorted(documents(language), key=lambda record: record["id"])[::2]
    for record in tuning[:: 2 if len(tuning) > 100 else 1]:
        for keyword in extract_keywords(analyse(record["text"], language), 10):
            total += 1
            words = keyword.text.lower().split()
            bad += words[0] in function_forms or words[-1] in function_forms
            assert len(words) <= 4
    assert total > 100 and bad <= 0.01 * total


@pytest.mark.parametrize("language", SIX)
def test_auto_detects_each_language_on_documents_of_200_characters_or_more(language):
    texts = [d["text"] for d in documents(language) if len(d["text"]) >= 200]
    right = sum(detect.detect(text, "english").language == language for text in texts)
    assert len(texts) >= 9 and right >= 0.99 * len(texts)


def test_the_six_summarize_with_the_network_cut_off_and_write_no_file(tmp_path):
    # A fresh interpreter whose sockets all fail, with empty home and temporary folders: each
    # language's first use loads its segmenter and data from the installed packages alone.
    home, temporary = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temporary.mkdir()
    texts = {language: article(language) for language in SIX}
    script = f"""
import socket
attempts = []
def refuse(*a, **k):
    attempts.append(a)
    raise OSError("network disabled in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize
for language, text in {texts!r}.items():
    result = summarize(SummaryOptions(text=text, algorithm="pyramid", bound=Bound(BoundKind.SENTENCES, 2), language=language))
    assert len(result.sentences) == 2 and result.keywords, language
print("attempts", len(attempts))
"""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "TMPDIR": str(temporary)}
    run = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split("\n")[0] == "attempts 0"
    assert list(home.iterdir()) == [] and list(temporary.iterdir()) == []


def test_korean_stems_drop_the_particle_and_keywords_show_the_noun():
    stem = get_language("korean").stem
    assert {stem(w) for w in ("정부는", "정부의", "정부에서", "정부가", "정부")} == {"정부"}
    assert stem("사람들은") == "사람" and stem("회의") == "회의" and stem("차이") == "차이"  # two syllables stay
    text = "정부는 새 법을 발표했다. 정부의 계획은 분명하다. 야당은 정부에서 나온 안을 비판했다."
    keywords = [k.text for k in extract_keywords(analyse(text, "korean"), 3)]
    assert keywords[0] == "정부" and all(k in text for k in keywords)


def test_the_particle_list_names_its_source_and_licence():
    from service.text.languages import DATA

    lines = (DATA / "particles" / "ko.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and "Source:" in lines[0] and "licence:" in lines[0]
    particles = lines[1:]
    assert len(particles) == len(set(particles)) > 30 and all(p and p == p.strip() for p in particles)
    # Longest first: "에서" is tried before "서" could be, "으로" before "로".
    assert particles == sorted(particles, key=len, reverse=True)


def test_a_korean_word_whose_stem_is_a_stop_word_is_one():
    # "에서처럼" (particle 에서 + particle 처럼, written after a closing parenthesis) stems to the
    # stop word "에서", "자신의" to the pronoun "자신": neither may come out as a keyword.
    korean = get_language("korean")
    assert {"에서", "자신"} <= korean.stop_words and "에서처럼" not in korean.stop_words
    tokens = analyse("노래(Monster Mash)에서처럼 자신의 목소리로 노래했다.", "korean").sentences[0].tokens
    flags = {t.norm: t.stop for t in tokens}
    assert flags["에서처럼"] and flags["자신의"] and not flags["목소리로"]
    text = "영화(Monster Mash)에서처럼 자신의 음악을 만들었다. 음악은 자신의 삶이다. 음악에서처럼 춤도 춘다."
    keywords = [k.text for k in extract_keywords(analyse(text, "korean"), 5)]
    assert "에서" not in keywords and "자신" not in keywords and "음악" in keywords


@pytest.mark.parametrize(
    ("simplified", "traditional"), [("这个", "這個"), ("哪儿", "哪兒"), ("为什么", "為什麼"), ("吗", "嗎")]
)
def test_a_chinese_stop_word_is_one_in_either_script(simplified, traditional):
    # stopwordsiso's list is in Simplified characters, UD Chinese-PUD (and much news) in Traditional
    # ones: service/data/function_words/zh.txt holds each in the other script (scripts/derive_language_data.py).
    stop_words = get_language("chinese").stop_words
    assert simplified in stop_words and traditional in stop_words
    text = f"{traditional}城市的公園很大。{traditional}公園有很多樹。城市的公園很美。"
    keywords = [k.text for k in extract_keywords(analyse(text, "chinese"), 5)]
    assert traditional not in keywords and "公園" in keywords
