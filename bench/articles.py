"""Articles as they arrive (issue 14, items 1-3): HTML extraction, site furniture, the headline line.

``python -m bench.articles --sections extraction,boilerplate,headline`` prints three sections,
each on the tuning and the held-out halves (``bench.quality.tuning_half``), with the machine's
load average at the start and the end of the run (the timings move with it, the counts do not):

- ``extraction``: the article-extraction benchmark's 85 pages; token precision, recall and F1
  of each extractor's text against the gold body (4-token windows, as the benchmark scores
  them; also the mean of per-page F1), and, for the service, the share of summary sentences
  (3 sentences; ratio 0.2) that come from the gold body.
- ``boilerplate``: CNN/DM and BBC articles with 3-5 furniture lines of real pages injected (at
  the top, between paragraphs, at the end; ``bench.furniture`` derives the lines, each half's
  articles get that half's pages' lines); how many summaries and keyword lists hold any of it,
  at 3 sentences and at a ratio of 0.3, and ROUGE against the clean run at 3 sentences; beside
  it the same without the stage (the service before it), and the share of the clean texts'
  sentences the stage leaves out (each one a sentence lost), by the rule that takes it.
- ``headline``: BBC with each headline prepended to its article as a paragraph and no title
  given: how often the headline line is a summary sentence, how often the answer's ``title`` is
  the headline, and ROUGE against the run with the headline given as ``title``; and how often a
  headline is found in the articles as they are (CNN/DM, BBC), which have none.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.corpus import records

_TOKEN = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def _windows(tokens: Sequence[str]) -> dict[tuple[str, ...], int]:
    """The bag of 4-token windows (a text shorter than 4 tokens is one shorter window)."""
    bag: dict[tuple[str, ...], int] = {}
    if not tokens:
        return bag
    if len(tokens) < 4:
        return {tuple(tokens): 1}
    for i in range(len(tokens) - 3):
        key = tuple(tokens[i : i + 4])
        bag[key] = bag.get(key, 0) + 1
    return bag


def token_scores(extracted: str, gold: str) -> tuple[float | None, float]:
    """Precision (None when nothing was extracted) and recall of ``extracted`` against ``gold``, as the benchmark scores a page."""
    got, want = _windows(_tokens(extracted)), _windows(_tokens(gold))
    shared = sum(min(n, want.get(key, 0)) for key, n in got.items())
    precision = shared / sum(got.values()) if got else None
    recall = shared / sum(want.values()) if want else 0.0
    return precision, recall


@dataclass
class ExtractionScore:
    precision: float
    recall: float
    f1: float
    page_f1: float  # mean of per-page F1
    exact: int
    pages: int
    ms: float


def score_extractor(extract: Callable[[str], str], pages: Sequence[dict]) -> ExtractionScore:
    precisions, recalls, page_f1s = [], [], []
    exact = 0
    started = time.perf_counter()
    for page in pages:
        try:
            text = extract(page["html"]) or ""
        except Exception:  # noqa: BLE001 - a failure is an empty extraction
            text = ""
        p, r = token_scores(text, page["article_body"])
        if p is not None:
            precisions.append(p)
        recalls.append(r)
        page_f1s.append(2 * p * r / (p + r) if p and r else 0.0)
        exact += _tokens(text) == _tokens(page["article_body"])
    elapsed = time.perf_counter() - started
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return ExtractionScore(p, r, 2 * p * r / (p + r) if p + r else 0.0, sum(page_f1s) / max(1, len(page_f1s)), exact, len(pages), 1000 * elapsed / max(1, len(pages)))


def extractors() -> dict[str, Callable[[str], str] | None]:
    """Label -> extract(html) -> text; None for a library that is not installed."""
    from bench.furniture import page_lines
    from service.text.source import from_html

    systems: dict[str, Callable[[str], str] | None] = {"**service** (trafilatura, favor_precision)": lambda html: from_html(html).text}
    try:
        import trafilatura

        systems["trafilatura defaults"] = lambda html: trafilatura.extract(html, include_comments=False) or ""
    except ImportError:
        systems["trafilatura defaults"] = None
    try:
        import justext

        stop = justext.get_stoplist("English")
        systems["jusText (English stop list)"] = lambda html: "\n".join(p.text for p in justext.justext(html.encode("utf-8"), stop) if not p.is_boilerplate)
    except ImportError:
        systems["jusText (English stop list)"] = None
    try:
        import lxml.html
        from readability import Document as Readable

        def readable(html: str) -> str:
            return "\n".join(page_lines(Readable(html).summary(html_partial=True)))

        systems["readability-lxml"] = readable
    except ImportError:
        systems["readability-lxml"] = None
    systems["whole page text (baseline)"] = lambda html: "\n".join(page_lines(html))
    return systems


def _halves(n: int, corpus: str) -> tuple[list[int], list[int]]:
    from bench.quality import tuning_half

    tuning = [i for i in range(n) if tuning_half(i, n, corpus)]
    return tuning, [i for i in range(n) if not tuning_half(i, n, corpus)]


def _from_gold(sentence: str, gold: str) -> bool:
    words = " ".join(_tokens(sentence.casefold()))
    return bool(words) and f" {words} " in gold


def extraction_section(quiet: bool = True) -> str:
    from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize

    pages = list(records("html/article_extraction.jsonl"))
    tuning, held = _halves(len(pages), "html")
    lines = [
        f"The {len(pages)} pages of `html/article_extraction.jsonl`; tokens are runs of letters, digits and underscores, "
        "case kept; a page's text and gold body are bags of 4-token windows; P is averaged over the pages with output, "
        "R over all pages, F1 is their harmonic mean (the benchmark's figure); per-page F1 is the mean of each page's F1. "
        "Each cell: **tuning half / held-out half** (even / odd page index).",
        "",
        "| extractor | P | R | F1 | mean per-page F1 | exact pages | ms per page |",
        "|---|---|---|---|---|---|---:|",
    ]
    for label, extract in extractors().items():
        if extract is None:
            lines.append(f"| {label} | not installed | | | | | |")
            continue
        scores = [score_extractor(extract, [pages[i] for i in half]) for half in (tuning, held)]

        def cell(name: str) -> str:
            return " / ".join(f"{getattr(s, name):.3f}" for s in scores)

        lines.append(
            f"| {label} | {cell('precision')} | {cell('recall')} | {cell('f1')} | {cell('page_f1')} | "
            f"{scores[0].exact}/{scores[0].pages} / {scores[1].exact}/{scores[1].pages} | {(scores[0].ms + scores[1].ms) / 2:.0f} |"
        )
    lines += [
        "",
        "Summaries of the pages sent as `html` (the default algorithm, `language` english): the share of summary sentences "
        "whose words are a run of the gold body's (case-insensitive), and the pages whose summary is empty. **Tuning / held-out**:",
        "",
        "| bound | summary sentences | from the gold body | share | empty summaries |",
        "|---|---|---|---|---|",
    ]
    for label, bound in (("3 sentences", Bound(BoundKind.SENTENCES, 3)), ("ratio 0.2", Bound(BoundKind.RATIO, 0.2))):
        cells = []
        for half in (tuning, held):
            total = good = empty = 0
            for i in half:
                page = pages[i]
                gold = f" {' '.join(_tokens(page['article_body'].casefold()))} "
                result = summarize(SummaryOptions(text="", html=page["html"], algorithm="pyramid", bound=bound, language="english"))
                total += len(result.sentences)
                good += sum(_from_gold(p.sentence.text, gold) for p in result.sentences)
                empty += not result.sentences
            cells.append((total, good, good / total if total else 0.0, empty))
        lines.append(
            f"| {label} | {cells[0][0]} / {cells[1][0]} | {cells[0][1]} / {cells[1][1]} | {cells[0][2]:.1%} / {cells[1][2]:.1%} | {cells[0][3]} / {cells[1][3]} |"
        )
    return "\n".join(lines)


# ================================================================ boilerplate


@dataclass
class Injected:
    id: str
    corpus: str
    clean: str
    text: str
    spans: list[tuple[int, int]]  # the injected lines' spans in ``text``
    title: str | None
    reference: str


def inject(text: str, pool: Sequence[str], rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with 3-5 furniture paragraphs from ``pool``: one at the top, 1-3 between paragraphs, one at the end.

    A quarter of them are a block of 2-3 lines (a menu, a share bar) instead of one line.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    gaps = list(range(1, len(paragraphs)))
    inside = sorted(rng.sample(gaps, min(len(gaps), rng.randint(1, 3))))
    points = [0, *inside, len(paragraphs)]

    def block() -> list[str]:
        return [rng.choice(pool) for _ in range(rng.choice((2, 3)) if rng.random() < 0.25 else 1)]

    pieces: list[str | list[str]] = []
    for i, paragraph in enumerate(paragraphs):
        pieces.extend(block() for _ in range(points.count(i)))
        pieces.append(paragraph)
    pieces.extend(block() for _ in range(points.count(len(paragraphs))))
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    size = 0
    for piece in pieces:
        if out:
            out.append("\n\n")
            size += 2
        if isinstance(piece, list):
            for j, line in enumerate(piece):
                if j:
                    out.append("\n")
                    size += 1
                spans.append((size, size + len(line)))
                out.append(line)
                size += len(line)
        else:
            out.append(piece)
            size += len(piece)
    return "".join(out), spans


def injected_items(corpus: str) -> tuple[list[Injected], list[int], list[int]]:
    """The articles of ``corpus`` with furniture injected (each half's from its half's pages), and the two halves."""
    from bench.furniture import furniture_by_page, halves
    from bench.quality import SUMMARY_FILES

    pool_tuning, pool_held = halves(furniture_by_page())
    path, _ = SUMMARY_FILES[corpus]
    rows = list(records(path))
    tuning, held = _halves(len(rows), corpus)
    in_tuning = set(tuning)
    items = []
    for i, record in enumerate(rows):
        rng = random.Random(f"{corpus}:{record['id']}")
        text, spans = inject(record["text"], pool_tuning if i in in_tuning else pool_held, rng)
        reference = "\n".join(line.strip() for line in record["reference"].splitlines() if line.strip())
        title = record.get("title") if corpus == "bbc" else None
        items.append(Injected(record["id"], corpus, record["text"], text, spans, title, reference))
    return items, tuning, held


class _NoStage:
    """Within the block, the pipeline runs without the furniture and headline stage (the service before it)."""

    def __enter__(self):
        from service.text import boilerplate, headline

        self.saved = boilerplate.furniture, headline.take
        boilerplate.furniture = lambda document: set()
        headline.take = lambda document, furniture: (document, furniture)

    def __exit__(self, *exc):
        from service.text import boilerplate, headline

        boilerplate.furniture, headline.take = self.saved


def _summary(text: str, title: str | None, bound, keywords: int = 10):
    from service.text.pipeline import SummaryOptions, summarize

    return summarize(SummaryOptions(text=text, title=title, algorithm="pyramid", bound=bound, language="english", keywords=keywords))


def in_text(keyword: str, text: str) -> bool:
    """Whether ``keyword`` occurs in ``text`` as whole words, case aside ("min" is not in "minister")."""
    return re.search(rf"(?<!\w){re.escape(keyword.casefold())}(?!\w)", text.casefold()) is not None


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _rouge_lines(result) -> str:
    return "\n".join(" ".join(p.sentence.text.split()) for p in result.sentences)


def boilerplate_section(quiet: bool = True) -> str:
    from bench.quality import ROUGE_TYPES, _bar, rouge_scorer
    from service.text.pipeline import Bound, BoundKind

    scorer = rouge_scorer()
    bounds = {"3 sentences": Bound(BoundKind.SENTENCES, 3), "ratio 0.3": Bound(BoundKind.RATIO, 0.3)}
    lines = [
        "CNN/DM and BBC articles, each with 3-5 furniture paragraphs injected (one at the top, 1-3 between paragraphs, one "
        "at the end; a quarter of them blocks of 2-3 lines) from `python -m bench.furniture` (tuning-half articles get the "
        "tuning-half pages' lines, held-out articles the held-out pages'); BBC with its headline as `title`; the default "
        "algorithm, `language` english, 10 keywords. A summary *holds furniture* when one of its sentences overlaps an "
        "injected line; a keyword *is furniture* when its text (case-insensitive, as whole words) is nowhere in the clean "
        "article or its title. ROUGE F1 × 100 against the reference at 3 sentences. Each cell: **tuning half / held-out half**.",
        "",
        "| corpus | stage | docs | summaries with furniture, 3 sentences | summaries with furniture, ratio 0.3 | "
        "keyword lists with furniture (keywords) | R-1 clean → injected | R-2 clean → injected | R-Lsum clean → injected |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for corpus in ("cnndm", "bbc"):
        items, tuning, held = injected_items(corpus)
        for stage in ("on", "off (before)"):
            per_half = []
            for half in (tuning, held):
                furnished = {label: 0 for label in bounds}
                keyword_docs = keyword_count = 0
                rouge = {t: [0.0, 0.0] for t in ROUGE_TYPES}
                for i in _bar(half, f"boilerplate {corpus} {stage}", len(half), quiet):
                    item = items[i]
                    with _NoStage() if stage != "on" else _Nothing():
                        for label, bound in bounds.items():
                            result = _summary(item.text, item.title, bound)
                            if any(_overlaps(p.sentence.start, p.sentence.end, item.spans) for p in result.sentences):
                                furnished[label] += 1
                            if label == "3 sentences":
                                injected_result = result
                                clean_text = f"{item.clean}\n{item.title or ''}"
                                bad = [k for k in result.keywords if not in_text(k.text, clean_text)]
                                keyword_docs += bool(bad)
                                keyword_count += len(bad)
                        clean_result = _summary(item.clean, item.title, bounds["3 sentences"])
                    for which, r in ((0, clean_result), (1, injected_result)):
                        scores = scorer.score(item.reference, _rouge_lines(r))
                        for t in ROUGE_TYPES:
                            rouge[t][which] += 100 * scores[t].fmeasure
                n = max(1, len(half))
                per_half.append((len(half), furnished, keyword_docs, keyword_count, {t: (a / n, b / n) for t, (a, b) in rouge.items()}))
            (n0, f0, kd0, kc0, r0), (n1, f1, kd1, kc1, r1) = per_half

            def rouge_cell(t: str) -> str:
                return " / ".join(f"{r[t][0]:.2f} → {r[t][1]:.2f} ({r[t][1] - r[t][0]:+.2f})" for r in (r0, r1))

            lines.append(
                f"| {corpus} | {stage} | {n0} / {n1} | {f0['3 sentences']} / {f1['3 sentences']} | {f0['ratio 0.3']} / {f1['ratio 0.3']} | "
                f"{kd0} ({kc0}) / {kd1} ({kc1}) | {rouge_cell('rouge1')} | {rouge_cell('rouge2')} | {rouge_cell('rougeLsum')} |"
            )
    lines += ["", *gold_marked_lines()]
    return "\n".join(lines)


class _Nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return None


def gold_marked_lines() -> list[str]:
    """The share of the clean texts' sentences the stage leaves out (each one a loss), by the rule that takes it."""
    from service.text import boilerplate, headline
    from service.text.analysis import analyse

    rules = (boilerplate.PATTERN, boilerplate.BARE, boilerplate.LINES, boilerplate.OFF_TOPIC, "headline")
    out = [
        "Sentences of clean text the stage leaves out (each a loss; the headline, when found, is counted), and the rule "
        "that takes them (1 a pattern; 2 a bare line; 1-2 a sentence over several furniture lines; 3 off the article's "
        "words; the headline line), and how many of them end with final punctuation (the others are headings, list items, "
        "captions, credits): the gold bodies of the English HTML pages (paragraphs separated by blank lines), and "
        "the clean CNN/DM and BBC articles. **Tuning / held-out**:",
        "",
        "| texts | sentences | left out | share | with final punctuation | " + " | ".join(rules) + " |",
        "|---|---|---|---|---|" + "---|" * len(rules),
    ]
    from bench.furniture import is_english
    from bench.quality import SUMMARY_FILES

    sets = {
        "HTML gold bodies": ([r["article_body"].replace("\n", "\n\n") for r in records("html/article_extraction.jsonl")], "html", True),
        "CNN/DM articles": ([r["text"] for r in records(SUMMARY_FILES["cnndm"][0])], "cnndm", False),
        "BBC articles": ([r["text"] for r in records(SUMMARY_FILES["bbc"][0])], "bbc", False),
    }
    for label, (texts, corpus, english_only) in sets.items():
        tuning, held = _halves(len(texts), corpus)
        cells = []
        for half in (tuning, held):
            total = punctuated = 0
            by_rule = dict.fromkeys(rules, 0)
            for i in half:
                if english_only and not is_english(texts[i]):
                    continue
                document = analyse(texts[i], "english")
                why = boilerplate.reasons(document)
                _, left_out = headline.take(document, set(why))
                total += len(document.sentences)
                for index in left_out:
                    by_rule[why.get(index, "headline")] += 1
                    text = document.sentences[index].text
                    punctuated += not boilerplate.is_bare(text, max_words=len(text))
            cells.append((total, sum(by_rule.values()), by_rule, punctuated))
        (t0, m0, r0, p0), (t1, m1, r1, p1) = cells
        out.append(
            f"| {label} | {t0} / {t1} | {m0} / {m1} | {m0 / max(1, t0):.2%} / {m1 / max(1, t1):.2%} | {p0} / {p1} | "
            + " | ".join(f"{r0[rule]} / {r1[rule]}" for rule in rules)
            + " |"
        )
    return out


# ================================================================ headline


def headline_section(quiet: bool = True) -> str:
    from bench.quality import ROUGE_TYPES, SUMMARY_FILES, _bar, rouge_scorer
    from service.text import boilerplate, headline
    from service.text.analysis import analyse
    from service.text.pipeline import Bound, BoundKind

    scorer = rouge_scorer()
    rows = list(records(SUMMARY_FILES["bbc"][0]))
    tuning, held = _halves(len(rows), "bbc")
    lines = [
        "BBC News with each headline prepended to its article as a paragraph of its own, no `title` given, against the "
        "same article with the headline given as `title`; the default algorithm, as many sentences as the reference, "
        "`language` english. ROUGE F1 × 100. **Tuning half / held-out half**:",
        "",
        "| docs | headline line in the summary | `title` is the headline | R-1 title given → prepended | R-2 | R-Lsum | summaries identical |",
        "|---|---|---|---|---|---|---|",
    ]
    cells = []
    for half in (tuning, held):
        in_summary = found = same = 0
        rouge = {t: [0.0, 0.0] for t in ROUGE_TYPES}
        for i in _bar(half, "headline bbc", len(half), quiet):
            record = rows[i]
            reference = "\n".join(line.strip() for line in record["reference"].splitlines() if line.strip())
            k = len(reference.splitlines())
            bound = Bound(BoundKind.SENTENCES, k)
            given = _summary(record["text"], record["title"], bound)
            prepended_text = f"{record['title']}\n\n{record['text']}"
            prepended = _summary(prepended_text, None, bound)
            head_end = len(record["title"])
            in_summary += any(p.sentence.start < head_end for p in prepended.sentences)
            found += prepended.title == record["title"]
            same += [p.sentence.text for p in given.sentences] == [p.sentence.text for p in prepended.sentences]
            for which, r in ((0, given), (1, prepended)):
                scores = scorer.score(reference, _rouge_lines(r))
                for t in ROUGE_TYPES:
                    rouge[t][which] += 100 * scores[t].fmeasure
        n = max(1, len(half))
        cells.append((len(half), in_summary, found, same, {t: (a / n, b / n) for t, (a, b) in rouge.items()}))

    def rouge_cell(t: str) -> str:
        return " / ".join(f"{c[4][t][0]:.2f} → {c[4][t][1]:.2f} ({c[4][t][1] - c[4][t][0]:+.2f})" for c in cells)

    a, b = cells
    lines.append(
        f"| {a[0]} / {b[0]} | {a[1]} / {b[1]} | {a[2]} ({a[2] / max(1, a[0]):.1%}) / {b[2]} ({b[2] / max(1, b[0]):.1%}) | "
        f"{rouge_cell('rouge1')} | {rouge_cell('rouge2')} | {rouge_cell('rougeLsum')} | {a[3]} / {b[3]} |"
    )
    lines += [
        "",
        "Headlines found where there is none (the articles as they are). **Tuning / held-out**:",
        "",
        "| texts | docs | a headline found |",
        "|---|---|---|",
    ]
    for corpus in ("cnndm", "bbc"):
        texts = [r["text"] for r in records(SUMMARY_FILES[corpus][0])]
        t_half, h_half = _halves(len(texts), corpus)
        counts = []
        for half in (t_half, h_half):
            hits = 0
            for i in half:
                document = analyse(texts[i], "english")
                hits += headline.find(document, boilerplate.furniture(document)) is not None
            counts.append(hits)
        lines.append(f"| {corpus} | {len(t_half)} / {len(h_half)} | {counts[0]} / {counts[1]} |")
    return "\n".join(lines)


# ================================================================ command

SECTIONS = {
    "extraction": ("Extraction: the Zyte (Scrapinghub) article-extraction benchmark, 85 pages", extraction_section),
    "boilerplate": ("Site furniture injected into CNN/DM and BBC", boilerplate_section),
    "headline": ("The headline line: BBC with the headline prepended", headline_section),
}


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min) on {os.cpu_count()} cores"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.articles", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated, from: " + ", ".join(SECTIONS))
    parser.add_argument("--progress", action="store_true", help="progress bars on standard error")
    args = parser.parse_args(argv)
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    from bench.corpus import DATA

    if not DATA.is_dir():
        parser.error(f"{DATA} is missing: the evaluation data sits beside the repository")
    command = " ".join(["python -m bench.articles", *argv])
    print(f"# Articles as they arrive\n\n`{command}`; at the start, {_load()}.\n", flush=True)
    started = time.perf_counter()
    for section in sections:
        title, make = SECTIONS[section]
        print(f"### {title}\n", flush=True)
        print(make(quiet=not args.progress))
        print(flush=True)
    print(f"Run time: {time.perf_counter() - started:.0f} s; at the end, {_load()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
