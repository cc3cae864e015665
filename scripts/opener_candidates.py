"""The words that open sentences in each language's UD treebank, next to its list of openers that refer back.

``python -m scripts.opener_candidates [language ...]`` prints, per language, the sentence-initial
words of ``../shared/data/sbd/ud_<language>.jsonl`` (the first word that is not punctuation) tagged
PRON, DET, CCONJ or ADV, most frequent first, each marked ``*`` when
``service/data/openers/<code>.txt`` lists it, and then the list's words that open a sentence
there under another tag. It is how the lists were checked (each file's header says so); the
service never reads the treebanks.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter

from bench.corpus import records
from service.text.coherence import openers
from service.text.languages import SUPPORTED_LANGUAGES, get_language
from service.text.tokens import tokenize

CANDIDATE_TAGS = ("PRON", "DET", "CCONJ", "ADV")


def sentence_starts(language: str) -> Counter[tuple[str, str]]:
    """(form as the service normalises it, UPOS) of the first non-punctuation word of every UD sentence of ``language``."""
    lang = get_language(language)
    counts: Counter[tuple[str, str]] = Counter()
    for record in records(f"sbd/ud_{language}.jsonl"):
        for sentence in record["tokens"]:
            words = [(form, upos) for form, upos in sentence if upos != "PUNCT"]
            if words:
                form, upos = words[0]
                tokens = tokenize(unicodedata.normalize("NFC", form), lang)
                counts[(tokens[0].norm if tokens else form.lower(), upos)] += 1
    return counts


def report(language: str) -> str:
    known = openers(language)
    listed = set(known.words)
    starts = sentence_starts(language)
    candidates = [(form, upos, n) for (form, upos), n in starts.most_common() if upos in CANDIDATE_TAGS]
    shown = ", ".join(f"{form}{'*' if form in listed else ''} {upos} {n}" for form, upos, n in candidates[:60])
    other = sorted({form for (form, upos) in starts if form in listed and upos not in CANDIDATE_TAGS})
    lines = [f"{language}: {shown}"]
    if other:
        lines.append(f"  listed, opening a sentence under another tag: {', '.join(other)}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    for language in argv or SUPPORTED_LANGUAGES:
        print(report(language))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
