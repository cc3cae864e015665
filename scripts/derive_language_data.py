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

``service/data/function_stems/<iso>.txt``
    What makes a form the tuning half never showed a function word: the stems (the language's
    stemmer) whose forms UD tags as function words in at least ``STEM_SHARE`` of their occurrences
    (Czech "kter" of "který", "kterého", "které": "kterými" too), the word beginnings of 4 to 6
    letters that every one of ``PREFIX_FORMS`` or more forms beginning so is a function word
    ("kend-": Turkish "kendi", "kendini", "kendisinin"), and the forms that begin so and are no
    function word ("+form").
``service/data/proclitics/<iso>.txt``
    Where the language has them: the function words the text writes joined to the next word (UD
    splits them off: Hebrew "ו", "ב", "ה", Arabic "و", "ب"), found by reading each UD word in the
    sentence's text, and ("+form") the joined forms of one and a content word that a stop word spells.

The thresholds were chosen within the tuning half: lists derived from one half of it (documents by
id, even positions of the tuning half), the keywords of the other half measured, and the other way
round; ``STEM_SHARE`` and ``PREFIX_*`` are where fewer function words come through without more
content words of the UD text becoming stop words (docs/RESULTS.md gives the figures).

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
#: A form is a function word when UD tags at least this share of its occurrences as one.
FORM_SHARE = 0.5
#: A stem is a function stem when UD tags at least this share of the occurrences of its forms as
#: function words, over at least STEM_OCCURRENCES occurrences.
STEM_SHARE = 0.9
STEM_OCCURRENCES = 2
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
        elif _is_word(form) and any(c.isalpha() for c in form) and functional >= FORM_SHARE * total:
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


def derive_stems(language: str) -> list[str]:
    """The function stems of ``language``: stems (by the language's stemmer) of the forms that UD tags as
    function words in at least STEM_SHARE of the occurrences of all their forms, over STEM_OCCURRENCES or more.

    A word whose stem is one is a stop word though its form was never seen: the tuning half shows
    Czech "který", "kterého", "které", the text "kterými"."""
    tags, _lowercase = tag_counts(language)
    stem = languages._stemmer(language)
    functional: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for form, counts in tags.items():
        if _is_word(form) and any(c.isalpha() for c in form):
            key = stem(form)
            functional[key] += sum(counts[t] for t in FUNCTION_TAGS)
            total[key] += sum(counts.values())
    return sorted(key for key, n in total.items() if n >= STEM_OCCURRENCES and functional[key] >= STEM_SHARE * n)


#: Word beginnings of PREFIX_LETTERS letters (any of them) that make a word a function word: of the
#: forms of the UD data that begin so (PREFIX_FORMS at least), at least PREFIX_SHARE are function words.
PREFIX_LETTERS = (4, 5, 6)
PREFIX_FORMS = 3
PREFIX_SHARE = 1.0


def _letters(form: str) -> str:
    return "".join(c for c in form if not unicodedata.category(c).startswith("M"))


def derive_prefixes(language: str) -> tuple[list[str], list[str]]:
    """(word beginnings, known content forms that begin so) of ``language``: a pronoun's or an auxiliary's
    root, whatever follows it (Turkish "kend" of "kendi", "kendini", "kendisinin")."""
    tags, lowercase = tag_counts(language)
    judged = {}
    for form, counts in tags.items():
        if _is_word(form) and _letters(form).isalpha():
            counts = lowercase.get(form) or counts
            judged[form] = sum(counts[t] for t in FUNCTION_TAGS) >= FORM_SHARE * sum(counts.values())
    begins: dict[str, Counter[bool]] = {}
    for form, yes in judged.items():
        for size in PREFIX_LETTERS:
            if len(_letters(form)) >= size:
                begins.setdefault(_head(form, size), Counter())[yes] += 1
    chosen = sorted(
        p for p, counts in begins.items() if sum(counts.values()) >= PREFIX_FORMS and counts[True] >= PREFIX_SHARE * sum(counts.values())
    )
    chosen = [p for p in chosen if not any(p != q and p.startswith(q) for q in chosen)]
    exceptions = sorted(form for form, yes in judged.items() if not yes and any(form.startswith(p) and form != p for p in chosen))
    return chosen, exceptions


#: A proclitic: a function word that the text writes joined to the next word in at least CLITIC_SHARE of
#: its CLITIC_OCCURRENCES or more occurrences, in a language whose words are otherwise written apart
#: (at most SPACED_SHARE of two adjacent words joined: not Chinese or Japanese).
CLITIC_SHARE = 0.9
CLITIC_OCCURRENCES = 5
SPACED_SHARE = 0.5
#: The tags of a content word after a proclitic ("ה" + the noun "עם": "העם", the people).
HOST_CONTENT_TAGS = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "NUM"})


def _adjacent(language: str):
    """(form, tag, next form, next tag, joined) for each two UD words of the tuning half found in a row in
    the sentence's text (a multiword token's parts that the text does not spell out are skipped)."""
    for document in tuning_documents(language):
        for text, words in zip(document["sentences"], document["tokens"]):
            position, previous = 0, None
            for form, upos in words:
                found = text.find(form, position)
                if found < 0 or found - position > 3:
                    previous = None
                    continue
                if previous is not None:
                    yield previous[0], previous[1], form, upos, found == previous[2]
                previous = (form, upos, found + len(form))
                position = found + len(form)


def derive_clitics(language: str) -> tuple[list[str], list[str]]:
    """(proclitics, the joined forms of the data that are a proclitic and a content word) of ``language``.

    Hebrew and Arabic write their conjunctions, prepositions and article joined to the next word
    ("ו", "ב", "ה"; "و", "ب", "ل"), and UD splits them off: the text's "ושלהם" is "ו" + "שלהם"."""
    casing = languages.casing_of(language)
    joined: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    pairs = joins = 0
    content: set[str] = set()
    for form, upos, following, next_upos, together in _adjacent(language):
        if not (form.isalpha() and following[:1].isalpha()):
            continue
        pairs += 1
        joins += together
        if upos in FUNCTION_TAGS:
            key = languages.matching_form(form, casing)
            occurrences[key] += 1
            joined[key] += together
            if together and next_upos in HOST_CONTENT_TAGS:
                content.add((key, languages.matching_form(following, casing)))
    if not pairs or joins > SPACED_SHARE * pairs:
        return [], []
    clitics = sorted(f for f, n in occurrences.items() if n >= CLITIC_OCCURRENCES and joined[f] >= CLITIC_SHARE * n)
    # Only those a stop word would otherwise stop ("העם", the people, is "ה" + the noun "עם", with).
    stops = languages.iso_stop_words(language) | languages.sumy_stop_words(language) | set(derive(language)[0])
    return clitics, sorted({c + w for c, w in content if c in clitics and w in stops})


def _head(form: str, letters: int) -> str:
    """The start of ``form`` that holds ``letters`` letters (with the marks that follow them)."""
    seen = 0
    for i, c in enumerate(form):
        if not unicodedata.category(c).startswith("M"):
            if seen == letters:
                return form[:i]
            seen += 1
    return form


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
        stems = derive_stems(language)
        prefixes, known = derive_prefixes(language)
        write(
            OUT / "function_stems" / f"{iso}.txt",
            f"{language} function stems (the stems of forms UD tags DET ADP PRON CCONJ SCONJ AUX PART in at least "
            f"{STEM_SHARE:g} of {STEM_OCCURRENCES}+ occurrences), word beginnings (prefix-: every one of the "
            f"{PREFIX_FORMS}+ forms of {'/'.join(map(str, PREFIX_LETTERS))}+ letters that begin so is a function word) "
            f"and the forms that begin so and are none (+form). {source}; {command}",
            stems + [f"{p}-" for p in prefixes] + [f"+{form}" for form in known],
        )
        clitics, joined = derive_clitics(language)
        path = OUT / "proclitics" / f"{iso}.txt"
        if clitics:
            write(
                path,
                f"{language} proclitics (function words the text writes joined to the next word in at least "
                f"{CLITIC_SHARE:g} of {CLITIC_OCCURRENCES}+ occurrences) and the joined forms of a proclitic and a "
                f"content word that a stop word spells (+form). {source}; {command}",
                clitics + [f"+{form}" for form in joined],
            )
        elif path.exists():
            path.unlink()
        print(
            f"{language}: {len(function_words)} function words, {len(content_words)} content words taken out, "
            f"{len(stems)} stems, {len(prefixes)} beginnings, {len(clitics)} proclitics"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
