"""Mutation testing of the contract's core (mutmut): which deliberate small changes the tests do not catch.

    .venv/bin/python -m scripts.mutation                 # every module in [tool.mutmut] only_mutate
    .venv/bin/python -m scripts.mutation select bodies   # some of them (the names of MODULES)
    .venv/bin/python -m scripts.mutation --fresh         # forget earlier results
    .venv/bin/python -m scripts.mutation --worktree      # the work tree with its uncommitted changes
    .venv/bin/python -m scripts.mutation --report        # the table and survivors of the last run, running nothing
    .venv/bin/python -m scripts.mutation bodies --only 'service.bodies.x__inflate*'   # some mutants again
    .venv/bin/python -m scripts.mutation select --recheck  # the timeouts again, one at a time: loops or load?

mutmut (pinned in requirements-dev.txt, configured under ``[tool.mutmut]`` in pyproject.toml)
copies the sources into a ``mutants/`` folder and runs the tests there, so the run happens in a
copy of the last commit (or of the work tree as it is, ``--worktree``), one per module,
``test-output/mutation/<module>/repo`` (git-ignored): the tree is left as it is, uncommitted or concurrent edits do not leak into the
run, and the tests find ``../shared/data`` through a link beside the copy. mutmut keeps its results there (``--report`` prints them again, ``--fresh``
forgets them); each run tries every mutant of the modules named again.

Each module is run against a few fast test files of its own (MODULES; no gunicorn, no browser),
and each mutant only against those of them that called the function it changed. It is slow all
the same (tens of minutes for every module on 2 cores), so it is run on demand, not in CI. It
prints, per module, how many mutants were killed, timed out (caught too: a loop that no longer ends) and survived, then every survivor;
``mutmut show NAME`` in the module's copy prints a survivor's diff.

mutmut's time limit is wall-clock time (its measured time of the tests, plus a constant, times a
multiplier), so on a machine busy with other work a mutant that changes nothing can be reported as
a timeout. ``--recheck`` runs each mutant reported so again, its tests each stopped after ALARM
seconds of CPU time, which other work does not stretch (scripts/mutation_alarm.py): a test still
running then is a loop (a timeout, caught), otherwise it is killed or survived as its tests say. The verdicts are kept beside the copy
(``rechecked.json``) and the table counts them instead of mutmut's. docs/RESULTS.md keeps the latest
table with the reason each survivor is harmless.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "test-output" / "mutation"
#: Kept from the configured selection: filters, not test files.
SELECTION_ARGS = ["-k", "not whatever_the_line_breaks"]
#: What is not copied: environments, history, outputs, caches.
SKIP = {".venv", ".git", "test-output", "mutants", "__pycache__", ".pytest_cache", ".hypothesis", "node_modules"}
#: A short name for each module: the mutmut name patterns of its mutants, the fast tests its mutants
#: run against (each mutant only those of them that call the function it changed), and the row of
#: the table. schemas.py: only its dump part (the answer written out); its load part is the
#: schemas' validation, which the contract and fuzz tests cover.
MODULES = {
    "select": (["service.text.select.*"], ["tests/text/test_select.py", "tests/text/test_coherence.py"],
               "service/text/select.py: selection and bounds"),
    "dump": (["service.schemas.x_dump_summary*", "service.schemas.xǁSummaryResponseSchemaǁ_without_absent_ranking*"],
             ["tests/test_schemas_dump.py", "tests/test_offsets.py", "tests/test_batch.py"],
             "service/schemas.py: dump_summary and the response schema's dump"),
    "offsets": (["service.offsets.*"], ["tests/test_offsets.py"], "service/offsets.py: offsets in each unit"),
    "errors": (["service.errors.*"], ["tests/test_errors.py", "tests/test_problems.py"],
               "service/errors.py: the error classes"),
    "problems": (["service.problems.*"], ["tests/test_problems.py", "tests/test_errors.py", "tests/test_batch.py"],
                 "service/problems.py: problem+json"),
    "bodies": (["service.bodies.*"], ["tests/test_bodies.py", "tests/test_api.py", "tests/test_html_input.py"],
               "service/bodies.py: bodies and negotiation"),
    "settings": (["service.settings.*"], ["tests/test_settings.py", "tests/test_security.py"], "service/settings.py: settings"),
}  # fmt: skip


def copy_of(module: str) -> Path:
    """The copy a module is tested in: one each, since mutmut forgets its results when the tests it runs change."""
    return WORK / module / "repo"


def copy_tree(copy: Path, worktree: bool) -> None:
    """Make ``copy`` the committed tree (HEAD), or the work tree as it is; its mutants/ folder, with the results, is kept."""
    copy.mkdir(parents=True, exist_ok=True)
    for entry in copy.iterdir():
        if entry.name == "mutants":
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if worktree:
        for entry in REPO.iterdir():
            if entry.name in SKIP:
                continue
            if entry.is_dir():
                shutil.copytree(entry, copy / entry.name, ignore=shutil.ignore_patterns(*SKIP))
            else:
                shutil.copy2(entry, copy / entry.name)
    else:
        archive = subprocess.run(["git", "archive", "HEAD"], cwd=REPO, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(copy)], input=archive, check=True)
    # The tests read REPO.parent / "shared"; in mutants/ their REPO is the copy itself.
    for link in (copy / "shared", copy.parent / "shared"):
        if not link.is_symlink():
            link.symlink_to(REPO.parent / "shared")


def select_tests(copy: Path, tests: list[str]) -> None:
    """Make ``tests`` the copy's test selection (with the filters of SELECTION_ARGS)."""
    pyproject = copy / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    start = text.index("pytest_add_cli_args_test_selection = [")
    end = text.index("]", start) + 1
    pyproject.write_text(text[:start] + "pytest_add_cli_args_test_selection = " + json.dumps(tests + SELECTION_ARGS) + text[end:], encoding="utf-8")


def leave_out_failing_tests(copy: Path) -> list[str]:
    """Run the selected tests on the unmutated copy; those that fail there are deselected for the run.

    A test that fails without any mutant kills every mutant it runs against and says nothing about
    them (mutmut refuses to start with one). Several people commit at once, so the last commit may
    hold such a test for a while: it is named here, and left out, rather than stopping the run.
    """
    import tomllib

    config = tomllib.loads((copy / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    command = [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", *config["pytest_add_cli_args_test_selection"], *config["pytest_add_cli_args"]]
    run = subprocess.run(command, cwd=copy, env={**os.environ, "PYTHONHASHSEED": "0"}, text=True, capture_output=True, check=False)
    failing = re.findall(r"^FAILED (\S+)", run.stdout, flags=re.M)
    if failing:
        print("Failing without any mutant, so left out of this run:")
        for test in failing:
            print(f"    {test}")
        pyproject = copy / "pyproject.toml"
        deselect = "".join(f'"--deselect", {json.dumps(test)}, ' for test in failing)
        pyproject.write_text(pyproject.read_text(encoding="utf-8").replace("pytest_add_cli_args = [", "pytest_add_cli_args = [" + deselect, 1), encoding="utf-8")
    return failing


def mutmut(copy: Path, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mutmut", *args]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.run(command, cwd=copy, env=env, text=True, capture_output=capture, check=False)


#: CPU seconds a test may use under a mutant in --recheck before it counts as a loop (the slowest takes 2).
ALARM = 5


def recheck(module: str, jobs: int) -> None:
    """Run each mutant mutmut reported as a timeout again, alone and with a per-test alarm; keep the verdicts."""
    copy = copy_of(module)
    listed = mutmut(copy, "results", "--all", "true", capture=True)
    names = [name for name, status in re.findall(r"^\s*(\S+): (.+)$", listed.stdout, flags=re.M) if status == "timeout" and module_of(name) == module]
    stats = json.loads((copy / "mutants" / "mutmut-stats.json").read_text(encoding="utf-8"))
    config_args = _config_args(copy)
    verdicts: dict[str, str] = {}

    mutants = {name: sorted(stats["tests_by_mangled_function_name"][name.rsplit("__mutmut_", 1)[0]]) for name in names}
    work = {
        "mutants": mutants,
        "args": config_args,
        "seconds": ALARM,
        "jobs": jobs,
        # What the tests import, loaded once before the forks (not the tests themselves: pytest
        # must import them to rewrite their assertions).
        "preload": ["service", "service.app", "service.text.pipeline"],
    }
    work_file = copy.parent / "recheck.json"
    work_file.write_text(json.dumps(work), encoding="utf-8")
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(REPO / "scripts")}
    run = subprocess.Popen([sys.executable, "-m", "mutation_alarm", str(work_file)], cwd=copy / "mutants", env=env, stdout=subprocess.PIPE, text=True)
    for line in run.stdout:
        print(line, end="", flush=True)
        verdict, _, name = line.strip().partition(": ")
        verdicts[name] = verdict
    run.wait()
    (copy.parent / "rechecked.json").write_text(json.dumps(verdicts, indent=1, sort_keys=True), encoding="utf-8")


def _forget_rechecks(module: str, only: list[str] | None) -> None:
    """A new run's timeouts are new: forget the verdicts of --recheck for the mutants it runs."""
    from fnmatch import fnmatch

    path = copy_of(module).parent / "rechecked.json"
    if not path.is_file():
        return
    kept = {name: v for name, v in json.loads(path.read_text(encoding="utf-8")).items() if only and not any(fnmatch(name, p) for p in only)}
    path.write_text(json.dumps(kept, indent=1, sort_keys=True), encoding="utf-8")


def _config_args(copy: Path) -> list[str]:
    """The copy's pytest arguments for mutmut (its deselections included), without the test selection."""
    import tomllib

    return tomllib.loads((copy / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]["pytest_add_cli_args"]


def module_of(name: str) -> str | None:
    from fnmatch import fnmatch

    return next((short for short, (patterns, _, _) in MODULES.items() if any(fnmatch(name, p) for p in patterns)), None)


def report(modules: list[str]) -> int:
    """Print the table and the survivors of ``modules``; the number of survivors."""
    found = []
    for module in modules:
        if (copy_of(module) / "mutants").is_dir():
            listed = mutmut(copy_of(module), "results", "--all", "true", capture=True)
            rechecked_file = copy_of(module).parent / "rechecked.json"
            rechecked = json.loads(rechecked_file.read_text(encoding="utf-8")) if rechecked_file.is_file() else {}
            found += [
                (name, rechecked.get(name, status) if status == "timeout" else status)
                for name, status in re.findall(r"^\s*(\S+): (.+)$", listed.stdout, flags=re.M)
                if module_of(name) == module
            ]
    tally: dict[str, Counter] = {m: Counter() for m in modules}
    survivors: list[tuple[str, str]] = []
    for name, status in found:
        module = module_of(name)
        if module not in tally:
            continue
        tally[module][status] += 1
        if status not in ("killed", "timeout"):
            survivors.append((name, status))
    print()
    print("| module | mutants | killed | timed out | survived | other | caught % |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    total = Counter()
    for module in modules:
        counts = tally[module]
        total.update(counts)
        print(_row(MODULES[module][2], counts))
    print(_row("all", total))
    print()
    for name, status in survivors:
        print(f"{status}: {name}")
    return len(survivors)


def _row(label: str, counts: Counter) -> str:
    """A row of the table. Caught is killed or timed out, as mutmut scores it: a mutant that makes
    its tests run past the time limit (a loop that no longer ends) did not pass them."""
    every = sum(counts.values())
    killed, timeout, survived = counts["killed"], counts["timeout"], counts["survived"]
    share = f"{100 * (killed + timeout) / every:.1f}" if every else "-"
    return f"| {label} | {every} | {killed} | {timeout} | {survived} | {every - killed - timeout - survived} | {share} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"some of {', '.join(MODULES)} (default: all)")
    parser.add_argument("--fresh", action="store_true", help="forget the results of earlier runs")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these mutants (mutmut names, * allowed), e.g. the survivors again")
    parser.add_argument("--worktree", action="store_true", help="test the work tree as it is, not the last commit")
    parser.add_argument("--report", action="store_true", help="print the last results only")
    parser.add_argument("--recheck", action="store_true", help="run the last run's timeouts again, one at a time, to tell loops from a busy machine")
    parser.add_argument("--max-children", type=int, default=2, help="mutants tested at once (default 2: the machine's cores)")
    args = parser.parse_args(argv)
    modules = args.modules or list(MODULES)
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; choose among {', '.join(MODULES)}")
    if args.recheck:
        for module in modules:
            recheck(module, args.max_children)
    elif not args.report:
        for module in modules:
            copy = copy_of(module)
            if args.fresh:
                shutil.rmtree(copy / "mutants", ignore_errors=True)
            copy_tree(copy, args.worktree)
            select_tests(copy, MODULES[module][1])
            print(f"== {module}: {' '.join(MODULES[module][1])}", flush=True)
            leave_out_failing_tests(copy)
            _forget_rechecks(module, args.only)
            run = mutmut(copy, "run", "--max-children", str(args.max_children), *(args.only or MODULES[module][0]))
            if run.returncode != 0:
                return run.returncode
    report(modules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
