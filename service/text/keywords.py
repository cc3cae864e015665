"""Headline keywords of a document: scored words and short phrases in their surface form.

How a keyword is scored
=======================

A candidate is a word that is not a stop word (nor a day, a relative date or a number word,
``_NOT_TOPICS``), keyed by its stem, so that "sanction" and "sanctions" are one keyword::

    score = count * exp(LENGTH_WEIGHT * letters) * exp(-TIE_WEIGHT * tied)

- ``count``: its occurrences in the title (when one is given) and the text, each counting one.
- ``letters``: the length of the word as first written (a possessive "'s" left out), at most
  ``MAX_LETTERS``. Short words are the frequent, general ones (Zipf's law of abbreviation), so
  length stands in for the rarity that a scorer without a corpus cannot count. The written
  form measures it better than the stem: "adaptations" is a rarer word than "adapt".
- ``tied``: the share of its occurrences that stand in its commonest two-word phrase (two
  content words with nothing but a space or a bare hyphen between them). A word that nearly
  always comes with one same neighbour is a modifier or one part of a name ("Stieg" of "Stieg
  Larsson", "film" of "film producer"): on its own it says less than the head it leans on,
  which also occurs apart. A word always seen alone has ``tied = 0``.

Phrases. A phrase of two or three words is a keyword only when it is one unit: it occurs at
least twice (``MIN_PHRASE_COUNT``) and none of its content words ever occurs apart from it
("Vladimir Putin" where the text never says "Putin" alone; "Bank of England" where neither
"bank" nor "England" occurs elsewhere). It then stands for its words, which are not shown on
their own, with the score of its best word. Any other phrase is left out: on the keyphrase
set below, a two-word phrase seen twice is right 0.22 of the time against 0.30 for a word seen
twice, and when its words also occur apart they are right 0.3 to 0.6 of the time against 0.1
to 0.2 for the phrase, so such a phrase would only push a better single word out of the list.

Names, titles and derived forms (``_names``). A word capitalised in most of the occurrences
where a capital says something (not a sentence's start, nor the title or a headline line in
Title Case, every content word of three or more capitalised, nor after a quote, a colon or a
bar) is a name word. (The Title Case line, which KPCrowd and DUC-2001 texts open with, is read
like a title: tuning halves P@10 0.497 to 0.498 and 0.153 to 0.153.) A name word every occurrence of which is followed by one same
name word, its only such predecessor ("Vladimir" of "Vladimir Putin"), joins it: the name in
full is one keyword, shown whole, with the count of its last word ("Putin", "Mr. Putin") and
that word's score as if untied. A name word followed by some other name word in at least half
of its occurrences, not always the same one ("President Trump", "President Putin"), is a title:
it says who, not what, and is no keyword. A name word whose stem extends another's by at most
MAX_DERIVED_LETTERS letters ("Russian" of "Russia", "Ukrainian" of "Ukraine") counts for it.
Verbs and adverbs written in lower case are no candidates (``Predicates``: the forms and
endings that the language's UD file tags VERB or ADV in most occurrences, derived by
scripts/derive_keyword_data.py), nor is a line of one word that is not the title ("-
Advertisement -").

Nouns only, in English. A keyword names a thing, so a lower-case word that the language's
lexicon (``_LEXICONS``) knows but never as a noun is no keyword of its own: a verb form or an
adverb ("highlighting", "culminating", "symbolizing", "shortly") ends a phrase like the UD
predicates; an adjective ("critical", "nuclear") may still open one ("nuclear weapons"), as a
``MODIFIER``. A word the lexicon does not know stays a candidate (a new coinage is likelier a
noun), and so does a word capitalised mid-sentence (a name: "Russian"). The English lexicon is
lemminflect's (its wheel holds the tables, derived from the AGID inflection database: every
inflected form with its parts of speech), read at a worker's start into two sets of the
forms that are never nouns (0.1 s and about 3 MiB; ``_english_lexicon``). Compared for the job: NLTK's tagger and WordNet
need their data fetched by NLTK's downloader at run time, which the service never does; spaCy's English model
is a separate download of 12 MB plus spaCy itself, and a tagger per request would cost more
than the whole keyword step; simplemma (in its wheel too) lemmatises but gives no part of
speech. Generic words ("people", "year", "results") were looked for with wordfreq's
frequencies (58 MB installed), and not found worth shipping: as a penalty on common words
they measured no better on the tuning halves (KPCrowd 0.48-0.50 against 0.50, DUC-2001
0.126-0.133 against 0.132 over weights 0.5 to 2 from Zipf 4 to 5), and leaving out every word
more frequent than Zipf 5.5, 5.2, 5.0 or 4.8 (later, with the recurring pairs) took KPCrowd
from 0.498 to 0.492, 0.482, 0.473 and 0.463, DUC-2001 from 0.153 to 0.154-0.159: the crowd tagged
common words ("film", "music", "family") as keywords. The nouns cost
KPCrowd's tuning half 0.010 of P@10 (its crowd tagged "brilliant" and "perfect" too) and are
level on DUC-2001's (0.132 against 0.133).

A word that follows one same content word or adjective in more than HEAD_SHARE of its
occurrences (at least MIN_PHRASE_COUNT times) is shown with it ("oil spill", "nuclear
weapons", though "spill" and "weapons" also occur apart), scored as the word times
PHRASE_WEIGHT, counted as the pair. DUC-2001's gold phrases are such pairs (360 of its tuning
half's 624 gold phrases have two words), KPCrowd's mostly single words (3,685 of 5,324). With
the adjectives as modifiers, on the tuning halves (P@10, KPCrowd / DUC-2001): share 1/2 with
weight 2 0.506 / 0.132, 2.5 0.504 / 0.138, 3 0.503 / 0.137, 3.5 0.504 / 0.140, 4 0.501 / 0.137
(share 0.6 alike); a share of 0.4 or 1/4 gains DUC-2001 0.155-0.171 but takes KPCrowd to
0.48-0.49, below counting (0.503). Share 1/2 and weight 3, the middle of the plateau, keep
KPCrowd level with counting and put DUC-2001's tuning half 20% above YAKE (0.113).

Any other two-word phrase seen at least RECURRING_PAIR_COUNT times is a candidate too, beside
its words ("crude oil" in a text that also says "oil" alone), scored as a word seen as often
with its last word's length, times RECURRING_PAIR_WEIGHT; whichever of the phrase and its
words ranks first is listed. Tuning halves, P@10 KPCrowd / DUC-2001 (F1@10 of KPCrowd, which
must stay above counting's 0.189): 0.503 / 0.137 without; seen 3 times with weight 1.75 0.497 /
0.149, 2 0.497 / 0.153 (0.191), 2.25 0.497 / 0.154 (0.191), 2.5 0.495 / 0.154 (0.190), 3 to 6
0.493 / 0.156 (0.189); seen twice, weight 1 0.495 / 0.146 (0.189), 2 0.486 / 0.164 (0.187);
4 times, weight 2 to 6 0.498-0.500 / 0.146-0.149. Three times and 2: DUC-2001 gains 0.016,
KPCrowd loses 0.006 (its crowd tagged the single words).

Last, no keyword is listed whose words are all in one listed before it ("Putin" after
"Vladimir Putin", "oil" after "oil spill").

Tried and left out: scoring a name in full by its count as a word of a fixed length (length
stands in for rarity among common words, less among names) gains KPCrowd's tuning half
(0.498 to 0.517, 0.513, 0.503 with 4, 5, 6 letters), leaves DUC-2001's level (0.153 to 0.154)
and French's unchanged, but costs Portuguese's 0.020 to 0.027 (0.517 to 0.490-0.497); a weight
below 1 on the names (0.5: KPCrowd 0.523) rides on the crowd's surnames that exact matching
does not give to full names, and pushes the sample article's Donald Trump out of its top 10.

Measured after the choice (tuning / held-out halves, P@10; ``python -m bench.quality
--sections keywords``): on DUC-2001, whose gold phrases are mostly names and noun groups,
0.088 / 0.076 before the names, 0.113 / 0.091 with the names, 0.133 / 0.109 with the pairs
too, 0.137 / 0.115 with nouns only and adjectives as modifiers and 0.153 / 0.129 with the
recurring pairs; on KPCrowd, whose crowd workers tagged surnames, verbs and adjectives as
well, 0.596 / 0.638 before, 0.516 / 0.562 with the names, 0.510 / 0.556 with the pairs, 0.503 /
0.537 with nouns only and 0.497 / 0.526 with the recurring pairs (the full name costs 0.055
there: its surname alone was gold 73 times of 157 in the tuning half, the full name 26 times;
the verbs 0.03, the adjectives 0.01). The names are what the issue asks for; the rest of the
module's measurements below are of the scorer before them.

Ties go to the earlier first occurrence (the title's come before the text's), then to the
shorter candidate: a total order, so the same input gives the same output.

How the parameters were chosen
==============================

On 500N-KPCrowd (crowd-annotated news keyphrases, ``python -m bench.quality --sections
keywords``; precision@10 and F1@10 after Porter-stemming both sides, the text given with its
headline line and no title), on the tuning half alone (``bench.quality.tuning_half``: even
positions among the documents sorted by id, 112 documents), never on single documents; the
other half was scored once, after the choice. The signals were found the same way: the
precision of candidates by feature (count, length, position, headline, case, phrase
membership ...), then a logistic model over about 25 such features, cross-validated within
the tuning half, whose forward selection put ``tied`` and the written length first; a
gradient-boosted model over all of them measured no better (0.58) than the formula above, so
the formula keeps two tuned parameters. Each is the middle of a plateau on a grid, so that a
small change of the data does not move the choice:

- ``LENGTH_WEIGHT`` 0.175: tuning-half precision@10 is 0.59-0.60 from 0.15 to 0.2 (with
  ``TIE_WEIGHT`` 1.25 to 1.75), 0.58-0.59 at 0.125 and 0.225 (each extra letter weighs
  x1.19; a 10-letter word 2.9x a 4-letter one). Without it: 0.53.
- ``TIE_WEIGHT`` 1.5: 0.59-0.60 from 1.25 to 1.75, 0.58-0.59 at 1.0 and 2.0, 0.54 at 6 (a
  word always tied weighs 0.22 of a free word seen as often). Without it: 0.55. A yes/no
  version (tied in all of its occurrences or not) measures about 0.02 lower: how tied a word
  is is a matter of degree.
- A language's registry entry may carry its own pair (``Entry.keyword_weights``): French has
  no length weight and a tie weight of 0.5 (WikiNews' tuning half: P@10 0.428 against 0.312
  with the pair above; 0.428 from tie weight 0 to 1 at length weight 0, 0.40-0.41 at 0.05 and
  0.1 with ties 0 to 0.5).
- ``MAX_LETTERS`` 14: not tuned (12 to 30 measure alike); it only keeps a run of junk letters
  from outweighing the text.
- ``MIN_PHRASE_COUNT`` 2 and ``MAX_PHRASE_WORDS`` 3: not tuned; a pair seen once is a
  coincidence of syntax, headline keyphrases are names and short noun groups. Replacing the
  words of a unit by the phrase measures the same as showing the words (+-0.001).

Signals measured on the tuning half and left out, because they added nothing once count,
length and ties are in: extra weight for the first sentence or headline line (x1.5 to x3:
lower), the headline-and-recurring stem (its higher precision is that of its count), the
position of the first occurrence (flat), capitalised names (no gain), counting the sentences
or paragraphs a word is in instead of its occurrences (flat), putting words seen twice or
more before all words seen once (0.57: a long word seen once is often a keyphrase), and a
general-English rarity (document frequencies in the 1,228 CNN/DM and BBC articles of the
evaluation data, for that measurement only: no better than the length, so no word-frequency
list or package is shipped). The title has no data of its own to be weighed on (KPCrowd
has its headline in the text), so a title occurrence counts like an occurrence in the text,
just as the headline line does, and comes first on ties.

Result (the run after the choice; counting the 10 most frequent non-stop stems beside it):

    KPCrowd, 224 documents    P@10 all / tuning / held-out    F1@10 all / tuning / held-out
    this scorer               0.618 / 0.597 / 0.638           0.233 / 0.227 / 0.239
    previous scorer           0.562 / 0.528 / 0.596           0.210 / 0.200 / 0.220
    counting baseline         0.524 / 0.504 / 0.544           0.195 / 0.189 / 0.201

Cost: one pass over the tokens counts the words, the two-word phrases and the
word-stop-word-word triples (a few dict updates per token, the gap between two words looked
at only when it is not one space); only the candidates at or above the ``limit``-th best
word score are ordered; the surface forms are looked up in a second pass for the returned
keywords alone. Linear in the text.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from . import deadline
from .deadline import EVERY_MASK
from .document import Document, Token
from .languages import LANGUAGE_CODES, LANGUAGES, load_word_list

#: Weight of the word's length in letters (see the module's documentation).
LENGTH_WEIGHT = 0.175
#: Past this many letters a word is no rarer for being longer.
MAX_LETTERS = 14
#: How much a word that always stands in one same two-word phrase is discounted.
TIE_WEIGHT = 1.5
#: Longest phrase, in words (an inner stop word counts).
MAX_PHRASE_WORDS = 3
#: A phrase is shown only when it occurs at least this often (title included).
MIN_PHRASE_COUNT = 2
#: A phrase is one unit when it holds at least this share of each end word's occurrences (above 1/2).
UNIT_SHARE = 1.0
#: A word that follows one same content word in more than this share of its occurrences is
#: shown with it ("oil spill"), with this weight (see the module's documentation).
HEAD_SHARE = 0.5
PHRASE_WEIGHT = 3.0
#: Any other two-word phrase seen at least this often is a candidate too, scored as a word of its
#: count and its last word's length times this weight (see the module's documentation).
RECURRING_PAIR_COUNT = 3
RECURRING_PAIR_WEIGHT = 2.0

#: Words that are not stop words but never name a topic: days and relative dates place the
#: story in time, number words are numbers (and numbers alone are not keywords).
_NOT_TOPICS: dict[str, frozenset[str]] = {
    "english": frozenset(
        {
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "today", "tonight", "tomorrow", "yesterday",
            "hundred", "hundreds", "thousand", "thousands", "million", "millions",
            "billion", "billions", "trillion", "trillions", "percent",
        }
    ),
}  # fmt: skip

# What may stand between two words of one phrase: a run of these spaces (not a line break: a
# headline or a list item ends without punctuation) or a bare hyphen. Anything else is punctuation.
_SPACES = " \t\u00a0"
# Before a word, these make its capital letter say nothing about the word, as at the start
# of a sentence: a new line, a quotation, a clause after a colon, an item after a bar or bullet.
_INITIAL = re.compile(r"[\n\r\v\f\u2028\u2029:\"“‘«„|•·]")
# A keyword word: letters and digits with inner apostrophes or hyphens ("Covid-19", "G7"),
# at least one letter. Not "1,000" (a number), not "bloomberg.net" or "U.S" (not a word).
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_LETTER = re.compile(r"[^\W\d_]")

#: Normal form -> its length in letters when it is a keyword word, else 0. Shared by the
#: requests a worker serves (most words have been seen before); cleared past _MEMO_LIMIT.
_LETTERS: dict[str, int] = {}
_MEMO_LIMIT = 200_000


@functools.cache
def _factors(length_weight: float, tie_weight: float) -> tuple[list[float], list[float]]:
    """For every length a keyword word can have: exp(length_weight * letters), the whole score of an
    untied word, and exp(length_weight * letters - tie_weight), that of a word always tied (``tied = 1``).
    The weights are LENGTH_WEIGHT and TIE_WEIGHT unless the language's registry entry has its own."""
    return (
        [math.exp(length_weight * letters) for letters in range(MAX_LETTERS + 1)],
        [math.exp(length_weight * letters - tie_weight) for letters in range(MAX_LETTERS + 1)],
    )


#: A name's shortest stem that a longer one may extend into one keyword ("russia" of "russian").
MIN_NAME_STEM = 4
#: At most this many letters added to a name's stem make its demonym or derived form
#: ("russia" -> "russian", "ukrain" -> "ukrainian", "iraq" -> "iraqi").
MAX_DERIVED_LETTERS = 3


@dataclass(frozen=True, slots=True)
class Predicates:
    """A language's verbs and adverbs (``service/data/predicate_words/``): never keywords."""

    forms: frozenset[str]
    endings: tuple[str, ...]  # of a word of ``min_length`` letters or more, unless in ``exceptions``
    exceptions: frozenset[str]
    min_length: int = 6
    #: A lower-case form's readings in the language's lexicon, when it has one: ``WORD`` (a noun or
    #: unknown), ``MODIFIER`` (an adjective, never a noun), ``PREDICATE`` (a verb or adverb, never a noun).
    lexicon: Callable[[str], int] | None = None
    #: Normal form -> its kind (``kind``), for the words seen so far (cleared past _MEMO_LIMIT).
    memo: dict[str, int] = field(default_factory=dict, compare=False)

    def __contains__(self, norm: str) -> bool:
        return self.kind(norm) == PREDICATE

    def kind(self, norm: str) -> int:
        """``PREDICATE`` for a verb or an adverb, ``MODIFIER`` for an adjective, else ``WORD``."""
        if norm in self.forms:
            return PREDICATE
        if self.endings and len(norm) >= self.min_length and norm.endswith(self.endings) and norm not in self.exceptions:
            return PREDICATE
        return self.lexicon(norm) if self.lexicon is not None else WORD


#: What a lower-case word can be in a keyword (``Predicates.kind``): a word of its own, only the
#: first word of a phrase ("nuclear" of "nuclear weapons"), or nothing (it ends a phrase).
WORD, MODIFIER, PREDICATE = 0, 1, 2


def _english_lexicon() -> Callable[[str], int]:
    """lemminflect's English lexicon: a form it knows with no NOUN or PROPN reading is an adjective or a predicate.

    The readings ``lemminflect.getAllLemmas`` gives (its table of forms and its overrides),
    read once into two sets of forms. The table, a file of one line per form and reading
    (grouped by form), is read line by line: lemminflect's own dictionary of every form's
    lemmas would hold about 33 MiB in every worker, the two sets hold a few.
    """
    import gzip
    from itertools import groupby

    from lemminflect import config
    from lemminflect.codecs.OverridesCodec import OverridesCodec
    from lemminflect.core.LexicalUtils import categoryToUPos

    overrides = OverridesCodec.load(config.lemma_overrides_fn)
    modifiers: set[str] = set()
    predicates: set[str] = set()
    with gzip.open(config.lemma_lu_fn, "rt", encoding="utf-8") as lines:
        for form, group in groupby(lines, key=lambda line: line.split(",", 1)[0]):
            readings = {categoryToUPos(line.split(",", 2)[1]) for line in group} | overrides.get(form, {}).keys()
            if "NOUN" not in readings and "PROPN" not in readings:
                (modifiers if "ADJ" in readings else predicates).add(form)
    frozen_modifiers, frozen_predicates = frozenset(modifiers), frozenset(predicates)

    def kind(norm: str) -> int:
        return MODIFIER if norm in frozen_modifiers else PREDICATE if norm in frozen_predicates else WORD

    return kind


#: The lexicon that says which words are never nouns, for the languages that have one.
_LEXICONS: dict[str, Callable[[], Callable[[str], int]]] = {"english": _english_lexicon}


def preload(languages: tuple[str, ...]) -> None:
    """Load the word lists and lexicons of ``languages`` now (once per worker, before the first request)."""
    for language in languages:
        predicates_of(language)


@functools.cache
def predicates_of(language: str) -> Predicates:
    """The verbs and adverbs of ``language`` (derived from UD by scripts/derive_keyword_data.py)."""
    code = LANGUAGE_CODES.get(language)
    lines = load_word_list("predicate_words", code) if code else frozenset()
    lexicon = _LEXICONS.get(language)
    return Predicates(
        lexicon=lexicon() if lexicon else None,
        forms=frozenset(w for w in lines if w[0] not in "-+"),
        endings=tuple(sorted(w[1:] for w in lines if w[0] == "-")),
        exceptions=frozenset(w[1:] for w in lines if w[0] == "+"),
    )


@dataclass(frozen=True, slots=True)
class Keyword:
    """One headline keyword of a document."""

    text: str  # surface form found in the text (or title)
    score: float  # 0..1, best = 1.0
    count: int  # how often it occurs in the text (title included when given)


def extract_keywords(document: Document, limit: int) -> list[Keyword]:
    """The document's headline keywords, best first, at most ``limit``."""
    if limit <= 0:
        return []
    not_topics = _NOT_TOPICS.get(document.language, frozenset())
    parts: list[tuple[str, tuple[Token, ...], bool]] = []
    if document.title and document.title_tokens:
        parts.append((document.title, document.title_tokens, True))
    text = document.text
    parts.extend((text, sentence.tokens, _title_case(text, sentence.tokens)) for sentence in document.sentences)

    entry = LANGUAGES.get(document.language)
    length_weight, tie_weight = (entry and entry.keyword_weights) or (LENGTH_WEIGHT, TIE_WEIGHT)
    length_factor, tied_factor = _factors(length_weight, tie_weight)
    (letters, pairs, triples, occurrences), capitals = _count(parts, not_topics, predicates_of(document.language))
    if not occurrences:
        return []
    chains, titles, derived = _names(occurrences, capitals)

    # How tied each word is: the occurrences of its commonest two-word phrase.
    tied: dict[str, int] = {}
    for (a, b), n in pairs.items():
        if n > tied.get(a, 0):
            tied[a] = n
        if n > tied.get(b, 0):
            tied[b] = n
    exp = math.exp
    scores: dict[str, float] = {}
    for stem, where in occurrences.items():
        count = len(where)
        n = tied.get(stem, 0)
        if not n:
            scores[stem] = count * length_factor[letters[stem]]
        elif n == count:
            scores[stem] = count * tied_factor[letters[stem]]
        else:
            scores[stem] = count * exp(length_weight * letters[stem] - tie_weight * n / count)

    # Candidates, best first: (-score, first occurrence, every stem of its words, inner stop
    # words included). No two share a first occurrence (a word heads at most one unit, and a
    # unit's words are not candidates of their own), so the tuples order without a key.
    ranked: list[tuple[float, tuple[int, int], tuple[str, ...]]] = []
    counts: dict[tuple[str, ...], int] = {}
    in_phrase: set[str] = set(titles)
    # A name in full ("Vladimir Putin") is one keyword that stands for all of its words, with
    # the count of its last word ("Putin", "Mr. Putin") and that word's score as if untied.
    for words in chains:
        head = words[-1]
        in_phrase.update(words)
        form, extra = derived.pop(head, ("", 0))
        in_phrase.add(form)
        count = len(occurrences[head]) + extra
        counts[words] = count
        ranked.append((-count * length_factor[letters[head]], occurrences[words[0]][0], words))
    # A derived form ("Russian") counts for its name ("Russia"), shown as the name.
    for base, (form, extra) in derived.items():
        in_phrase.add(form)
        if base in scores:
            count = len(occurrences[base])
            scores[base] *= (count + extra) / count
            counts[(base,)] = count + extra
    for words in _units(occurrences, pairs, triples):
        content = [stem for stem in words if stem in occurrences]
        if in_phrase.intersection(content):
            continue
        in_phrase.update(content)
        ranked.append((-max(scores[stem] for stem in content), occurrences[words[0]][0], words))
    # A word mostly seen after one same modifier ("spill" in "oil spill") is shown with it: the
    # pair stands for the word, scored as the word times PHRASE_WEIGHT, counted as the pair.
    for (a, b), n in pairs.items():
        if n >= MIN_PHRASE_COUNT and n > HEAD_SHARE * len(occurrences[b]) and b in scores and a != b:
            if b not in in_phrase and a not in in_phrase:
                in_phrase.add(b)
                counts[(a, b)] = n
                ranked.append((-scores[b] * PHRASE_WEIGHT, occurrences[a][0], (a, b)))
        elif n >= RECURRING_PAIR_COUNT and b in scores and a != b and b not in in_phrase and a not in in_phrase:
            # A phrase that recurs though its words also occur apart ("crude oil", "oil spill" in
            # a text of many spills) competes with its words; whichever ranks first is listed.
            counts[(a, b)] = n
            ranked.append((-n * length_factor[letters[b]] * RECURRING_PAIR_WEIGHT, occurrences[a][0], (a, b)))
    # An adjective is no keyword of its own ("nuclear"), unless it is a name ("Russian").
    in_phrase.update(stem for stem in capitals.modifiers if capitals.lower.get(stem, 0) >= capitals.mid.get(stem, 0))
    for stem in in_phrase:
        scores.pop(stem, None)
    # The words in no unit. One scored below the limit-th best of them has ``limit`` candidates
    # before it: only the others are ordered.
    # A phrase may leave out one word of its own, so that many more are ordered.
    enough = limit + len(ranked)
    cutoff = sorted(scores.values())[-enough] if len(scores) > enough else 0.0
    ranked += [(-score, occurrences[stem][0], (stem,)) for stem, score in scores.items() if score >= cutoff]
    # No second entry for a part of one listed before it ("Putin" after "Vladimir Putin").
    taken: list[set[str]] = []
    kept = []
    for candidate in sorted(ranked):
        content = set(candidate[2]) & occurrences.keys()
        if any(content <= other for other in taken):
            continue
        taken.append(content)
        kept.append(candidate)
        if len(kept) == limit:
            break
    ranked = kept
    if not ranked:  # every content word an adjective ("It is now only unclear, in which one.")
        return []

    shown = _surfaces(parts, occurrences, {words for _, _, words in ranked}, bool(entry and entry.shows_stem))
    best = -ranked[0][0]
    return [
        Keyword(text=shown[words], score=round(-score / best, 6), count=counts.get(words) or len(occurrences[words[0]]))
        for score, _, words in ranked
    ]


def _names(
    occurrences: Occurrences, capitals: Capitals
) -> tuple[list[tuple[str, ...]], set[str], dict[str, tuple[str, int]]]:
    """The names written in full, the titles, and the derived forms of names.

    A name word is capitalised in most of its occurrences where a capital says something.
    - A chain: a name word every occurrence of which is followed by one same name word, its
      only such predecessor ("Vladimir" -> "Putin"), up to MAX_PHRASE_WORDS words: the
      fullest form of the name, shown for it whole.
    - A title: a name word followed by some other name word in at least half of its
      occurrences, not always the same one ("President Trump", "President Putin"): it says
      who, not what, and is no keyword of its own.
    - A derived form: a name word whose stem is another name word's stem (MIN_NAME_STEM
      letters or more) plus at most MAX_DERIVED_LETTERS letters ("Russian", "Ukrainian"):
      base stem -> (derived stem, its count).
    """
    mid, lower = capitals.mid, capitals.lower
    names = {stem for stem, n in mid.items() if n > lower.get(stem, 0)}
    followers: dict[str, int] = {}
    links: dict[str, str] = {}
    predecessors: dict[str, int] = {}
    for (a, b), n in capitals.pairs.items():
        if a in names and b in names and a != b:
            followers[a] = followers.get(a, 0) + n
            if n == len(occurrences[a]):
                links[a] = b
                predecessors[b] = predecessors.get(b, 0) + 1
    links = {a: b for a, b in links.items() if predecessors[b] == 1}
    titles = {a for a, n in followers.items() if a not in links and 2 * n >= len(occurrences[a])}
    chains = []
    linked_to = set(links.values())
    for a in links:
        if a in linked_to:
            continue
        chain = [a]
        while chain[-1] in links and len(chain) <= MAX_PHRASE_WORDS:
            chain.append(links[chain[-1]])
        if len(chain) <= MAX_PHRASE_WORDS:
            chains.append(tuple(chain))
    derived: dict[str, tuple[str, int]] = {}
    for stem in names - titles:
        for cut in range(1, MAX_DERIVED_LETTERS + 1):
            base = stem[:-cut]
            if len(base) < MIN_NAME_STEM:
                break
            if base in names and base not in titles and base not in derived:
                derived[base] = (stem, len(occurrences[stem]))
                break
    return chains, titles, derived


def _title_case(text: str, tokens: tuple[Token, ...]) -> bool:
    """Whether a sentence is a headline in Title Case: every one of its content words (three or more) capitalised."""
    seen = 0
    for start, _end, _norm, _stem, stop, alpha, _term in tokens:
        if alpha and not stop:
            if not text[start].isupper():
                return False  # most sentences: at their first or second content word
            seen += 1
    return seen >= 3


def _letters_of(norm: str) -> int:
    """The length of a keyword word in letters (a possessive left out, at most MAX_LETTERS); 0 when not one.

    Combining marks (Devanagari's vowel signs, Arabic's tanwin) are part of the letter before them,
    not letters of their own."""
    if not norm.isascii():
        norm = "".join(c for c in norm if not unicodedata.category(c).startswith("M"))
    if not (_WORD.fullmatch(norm) and _LETTER.search(norm)):
        return 0
    size = len(norm) - 2 if norm.endswith("'s") and len(norm) > 2 else len(norm)
    return max(1, min(size, MAX_LETTERS))


#: Where a word occurs, in order: (index of the part, index of the token in it) for each occurrence.
Occurrences = dict[str, list[tuple[int, int]]]
Counts = tuple[dict[str, int], dict[tuple[str, str], int], dict[tuple[str, str, str], int], Occurrences]


@dataclass(slots=True)
class Capitals:
    """How the words are written: capitalised mid-sentence, in lower case, and capitalised pairs."""

    mid: dict[str, int]  # occurrences capitalised where a capital is evidence (not a sentence start, not the title)
    lower: dict[str, int]  # occurrences in lower case
    pairs: dict[tuple[str, str], int]  # two joined words, both capitalised
    modifiers: set[str]  # words seen in lower case as an adjective, never a noun (``MODIFIER``)


def _count(
    parts: list[tuple[str, tuple[Token, ...], bool]], not_topics: frozenset[str], predicates: Predicates
) -> tuple[Counts, Capitals]:
    """One pass: where each word occurs, its length, the two-word phrases and the word-stop-word-word triples.

    The words of a phrase are joined by nothing but spaces or a bare hyphen; a stop word may
    stand inside a three-word phrase, never at its ends. A verb or an adverb in lower case
    (``predicates``) is no candidate and ends a phrase; so is a line that is one word alone
    and no title ("- Advertisement -": page furniture, not prose).
    """
    letters: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    triples: dict[tuple[str, str, str], int] = {}
    occurrences: Occurrences = {}
    mid_caps: dict[str, int] = {}
    lower: dict[str, int] = {}
    cap_pairs: dict[tuple[str, str], int] = {}
    modifiers: set[str] = set()
    memo = _LETTERS
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    is_predicate = predicates.memo
    if len(is_predicate) > _MEMO_LIMIT:
        is_predicate.clear()
    for part, (source, tokens, in_title) in enumerate(parts):
        if part & EVERY_MASK == EVERY_MASK:  # a text of many sentences: check the request's deadline now and then
            deadline.check()
        if len(tokens) == 1 and not in_title:
            continue
        prev_end = -2
        prev_cap = False
        initial = True  # a capital here says nothing (the sentence's start, the title, after a quote or colon)
        # In the run of joined words so far: the last word when it is a content word (else
        # None); when the last word is a stop word (or a not-topic word), its stem and the
        # content word just before it (else None).
        word: str | None = None
        before_stop: str | None = None
        stop_stem = ""
        for index, (start, end, norm, stem, stop, _alpha, _term) in enumerate(tokens):
            try:
                size = memo[norm]
            except KeyError:
                size = memo[norm] = _letters_of(norm)
            # Not one space (nor the part's first word, which starts no run): look at the gap.
            if (start != prev_end + 1 or source[prev_end] != " ") and prev_end >= 0:
                gap = source[prev_end:start]
                if not gap or (gap != "-" and gap.strip(_SPACES)):  # punctuation ends the run
                    word = before_stop = None
                    if gap.endswith("&") and source.startswith(";", end):
                        size = 0  # "&amp;" and "&quot;" left in scraped text are markup, not words
                    initial = in_title or _INITIAL.search(gap) is not None
            prev_end = end
            if not size:
                word = before_stop = None
                initial = in_title
                continue
            capital = source[start].isupper()
            if stop or norm in not_topics:
                before_stop, stop_stem, word = word, stem, None
                initial = in_title
                prev_cap = False
                continue
            if not capital:
                kind = is_predicate.get(norm)
                if kind is None:
                    kind = is_predicate[norm] = predicates.kind(norm)
                if kind == MODIFIER:
                    modifiers.add(stem)
                elif kind:
                    word = before_stop = None
                    initial = in_title
                    prev_cap = False
                    continue
            if capital:
                if not initial:
                    mid_caps[stem] = mid_caps.get(stem, 0) + 1
                if prev_cap and word is not None:
                    pair = (word, stem)
                    cap_pairs[pair] = cap_pairs.get(pair, 0) + 1
            else:
                lower[stem] = lower.get(stem, 0) + 1
            prev_cap = capital
            initial = in_title
            where = occurrences.get(stem)
            if where is None:
                occurrences[stem] = [(part, index)]
                letters[stem] = size
            else:
                where.append((part, index))
            if word is not None:
                pair = (word, stem)
                pairs[pair] = pairs.get(pair, 0) + 1
            elif before_stop is not None:
                triple = (before_stop, stop_stem, stem)
                triples[triple] = triples.get(triple, 0) + 1
            word = stem
            before_stop = None
    return (letters, pairs, triples, occurrences), Capitals(mid_caps, lower, cap_pairs, modifiers)


def _units(
    occurrences: Occurrences, pairs: dict[tuple[str, str], int], triples: dict[tuple[str, str, str], int]
) -> list[tuple[str, ...]]:
    """The phrases that are one unit: recurring, and none of their words ever occurs apart from them.

    A link ``a -> c`` says that every ``a`` is followed by ``c`` and every ``c`` preceded by
    ``a`` (directly, or with one same stop word between). Each word has at most one link
    each way, so the links form chains; a chain of at most MAX_PHRASE_WORDS words (inner stop
    words included) is a phrase. A longer chain is no phrase: its words stay words.
    """
    links: dict[str, tuple[str, ...]] = {}
    for phrases in (pairs, triples):
        for words, n in phrases.items():
            a, c = words[0], words[-1]
            if n >= MIN_PHRASE_COUNT and a != c and n >= UNIT_SHARE * len(occurrences[a]) and n >= UNIT_SHARE * len(occurrences[c]):
                links[a] = words
    if not links:
        return []
    linked_to = {words[-1] for words in links.values()}
    units = []
    for a, words in links.items():
        if a in linked_to:
            continue  # not the start of its chain
        chain = list(words)
        while chain[-1] in links and len(chain) <= MAX_PHRASE_WORDS:
            chain.extend(links[chain[-1]][1:])
        if len(chain) <= MAX_PHRASE_WORDS:
            units.append(tuple(chain))
    return units


def _surfaces(
    parts: list[tuple[str, tuple[Token, ...], bool]], occurrences: Occurrences, wanted: set[tuple[str, ...]], stem_only: bool = False
) -> dict[tuple[str, ...], str]:
    """For the returned keywords alone, from their occurrences: the form each is shown in (see ``_surface``).

    ``stem_only`` (``Entry.shows_stem``): a last word whose stem is the start of the word as written
    is shown up to its stem's end (Korean "정부" of "정부는")."""
    shown = {}
    for words in wanted:
        # Mid-sentence forms and their counts, other forms and theirs.
        mid: dict[str, int] = {}
        initial: dict[str, int] = {}
        n = len(words)
        for part, index in occurrences[words[0]]:
            source, tokens, in_title = parts[part]
            token = tokens[index]
            # A unit's words are never apart, so matching stems are an occurrence of it.
            if n > 1 and (index + n > len(tokens) or any(tokens[index + k].stem != words[k] for k in range(1, n))):
                continue
            last = tokens[index + n - 1]
            end = last.end - 2 if last.norm.endswith("'s") and last.end - last.start > 2 else last.end
            if stem_only and last.stem != last.norm and last.norm.startswith(last.stem) and len(last.norm) == last.end - last.start:
                end = last.start + len(last.stem)
            surface = source[token.start : end]
            gap = source[tokens[index - 1].end : token.start] if index else ""
            if not (in_title or index == 0 or (gap != " " and _INITIAL.search(gap))):
                mid[surface] = mid.get(surface, 0) + 1
                continue
            if in_title:  # Title Case says nothing about any of its words
                surface = " ".join(_uncapitalised(word) for word in surface.split(" "))
            elif n == 1 or surface[token.end - token.start :].islower():
                surface = _uncapitalised(surface)  # "Sanctions against" -> "sanctions against"
            initial[surface] = initial.get(surface, 0) + 1
        shown[words] = _surface(mid, initial)
    return shown


def _uncapitalised(word: str) -> str:
    """``word`` in lower case when only its first letter is a capital ("Sanctions", not "NATO").

    Left alone when lower-casing changes its length ("İ"): the shown form stays a plain case
    variant of the text.
    """
    if word[:1].isupper() and not any(c.isupper() for c in word[1:]):
        lower = word.lower()
        if len(lower) == len(word):
            return lower
    return word


def _surface(mid: dict[str, int], initial: dict[str, int]) -> str:
    """The form to show: the most frequent of the majority case, the first seen on ties.

    Mid-sentence occurrences decide: capitalised in most of them, it is a name and shows
    capitalised; otherwise lower case. Seen only where a capital is no evidence (sentence
    starts, the title), it shows lower-cased unless it has capitals past its first letter.
    """
    forms = mid or initial
    if len(mid) > 1:
        capitalised = sum(c for s, c in mid.items() if s[0].isupper())
        caps = capitalised * 2 > sum(mid.values())
        forms = {s: c for s, c in mid.items() if s[0].isupper() == caps} or mid
    return max(forms, key=forms.__getitem__)  # max keeps the first of equals
