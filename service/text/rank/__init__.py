"""The registry of ranking algorithms: name -> Algorithm (description and ranker)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..document import Document
from ..languages import Language
from . import edmundson, kl, lead, lexrank, lsa, luhn, pyramid, reduction, sumbasic, textrank
from .ranking import Ranking


class Ranker(Protocol):
    """A ranker orders a document's sentences, best first.

    ``share`` is the share of the document the summary is expected to cover (0 to 1; the
    pipeline derives it from the length bound: sentences / the document's sentences, words /
    its words, characters / its characters, or the ratio), or None when it is not known;
    rankers whose definition has no use for it ignore it.
    """

    def __call__(self, document: Document, language: Language, *, share: float | None = None) -> Ranking: ...


@dataclass(frozen=True, slots=True)
class Algorithm:
    """A registered summarization algorithm."""

    name: str
    description: str
    rank: Ranker


ALGORITHMS: dict[str, Algorithm] = {
    a.name: a
    for a in (
        Algorithm("pyramid", "Pyramid (the default): sentences carrying the article's recurring words, with the news lead first when the summary is short for the article.", pyramid.rank),
        Algorithm("lead", "The first sentences of the article, in order: the news baseline.", lead.rank),
        Algorithm("lex-rank", "LexRank: sentence centrality on a TF-IDF cosine similarity graph.", lexrank.rank),
        Algorithm("text-rank", "TextRank: PageRank over sentences linked by shared words.", textrank.rank),
        Algorithm("lsa", "Latent semantic analysis: sentences weighted by the SVD's topics.", lsa.rank),
        Algorithm("luhn", "Luhn: clusters of significant (frequent, non-stop) words in a sentence.", luhn.rank),
        Algorithm("edmundson", "Edmundson: cue, title and location signals derived from the text and title.", edmundson.rank),
        Algorithm("kl", "KL-Sum: greedily keeps the summary's word distribution closest to the article's.", kl.rank),
        Algorithm("sum-basic", "SumBasic: word probabilities, updated as sentences are chosen.", sumbasic.rank),
        Algorithm("reduction", "Reduction: graph of sentences weighted by shared words, ranked by total weight.", reduction.rank),
    )
}

DEFAULT_ALGORITHM = "pyramid"


def get_algorithm(name: str) -> Algorithm:
    """Return the algorithm called ``name``; KeyError if there is none."""
    return ALGORITHMS[name]


__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "Algorithm", "Ranker", "Ranking", "get_algorithm"]
