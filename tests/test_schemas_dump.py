"""The answer of POST /v1/summarize, written out by dump_summary, is exactly what its schema dumps."""

from __future__ import annotations

import itertools
import json

import pytest

from service.schemas import dump_summary, summary_response_schema
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize
from service.text.rank import ALGORITHMS

from .conftest import SAMPLE_ARTICLE, SHARED_DATA


def _articles(count: int) -> list[tuple[str, str | None]]:
    with (SHARED_DATA / "summarization" / "bbc_news_summary.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in itertools.islice(lines, count)]
    return [(SAMPLE_ARTICLE.read_text(encoding="utf-8"), None), *((r["text"], r.get("title")) for r in records)]


BOUNDS = [
    Bound(BoundKind.SENTENCES, 3),
    Bound(BoundKind.MAX_WORDS, 40),
    Bound(BoundKind.MAX_CHARS, 15),  # too short for any sentence: a warning, no sentences
    Bound(BoundKind.RATIO, 0.5),
]


@pytest.mark.parametrize("algorithm", list(ALGORITHMS))
def test_dump_summary_is_the_schemas_dump(algorithm):
    for (text, title), bound in itertools.product(_articles(6), BOUNDS):
        options = SummaryOptions(text=text, algorithm=algorithm, bound=bound, title=title, keywords=7, order="rank")
        result = summarize(options)
        answer = dump_summary(result)
        assert answer == summary_response_schema.dump(result)
        # Same types too (a numpy float would compare equal but is no JSON number of the schema's).
        assert json.dumps(answer) == json.dumps(summary_response_schema.dump(result))
