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


def _serve(app: str, port: int, home: str) -> subprocess.Popen:
    env = {**os.environ, "SUMMARIZER_BIND": f"127.0.0.1:{port}", "SUMMARIZER_LOG_LEVEL": "WARNING", "HOME": home}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", app],
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
    apps = {"minimal": "bench.minimal_app:app", "service": "wsgi:app"}
    workloads = _workloads()
    # results[workload][app]: (requests/s, failed requests) of each round
    results: dict[str, dict[str, list[tuple[float, int]]]] = {w: {a: [] for a in apps} for w in workloads}
    with tempfile.TemporaryDirectory() as home:
        scripts = {}
        for name, (_, bodies) in workloads.items():
            scripts[name] = Path(home) / f"{name}.lua"
            scripts[name].write_text(_wrk_script(bodies), encoding="utf-8")
        for round_ in range(rounds):
            for app_name, app in apps.items():
                port = _free_port()
                process = _serve(app, port, home)
                try:
                    for name, script in scripts.items():
                        _progress(f"throughput round {round_ + 1}/{rounds}: {app_name}, {name}")
                        _wrk(port, script, 2, connections)  # warm-up
                        results[name][app_name].append(_wrk(port, script, seconds, connections))
                finally:
                    process.send_signal(signal.SIGTERM)
                    process.wait(timeout=30)
    lines = [
        f"gunicorn, {settings.workers} sync workers, wrk -t2 -c{connections}, {rounds} × {seconds} s each"
        " (the two apps alternating), default algorithm and options:",
        "",
        "| requests | Flask app that only parses the JSON (requests/s) | this service (requests/s) | ratio | failed requests |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, (label, _) in workloads.items():
        minimal = statistics.mean(r for r, _ in results[name]["minimal"])
        service = statistics.mean(r for r, _ in results[name]["service"])
        failed = sum(f for app in apps for _, f in results[name][app])
        lines.append(f"| {label} | {minimal:.0f} | {service:.0f} | {service / minimal:.1%} | {failed} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
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
    parser.add_argument("--seconds", type=int, default=10, help="length of each throughput run")
    parser.add_argument("--rounds", type=int, default=2, help="throughput runs per app, alternating")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",")]
    print(f"# Speed benchmark\n\n`python -m bench.speed {' '.join(argv)}`".rstrip() + f" on {os.cpu_count()} cores\n")
    print("## Time and peak memory per request\n")
    print(speed_table(sizes, args.algorithms.split(","), args.sumy_cap, not args.no_sumy))
    if not args.no_throughput:
        print("\n## Throughput\n")
        print(throughput_table(args.seconds, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
