"""Load and faults against a real gunicorn on loopback: sustained load, worker memory, SIGKILL, SIGHUP, SIGTERM.

    .venv/bin/python scripts/load_faults.py            # the full run: 10,000 requests, ~4 min
    .venv/bin/python scripts/load_faults.py --short    # CI's run (tests/test_faults.py): ~1.5 min

It starts gunicorn with gunicorn.conf.py (2 sync workers, SUMMARIZER_TIMEOUT=30, so a graceful
timeout of 30 s, and a request budget of 15 s) on a free port of 127.0.0.1, talks to nothing else,
sends a bounded number of requests and stops by itself, gunicorn included. Six phases, each with
its own pass rule:

1. load: REQUESTS requests from CONCURRENCY client threads, a fixed mix (the sample article with
   every algorithm, plain text in and out, a batch, a 422, /healthz). A request fails if it gets
   no answer or another status than the one its kind expects. Rule: no failure, and /metrics
   counted exactly the summaries the clients got.
2. memory: the workers' resident size after a warm-up and after the load. Rule: each worker grew
   by less than MEMORY_GROWTH_MIB.
3. SIGKILL: one worker is killed while the load runs. Rule: gunicorn starts a replacement; at
   most the killed worker's in-flight request fails (a sync worker has one); none fails after.
4. SIGHUP: a reload while the load runs. Rule: every worker is replaced and no request fails.
5. worst cases: the slowest inputs found (WORST_CASES: batches of the largest worst-case documents,
   megabyte texts the splitter is slowest on), two at a time, one per worker. Rule: each is
   answered 200, a batch with a 200 or a 503 for each document (the 503s, "the batch ran out of
   time", after the 200s, and the answer with Retry-After), or 503 problem+json with Retry-After;
   no worker is killed or replaced and gunicorn logs no WORKER TIMEOUT.
6. SIGTERM: two long requests (LONG_TEXT, several seconds each) are in flight when gunicorn gets SIGTERM.
   Rule: both are answered (200, or 503 where a busy machine made them reach the budget) and gunicorn exits within its graceful timeout.

It prints a table and writes the figures as JSON (--report, default test-output/load_faults.json).
Exit status 0 when every rule holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO.parent / "shared" / "data" / "samples" / "news_article.txt"
ALGORITHMS = ("lex-rank", "text-rank", "lsa", "luhn", "edmundson", "kl", "sum-basic", "reduction", "lead")
GRACEFUL_TIMEOUT = 30
#: SUMMARIZER_REQUEST_BUDGET's default, half the worker timeout.
REQUEST_BUDGET = GRACEFUL_TIMEOUT / 2
MEMORY_GROWTH_MIB = 40
WORKERS = 2


# ------------------------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with the repository's gunicorn.conf.py, in a temporary HOME."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.log = workdir / "gunicorn.log"
        env = {
            **os.environ,
            "SUMMARIZER_BIND": f"127.0.0.1:{self.port}",
            "SUMMARIZER_WORKERS": str(WORKERS),
            "SUMMARIZER_TIMEOUT": str(GRACEFUL_TIMEOUT),
            "HOME": str(workdir),
            "XDG_RUNTIME_DIR": str(workdir),
            "PROMETHEUS_MULTIPROC_DIR": str(workdir / "metrics"),
        }
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        self.wait_ready(set())

    def workers(self) -> set[int]:
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        except OSError:
            return set()
        return {int(pid) for pid in children}

    def wait_ready(self, old: set[int], timeout: float = 90) -> float:
        """Wait until WORKERS workers, none of them in ``old``, answer /readyz; the seconds it took."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            current = self.workers()
            if len(current) == WORKERS and not current & old:
                # Every worker answers once it has loaded its models: ask as many times as there are workers.
                if all(request(self.port, "GET", "/readyz", timeout=5)[0] == 200 for _ in range(WORKERS * 2)):
                    return time.monotonic() - start
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.log.read_text(errors="replace")[-3000:])
            time.sleep(0.2)
        raise RuntimeError("gunicorn's workers did not become ready:\n" + self.log.read_text(errors="replace")[-3000:])

    def rss_mib(self) -> dict[int, float]:
        sizes = {}
        for pid in sorted(self.workers()):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            sizes[pid] = round(kib / 1024, 1)
        return sizes

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=GRACEFUL_TIMEOUT + 10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# ------------------------------------------------------------------------------------ the clients


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 60) -> tuple[int, bytes]:
    """One request on a new connection: (status, body), or (0, error) if it got no answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as error:
        return 0, repr(error).encode()
    finally:
        connection.close()


def request_mix(article: str) -> list[tuple[str, str, str, bytes, dict, int]]:
    """(kind, method, path, body, headers, expected status): the cycle every client goes through."""
    as_json = {"Content-Type": "application/json"}
    mix = [
        (f"article {name}", "POST", "/v1/summarize", json.dumps({"text": article, "algorithm": name, "sentences": 3}).encode(), as_json, 200)
        for name in ALGORITHMS
    ]
    mix += [
        ("plain text", "POST", "/v1/summarize?max_words=60", article.encode(), {"Content-Type": "text/plain", "Accept": "text/plain"}, 200),
        ("short text", "POST", "/v1/summarize", json.dumps({"text": "The council met on Monday. It approved the budget."}).encode(), as_json, 200),
        ("batch", "POST", "/v1/summarize/batch", json.dumps({"sentences": 1, "documents": [{"id": str(i), "text": article[: 600 * (i + 1)]} for i in range(3)]}).encode(), as_json, 200),
        ("invalid", "POST", "/v1/summarize", json.dumps({"text": "Some text.", "sentences": 0}).encode(), as_json, 422),
        ("health", "GET", "/healthz", b"", {}, 200),
    ]
    return mix


@dataclass
class Tally:
    sent: int = 0
    failed: int = 0
    summaries: int = 0  # 200 answers of POST /v1/summarize
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, path: str, expected: int, status: int, body: bytes, seconds: float) -> None:
        with self.lock:
            self.sent += 1
            self.latencies.append(seconds)
            if status != expected:
                self.failed += 1
                if len(self.failures) < 10:
                    self.failures.append(f"{kind}: {status} {body[:120]!r}")
            elif path.startswith("/v1/summarize") and not path.startswith("/v1/summarize/batch") and status == 200:
                self.summaries += 1


def run_load(port: int, mix: list, tally: Tally, *, count: int | None = None, until: threading.Event | None = None, concurrency: int = 4) -> None:
    """``count`` requests in all, or requests until ``until`` is set, from ``concurrency`` threads."""
    counter = itertools.count()
    stop_after = count

    def client(offset: int) -> None:
        cycle = itertools.cycle(mix[offset % len(mix):] + mix[: offset % len(mix)])
        for kind, method, path, body, headers, expected in cycle:
            if stop_after is not None and next(counter) >= stop_after:
                return
            if until is not None and until.is_set():
                return
            start = time.perf_counter()
            status, answer = request(port, method, path, body, headers)
            tally.add(kind, path, expected, status, answer, time.perf_counter() - start)

    threads = [threading.Thread(target=client, args=(i * 3,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def load_in_background(port: int, mix: list, tally: Tally, concurrency: int = 4) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(target=run_load, args=(port, mix, tally), kwargs={"until": stop, "concurrency": concurrency})
    thread.start()
    return thread, stop


def counted_summaries(port: int) -> float:
    status, body = request(port, "GET", "/metrics")
    assert status == 200, body
    total = 0.0
    for line in body.decode().splitlines():
        if line.startswith("summarizer_requests_total{") and 'endpoint="/v1/summarize"' in line and 'status="200"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


#: A request that keeps a worker busy for a second or two (1 MB of one-letter sentences, among the
#: sentence splitter's slowest inputs: 1.9 s of CPU with text-rank). The fault phases need it to be
#: still in flight when the signal comes, 0.7 s after it was sent, and answered within REQUEST_BUDGET
#: even when the machine is busy with other work. (At 450 KB it took 0.8 s once the furniture stage
#: read each line once, and could be done before the signal.)
LONG_TEXT = "A. " * 333_000


def _repeated(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _batch(piece: str, algorithm: str) -> bytes:
    # 25 documents of 150,000 characters: the most documents, about as large as the 4 MiB body allows.
    return json.dumps({"algorithm": algorithm, "documents": [{"text": _repeated(piece, 150_000)} for _ in range(25)]}).encode()


def _single(piece: str, algorithm: str) -> bytes:
    return json.dumps({"text": _repeated(piece, 1_000_000), "algorithm": algorithm}).encode()


#: (name, path, body): the slowest inputs found (README, "Bounded work"; tests/test_hostile.py has them too).
WORST_CASES = [
    ("batch of 25 x 150 KB of 'A. A. A.', text-rank", "/v1/summarize/batch", _batch("A. ", "text-rank")),
    ("1 MB of '?! ?! ?!', text-rank", "/v1/summarize", _single("?! ", "text-rank")),
    ("1 MB of 'A.' lines, text-rank", "/v1/summarize", _single("A.\n", "text-rank")),
    ("batch of 25 x 150 KB of '?! ?! ?!', pyramid", "/v1/summarize/batch", _batch("?! ", "pyramid")),
]


def worst_cases(port: int) -> list[dict]:
    """Every WORST_CASES request, two at a time (one per worker); what each got and whether that is allowed."""
    found: list[dict] = []

    def send(cases: list[tuple[str, str, bytes]]) -> None:
        for name, path, body in cases:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=GRACEFUL_TIMEOUT + 30)
            start = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                status, headers, payload = response.status, response.headers, response.read()
            except (OSError, http.client.HTTPException) as error:
                status, headers, payload = 0, {}, repr(error).encode()
            finally:
                connection.close()
            found.append({"case": name, "seconds": round(time.perf_counter() - start, 2), **_judge(path, status, headers, payload)})

    threads = [threading.Thread(target=send, args=(WORST_CASES[i::WORKERS],)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return found


def _judge(path: str, status: int, headers, payload: bytes) -> dict:
    """The answer's status (and each document's), and whether it is one the rules allow."""
    retry = str(headers.get("Retry-After", "")).isdigit()
    if status == 503:
        problem = json.loads(payload) if headers.get("Content-Type") == "application/problem+json" else {}
        return {"status": 503, "ok": retry and problem.get("status") == 503}
    if status != 200:
        return {"status": status, "ok": False, "answer": payload[:200].decode(errors="replace")}
    if not path.endswith("/batch"):
        return {"status": 200, "ok": True}
    statuses = [r["status"] for r in json.loads(payload)["results"]]
    done = statuses.count(200)
    ok = statuses == [200] * done + [503] * (len(statuses) - done) and (retry or done == len(statuses))
    return {"status": 200, "documents": dict(Counter(statuses)), "ok": ok}


def long_requests_in_flight(port: int) -> tuple[list[tuple[int, float]], list[threading.Thread]]:
    """One long request (LONG_TEXT, several seconds) per worker, started; back once they are being summarized."""
    body = json.dumps({"text": LONG_TEXT, "algorithm": "text-rank"}).encode()
    results: list[tuple[int, float]] = []

    def long_request() -> None:
        start = time.perf_counter()
        status, _ = request(port, "POST", "/v1/summarize", body, {"Content-Type": "application/json"}, timeout=GRACEFUL_TIMEOUT + 30)
        results.append((status, time.perf_counter() - start))

    threads = [threading.Thread(target=long_request) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    time.sleep(0.7)  # the bodies are sent and every worker is summarizing
    return results, threads


# ------------------------------------------------------------------------------------ the phases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--short", action="store_true", help="CI's run: fewer requests, shorter fault windows")
    parser.add_argument("--requests", type=int, help="requests in the load phase (10,000; 1,000 with --short)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--report", type=Path, default=REPO / "test-output" / "load_faults.json")
    args = parser.parse_args(argv)
    total = args.requests or (1_000 if args.short else 10_000)
    window = 6.0 if args.short else 15.0
    article = SAMPLE.read_text(encoding="utf-8")
    mix = request_mix(article)
    rules: dict[str, bool] = {}
    figures: dict[str, object] = {"requests_in_load": total, "concurrency": args.concurrency, "workers": WORKERS}

    with tempfile.TemporaryDirectory(prefix="load-faults-") as workdir:
        server = Server(Path(workdir))
        try:
            # 1 and 2: load, memory, metrics
            run_load(server.port, mix, Tally(), count=len(mix) * 10, concurrency=args.concurrency)  # warm-up
            before = server.rss_mib()
            counted_before = counted_summaries(server.port)
            tally = Tally()
            start = time.perf_counter()
            run_load(server.port, mix, tally, count=total, concurrency=args.concurrency)
            elapsed = time.perf_counter() - start
            after = server.rss_mib()
            counted = counted_summaries(server.port) - counted_before
            growth = {pid: round(after[pid] - before[pid], 1) for pid in before if pid in after}
            figures["load"] = {
                "sent": tally.sent, "failed": tally.failed, "failures": tally.failures,
                "seconds": round(elapsed, 1), "requests_per_second": round(tally.sent / elapsed, 1),
                "latency_p50_ms": round(percentile(tally.latencies, 0.5) * 1000, 1),
                "latency_p99_ms": round(percentile(tally.latencies, 0.99) * 1000, 1),
                "summaries_answered": tally.summaries, "summaries_counted_by_metrics": counted,
            }
            figures["memory_mib"] = {"before": before, "after": after, "growth": growth, "same_workers": set(before) == set(after)}
            rules["load: no failed request"] = tally.failed == 0 and tally.sent == total
            rules["load: /metrics counted every summary"] = counted == tally.summaries
            rules[f"memory: each worker grew < {MEMORY_GROWTH_MIB} MiB"] = set(before) == set(after) and all(g < MEMORY_GROWTH_MIB for g in growth.values())

            # 3: SIGKILL a worker with one long request in flight on each worker: only its own fails
            busy = server.workers()
            results, threads = long_requests_in_flight(server.port)
            victim = min(busy)
            os.kill(victim, signal.SIGKILL)
            for thread in threads:
                thread.join()
            server.wait_ready({victim})
            figures["sigkill_in_flight"] = {"in_flight": len(threads), "answered": sorted(status for status, _ in results)}
            rules["sigkill: of one long request per worker, only the killed worker's failed"] = sorted(s for s, _ in results) == [0] + [200] * (WORKERS - 1)

            # 3: SIGKILL a worker under load
            tally = Tally()
            old = server.workers()
            thread, stop = load_in_background(server.port, mix, tally, args.concurrency)
            time.sleep(window / 3)
            victim = min(old)
            os.kill(victim, signal.SIGKILL)
            killed_at = time.monotonic()
            replaced = False
            while time.monotonic() - killed_at < 60:
                current = server.workers()
                if victim not in current and len(current) == WORKERS:
                    replaced = True
                    break
                time.sleep(0.1)
            replacement_seconds = time.monotonic() - killed_at
            server.wait_ready({victim})
            ready_seconds = time.monotonic() - killed_at
            time.sleep(window / 3)
            stop.set()
            thread.join()
            failed_during = tally.failed
            after_tally = Tally()
            run_load(server.port, mix, after_tally, count=len(mix) * 2, concurrency=args.concurrency)
            figures["sigkill"] = {
                "killed_worker": victim, "sent": tally.sent, "failed": failed_during, "failures": tally.failures,
                "replacement_started_after_s": round(replacement_seconds, 2),
                "replacement_ready_after_s": round(ready_seconds, 2),
                "sent_after_recovery": after_tally.sent, "failed_after_recovery": after_tally.failed,
            }
            rules["sigkill: the worker is replaced"] = replaced
            rules["sigkill: at most its in-flight request failed"] = failed_during <= 1
            rules["sigkill: nothing fails after"] = after_tally.failed == 0

            # 4: SIGHUP under load
            tally = Tally()
            old = server.workers()
            thread, stop = load_in_background(server.port, mix, tally, args.concurrency)
            time.sleep(window / 3)
            server.process.send_signal(signal.SIGHUP)
            reload_seconds = server.wait_ready(old)
            time.sleep(window / 3)
            stop.set()
            thread.join()
            figures["sighup"] = {
                "sent": tally.sent, "failed": tally.failed, "failures": tally.failures,
                "old_workers": sorted(old), "new_workers": sorted(server.workers()),
                "new_workers_ready_after_s": round(reload_seconds, 2),
            }
            rules["sighup: every worker replaced"] = not (server.workers() & old)
            rules["sighup: no failed request"] = tally.failed == 0

            # 5: the worst cases: answered, or stopped at the budget, and no worker killed
            old = server.workers()
            worst = worst_cases(server.port)
            figures["worst_cases"] = {"request_budget_s": REQUEST_BUDGET, "answers": worst}
            rules["worst cases: each answered 200 (a batch: 200 or 503 each) or 503, with Retry-After"] = len(worst) == len(WORST_CASES) and all(w["ok"] for w in worst)
            rules["worst cases: no worker killed or replaced"] = server.workers() == old and "WORKER TIMEOUT" not in server.log.read_text(errors="replace")

            # 6: SIGTERM with long requests in flight
            results, threads = long_requests_in_flight(server.port)
            server.process.send_signal(signal.SIGTERM)
            term_at = time.monotonic()
            try:
                code = server.process.wait(timeout=GRACEFUL_TIMEOUT + 15)
            except subprocess.TimeoutExpired:
                code = None
            exit_seconds = time.monotonic() - term_at
            for thread in threads:
                thread.join()
            figures["sigterm"] = {
                "in_flight": len(threads), "answered": [status for status, _ in results],
                "request_seconds": [round(seconds, 2) for _, seconds in results],
                "exit_code": code, "exited_after_s": round(exit_seconds, 2), "graceful_timeout_s": GRACEFUL_TIMEOUT,
            }
            # Answered, not dropped: 200, or 503 where a busy machine made it reach the request budget.
            rules["sigterm: in-flight requests answered (200, or 503 at the budget)"] = len(results) == WORKERS and all(s in (200, 503) for s, _ in results)
            rules["sigterm: exited within the graceful timeout"] = code == 0 and exit_seconds < GRACEFUL_TIMEOUT
            log = server.log.read_text(errors="replace")
            figures["tracebacks_in_log"] = log.count("Traceback")
            rules["log: no traceback"] = "Traceback" not in log
        finally:
            server.stop()

    figures["rules"] = rules
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    show(figures)
    failed = [rule for rule, ok in rules.items() if not ok]
    print(f"load_faults: {len(rules) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def show(figures: dict) -> None:
    load, memory = figures["load"], figures["memory_mib"]
    kill, hup, term = figures["sigkill"], figures["sighup"], figures["sigterm"]
    print(f"load     {load['sent']} requests, {load['failed']} failed, {load['requests_per_second']} req/s, "
          f"p50 {load['latency_p50_ms']} ms, p99 {load['latency_p99_ms']} ms; /metrics counted "
          f"{load['summaries_counted_by_metrics']:.0f} of {load['summaries_answered']} summaries")
    print(f"memory   workers' RSS MiB before {list(memory['before'].values())}, after {list(memory['after'].values())}")
    print(f"sigkill  {kill['sent']} sent, {kill['failed']} failed; replacement started after "
          f"{kill['replacement_started_after_s']} s, ready after {kill['replacement_ready_after_s']} s; "
          f"{kill['failed_after_recovery']} of {kill['sent_after_recovery']} failed after")
    print(f"sigkill  one long request in flight per worker, one worker killed: answers {figures['sigkill_in_flight']['answered']} (0: no answer)")
    print(f"sighup   {hup['sent']} sent, {hup['failed']} failed; workers {hup['old_workers']} -> {hup['new_workers']}, ready after {hup['new_workers_ready_after_s']} s")
    for w in figures["worst_cases"]["answers"]:
        documents = f" (documents: {w['documents']})" if "documents" in w else ""
        print(f"worst    {w['case']}: {w['status']}{documents} after {w['seconds']} s")
    print(f"sigterm  {term['in_flight']} in flight answered {term['answered']} after {term['request_seconds']} s; "
          f"exit {term['exit_code']} after {term['exited_after_s']} s (graceful timeout {term['graceful_timeout_s']} s)")
    for rule, ok in figures["rules"].items():
        print(f"{'ok  ' if ok else 'FAIL'} {rule}")
    for name in ("load", "sigkill", "sighup"):
        for failure in figures[name]["failures"]:
            print(f"     {name}: {failure}")


if __name__ == "__main__":
    sys.exit(main())
