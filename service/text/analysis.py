"""Turns raw text into a Document: sentences with spans, then word tokens, once per request."""

from __future__ import annotations

from .document import Document, Sentence
from .languages import get_language
from .segment import split_sentences
from .tokens import tokenize


def analyse(text: str, language: str = "english", title: str | None = None) -> Document:
    """Segment and tokenize ``text``; sentences without a single word are left out."""
    lang = get_language(language)
    sentences = []
    for start, end, paragraph in split_sentences(text, lang):
        tokens = tokenize(text, lang, start, end)
        if not tokens:
            continue
        sentences.append(
            Sentence(
                index=len(sentences),
                start=start,
                end=end,
                paragraph=paragraph,
                text=text[start:end],
                tokens=tokens,
            )
        )
    title_tokens = tokenize(title, lang) if title else ()
    return Document(
        text=text,
        language=language,
        sentences=tuple(sentences),
        title=title,
        title_tokens=title_tokens,
    )
