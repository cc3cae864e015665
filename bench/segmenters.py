"""Word segmenters for Chinese and Japanese compared on the UD word boundaries: F1, speed, load time and memory.

    python -m bench.segmenters [--only jieba,mecab,...]

Each segmenter runs in a process of its own, so that its load time and the memory it adds
(resident set and private memory, from /proc, before loading and after segmenting every
sentence) are its alone. The gold words are the UD treebank's (``tokens`` of
``../shared/data/sbd/ud_<language>.jsonl``); a boundary is the end of a word counted in non-space
characters within its sentence, pooled over the 1,000 sentences. Candidates that are not
installed are left out: the service's requirements hold jieba and fugashi with unidic-lite; for
the others, ``pip install --target DIR janome sudachipy sudachidict-core`` and
``PYTHONPATH=DIR``. spacy-pkuseg is not measured: its wheel holds no model, which its constructor
downloads on first use.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "sbd"

#: Name -> (language, how to build ``segment(text) -> list of words``).
CANDIDATES: dict[str, tuple[str, str]] = {
    # jieba and MeCab built as service/text/words.py builds them (not imported from it: the service
    # package would bring Flask and NumPy into the measured memory).
    "jieba": (
        "chinese",
        "import jieba; k = jieba.Tokenizer(); k.FREQ, k.total = k.gen_pfdict(k.get_dict_file()); k.initialized = True\n"
        "segment = lambda t: [w for w, _, _ in k.tokenize(t, HMM=True)]",
    ),
    "jieba-no-hmm": (
        "chinese",
        "import jieba; k = jieba.Tokenizer(); k.FREQ, k.total = k.gen_pfdict(k.get_dict_file()); k.initialized = True\n"
        "segment = lambda t: [w for w, _, _ in k.tokenize(t, HMM=False)]",
    ),
    "mecab": (
        "japanese",
        "import os, fugashi, unidic_lite; d = unidic_lite.DICDIR\n"
        "k = fugashi.GenericTagger('-d ' + repr(d) + ' -r ' + repr(os.path.join(d, 'mecabrc')))\n"
        "segment = lambda t: [n.surface for n in k(t)]",
    ),
    "sudachi-C": (
        "japanese",
        "from sudachipy import Dictionary, SplitMode; k = Dictionary(dict='core').create(mode=SplitMode.C)\n"
        "segment = lambda t: [m.surface() for m in k.tokenize(t)]",
    ),
    "sudachi-A": (
        "japanese",
        "from sudachipy import Dictionary, SplitMode; k = Dictionary(dict='core').create(mode=SplitMode.A)\n"
        "segment = lambda t: [m.surface() for m in k.tokenize(t)]",
    ),
    "janome": ("japanese", "from janome.tokenizer import Tokenizer; k = Tokenizer(wakati=True); segment = lambda t: list(k.tokenize(t))"),
}

_CHILD = r'''
import json, re, sys, time, warnings
warnings.simplefilter("ignore")
def memory():
    rss = int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20
    rollup = open("/proc/self/smaps_rollup").read()
    private = sum(int(k) for k in re.findall(r"Private_(?:Clean|Dirty):\s+(\d+)", rollup)) / 1024
    return rss, private
sentences = json.loads(sys.stdin.read())
rss0, private0 = memory()
started = time.perf_counter()
{build}
segment("測試。テスト。")
load = time.perf_counter() - started
def ends(words):
    out, position = set(), 0
    for word in words:
        visible = len("".join(word.split()))
        if visible:
            position += visible
            out.add(position)
    return out
tp = found = gold = size = 0
started = time.perf_counter()
for text, words in sentences:
    predicted = ends(segment(text))
    expected = ends(words)
    tp += len(predicted & expected); found += len(predicted); gold += len(expected); size += len(text.encode())
seconds = time.perf_counter() - started
rss1, private1 = memory()
print(json.dumps({"tp": tp, "found": found, "gold": gold, "load": load, "s_per_mb": seconds / (size / 1e6),
                  "rss": rss1 - rss0, "private": private1 - private0}))
'''


def sentences(language: str) -> list[tuple[str, list[str]]]:
    out = []
    with (DATA / f"ud_{language}.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            out += [(text, [form for form, _ in tokens]) for text, tokens in zip(record["sentences"], record["tokens"], strict=True)]
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.segmenters", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(CANDIDATES), help="comma-separated, from: " + ", ".join(CANDIDATES))
    args = parser.parse_args(argv)
    print("| segmenter | language | word F1 | P | R | s per MB | load s | + RSS MB | + private MB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.only.split(","):
        language, build = CANDIDATES[name]
        child = subprocess.run(
            [sys.executable, "-c", _CHILD.replace("{build}", build)],
            input=json.dumps(sentences(language)),
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        if child.returncode != 0:
            reason = (child.stderr.strip().splitlines() or ["failed"])[-1]
            print(f"| {name} | {language} | not run: {re.sub(r'[|]', '/', reason)[:80]} | | | | | | |")
            continue
        r = json.loads(child.stdout)
        p, rc = r["tp"] / r["found"], r["tp"] / r["gold"]
        f1 = 2 * p * rc / (p + rc)
        print(f"| {name} | {language} | {f1:.3f} | {p:.3f} | {rc:.3f} | {r['s_per_mb']:.2f} | {r['load']:.2f} | {r['rss']:.0f} | {r['private']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
