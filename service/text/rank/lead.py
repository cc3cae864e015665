"""Lead: the first sentences rank highest (the news baseline every algorithm must beat)."""

from __future__ import annotations

from ..document import Document
from ..languages import Language


def rank(document: Document, language: Language) -> list[float]:
    n = len(document.sentences)
    return [float(n - i) for i in range(n)]
