"""Site furniture from real pages, for the boilerplate benchmark: ``python -m bench.furniture`` prints the lines it derives.

Derivation (blind to what the service's patterns say): each page of
``../shared/data/html/article_extraction.jsonl`` is rendered to its visible text, a line per
block element (``<p>``, ``<div>``, ``<li>``, headings, table cells ...; ``<script>``, ``<style>``,
``<noscript>``, ``<template>``, ``<svg>`` and ``<head>`` left out). A line is furniture when its
words are not in the page's gold article body (compared as lower-cased word sequences), it is
not the page's own headline or description (``<title>``, ``og:title``, ``og:description``, any
``<h1>``), it has 1 to ``MAX_WORDS`` words and a letter, and its page is in English (the gold
body is mostly ASCII letters and has English function words). So the lines are what a scraper
leaves around an article: navigation, section names and crumbs, ads, "Read more" and related
links with the linked headlines, share and follow prompts, cookie, newsletter and sign-up
notices, bylines, datelines, photo credits and captions, copyright footers, comment prompts.
Longer lines (long teasers, comments, author biographies, which are prose) are not taken.

Pages are split into halves as ``bench.quality.tuning_half`` splits a file (even / odd index in
file order): the tuning half's lines are the only ones looked at while the patterns of
``service/data/boilerplate.txt`` were chosen; the held-out half's are injected into the held-out
articles and reported.

Nothing here is written to the repository: the lines are derived anew on every run.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable

from bench.corpus import records

HTML_FILE = "html/article_extraction.jsonl"
#: Longest furniture line, in words.
MAX_WORDS = 40

_BLOCK = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul option button label select".split()
)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
_WORD = re.compile(r"\w+")
_ENGLISH = frozenset("the of and to in is that for it on with as was by".split())


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def page_lines(html: str) -> list[str]:
    """The page's visible text, one line per block element, white space collapsed."""
    import lxml.etree
    import lxml.html

    try:
        document = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    lines: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        line = " ".join("".join(pending).split())
        if line:
            lines.append(line)
        pending.clear()

    # An explicit stack: pages nest deeper than Python's recursion limit.
    stack: list[tuple[object, bool]] = [(document.find("body") if document.find("body") is not None else document, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else None
        if closing:
            if tag in _BLOCK:
                flush()
            if element.tail:
                pending.append(element.tail)
            continue
        if tag is None or tag in _SKIP:  # comments, processing instructions, scripts
            if element.tail:
                pending.append(element.tail)
            continue
        if tag in _BLOCK:
            flush()
        if element.text:
            pending.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    flush()
    return lines


def _own_names(html: str) -> set[str]:
    """The page's own headline and description, normalised: never furniture."""
    import lxml.html

    try:
        document = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001
        return set()
    names = set()
    for xpath in ("//title", "//h1", '//meta[@property="og:title"]/@content', '//meta[@property="og:description"]/@content', '//meta[@name="description"]/@content'):
        for found in document.xpath(xpath):
            names.add(_norm(found if isinstance(found, str) else found.text_content()))
    return {n for n in names if n}


def is_english(text: str) -> bool:
    words = _WORD.findall(text.casefold())
    if not words:
        return False
    letters = [c for c in text if c.isalpha()]
    ascii_share = sum(c.isascii() for c in letters) / max(1, len(letters))
    return ascii_share > 0.97 and sum(w in _ENGLISH for w in words) / len(words) > 0.12


def furniture_lines(html: str, gold: str) -> list[str]:
    """The page's furniture lines, in page order, each once (see the module's documentation)."""
    body = f" {_norm(gold)} "
    own = _own_names(html)
    seen: set[str] = set()
    out = []
    for line in page_lines(html):
        key = _norm(line)
        if not key or key in seen or not any(c.isalpha() for c in line):
            continue
        if not 1 <= len(line.split()) <= MAX_WORDS:
            continue
        if f" {key} " in body or key in own or any(key in name or name in key for name in own if len(name) > 20):
            continue
        seen.add(key)
        out.append(line)
    return out


def furniture_by_page() -> list[list[str]]:
    """Every page's furniture lines, in file order; an empty list for a page not in English."""
    pages = []
    for record in records(HTML_FILE):
        pages.append(furniture_lines(record["html"], record["article_body"]) if is_english(record["article_body"]) else [])
    return pages


def halves(pages: list[list[str]]) -> tuple[list[str], list[str]]:
    """The tuning half's lines and the held-out half's (even / odd page index, as bench.quality.tuning_half)."""
    from bench.quality import tuning_half

    n = len(pages)
    tuning = [line for i, page in enumerate(pages) if tuning_half(i, n, "html") for line in page]
    held = [line for i, page in enumerate(pages) if not tuning_half(i, n, "html") for line in page]
    return tuning, held


def main(argv: Iterable[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.furniture", description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tuning", "held-out", "all"), default="tuning")
    parser.add_argument("--marked", choices=("yes", "no", "all"), default="all", help="only the lines the service marks (yes) or misses (no)")
    args = parser.parse_args(list(argv))
    tuning, held = halves(furniture_by_page())
    lines = {"tuning": tuning, "held-out": held, "all": tuning + held}[args.half]
    if args.marked != "all":
        from service.text.boilerplate import is_furniture_line

        lines = [line for line in lines if is_furniture_line(line) == (args.marked == "yes")]
    for line in lines:
        print(line)
    print(f"{len(lines)} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
