"""Word tokens (service/text/tokens.py): the word caches shared across requests stay within their bound."""

from __future__ import annotations

import itertools
import string

import pytest

from service.text import tokens
from service.text.languages import get_language

ENGLISH = get_language("english")
GERMAN = get_language("german")


def distinct_words(count: int, prefix: str) -> str:
    """``count`` different letters-only words, none of them a real word or stop word."""
    letters = itertools.product(string.ascii_lowercase, repeat=4)
    return " ".join(prefix + "".join(next(letters)) for _ in range(count))


def cached() -> int:
    return sum(len(memo) for memo in tokens._MEMOS.values())


@pytest.fixture
def memos(monkeypatch):
    """An empty cache of this test's own (the shared one is left as it was)."""
    monkeypatch.setattr(tokens, "_MEMOS", {})


def test_the_bound_is_the_readmes_100000_entries():
    # README, "Memory guard": the memory budget counts on this bound.
    assert tokens.MEMO_LIMIT == 100_000


def test_every_language_shares_one_bound_and_passing_it_empties_them_all(memos):
    tokens.tokenize(distinct_words(60_000, "zq"), ENGLISH)
    tokens.tokenize(distinct_words(40_000, "xv"), GERMAN)
    assert cached() == 100_000  # at the bound, not past it: kept
    tokens.tokenize("zqaaaa met.", ENGLISH)  # a word seen before, and "met": one entry more
    assert cached() == 100_001
    tokens.tokenize("Neue Wörter heute.", GERMAN)  # past the bound: every language's cache emptied first
    assert set(tokens._MEMOS) == {"german"} and cached() == 3


def test_a_request_after_a_flood_of_new_words_starts_from_an_empty_cache(memos):
    tokens.tokenize(distinct_words(120_000, "qj"), ENGLISH)  # one huge text of junk words
    assert cached() == 120_000  # a single call is not cut short: its words are needed for its own answer
    found = tokens.tokenize("The council met.", ENGLISH)
    assert [t.norm for t in found] == ["the", "council", "met"]
    assert cached() == 3
