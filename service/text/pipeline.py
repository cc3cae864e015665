"""The summarization pipeline: options in, summary, ranked sentences, keywords and stats out."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InvalidInput, UnknownAlgorithm
from . import boilerplate, deadline, headline, source
from .analysis import analyse
from .detect import choose_language
from .document import Document
from .keywords import Keyword, extract_keywords
from .languages import get_language
from .rank import ALGORITHMS
from .rank.ranking import Ranking
from .select import Bound, BoundKind, Pick, Ranked, rank_all, select


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    """A validated request: the text and every option, defaults already applied."""

    text: str
    algorithm: str
    bound: Bound
    title: str | None = None
    language: str = "english"
    keywords: int = 10
    order: str = "position"
    # Quotations whole and dangling openers with their antecedents (select's ``coherent``); None:
    # the algorithm's own default (COHERENT_BY_DEFAULT).
    coherent: bool | None = None
    # What language "auto" falls back to when it cannot tell (SUMMARIZER_DEFAULT_LANGUAGE).
    fallback_language: str = "english"
    # Every sentence's score and rank, not only the chosen ones' (Summary.ranking).
    full_ranking: bool = False
    # The unit of the answer's offsets and lengths: read by the dump, not by the pipeline.
    offset_unit: str = "codepoint"
    # An HTML page in place of ``text``: its article is extracted (source.from_html) and summarized.
    html: str | None = None
    # The longest text summarized: an article extracted from ``html`` longer than this is refused (422).
    max_text_length: int | None = None


@dataclass(frozen=True, slots=True)
class TextStats:
    characters: int
    words: int
    sentences: int


@dataclass(frozen=True, slots=True)
class Stats:
    """Sizes of the input and of the summary; compression is summary words / input words."""

    input: TextStats
    summary: TextStats
    compression: float


@dataclass(frozen=True, slots=True)
class Summary:
    """What the pipeline answers; the response schema dumps it as it is."""

    summary: str
    sentences: tuple[Pick, ...]
    keywords: tuple[Keyword, ...]
    algorithm: str
    language: str
    stats: Stats
    warnings: tuple[str, ...]
    # The text every offset indexes (the caller's own, for a text request).
    text: str = ""
    # Every sentence in position order with its score and rank, when the options asked for it.
    ranking: tuple[Ranked, ...] | None = None
    # The title used: the caller's, the HTML page's headline or the text's headline line; None without one.
    title: str | None = None
    # ``text`` when it is not the caller's own (extracted from HTML), else None.
    extracted_text: str | None = None


#: The algorithms whose summaries are coherent unless a request says otherwise: the service's own
#: ranking. The others give the best sentences of their ranking as they are: ``lead`` the first
#: sentences (the baseline), sumy's eight the sentences sumy chooses.
COHERENT_BY_DEFAULT = frozenset({"pyramid"})


def is_coherent(options: SummaryOptions) -> bool:
    """Whether the summary keeps quotations whole and dangling openers with their antecedents."""
    return options.algorithm in COHERENT_BY_DEFAULT if options.coherent is None else options.coherent


def coverage(document: Document, bound: Bound) -> float | None:
    """The share of ``document`` a summary within ``bound`` is expected to cover, at most 1 (None for an empty document).

    Sentences asked / the document's sentences; words / its words; characters / its
    characters (its sentences joined by single spaces, as the bound counts them); a ratio as
    it is. Rankers that use it (the default's position weight) read it as how short the
    summary is for the article.
    """
    sentences = document.sentences
    if not sentences:
        return None
    if bound.kind is BoundKind.SENTENCES:
        whole = len(sentences)
    elif bound.kind is BoundKind.MAX_WORDS:
        whole = document.word_count
    elif bound.kind is BoundKind.MAX_CHARS:
        whole = sum(s.length for s in sentences) + len(sentences) - 1
    else:
        return min(1.0, float(bound.value))
    return min(1.0, bound.value / whole) if whole > 0 else 1.0


def summarize(options: SummaryOptions) -> Summary:
    """Run one request through segmenting, ranking, selecting and keyword extraction."""
    algorithm = ALGORITHMS.get(options.algorithm)
    if algorithm is None:
        raise UnknownAlgorithm(options.algorithm, tuple(ALGORITHMS))
    # The source stage: the caller's text as it is, or the article of the caller's HTML page.
    with deadline.interruptible():
        article = source.read(options.text, options.title, options.html)
    if options.max_text_length is not None and article.origin == source.FROM_HTML and len(article.text) > options.max_text_length:
        message = f"The article extracted from it is longer than the maximum of {options.max_text_length} characters."
        raise InvalidInput({"html": [message]})
    # The language stage: the one asked for, or for "auto" the one detected (or the fallback, with a warning).
    name, language_warnings = choose_language(article.text, options.language, options.fallback_language)
    language = get_language(name)
    # Past the request's deadline each stage stops with OutOfTime (503): see deadline.py.
    deadline.check()
    with deadline.interruptible():
        document = analyse(article.text, name, article.title)
        # Site furniture and the headline line: left out of every stage after this one, the spans of
        # the other sentences unchanged (boilerplate.py, headline.py).
        document, furniture = headline.take(document, boilerplate.furniture(document))
        document = boilerplate.without(document, furniture)
        deadline.check()
        ranking = algorithm.rank(document, language, share=coverage(document, options.bound))
        deadline.check()
        full = None
        if options.full_ranking:
            # The whole order, read once: select reads its start, rank_all all of it, each from its own copy.
            order = list(ranking)
            full = rank_all(document, Ranking(iter(order), ranking.score, ranking.floor, ranking.size))
            ranking = Ranking(iter(order), ranking.score, ranking.floor, ranking.size)
            deadline.check()
        selection = select(document, ranking, options.bound, options.order, coherent=is_coherent(options))
        deadline.check()
        keywords = tuple(extract_keywords(document, options.keywords))
        deadline.check()
    summary = " ".join(p.sentence.text for p in selection.picks)

    input_words = document.word_count
    # Sentences are joined by spaces, which no word spans, so len(summary.split()) is exactly the sum
    # of their words: the count select held within the bound.
    output_words = sum(p.sentence.word_count for p in selection.picks)
    return Summary(
        summary=summary,
        sentences=selection.picks,
        keywords=keywords,
        algorithm=algorithm.name,
        language=language.name,
        stats=Stats(
            input=TextStats(len(article.text), input_words, len(document.sentences)),
            summary=TextStats(len(summary), output_words, len(selection.picks)),
            compression=round(output_words / input_words, 4) if input_words else 0.0,
        ),
        warnings=article.warnings + language_warnings + selection.warnings,
        text=article.text,
        ranking=full,
        title=document.title,
        extracted_text=article.text if article.origin == source.FROM_HTML else None,
    )


__all__ = [
    "COHERENT_BY_DEFAULT",
    "Bound",
    "BoundKind",
    "Ranked",
    "Stats",
    "Summary",
    "SummaryOptions",
    "TextStats",
    "coverage",
    "is_coherent",
    "summarize",
]
