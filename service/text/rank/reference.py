"""sumy's own summarizers, fed our sentences and tokens: the reference the fast rankers must agree with.

Not used to answer requests (they are quadratic pure-Python loops); the equivalence tests
and the speed benchmark run them side by side with the fast rankers.

sumy's summarizers only return the chosen sentences. Every one of them chooses through
``AbstractSummarizer._get_best_sentences(sentences, count, rating)``, which accepts a
callable ``count`` and hands it every sentence with its rating, best first; a callable that
records them gives the full ratings without touching sumy's code.

Its document model is built from our sentences, so its own sentence splitter (which needs
downloaded NLTK data) never runs, and all-caps lines stay ordinary sentences. Words are
handed over lower-cased (with ’ as '), as our tokens hold them; sumy lower-cases them
itself everywhere except in KL-Sum's summary words, a case-sensitivity quirk of its own
that lower-casing removes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from ..document import Document
from ..languages import Language
from ..tokens import tokenize
from .edmundson import cue_words


class _Tokenizer:
    """sumy's tokenizer protocol over our word tokens: ranking terms are letters-only words."""

    def __init__(self, language: Language):
        self._language = language

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(t.norm for t in tokenize(text, self._language) if t.alpha)


def sumy_document(document: Document, language: Language, heading: str | None = None) -> ObjectDocumentModel:
    """sumy's model of ``document``; ``heading`` joins the first paragraph as its heading."""
    tokenizer = _Tokenizer(language)
    paragraphs: list[list[SumySentence]] = []
    last = None
    for s in document.sentences:
        if s.paragraph != last:
            paragraphs.append([])
            last = s.paragraph
        paragraphs[-1].append(SumySentence(s.text, tokenizer))
    if heading:
        if not paragraphs:
            paragraphs.append([])
        paragraphs[0].insert(0, SumySentence(heading, tokenizer, is_heading=True))
    return ObjectDocumentModel(tuple(Paragraph(p) for p in paragraphs))


def _ratings(summarizer, document: Document, model: ObjectDocumentModel) -> list[float]:
    captured: dict[int, float] = {}

    def count(infos):
        for info in infos:
            captured[info.order] = float(info.rating)
        return infos

    # LSA warns on short texts and the power methods may divide by zero on degenerate
    # graphs; neither is an error here.
    with warnings.catch_warnings(), numpy.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        summarizer(model, count)
    return [captured.get(i, 0.0) for i in range(len(document.sentences))]


def stop_words_of(document: Document, language: Language) -> frozenset[str]:
    """The stop words sumy is given: the language's, and the document's words that our tokens take for
    stop words by their stem, root or proclitic (``Language.is_stop``: "kterými" of Czech "kter")."""
    found = {t.norm for s in document.sentences for t in s.tokens if t.stop and t.norm not in language.stop_words}
    return language.stop_words | found if found else language.stop_words


def _with_stop_words(cls) -> Callable[[Document, Language], list[float]]:
    def rate(document: Document, language: Language) -> list[float]:
        summarizer = cls(language.stem)
        summarizer.stop_words = stop_words_of(document, language)
        return _ratings(summarizer, document, sumy_document(document, language))

    rate.__name__ = cls.__name__
    return rate


def _edmundson(document: Document, language: Language) -> list[float]:
    words = cue_words(document, language)
    summarizer = EdmundsonSummarizer(language.stem)
    summarizer.null_words = words.null
    summarizer.stigma_words = words.stigma
    summarizer.bonus_words = words.bonus
    return _ratings(summarizer, document, sumy_document(document, language, words.heading))


#: Algorithm name -> sumy's ratings of every sentence (higher is better), in document order.
REFERENCE: dict[str, Callable[[Document, Language], list[float]]] = {
    "lex-rank": _with_stop_words(LexRankSummarizer),
    "text-rank": _with_stop_words(TextRankSummarizer),
    "lsa": _with_stop_words(LsaSummarizer),
    "luhn": _with_stop_words(LuhnSummarizer),
    "edmundson": _edmundson,
    "kl": _with_stop_words(KLSummarizer),
    "sum-basic": _with_stop_words(SumBasicSummarizer),
    "reduction": _with_stop_words(ReductionSummarizer),
}
