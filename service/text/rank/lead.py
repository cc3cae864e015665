"""Lead: the first sentences rank highest (the news baseline every algorithm must beat)."""

from __future__ import annotations

from ..document import Document
from ..languages import Language
from .ranking import Ranking


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    n = len(document.sentences)
    return Ranking(iter(range(n)), lambda index: float(n - index), 1.0 if n else 0.0, n)
