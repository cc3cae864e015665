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


#: Run in a fresh interpreter: every algorithm's answer on the sample article and on a BBC article
#: with its title, with keywords and the full ranking, each as the bytes the service would send.
_ANSWERS = """
import hashlib, itertools, json, sys
from service.schemas import dump_summary
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize
from service.text.rank import ALGORITHMS
sys.path.insert(0, ".")
from tests.test_schemas_dump import _articles
for name, ((text, title), bound) in itertools.product(ALGORITHMS, itertools.product(_articles(1), [Bound(BoundKind.SENTENCES, 3), Bound(BoundKind.MAX_WORDS, 80)])):
    options = SummaryOptions(text=text, title=title, algorithm=name, bound=bound, keywords=20, order="rank", full_ranking=True)
    answer = json.dumps(dump_summary(summarize(options)), ensure_ascii=False).encode()
    print(name, bound.kind.value, hashlib.sha256(answer).hexdigest())
"""


def test_every_answer_is_the_same_bytes_whatever_the_hash_seed():
    # One process cannot see an order that hangs on the hash seed (a set's order, a dict built from
    # one): two processes with different PYTHONHASHSEED must write every answer byte for byte alike.
    import os
    import subprocess
    import sys

    from .conftest import REPO

    def answers(seed: str) -> list[str]:
        run = subprocess.run(
            [sys.executable, "-c", _ANSWERS], cwd=REPO, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, timeout=300
        )
        assert run.returncode == 0, run.stderr[-2000:]
        return run.stdout.splitlines()

    first, second = answers("1"), answers("2")
    assert len(first) == len(ALGORITHMS) * 2 * 2
    assert first == second
