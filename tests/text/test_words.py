"""The word segmenters of Chinese and Japanese (service/text/words.py): exact offsets, long and odd text, loaded only when used, nothing read or written outside their packages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from service.text.analysis import analyse
from service.text.languages import LANGUAGES, get_language, matching_form
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize
from service.text.words import MAX_PIECE

from .test_scripts import REPO, UNSPACED, article, documents


@pytest.mark.parametrize("language", UNSPACED)
def test_words_of_chinese_and_japanese_are_the_segmenters_words(language):
    text = article(language)
    document = analyse(text, language)
    tokens = [t for s in document.sentences for t in s.tokens]
    # Far more words than white space separates (none, in these texts), each located exactly.
    assert len(text.split()) < 30 < len(tokens) == document.word_count
    assert all(s.word_count == len(s.tokens) for s in document.sentences)
    for token in tokens:
        surface = text[token.start : token.end]
        assert surface and not any(c.isspace() for c in surface)
        assert token.norm == matching_form(surface, str.lower)
    # A word is no longer than a short phrase: no clauses.
    assert max(t.end - t.start for t in tokens) <= 12


@pytest.mark.parametrize("language", UNSPACED)
def test_a_long_run_without_spaces_is_segmented_in_pieces_with_exact_offsets(language):
    sentence = documents(language)[0]["sentences"][0]
    text = sentence * (3 * MAX_PIECE // len(sentence) + 1)
    spans = get_language(language).words(text)
    assert spans == sorted(spans) and all(a < b for a, b in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))
    assert spans[-1][1] <= len(text) and len(spans) > len(text) // 10


def test_a_worker_with_english_only_loads_no_segmenter():
    code = (
        "import sys\n"
        "from service import create_app\n"
        "from service.settings import Settings\n"
        "from service.text.pipeline import summarize, SummaryOptions, Bound, BoundKind\n"
        "create_app(Settings())\n"
        "summarize(SummaryOptions(text='One sentence here. Another one there.', algorithm='lead', bound=Bound(BoundKind.SENTENCES, 1)))\n"
        "print(sorted(m for m in ('jieba', 'fugashi', 'unidic_lite') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("language", UNSPACED)
def test_segmenters_read_nothing_outside_their_packages(language, tmp_path, monkeypatch):
    # jieba's own start-up reads and writes a cache in the temporary folder: the service builds its dictionary in memory.
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert LANGUAGES[language].words in ("jieba", "mecab")
    from service.text import words

    words.SEGMENTERS[LANGUAGES[language].words].__wrapped__()("測試。テスト。")
    assert list(tmp_path.iterdir()) == []


def test_jieba_loads_without_setuptools_as_in_the_image():
    # The image leaves setuptools (and with it pkg_resources, which jieba tries first) out of the venv.
    code = (
        "import sys; sys.modules['pkg_resources'] = None\n"
        "from service.text.words import segmenter\n"
        "print(segmenter('jieba')('他們走了。今天下雨'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[(0, 2), (2, 3), (3, 4), (5, 7), (7, 9)]"


@pytest.mark.parametrize("language", UNSPACED)
@pytest.mark.parametrize("text", ["\x00日本語の文。\x00次の文。", "日本\ud800語。テスト\udfff。", "本" * 5000, "。" * 500, "🎉🎉。😀"])
def test_odd_text_is_segmented_with_exact_offsets(language, text):
    result = summarize(SummaryOptions(text=text, algorithm="lex-rank", bound=Bound(BoundKind.MAX_WORDS, 5), language=language))
    for pick in result.sentences:
        assert text[pick.sentence.start : pick.sentence.start + pick.sentence.length] == pick.sentence.text
    assert result.stats.summary.words <= 5
