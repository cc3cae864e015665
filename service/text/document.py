"""The analysed document: sentences with exact spans, and the word tokens inside them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Token(NamedTuple):
    """One word of the text, located by absolute character offsets (a tuple: cheap to make by the 100,000)."""

    start: int
    end: int
    norm: str  # lower-cased surface form
    stem: str  # language stem of ``norm``
    stop: bool  # a stop word of the language
    alpha: bool  # letters only (with inner ' or -): a term the rankers see
    term: str | None  # ``stem`` when the word is alpha and no stop word (what the rankers count), else None


class Sentence(NamedTuple):
    """A sentence: ``text == document.text[start:end]`` (a tuple, as Token: dozens are made per request)."""

    index: int
    start: int
    end: int
    paragraph: int
    text: str
    tokens: tuple[Token, ...]
    # Words as a reader or ``wc -w`` counts them, ``len(text.split())``: what the word bounds and
    # the stats count. The tokens are the ranking's words and leave out dashes, lone quotes and emoji.
    word_count: int

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def terms(self) -> tuple[str, ...]:
        """The surface words a ranker sees (letters only), in order."""
        return tuple(t.norm for t in self.tokens if t.alpha)

    @property
    def content_stems(self) -> tuple[str, ...]:
        """Stems of the non-stop ranking terms, in order."""
        return tuple(t.term for t in self.tokens if t.term is not None)


@dataclass(frozen=True, slots=True)
class Document:
    """The submitted text split into sentences, plus the optional title's tokens."""

    text: str
    language: str
    sentences: tuple[Sentence, ...]
    # ``len(text.split())``: the whole text's words, those outside any sentence included (a line of
    # dashes), and a word the sentences split ("day.Nobody") counted once.
    word_count: int
    title: str | None = None
    title_tokens: tuple[Token, ...] = ()
