"""What each language costs: the memory its first use adds to a worker, and what it adds to the image.

    python -m bench.footprint [--languages chinese,japanese,...]

Memory: for each language, a fresh process builds the app as a worker does (``create_app``
with the default settings: English preloaded, the language detector loaded), then summarizes
one text of the language (its first UD documents of ``../shared/data/sbd/``, about 2,000
characters); the resident set (``/proc/self/statm``) is read before and after that first
request, and after a second one. The English row is the same request in a worker that already
has English. Image: the installed size of the distributions only that language needs (from
their installed files' sizes) plus its data files in ``service/data/``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "sbd"

#: Distributions a language alone needs (the rest is shared by every language).
DISTRIBUTIONS: dict[str, tuple[str, ...]] = {"chinese": ("jieba",), "japanese": ("fugashi", "unidic-lite")}

_CHILD = """
import json, sys
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20
from service import create_app
from service.settings import Settings
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize
create_app(Settings())
language, text = json.loads(sys.stdin.read())
def request():
    summarize(SummaryOptions(text=text, algorithm="pyramid", bound=Bound(BoundKind.SENTENCES, 3), language=language))
before = rss()
request()
first = rss()
request()
print(json.dumps({"before": before, "first": first, "second": rss()}))
"""


def installed_mb(distribution: str) -> float:
    dist = metadata.distribution(distribution)
    return sum(f.size or 0 for f in dist.files or ()) / 2**20


def data_kb(code: str) -> float:
    return sum(p.stat().st_size for p in (REPO / "service" / "data").glob(f"*/{code}.txt")) / 1024


def text_of(language: str) -> str:
    with (DATA / f"ud_{language}.jsonl").open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    out = []
    for text in texts:
        out.append(text)
        if sum(map(len, out)) > 2000:
            break
    return "\n\n".join(out)


def main(argv: list[str]) -> int:
    from service.text.languages import LANGUAGE_CODES

    parser = argparse.ArgumentParser(prog="python -m bench.footprint", description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", default="english,chinese,japanese,korean,arabic,hebrew,hindi")
    args = parser.parse_args(argv)
    print("| language | worker RSS before, MiB | + first request | + second request | added to the image |")
    print("|---|---:|---:|---:|---|")
    for language in args.languages.split(","):
        child = subprocess.run(
            [sys.executable, "-c", _CHILD], input=json.dumps([language, text_of(language)]), capture_output=True, text=True, cwd=REPO, check=True
        )
        r = json.loads(child.stdout)
        packages = [f"{name} {installed_mb(name):.1f} MB" for name in DISTRIBUTIONS.get(language, ())]
        image = ", ".join([*packages, f"data files {data_kb(LANGUAGE_CODES[language]):.0f} KB"])
        print(f"| {language} | {r['before']:.0f} | {r['first'] - r['before']:.0f} | {r['second'] - r['first']:.0f} | {image} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
