"""Inputs for the benchmarks, read from ../shared/data at run time (never copied into the repository)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SAMPLE_ARTICLE = DATA / "samples" / "news_article.txt"


def records(relative: str) -> Iterator[dict]:
    """The JSON Lines records of ``DATA/relative``."""
    with (DATA / relative).open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def long_text(words: int | None = None, characters: int | None = None) -> str:
    """Distinct news articles joined by blank lines, up to about ``words`` words or exactly ``characters``."""
    parts: list[str] = []
    count = 0
    size = 0
    sources = ("summarization/bbc_news_summary.jsonl", "summarization/cnndm.jsonl")
    for source in sources:
        for record in records(source):
            text = record["text"].strip()
            parts.append(text)
            count += len(text.split())
            size += len(text) + 2
            if (words is not None and count >= words) or (characters is not None and size >= characters):
                joined = "\n\n".join(parts)
                if characters is not None:
                    cut = joined[:characters]
                    joined = cut[: cut.rfind(" ")] if " " in cut else cut
                return joined
    raise ValueError("not enough evaluation text for the requested size")


def short_sentences(characters: int, vocabulary: int = 5_000, seed: int = 1) -> str:
    """Sentences of three words drawn from ``vocabulary`` made-up words, up to ``characters`` long.

    The worst case of the greedy rankers (KL-Sum, SumBasic) at a large bound: tens of
    thousands of sentences, every one a candidate at every step. Deterministic for a seed.
    """
    import random

    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(vocabulary * 2)})[:vocabulary]
    sentences: list[str] = []
    size = 0
    while True:
        a, b, c = (rng.choice(words) for _ in range(3))
        sentence = f"{a.capitalize()} {b} {c}."
        if size + len(sentence) + 1 > characters:
            return " ".join(sentences)
        sentences.append(sentence)
        size += len(sentence) + 1
