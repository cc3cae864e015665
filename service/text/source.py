"""The source stage: what the caller sent, as an Article (the text every offset indexes, its title, where the text came from).

A text (JSON ``text`` or a text/plain body) is the Article as it is: its own text, the caller's
title. An HTML page (JSON ``html`` or a text/html body) is reduced here to its article: the
headline and the body paragraphs, without navigation, ads, related links, comments or footers.
The rest of the pipeline never sees HTML.

Which extractor, and why
========================

Three maintained extraction libraries were compared on the 85 pages of the Zyte (Scrapinghub)
article-extraction benchmark in ``../shared/data/html/article_extraction.jsonl``, scored as the
benchmark scores them (bags of 4-token windows against the gold body; P averaged over pages
with output, R over all pages, F1 their harmonic mean), by ``python -m bench.quality --sections
extraction`` (readability-lxml where installed):

    library (options)                        P      R      F1     ms/page
    trafilatura 2.3.1, favor_precision       0.966  0.953  0.960  20-70
    trafilatura 2.3.1, defaults              0.949  0.968  0.958  20-50
    readability-lxml 0.9 (+ its HTML as text) 0.939  0.983  0.960  25
    jusText 3.0.2 (English stop list)        0.867  0.688  0.767  19

trafilatura with ``favor_precision`` is used. It ties readability-lxml on F1 and has the best
precision, which is what matters downstream (a summary sentence taken from a related-links box
or a comment is worse than a body sentence missed); it returns plain text, a line per paragraph,
where readability-lxml returns HTML that needs a converter of its own; it handled every hostile
page tried (nesting 100,000 deep, entity floods, script-only, empty, binary junk) by returning
little or nothing, where readability-lxml raises on an empty document; and readability-lxml
requires ``chardet<6`` where the service pins chardet 7. jusText alone misses a third of the
body. The cost is trafilatura's dependencies (htmldate, courlan, dateparser, babel: about 50 MB
installed); its date and metadata extraction is not used, and it is never given a URL: nothing
is fetched, ever.

The headline is the page's: the ``<h1>`` that the page's ``og:title`` or ``<title>`` also
names, else the longest part of that title once a site name after `` | `` or `` - `` is cut off,
else the first ``<h1>``. A body that repeats the headline as its first paragraph loses that
paragraph (the headline is the title, never a sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import OutOfTime
from . import deadline

#: Article.origin: the caller's own text, or a text extracted from the caller's HTML.
FROM_TEXT = "text"
FROM_HTML = "html"

#: The warning of a page in which no article text was found.
NO_ARTICLE = "No article text was found in the HTML: the summary is empty."


@dataclass(frozen=True, slots=True)
class Article:
    """The article a request is about: ``text`` is what every offset of the answer indexes."""

    text: str
    title: str | None = None
    origin: str = FROM_TEXT
    warnings: tuple[str, ...] = ()


def read(text: str, title: str | None = None, html: str | None = None) -> Article:
    """The Article of a request: from ``html`` when it is given, else ``text`` as it is."""
    return from_html(html, title) if html is not None else from_text(text, title)


def from_text(text: str, title: str | None = None) -> Article:
    """The caller's text as it is, with the caller's title."""
    return Article(text=text, title=title, origin=FROM_TEXT)


# Control characters other than tab and line breaks (an HTML page may hold "&#0;" or raw NULs,
# which the parser reads as U+FFFD): they become nothing, so that the extracted text is plain text.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffd\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_WORD = re.compile(r"\w+")
#: Where a site name is glued to a headline in <title> or og:title.
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]{1,2}\s+")
MAX_TITLE_CHARS = 1000


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _clean(text: str) -> str:
    return _SPACES.sub(" ", _CONTROLS.sub("", text)).strip()


def from_html(html: str, title: str | None = None) -> Article:
    """The article of an HTML page: its body paragraphs, separated by blank lines, and its headline (or the caller's title).

    A page without article text gives an empty text and a warning; no page raises.
    """
    import trafilatura

    tree = _parse(html)
    headline = _headline(tree) if tree is not None else None
    deadline.check()
    body = None
    if tree is not None:
        # From the string, not from ``tree``: trafilatura prunes the tree it is given.
        try:
            body = trafilatura.extract(
                html,
                favor_precision=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=False,
                with_metadata=False,
                deduplicate=False,
                output_format="txt",
            )
        except OutOfTime:
            raise
        except Exception:  # noqa: BLE001 - a page the library cannot read has no article, like a page without one
            body = None
    deadline.check()
    paragraphs = [line for line in (_clean(p) for p in (body or "").splitlines()) if line]
    if not paragraphs and tree is not None:
        paragraphs = _plain_paragraphs(tree)
    chosen = title if title is not None else headline
    if paragraphs and chosen and _norm(paragraphs[0]) == _norm(chosen):
        paragraphs = paragraphs[1:]
    text = "\n\n".join(paragraphs)
    warnings = () if text else (NO_ARTICLE,)
    return Article(text=text, title=chosen, origin=FROM_HTML, warnings=warnings)


#: What is never article text, for the fallback of ``_plain_paragraphs``.
_FURNITURE_TAGS = ("nav", "header", "footer", "aside", "form", "menu", "script", "style", "noscript", "template", "button", "select")


#: The elements that end a paragraph of the fallback's text flow.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p pre section table td th tr ul".split()
)


def _plain_paragraphs(tree) -> list[str]:
    """The page's visible text outside navigation, headers, footers, asides and forms, a paragraph per block element.

    The fallback for a fragment or a short page (``<p>One paragraph.</p>``, or words with no tags),
    where trafilatura finds no article because the page is shorter than its minimum; a page of
    navigation alone still has no article. One walk over the page, linear in its size at any depth.
    """
    import lxml.etree

    for element in list(tree.iter(*_FURNITURE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    paragraphs: list[str] = []
    flow: list[str] = []

    def flush() -> None:
        text = _clean("".join(flow))
        if text:
            paragraphs.append(text)
        flow.clear()

    for event, element in lxml.etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(element.tag, str):  # a comment or a processing instruction: only its tail is text
            if event == "end" and element.tail:
                flow.append(element.tail)
            continue
        block = element.tag in _BLOCK_TAGS
        if event == "start":
            if block:
                flush()
            if element.text:
                flow.append(element.text)
        else:
            if block:
                flush()
            if element.tail:
                flow.append(element.tail)
    flush()
    return paragraphs


def _parse(html: str):
    """The page as an lxml tree, or None when there is nothing to parse."""
    import lxml.etree
    import lxml.html

    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def _headline(tree) -> str | None:
    """The page's headline (see the module's documentation), or None."""
    h1s = []
    for element in tree.iter("h1"):
        text = _clean(element.text_content())
        if text and len(text) <= MAX_TITLE_CHARS:
            h1s.append(text)
        if len(h1s) >= 20:
            break
    named = []
    for xpath in ('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content', "//title"):
        for found in tree.xpath(xpath)[:1]:
            value = found if isinstance(found, str) else found.text_content()
            value = _clean(value)
            if value:
                named.append(value)
    for h1 in h1s:
        key = _norm(h1)
        if key and any(key in _norm(name) for name in named):
            return h1
    for name in named:
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(name) if p.strip()]
        best = max(parts, key=len) if parts else name
        if _WORD.search(best) and len(best) <= MAX_TITLE_CHARS:
            return best
    return h1s[0] if h1s else None
