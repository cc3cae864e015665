"""Word segmenters of the languages written without spaces between words (Chinese, Japanese), loaded on first use.

A segmenter cuts a text into words and says where each one is: ``spans(text)`` gives the
``(start, end)`` of every word that holds a letter or a digit (punctuation and spaces are no
words), exact offsets into the text as sent. In these languages such a word is what the
rankers, the keywords, the word bounds (``max_words``, ``ratio``) and the stats count
(``Entry.words``; service/text/analysis.py).

Which segmenters, and why
=========================

Each ships its dictionary or model inside its wheel (nothing is downloaded at build or run time)
and is imported only when its language is first used, so a worker that serves neither language
holds none of it. Measured with ``python -m bench.segmenters`` on the UD word boundaries of
``../shared/data/sbd/ud_{chinese,japanese}.jsonl`` (1,000 sentences each; F1 of the word
ends, counted in non-space characters), on this machine, which is shared: times are the range
over four runs, which varied by up to four times with the load; F1 and memory did not vary.

Chinese (UD Chinese-PUD, traditional characters):

- **jieba 0.42.1** (MIT, dictionary of 349,000 words in the distribution): F1 0.913 with its
  HMM for unknown words (0.840 without: it then cuts every unknown name into characters),
  1.4-5.4 s per MB, 0.5-1.8 s and 75 MB of memory to build its prefix dictionary. Chosen.
- spacy-pkuseg 1.0.2 (pkuseg's maintained fork, MIT): its wheel holds no model; its
  constructor downloads one from GitHub on first use, which the service never does. Out.

Japanese (UD Japanese-PUD, short unit words):

- **fugashi 1.5.2 with unidic-lite 1.0.8** (MeCab and UniDic 2.1.2; BSD / BSD-3-Clause): F1
  0.952, 0.4-1.9 s per MB, 70 MB of memory once the dictionary has been read (the dictionary is
  memory-mapped: workers on one machine share its pages), no start-up time, 250 MB installed.
  Chosen: the fastest in every run, and the least memory per worker.
- SudachiPy 0.7 with sudachidict_core (Apache-2.0): F1 0.966 in mode C (0.954 in mode A), but
  1.1 to 3 times slower than MeCab in the same run, 162 MB of memory, 198 MB installed.
- Janome 0.5 (Apache-2.0, pure Python, IPADIC inside): F1 0.963 but 8.4-34 s per MB, too slow
  for the service's near-linear time on long input.

Korean is written with spaces between eojeols (a word and its particles), which are the words
of the UD Korean treebank too: its words are the whitespace-separated ones, as in the
European languages. kiwipiepy (a morpheme analyser) was measured and left out: 500 MB of
memory and 2.5 s to load, 8.8 s per MB, for morphemes that the word bounds must not count.

Long runs without white space are cut into pieces of at most ``MAX_PIECE`` characters (after
a sentence terminator when there is one) before they are segmented, so that the segmenter's
lattice stays small whatever the input; the request's deadline is checked between pieces.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable, Iterator

from . import deadline

#: The longest stretch handed to a segmenter at once.
MAX_PIECE = 2_000
#: Where a long run is preferably cut: right after one of these.
_CUT_AFTER = "。！？!?…\n"

_HAS_WORD_CHARACTER = re.compile(r"[^\W_]")
# An unpaired surrogate (which the HTTP layer refuses, but a caller of the pipeline may pass) cannot be
# encoded for MeCab: it is shown to the segmenter as U+FFFD, one code point for one, so offsets hold.
_SURROGATE = re.compile("[\ud800-\udfff]")
_RUN = re.compile(r"\S+")

#: A segmenter: text -> (word, start) pairs in order, ``start`` an offset into that text.
Segment = Callable[[str], Iterator[tuple[str, int]]]


@functools.cache
def _jieba() -> Segment:
    """jieba's tokenizer, its prefix dictionary built in memory from the dictionary in its package."""
    import logging

    with warnings.catch_warnings():
        # jieba 0.42 imports pkg_resources, which setuptools deprecates (and the image leaves out).
        warnings.simplefilter("ignore")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    # Built here rather than by ``initialize``, which reads and writes a cache file in the
    # shared temporary folder: the service writes nothing outside its own memory.
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tokenizer.initialized = True

    def segment(text: str) -> Iterator[tuple[str, int]]:
        for word, start, _end in tokenizer.tokenize(text, HMM=True):
            yield word, start

    return segment


@functools.cache
def _mecab() -> Segment:
    """MeCab (fugashi) with the UniDic dictionary of unidic-lite."""
    import os

    import fugashi
    import unidic_lite

    dicdir = unidic_lite.DICDIR
    tagger = fugashi.GenericTagger(f'-d "{dicdir}" -r "{os.path.join(dicdir, "mecabrc")}"')

    def segment(text: str) -> Iterator[tuple[str, int]]:
        pos = 0
        for node in tagger(text):
            surface = node.surface
            # MeCab skips white space and reports each word's surface as written: found from
            # where the last word ended, its offset is exact.
            start = text.find(surface, pos)
            if start < 0:
                continue
            pos = start + len(surface)
            yield surface, start

    return segment


#: Segmenter name (``Entry.words``) -> the function that loads it.
SEGMENTERS: dict[str, Callable[[], Segment]] = {"jieba": _jieba, "mecab": _mecab}


def segmenter(name: str) -> Callable[[str], list[tuple[int, int]]]:
    """``spans(text)`` for segmenter ``name``: the ``(start, end)`` of each word of the text, loaded now."""
    segment = SEGMENTERS[name]()

    def spans(text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        if not text.isascii() and _SURROGATE.search(text):
            text = _SURROGATE.sub("\ufffd", text)
        for n, (start, end) in enumerate(_pieces(text)):
            if n & 7 == 7:  # a piece takes up to some 20 ms: the deadline is checked every few
                deadline.check()
            for word, at in segment(text[start:end]):
                if _HAS_WORD_CHARACTER.search(word):
                    out.append((start + at, start + at + len(word)))
        return out

    return spans


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """The runs of ``text`` without white space, each cut into pieces of at most MAX_PIECE characters."""
    for m in _RUN.finditer(text):
        start, end = m.span()
        while end - start > MAX_PIECE:
            window = text[start : start + MAX_PIECE]
            cut = max(window.rfind(c) for c in _CUT_AFTER) + 1
            if cut <= 0:
                cut = MAX_PIECE
            yield start, start + cut
            start += cut
        yield start, end
