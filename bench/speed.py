"""Speed and memory benchmark: ``python -m bench.speed`` prints Markdown tables.

1. For inputs of about 1k, 10k, 50k and 150k words (distinct news articles from
   ../shared/data/summarization) and one of exactly the maximum text length (1,000,000
   characters): each algorithm's time for a whole request's work (analysis, ranking,
   selection of 3 sentences, 10 keywords) and the peak memory of the process, next to
   `lead` (the floor: everything but ranking); then the ranking and selection alone, beside
   sumy's own summarizer on the same sentences (capped), as a ratio. Every cell runs in a
   fresh process, as a worker would.
2. Throughput under gunicorn on loopback for the sample article with the default
   algorithm, against a Flask app that only parses the JSON body, under the same gunicorn
   settings, measured with wrk (Debian package ``wrk``), as a ratio; then the same for the
   CNN/DM articles sent in turn, where a worker's memo of words has not seen every word.

Both are measured in the same run on the same machine, so the ratios hold even when the
absolute figures move with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZES = {
    "1k": {"words": 1_000},
    "10k": {"words": 10_000},
    "50k": {"words": 50_000},
    "150k": {"words": 150_000},
    "limit": {"characters": 1_000_000},  # the default maximum text length
}


def _progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- one cell, in a child process
def _cell(kind: str, algorithm: str, size: str, repeats: int) -> dict:
    from bench.corpus import long_text
    from service.text.analysis import analyse
    from service.text.languages import get_language, preload
    from service.text.pipeline import Bound, BoundKind, SummaryOptions, coverage, summarize

    preload(("english",))
    text = long_text(**SIZES[size])
    language = get_language("english")
    times = []
    if kind == "ours":
        options = SummaryOptions(text=text, algorithm=algorithm, bound=Bound(BoundKind.SENTENCES, 3))
        summarize(SummaryOptions(text="Warm up. Two sentences.", algorithm=algorithm, bound=Bound(BoundKind.SENTENCES, 1)))
        for _ in range(repeats):
            start = time.perf_counter()
            result = summarize(options)
            times.append(time.perf_counter() - start)
        info = {"words": result.stats.input.words, "sentences": result.stats.input.sentences, "characters": len(text)}
        # The ranking and selection alone, on the analysed document: what sumy's summarizer does.
        from service.text.rank import ALGORITHMS
        from service.text.select import select

        document = analyse(text)
        ranking_times = []
        for _ in range(repeats):
            start = time.perf_counter()
            share = coverage(document, options.bound)
            select(document, ALGORITHMS[algorithm].rank(document, language, share=share), options.bound)
            ranking_times.append(time.perf_counter() - start)
        info["ranking_seconds"] = statistics.median(ranking_times)
    else:
        from service.text.rank.reference import REFERENCE

        document = analyse(text)
        for _ in range(repeats):
            start = time.perf_counter()
            REFERENCE[algorithm](document, language)
            times.append(time.perf_counter() - start)
        info = {}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": statistics.median(times), "peak_mb": peak, **info}


#: The two texts at (nearly) the size limit of the bounds table: many short sentences, long prose.
LIMIT_TEXTS = ("short sentences", "prose")


def _limit_text(name: str) -> str:
    from bench.corpus import long_text, short_sentences
    from service.settings import Settings

    characters = int(0.9 * Settings.from_env().max_text_length)
    return short_sentences(characters) if name == "short sentences" else long_text(characters=characters)


def _largest_bounds():
    """Every bound kind at the largest value the API accepts."""
    from service.schemas import MAX_CHARS, MAX_SENTENCES, MAX_WORDS
    from service.text.pipeline import Bound, BoundKind

    return {
        f"sentences={MAX_SENTENCES:,}": Bound(BoundKind.SENTENCES, MAX_SENTENCES),
        f"max_words={MAX_WORDS:,}": Bound(BoundKind.MAX_WORDS, MAX_WORDS),
        f"max_chars={MAX_CHARS:,}": Bound(BoundKind.MAX_CHARS, MAX_CHARS),
        "ratio=1": Bound(BoundKind.RATIO, 1.0),
    }


def _bounds_cell(algorithm: str, text_name: str) -> dict:
    """One algorithm on one limit text at every largest bound: seconds per whole request."""
    from service.text.languages import preload
    from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize

    preload(("english",))
    text = _limit_text(text_name)
    summarize(SummaryOptions(text="Warm up. Two sentences.", algorithm=algorithm, bound=Bound(BoundKind.SENTENCES, 1)))
    cells = {}
    for label, bound in _largest_bounds().items():
        start, cpu = time.perf_counter(), time.process_time()
        result = summarize(SummaryOptions(text=text, algorithm=algorithm, bound=bound))
        cells[label] = {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "sentences": len(result.sentences)}
    info = {"characters": len(text), "sentences": result.stats.input.sentences, "words": result.stats.input.words}
    return {"cells": cells, **info, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def bounds_table(algorithms: list[str]) -> str:
    """Every algorithm × every bound kind at its maximum × the two limit texts, in seconds and × lead."""
    lines = []
    labels = list(_largest_bounds())
    worst = (0.0, "")
    slowest = (0.0, "")
    for text_name in LIMIT_TEXTS:
        _progress(f"bounds, {text_name}: lead")
        lead = _run_bounds_cell("lead", text_name)
        lines += [
            "",
            f"**{text_name}**: {lead['characters']:,} characters, {lead['words']:,} words, {lead['sentences']:,} sentences"
            " (seconds per request, whole pipeline, and × the `lead` time at the same bound, both in CPU"
            " time of the process, which other load on the machine moves far less than the wall-clock time):",
            "",
            "| algorithm | " + " | ".join(labels) + " | peak RSS (MB) |",
            "|---|" + "---:|" * len(labels) + "---:|",
        ]
        lines.append(
            "| lead | " + " | ".join(f"{lead['cells'][b]['cpu']:.2f}" for b in labels) + f" | {lead['peak_mb']:.0f} |"
        )
        for name in algorithms:
            if name == "lead":
                continue
            _progress(f"bounds, {text_name}: {name}")
            ours = _run_bounds_cell(name, text_name)
            row = []
            for b in labels:
                seconds = ours["cells"][b]["cpu"]
                ratio = seconds / lead["cells"][b]["cpu"]
                worst = max(worst, (ratio, f"{name}, {text_name}, {b}"))
                slowest = max(slowest, (ours["cells"][b]["seconds"], f"{name}, {text_name}, {b}"))
                row.append(f"{seconds:.2f} ({ratio:.1f}×)")
            lines.append(f"| {name} | " + " | ".join(row) + f" | {ours['peak_mb']:.0f} |")
    lines += ["", f"Largest ratio to `lead`: {worst[0]:.2f}× ({worst[1]}); slowest request: {slowest[0]:.2f} s of wall-clock time ({slowest[1]})."]
    return "\n".join(lines).lstrip("\n")


def _run_bounds_cell(algorithm: str, text_name: str) -> dict:
    command = [sys.executable, "-m", "bench.speed", "--bounds-cell", algorithm, text_name]
    run = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise RuntimeError(f"bounds cell {algorithm} {text_name} failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def _run_cell(kind: str, algorithm: str, size: str, repeats: int, cap: float) -> dict | None:
    command = [sys.executable, "-m", "bench.speed", "--cell", kind, algorithm, size, str(repeats)]
    try:
        run = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return None
    if run.returncode != 0:
        raise RuntimeError(f"cell {kind} {algorithm} {size} failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def speed_table(sizes: list[str], algorithms: list[str], sumy_cap: float, with_sumy: bool) -> str:
    from service.text.rank.reference import REFERENCE

    lines = []
    sumy_over: dict[str, str] = {}
    header = (
        "| input | algorithm | request (s) | × lead | peak RSS (MB) | ranking only (s) "
        "| sumy's summarizer (s) | sumy ÷ ours, ranking |"
    )
    lines += [header, "|---|---|---:|---:|---:|---:|---:|---:|"]
    for size in sizes:
        repeats = 5 if size.startswith(("1k", "10k")) else 3
        _progress(f"{size}: lead")
        lead = _run_cell("ours", "lead", size, repeats, 600)
        label = f"{size}: {lead['characters']:,} chars, {lead['words']:,} words, {lead['sentences']:,} sentences"
        lines.append(
            f"| {label} | lead | {lead['seconds']:.3f} | 1.00 | {lead['peak_mb']:.0f} | {lead['ranking_seconds']:.4f} | | |"
        )
        for name in algorithms:
            if name == "lead":
                continue
            _progress(f"{size}: {name}")
            ours = _run_cell("ours", name, size, repeats, 600)
            sumy_cell, ratio = "", ""
            if with_sumy and name in REFERENCE:
                if name in sumy_over:
                    sumy_cell = f"> {sumy_cap:g} (already at {sumy_over[name]})"
                else:
                    _progress(f"{size}: sumy {name} (cap {sumy_cap:g} s)")
                    reference = _run_cell("sumy", name, size, 1, sumy_cap)
                    if reference is None:
                        sumy_over[name] = size
                        sumy_cell = f"> {sumy_cap:g}"
                        ratio = f"> {sumy_cap / ours['ranking_seconds']:.0f}"
                    else:
                        sumy_cell = f"{reference['seconds']:.3f}"
                        ratio = f"{reference['seconds'] / ours['ranking_seconds']:.1f}"
            lines.append(
                f"| | {name} | {ours['seconds']:.3f} | {ours['seconds'] / lead['seconds']:.2f} | {ours['peak_mb']:.0f} "
                f"| {ours['ranking_seconds']:.4f} | {sumy_cell} | {ratio} |"
            )
    return "\n".join(lines)


# ---------------------------------------------------------------- throughput under gunicorn
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(app: str, port: int, home: str, plain: bool = False) -> subprocess.Popen:
    """gunicorn serving ``app`` on ``port``: under the project's gunicorn.conf.py, or ``plain`` (gunicorn's defaults).

    Plain means an empty configuration file named with ``-c``: without one, gunicorn reads
    ./gunicorn.conf.py, the project's (2 workers and the rest), from the directory it starts in.
    """
    env = {**os.environ, "SUMMARIZER_BIND": f"127.0.0.1:{port}", "SUMMARIZER_LOG_LEVEL": "WARNING", "HOME": home}
    if plain:
        empty = Path(home) / "plain.conf.py"
        empty.write_text("", encoding="utf-8")
        config = ["-c", str(empty), "-b", f"127.0.0.1:{port}"]
    else:
        config = ["-c", "gunicorn.conf.py"]
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *config, app],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    body = json.dumps({"text": "Warm up. Two sentences."}).encode()
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/v1/summarize", data=body, headers={"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(request, timeout=2):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn with {app} did not start")


def _wrk(port: int, script: Path, seconds: int, connections: int) -> tuple[float, int]:
    run = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(script), f"http://127.0.0.1:{port}/v1/summarize"],
        capture_output=True,
        text=True,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", run.stdout).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", run.stdout)
    errors = re.search(r"Socket errors:.*", run.stdout)
    failures = int(bad.group(1)) if bad else 0
    if errors:
        failures += sum(int(n) for n in re.findall(r"\d+", errors.group(0).split(":", 1)[1]))
    return rate, failures


def _lua_string(text: str) -> str:
    """``text`` as a Lua long string, with a bracket level that does not occur in it."""
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def _wrk_script(bodies: list[str]) -> str:
    """A wrk script that POSTs ``bodies`` as JSON: one as wrk's static request, several in turn.

    Several are formatted once, when each wrk thread starts, so that per request wrk only
    hands over a ready string: its own cost stays as small as it can be on the cores it
    shares with the apps (it weighs most on the faster one).
    """
    head = 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
    if len(bodies) == 1:
        return head + f"wrk.body = {_lua_string(bodies[0])}\n"
    return head + (
        f"local bodies = {{{', '.join(_lua_string(body) for body in bodies)}}}\n"
        "local requests = {}\n"
        "local i = 0\n"
        "init = function(args)\n"
        "  for k, body in ipairs(bodies) do requests[k] = wrk.format(nil, nil, nil, body) end\n"
        "end\n"
        "request = function()\n  i = i % #requests + 1\n  return requests[i]\nend\n"
    )


def _workloads() -> dict[str, tuple[str, list[str]]]:
    """The bodies each throughput run sends: the sample article, and distinct articles in turn."""
    from bench.corpus import SAMPLE_ARTICLE, records

    sample = json.dumps({"text": SAMPLE_ARTICLE.read_text(encoding="utf-8")})
    articles = [json.dumps({"text": r["text"]}) for r in records("summarization/cnndm.jsonl")]
    return {
        "sample": (f"the sample article ({len(sample):,} bytes of JSON), every request", [sample]),
        "distinct": (
            f"the {len(articles)} CNN/DM articles in turn ({statistics.mean(map(len, articles)):,.0f} bytes of JSON on average):"
            " nothing a worker has seen before helps more than in real traffic",
            articles,
        ),
    }


def throughput_table(seconds: int, rounds: int) -> str:
    if shutil.which("wrk") is None:
        return "wrk is not installed (apt-get install wrk): throughput not measured."
    from service.settings import Settings

    settings = Settings.from_env()
    connections = 2 * settings.workers
    # (app, plain gunicorn?, connections): both apps under the project's settings with two
    # connections per worker; then, as a load balancer holding a few connections per worker
    # would, eight connections, against the parse-only app under gunicorn's own defaults.
    apps = {
        "minimal": ("bench.minimal_app:app", False, connections),
        "service": ("wsgi:app", False, connections),
        "minimal, plain gunicorn, -c8": ("bench.minimal_app:app", True, 8),
        "service, -c8": ("wsgi:app", False, 8),
    }
    workloads = _workloads()
    # results[workload][app]: (requests/s, failed requests) of each round
    results: dict[str, dict[str, list[tuple[float, int]]]] = {w: {a: [] for a in apps} for w in workloads}
    with tempfile.TemporaryDirectory() as home:
        scripts = {}
        for name, (_, bodies) in workloads.items():
            scripts[name] = Path(home) / f"{name}.lua"
            scripts[name].write_text(_wrk_script(bodies), encoding="utf-8")
        for round_ in range(rounds):
            for app_name, (app, plain, open_connections) in apps.items():
                port = _free_port()
                process = _serve(app, port, home, plain)
                try:
                    for name, script in scripts.items():
                        _progress(f"throughput round {round_ + 1}/{rounds}: {app_name}, {name}")
                        _wrk(port, script, 2, open_connections)  # warm-up
                        results[name][app_name].append(_wrk(port, script, seconds, open_connections))
                finally:
                    process.send_signal(signal.SIGTERM)
                    process.wait(timeout=30)
    lines = [
        f"gunicorn, {settings.workers} sync workers for the service, wrk -t2, {rounds} × {seconds} s each"
        " (the apps alternating), default algorithm and options:",
        "",
        "| requests | Flask app that only parses the JSON (requests/s) | this service (requests/s) | ratio | failed requests |",
        "|---|---:|---:|---:|---:|",
    ]
    pairs = {
        f"-c{connections}, both under the project's gunicorn settings": ("minimal", "service"),
        "-c8, the parse-only app under plain gunicorn (its defaults: 1 worker)": ("minimal, plain gunicorn, -c8", "service, -c8"),
    }
    for pair, (base, ours) in pairs.items():
        for name, (label, _) in workloads.items():
            minimal = statistics.mean(r for r, _ in results[name][base])
            service = statistics.mean(r for r, _ in results[name][ours])
            failed = sum(f for app in (base, ours) for _, f in results[name][app])
            lines.append(f"| {label}; {pair} | {minimal:.0f} | {service:.0f} | {service / minimal:.1%} | {failed} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--bounds-cell"]:
        print(json.dumps(_bounds_cell(argv[1], argv[2])))
        return 0
    if argv[:1] == ["--cell"]:
        kind, algorithm, size, repeats = argv[1:5]
        print(json.dumps(_cell(kind, algorithm, size, int(repeats))))
        return 0
    from service.text.rank import ALGORITHMS

    parser = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated, from: " + ", ".join(SIZES))
    parser.add_argument("--algorithms", default=",".join(ALGORITHMS))
    parser.add_argument("--sumy-cap", type=float, default=60.0, help="seconds before sumy's summarizer is stopped")
    parser.add_argument("--no-sumy", action="store_true", help="skip sumy's summarizers")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--no-bounds", action="store_true", help="skip the table of every bound at its maximum")
    parser.add_argument("--only-bounds", action="store_true", help="only the table of every bound at its maximum")
    parser.add_argument("--seconds", type=int, default=10, help="length of each throughput run")
    parser.add_argument("--rounds", type=int, default=2, help="throughput runs per app, alternating")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",")]
    print(f"# Speed benchmark\n\n`python -m bench.speed {' '.join(argv)}`".rstrip() + f" on {os.cpu_count()} cores\n")
    if not args.only_bounds:
        print("## Time and peak memory per request\n")
        print(speed_table(sizes, args.algorithms.split(","), args.sumy_cap, not args.no_sumy))
    if not args.no_bounds:
        print("\n## Every bound at its maximum, on texts at the size limit\n")
        print(bounds_table(args.algorithms.split(",")))
    if not args.no_throughput and not args.only_bounds:
        print("\n## Throughput\n")
        print(throughput_table(args.seconds, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
