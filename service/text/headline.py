"""The headline stage: a text's leading headline line, taken as its title when the caller gives none.

A text pasted from a page often starts with its headline: "Trump Set to Discuss Ukraine Conflict
in Upcoming Phone Call with Putin", a paragraph of its own, without a final period. Read as a
sentence it would be glued to the lead in a summary and ranked first by every position-weighted
ranker. Taken as the title it is what a title is everywhere else: never a summary sentence,
counted for the keywords, and returned as the answer's ``title``.

The first sentence of the document that is not site furniture (``service.text.boilerplate``:
a crumb or a dateline above the headline does not hide it) is the headline when

- it is a paragraph of its own (a blank line, or the text's start, before and after it) and
  the whole of its line;
- it has no final punctuation (``boilerplate.is_bare``'s test: . ! ? … ; : or a closing quote
  or bracket after one) but a question or an exclamation mark ("Can Yahoo dominate next
  decade?"), and no ellipsis (a teaser or a quotation cut short);
- it has ``MIN_WORDS`` to ``MAX_WORDS`` words, no pattern of the furniture file finds it, and
  text follows it;
- it does not open with a word that refers back (``coherence.openers``: "So who, if anyone,
  ...?" is the article begun), and the paragraph after it does not continue it
  (``boilerplate.continues``: "Michelle Obama likes to keep a busy schedule" / "and Wednesday
  was no exception ..." is one sentence broken over paragraphs);
- at least one of its content stems occurs in the rest of the document: a headline is about
  its article, where a teaser of another story on top of a scraped page is not.

Otherwise the text has no headline and its sentences are what they were.

Measured on BBC News with each headline prepended to its article as a paragraph (``python -m
bench.articles --sections headline``; docs/RESULTS.md): the headline found, and the summary the
same as with the headline given as ``title``.
"""

from __future__ import annotations

import dataclasses
from itertools import chain
from operator import itemgetter

from .boilerplate import CLOSING, continues, is_bare, matches_pattern
from .coherence import openers, opens_dangling
from .document import Document, Token

_TERM = itemgetter(Token._fields.index("term"))  # Token.term

#: Fewest and most words of a headline (BBC's have 3 to 9; few anywhere pass 20).
MIN_WORDS = 2
MAX_WORDS = 20


def find(document: Document, furniture: set[int] = frozenset()) -> int | None:
    """The index of the document's headline sentence (see the module's documentation), or None."""
    for position, sentence in enumerate(document.sentences):
        if _shaped(document, position) and _about_the_rest(document, position):
            return sentence.index
        if sentence.index not in furniture:
            return None  # the first sentence of the article is no headline
    return None


def _shaped(document: Document, position: int) -> bool:
    """A paragraph and a line of its own, no final punctuation, MIN_WORDS to MAX_WORDS words, no furniture pattern, text after it."""
    sentences = document.sentences
    sentence = sentences[position]
    if position + 1 >= len(sentences) or sentences[position + 1].paragraph == sentence.paragraph:
        return False
    if opens_dangling(sentence, document.text, openers(document.language)):
        return False  # it refers back ("So who, if anyone, ...?"): the article has begun
    if continues(sentences[position + 1]):
        return False  # a sentence broken over paragraphs ("Michelle Obama likes to keep a busy schedule" / "and Wednesday ...")
    if position and sentences[position - 1].paragraph == sentence.paragraph:
        return False
    if not MIN_WORDS <= sentence.word_count <= MAX_WORDS or not is_bare_headline(sentence.text):
        return False
    text = document.text
    # The whole of its line: nothing but white space between it and the line breaks around it.
    before = text[max(0, sentence.start - 200) : sentence.start]
    after = text[sentence.end : sentence.end + 200]
    return _to_line_break(before[::-1]) and _to_line_break(after)


#: A headline may end with these (a question: "Can Yahoo dominate next decade?"); any other final punctuation makes a sentence.
HEADLINE_FINAL = ("?", "!")


def is_bare_headline(line: str) -> bool:
    """No final punctuation but a question or exclamation mark, no ellipsis, no furniture pattern: what a headline line looks like."""
    line = line.strip()
    if line.endswith(("...", "…")):
        return False  # a teaser or a quotation cut short
    end = line.rstrip(CLOSING + " \t\u00a0")
    if end.endswith(HEADLINE_FINAL):
        line = end.rstrip("".join(HEADLINE_FINAL) + " ")
    return bool(line) and is_bare(line, MAX_WORDS) and not matches_pattern(line)


def _to_line_break(side: str) -> bool:
    for c in side:
        if c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
            return True
        if not c.isspace():
            return False
    return True  # the text's start or end


def _about_the_rest(document: Document, position: int) -> bool:
    """Whether a content stem of the sentence at ``position`` occurs in another sentence (read until one does)."""
    stems = set(filter(None, map(_TERM, document.sentences[position].tokens)))
    others = chain.from_iterable(s.tokens for i, s in enumerate(document.sentences) if i != position)
    return bool(stems) and any(term in stems for term in map(_TERM, others))


def take(document: Document, furniture: set[int]) -> tuple[Document, set[int]]:
    """``document`` with its headline as its title, and the sentences to leave out with the headline among them.

    Only when the document has no title (the caller's comes first); the sentences are left out
    by ``boilerplate.without``.
    """
    if document.title is not None:
        return document, furniture
    index = find(document, furniture)
    if index is None:
        return document, furniture
    sentence = document.sentences[index]
    # The title's tokens index the title, as analyse's do for a title given apart.
    tokens = tuple(t._replace(start=t.start - sentence.start, end=t.end - sentence.start) for t in sentence.tokens)
    titled = dataclasses.replace(document, title=sentence.text, title_tokens=tokens)
    return titled, furniture | {index}
