"""Derive the per-language word lists in service/data/ from the Universal Dependencies gold files.

Run from the repository's root, with ../shared/data beside it::

    .venv/bin/python scripts/derive_language_data.py

It rewrites, for every supported language (``service.text.languages.LANGUAGE_CODES``), from
``../shared/data/sbd/ud_<language>.jsonl`` (the test files of the UD treebanks named in that
folder's README; each file's licence is in ``TREEBANKS`` below and in the header line it writes),
its tuning half only (``tuning_documents``: the benchmark's held-out half is text the lists never saw):

``service/data/function_words/<iso>.txt``
    Word forms that UD tags as a function word (DET, ADP, PRON, CCONJ, SCONJ, AUX, PART) in at
    least half of their occurrences, plus the elided forms (``l'``, ``d'``, ``qu'``, ``dell'``:
    letters and a final apostrophe, tagged as a function word or an adverb, such as French
    negative ``n'``). They are stop words of the language.
``service/data/content_words/<iso>.txt``
    Entries of stopwordsiso's list (not sumy's, which is curated) that UD tags as a noun or a
    proper noun in more than half of their occurrences (two at least): stopwordsiso's lists hold such words
    ("computer", "information", Spanish "gobierno"), which must stay keywords. They are taken
    out of the merged list.

Chinese is written in two scripts: stopwordsiso's list is in Simplified characters, UD
Chinese-PUD in Traditional ones. ``service/data/function_words/zh.txt`` therefore also holds the
Traditional forms of stopwordsiso's entries (less those UD tags as nouns, as above) and the
Simplified forms of the UD function words, converted by OpenCC's tables
(opencc-python-reimplemented, Apache 2.0, a development dependency used by this script only:
the service reads the converted words from the file).

Forms are as the tokenizer keys them: NFKC, lower-cased by the language's casing rule,
``’`` as ``'``. Only forms the tokenizer can produce as one word are kept. The lists are
sorted, one form a line, after one header line that names the source and the licence.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from service.text import languages  # noqa: E402
from service.text.tokens import WORD_RE  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "sbd"
OUT = REPO / "service" / "data"

FUNCTION_TAGS = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "PART"})
CONTENT_TAGS = frozenset({"NOUN", "PROPN"})
ELIDED = re.compile(r"[^\W\d_]+'")

#: Treebank and licence of each language's UD file (../shared/data/README.md).
TREEBANKS: dict[str, tuple[str, str]] = {
    "czech": ("UD_Czech-PUD", "CC BY-SA 4.0"),
    "danish": ("UD_Danish-DDT", "CC BY-SA 4.0"),
    "dutch": ("UD_Dutch-Alpino", "CC BY-SA 4.0"),
    "english": ("UD_English-PUD", "CC BY-SA 3.0"),
    "estonian": ("UD_Estonian-EDT", "CC BY-NC-SA 4.0"),
    "finnish": ("UD_Finnish-PUD", "CC BY-SA 4.0"),
    "french": ("UD_French-PUD", "CC BY-SA 3.0"),
    "german": ("UD_German-PUD", "CC BY-SA 3.0"),
    "greek": ("UD_Greek-GDT", "CC BY-NC-SA 3.0"),
    "italian": ("UD_Italian-PUD", "CC BY-SA 3.0"),
    "norwegian": ("UD_Norwegian-Bokmaal", "CC BY-SA 4.0"),
    "polish": ("UD_Polish-PUD", "CC BY-SA 4.0"),
    "portuguese": ("UD_Portuguese-PUD", "CC BY-SA 3.0"),
    "russian": ("UD_Russian-PUD", "CC BY-SA 3.0"),
    "spanish": ("UD_Spanish-PUD", "CC BY-SA 3.0"),
    "swedish": ("UD_Swedish-PUD", "CC BY-SA 4.0"),
    "turkish": ("UD_Turkish-PUD", "CC BY-SA 3.0"),
    "arabic": ("UD_Arabic-PUD", "CC BY-SA 3.0"),
    "chinese": ("UD_Chinese-PUD", "CC BY-SA 3.0"),
    "hebrew": ("UD_Hebrew-HTB", "CC BY-NC-SA 4.0"),
    "hindi": ("UD_Hindi-PUD", "CC BY-SA 3.0"),
    "japanese": ("UD_Japanese-PUD", "CC BY-SA 3.0"),
    "korean": ("UD_Korean-PUD", "CC BY-SA 3.0"),
}


def tuning_documents(language: str) -> list[dict]:
    """The tuning half of the language's UD file: its documents sorted by id, even positions.

    The rule of ``bench.quality.ud_documents`` and ``tuning_half``: the lists are derived from
    this half only, so that the benchmark's held-out half checks them on text they never saw.
    """
    with (DATA / f"ud_{language}.jsonl").open(encoding="utf-8") as lines:
        documents = sorted((json.loads(line) for line in lines), key=lambda document: document["id"])
    return documents[::2]


def tag_counts(language: str) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """Per form, as the tokenizer keys it, the UPOS tags of its occurrences in the tuning half of the language's UD file: all of them, and those written in lower case."""
    casing = languages.casing_of(language)
    tags: dict[str, Counter[str]] = {}
    lowercase: dict[str, Counter[str]] = {}
    for document in tuning_documents(language):
        for sentence in document["tokens"]:
            for form, upos in sentence:
                key = languages.matching_form(form, casing)
                tags.setdefault(key, Counter())[upos] += 1
                if form == key:
                    lowercase.setdefault(key, Counter())[upos] += 1
    return tags, lowercase


def _mostly_nouns(counts: Counter[str]) -> bool:
    """Seen twice or more, mostly as a noun, and never as a function word, adverb or numeral."""
    if any(counts[t] for t in FUNCTION_TAGS | {"ADV", "NUM"}):
        return False
    return sum(counts.values()) >= 2 and 2 * sum(counts[t] for t in CONTENT_TAGS) > sum(counts.values())


def _is_word(form: str) -> bool:
    """Whether the tokenizer can produce ``form`` as one word (combining marks stay inside words)."""
    return WORD_RE.fullmatch("".join(c for c in form if not unicodedata.category(c).startswith("M"))) is not None


def derive(language: str) -> tuple[list[str], list[str]]:
    """(function words, content words listed as stop words) of ``language``."""
    tags, lowercase = tag_counts(language)
    function_words = []
    for form, counts in tags.items():
        total = sum(counts.values())
        functional = sum(counts[t] for t in FUNCTION_TAGS)
        if ELIDED.fullmatch(form):
            if 2 * (functional + counts["ADV"]) >= total:
                function_words.append(form)
        elif _is_word(form) and any(c.isalpha() for c in form) and 2 * functional >= total:
            function_words.append(form)
    # Judged by the occurrences written in lower case when there are some ("us" is a pronoun,
    # "US" a name), else by all of them (German nouns are always capitalised).
    listed = languages.iso_stop_words(language) | languages.sumy_stop_words(language)
    content_words = [form for form in listed if form in tags and _mostly_nouns(lowercase.get(form) or tags[form])]
    if language == "chinese":
        function_words += _other_script(function_words, listed - set(content_words), tags)
    return sorted(set(function_words)), sorted(content_words)


#: The OpenCC conversion that writes the Chinese stop words in the other script.
#: Both Traditional standards: OpenCC's own ("爲") and Taiwan's ("為", the one UD Chinese-PUD is written in).
OPENCC_VERSION = "opencc-python-reimplemented 0.1.7 (Apache 2.0), OpenCC tables s2t, s2tw and t2s"


def _other_script(function_words: list[str], listed: frozenset[str], tags: dict[str, Counter[str]]) -> list[str]:
    """The Traditional forms of the listed (Simplified) Chinese stop words that UD does not tag as nouns,
    and the Simplified forms of the (Traditional) UD function words."""
    import opencc  # development dependency (requirements-dev.txt), for this derivation only

    traditional = [opencc.OpenCC(table).convert for table in ("s2t", "s2tw")]
    simplified = opencc.OpenCC("t2s").convert
    forms = []
    for word in listed:
        for converted in {convert(word) for convert in traditional}:
            if converted != word and _is_word(converted) and not (converted in tags and _mostly_nouns(tags[converted])):
                forms.append(converted)
    forms += [simplified(word) for word in function_words if _is_word(simplified(word))]
    return forms


def write(path: Path, header: str, words: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([f"# {header}", *words]) + "\n", encoding="utf-8")


def main() -> int:
    for language, iso in languages.LANGUAGE_CODES.items():
        treebank, licence = TREEBANKS[language]
        source = f"Source: {treebank} (Universal Dependencies), ../shared/data/sbd/ud_{language}.jsonl, its tuning half (documents by id, even positions); licence: {licence}"
        command = "derived by scripts/derive_language_data.py"
        function_words, content_words = derive(language)
        scripts = ""
        if language == "chinese":
            scripts = (
                "; and each in the other script: the Traditional forms of stopwordsiso 0.7.1's (MIT) Simplified "
                f"entries less the UD nouns, the Simplified forms of the UD function words, by {OPENCC_VERSION}"
            )
        write(
            OUT / "function_words" / f"{iso}.txt",
            f"{language} function words (UPOS DET ADP PRON CCONJ SCONJ AUX PART in at least half of a form's "
            f"occurrences; elided forms{scripts}). {source}; {command}",
            function_words,
        )
        write(
            OUT / "content_words" / f"{iso}.txt",
            f"{language} entries of sumy's or stopwordsiso's stop-word list that UD tags NOUN or PROPN in most "
            f"of their occurrences. {source} (tags), sumy 0.13 (Apache 2.0) and stopwordsiso 0.7.1 (MIT) (lists); {command}",
            content_words,
        )
        print(f"{language}: {len(function_words)} function words, {len(content_words)} content words taken out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
