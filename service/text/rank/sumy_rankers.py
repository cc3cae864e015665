"""sumy's summarizers as rankers: our sentences and tokens in, one score per sentence out.

sumy's summarizers only return the chosen sentences. Every one of them chooses through
``AbstractSummarizer._get_best_sentences(sentences, count, rating)``, which accepts a
callable ``count`` and hands it every sentence with its rating, best first. Passing a
callable that records those ratings gives the full ranking without touching sumy's code.

sumy's own parsers are not used: we build its document model from our sentences, so its
sentence splitting (which needs downloaded NLTK data) never runs, and all-caps lines, which
its plain-text parser turns into headings and drops, stay ordinary sentences.
"""

from __future__ import annotations

import warnings
from collections import Counter
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

#: How many of the document's most frequent content words act as Edmundson's bonus words.
EDMUNDSON_BONUS_WORDS = 10


class _Tokenizer:
    """sumy's tokenizer protocol over our word tokens: ranking terms are letters-only words."""

    def __init__(self, language: Language):
        self._language = language

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(text[t.start : t.end] for t in tokenize(text, self._language) if t.alpha)


def _sumy_document(document: Document, language: Language, heading: str | None = None) -> ObjectDocumentModel:
    tokenizer = _Tokenizer(language)
    paragraphs: list[list[SumySentence]] = []
    last = None
    for s in document.sentences:
        if s.paragraph != last:
            paragraphs.append([])
            last = s.paragraph
        paragraphs[-1].append(SumySentence(s.text, tokenizer))
    if heading:
        paragraphs.insert(0, [SumySentence(heading, tokenizer, is_heading=True)])
    return ObjectDocumentModel(tuple(Paragraph(p) for p in paragraphs))


def _ratings(summarizer, document: Document, model: ObjectDocumentModel) -> list[float]:
    captured: dict[int, float] = {}

    def count(infos):
        for info in infos:
            captured[info.order] = float(info.rating)
        return infos

    # LSA warns on short texts and the power methods may divide by zero on degenerate
    # graphs; neither is an error here, and non-finite ratings are cleaned up below.
    with warnings.catch_warnings(), numpy.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        summarizer(model, count)
    ratings = [captured.get(i, 0.0) for i in range(len(document.sentences))]
    return [r if numpy.isfinite(r) else 0.0 for r in ratings]


def _with_stop_words(cls) -> Callable[[Document, Language], list[float]]:
    def rank(document: Document, language: Language) -> list[float]:
        summarizer = cls(language.stem)
        summarizer.stop_words = language.stop_words
        return _ratings(summarizer, document, _sumy_document(document, language))

    rank.__name__ = cls.__name__
    return rank


lex_rank = _with_stop_words(LexRankSummarizer)
text_rank = _with_stop_words(TextRankSummarizer)
lsa = _with_stop_words(LsaSummarizer)
luhn = _with_stop_words(LuhnSummarizer)
kl = _with_stop_words(KLSummarizer)
sum_basic = _with_stop_words(SumBasicSummarizer)
reduction = _with_stop_words(ReductionSummarizer)


def edmundson(document: Document, language: Language) -> list[float]:
    """Edmundson with its word lists derived from the text alone.

    - null words: the language's stop words;
    - bonus words: the title's content words, plus the document's most frequent content words
      (what the article keeps coming back to is what it is about);
    - stigma words: content words the document uses only once (what it never comes back to),
      standing in for Edmundson's hand-made list of belittling cue words: a sentence full of
      one-off words is more likely a digression than the point;
    - heading: the title when given, else the first sentence (usually the headline), which
      feeds the title and location methods.
    """
    counts = Counter(t.norm for s in document.sentences for t in s.tokens if t.alpha and not t.stop)
    bonus = {w for w, _ in counts.most_common(EDMUNDSON_BONUS_WORDS)}
    bonus |= {t.norm for t in document.title_tokens if t.alpha and not t.stop}
    heading = document.title or (document.sentences[0].text if document.sentences else None)
    summarizer = EdmundsonSummarizer(language.stem)
    summarizer.null_words = language.stop_words
    stigma = {w for w, c in counts.items() if c == 1} - bonus
    summarizer.stigma_words = stigma or language.stop_words
    summarizer.bonus_words = bonus or language.stop_words
    return _ratings(summarizer, document, _sumy_document(document, language, heading))
