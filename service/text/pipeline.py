"""The summarization pipeline: options in, summary, ranked sentences, keywords and stats out."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UnknownAlgorithm
from .analysis import analyse
from .keywords import Keyword, extract_keywords
from .languages import get_language
from .rank import ALGORITHMS
from .select import Bound, BoundKind, Pick, select
from .tokens import count_words


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

    @property
    def lines(self) -> str:
        """The summary as plain text, one sentence per line."""
        return "".join(p.sentence.text.replace("\n", " ") + "\n" for p in self.sentences)


def summarize(options: SummaryOptions) -> Summary:
    """Run one request through segmenting, ranking, selecting and keyword extraction."""
    algorithm = ALGORITHMS.get(options.algorithm)
    if algorithm is None:
        raise UnknownAlgorithm(options.algorithm, tuple(ALGORITHMS))
    language = get_language(options.language)
    document = analyse(options.text, options.language, options.title)

    selection = select(document, algorithm.rank(document, language), options.bound, options.order)
    summary = " ".join(p.sentence.text for p in selection.picks)
    keywords = tuple(extract_keywords(document, options.keywords))

    input_words = document.word_count
    output_words = count_words(summary)
    return Summary(
        summary=summary,
        sentences=selection.picks,
        keywords=keywords,
        algorithm=algorithm.name,
        language=language.name,
        stats=Stats(
            input=TextStats(len(options.text), input_words, len(document.sentences)),
            summary=TextStats(len(summary), output_words, len(selection.picks)),
            compression=round(output_words / input_words, 4) if input_words else 0.0,
        ),
        warnings=selection.warnings,
    )


__all__ = ["Bound", "BoundKind", "Stats", "Summary", "SummaryOptions", "TextStats", "summarize"]
