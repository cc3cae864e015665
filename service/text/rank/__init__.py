"""The registry of ranking algorithms: name -> Algorithm (description and ranker)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..document import Document
from ..languages import Language
from . import lead, sumy_rankers

#: A ranker scores every sentence of a document (higher is better), in document order.
Ranker = Callable[[Document, Language], Sequence[float]]


@dataclass(frozen=True, slots=True)
class Algorithm:
    """A registered summarization algorithm."""

    name: str
    description: str
    rank: Ranker


ALGORITHMS: dict[str, Algorithm] = {
    a.name: a
    for a in (
        Algorithm("lead", "The first sentences of the article, in order: the news baseline.", lead.rank),
        Algorithm("lex-rank", "LexRank: sentence centrality on a TF-IDF cosine similarity graph.", sumy_rankers.lex_rank),
        Algorithm("text-rank", "TextRank: PageRank over sentences linked by shared words.", sumy_rankers.text_rank),
        Algorithm("lsa", "Latent semantic analysis: sentences weighted by the SVD's main topics.", sumy_rankers.lsa),
        Algorithm("luhn", "Luhn: clusters of significant (frequent, non-stop) words in a sentence.", sumy_rankers.luhn),
        Algorithm("edmundson", "Edmundson: cue, title and location signals derived from the text and title.", sumy_rankers.edmundson),
        Algorithm("kl", "KL-Sum: greedily keeps the summary's word distribution closest to the article's.", sumy_rankers.kl),
        Algorithm("sum-basic", "SumBasic: word probabilities, updated as sentences are chosen.", sumy_rankers.sum_basic),
        Algorithm("reduction", "Reduction: graph of sentences weighted by shared words, ranked by total weight.", sumy_rankers.reduction),
    )
}

DEFAULT_ALGORITHM = "lex-rank"


def get_algorithm(name: str) -> Algorithm:
    """Return the algorithm called ``name``; KeyError if there is none."""
    return ALGORITHMS[name]
