"""Derive the per-language lists of predicate words (verbs and adverbs) that are never keywords.

Run from the repository's root, with ../shared/data beside it::

    .venv/bin/python scripts/derive_keyword_data.py

It rewrites ``service/data/predicate_words/<iso>.txt`` for every supported language from the
UD gold file ``../shared/data/sbd/ud_<language>.jsonl``, its tuning half (treebanks, licences and the half as in
scripts/derive_language_data.py). A keyword names a thing, so a verb or an adverb is none
("highlighting", "shortly", "disregarded"). The file holds:

- word forms, as the tokenizer keys them, that UD tags VERB or ADV in more than half of their
  lower-case occurrences (of all of them when there is none in lower case);
- ``-suffix`` lines: word endings (2 to 4 letters) of which at least ``SUFFIX_SHARE`` of the
  UD forms of ``MIN_LENGTH`` letters or more that end so are mostly tagged VERB or ADV, over at
  least ``MIN_FORMS`` such forms (English "-ed": 241 of 265 forms). The service applies them
  to words of ``MIN_LENGTH`` letters or more that the UD file does not know as anything else.

Known forms that UD tags otherwise in most occurrences are written as ``+form`` lines, so
that a suffix never overrules the data ("united", "speed").
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.derive_language_data import TREEBANKS, _is_word, tag_counts, write  # noqa: E402
from service.text import languages  # noqa: E402

OUT = REPO / "service" / "data" / "predicate_words"
PREDICATE_TAGS = frozenset({"VERB", "ADV"})
MIN_LENGTH = 6
MIN_FORMS = 15
SUFFIX_SHARE = 0.9


def _letters(form: str) -> str:
    """``form`` less its combining marks (Devanagari's vowel signs are part of the letter before them)."""
    return "".join(c for c in form if not unicodedata.category(c).startswith("M"))


def _is_predicate(counts: Counter[str]) -> bool:
    return 2 * sum(counts[t] for t in PREDICATE_TAGS) > sum(counts.values())


def derive(language: str) -> list[str]:
    tags, lowercase = tag_counts(language)
    judged = {
        form: _is_predicate(lowercase.get(form) or counts)
        for form, counts in tags.items()
        if _is_word(form) and _letters(form).isalpha()
    }
    predicates = sorted(form for form, yes in judged.items() if yes)
    suffixes: dict[str, Counter[bool]] = {}
    for form, yes in judged.items():
        if len(form) >= MIN_LENGTH:
            for size in (2, 3, 4):
                suffixes.setdefault(form[-size:], Counter())[yes] += 1
    chosen = sorted(
        suffix
        for suffix, counts in suffixes.items()
        if sum(counts.values()) >= MIN_FORMS and counts[True] >= SUFFIX_SHARE * sum(counts.values())
    )
    # A longer ending is redundant under a chosen shorter one.
    chosen = [s for s in chosen if not any(s != t and s.endswith(t) for t in chosen)]
    exceptions = sorted(
        form for form, yes in judged.items() if not yes and len(form) >= MIN_LENGTH and any(form.endswith(s) for s in chosen)
    )
    return predicates + [f"-{s}" for s in chosen] + [f"+{form}" for form in exceptions]


def main() -> int:
    for language, iso in languages.LANGUAGE_CODES.items():
        treebank, licence = TREEBANKS[language]
        header = (
            f"{language} word forms and endings that UD tags VERB or ADV in most occurrences (-ending: of the forms of "
            f"{MIN_LENGTH}+ letters; +form: known otherwise). Source: {treebank} (Universal Dependencies), "
            f"../shared/data/sbd/ud_{language}.jsonl, its tuning half (documents by id, even positions); licence: {licence}; derived by scripts/derive_keyword_data.py"
        )
        write(OUT / f"{iso}.txt", header, derive(language))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
