"""Contributor preview speed: ``asn-portal serve`` vs. MkDocs' own ``mkdocs serve``, side by side.

A contributor previews the portal with ``asn-portal serve`` and saves a course's YAML file: how long
until the browser shows the change? ``mkdocs serve`` (with the asn-portal plugin, which is what
``asn-portal serve`` ran until now) rebuilds the whole site on every save, so the wait grows with the
catalog. This script measures both servers on the same machine, one right after the other, and reports
RATIOS (never absolute timings as pass/fail):

    python -m benchmarks.serve.run [--sizes 300,1000,5000] [--edits 3] [--servers ours,baseline]
                                   [--out docs/serve-benchmark.md] [--timeout 600] [--keep]

For each size N (number of courses) it

1. generates, once, a synthetic portal project in a temporary folder (``devtools.catalog``'s
   ``generate_project``: this checkout's ``mkdocs.yml``, pages and factors, N courses, N/4 articles);
2. for each server gives it its own fresh copy of that project (``shutil.copytree``) and a free port:

   * "ours": ``asn-portal -f <copy>/mkdocs.yml serve -a 127.0.0.1:<port>``;
   * "baseline": ``mkdocs serve -f <copy>/mkdocs.yml -a 127.0.0.1:<port>`` (live reload on, as
     ``asn-portal serve`` ran it);

3. **first serve**: seconds from spawning the server until ``GET /`` and ``GET /kursus/<slug>/`` (the
   course of the 10th file of ``content/courses/*.yml``, sorted; its slug is the file stem) both answer
   200;
4. **edit visible**: ``--edits`` times, replaces that course's top-level ``title:`` line with a new,
   unique title that sorts first (``AAA Judul Baru <k> <run id>``, letters, digits and spaces only, so
   the HTML shows it verbatim) and saves the file the way ``sed -i`` does: the new text goes to a
   temporary file in the same folder, which ``os.replace`` moves over the original. From that replace,
   both pages are polled (every ``--interval`` s, 0.05 by default) until (a) the course page
   ``/kursus/<slug>/`` and (b) the first page of the course index ``/kursus/`` (courses are listed by
   title, 50 per page, so the new title is on page 1) contain the new title; each time is measured on
   its own, from the replace. After each edit the server is left to settle -- 1 s, then until two
   GETs of both pages 0.5 s apart return the same HTML (the live-reload snippet, which carries a
   per-request id, is ignored) -- so a rebuild still running from one edit does not delay the next.
   The median and the range over the edits are reported;
5. **peak RSS**: ``VmHWM`` of the server process (``/proc/<pid>/status``) just before it is stopped;
   children are not counted;
6. stops the server with SIGINT (Ctrl+C), and kills it if it has not exited after 15 s.

The servers run one at a time (their order alternates from one N to the next), each in its own
session, so a Ctrl+C at the terminal reaches only this script, which then stops the running server;
nothing is left running. Each server's output is written to ``<work>/nN/<server>.log``. A GET of an
HTML page from MkDocs' live-reload server waits while a rebuild is running, so a poll never sees a
half-written site. The project copies are not Git checkouts, so "last updated" dates are skipped.

The measuring of one server (the server process, the polls, the edit, the settling) is in
``measure.py``; this module generates the projects, runs the servers in turn and writes the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.build.run import machine_description
from benchmarks.serve.measure import COURSE_INDEX, SETTLE_MAX, ServerResult, run_server
from devtools.catalog import generate_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

SERVERS = ("ours", "baseline")
LABELS = {"ours": "asn-portal serve", "baseline": "mkdocs serve (baseline)"}
GOAL_RATIO, GOAL_SECONDS = 1.5, 1.0


def _s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def _spread(values: list[float]) -> str:
    if not values:
        return "–"
    if len(values) == 1:
        return _s(values[0])
    return f"{_s(statistics.median(values))} [{_s(min(values))}–{_s(max(values))}]"


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _ratio(a: float | None, b: float | None) -> str:
    return "–" if a is None or b is None or b <= 0 else f"**{a / b:.2f}×**"


def report(results: list[ServerResult], args: argparse.Namespace, command: str, started: dt.datetime,
           loads: tuple[str, str]) -> str:
    sizes = sorted({r.n for r in results})
    by = {(r.n, r.server): r for r in results}
    lines = [
        "# Preview (serve) benchmark",
        "",
        f"Measured on {started:%Y-%m-%d %H:%M} UTC by `{command}`.",
        "",
        f"Machine: {machine_description()} ({platform.python_implementation()} {platform.python_version()} on "
        f"{platform.platform()}). Load average (1, 5, 15 min) at the start: {loads[0]}; at the end: {loads[1]}.",
        "",
        "What is measured: a contributor runs a preview server and saves a course's YAML file. For each "
        "catalog size N (N courses, N/4 articles, 8 factors, generated by `devtools/catalog.py`), two "
        "servers run one after the other on the same machine, each on its own fresh copy of the project: "
        "**asn-portal serve** (`asn-portal -f mkdocs.yml serve`) and the **baseline**, MkDocs' own "
        "`mkdocs serve -f mkdocs.yml` with the asn-portal plugin (what `asn-portal serve` used to run; it "
        "rebuilds the whole site on every save). *First serve* is the time from starting the server "
        "until the home page and a course page both answer 200. *Edit visible* is the time from saving "
        "the course file (the new text written to a temporary file in the same folder and renamed over "
        "the original, as `sed -i` does) until the course page, and separately the first page of the "
        "course index (`/kursus/`), contain the new title; pages are polled every "
        f"{args.interval:g} s. Each server gets {args.edits} edit(s), with the server left to settle "
        "(1 s, then until two GETs 0.5 s apart return the same HTML) between edits; the median is "
        "shown with the range in brackets. *Peak RSS* is the server process's `VmHWM` just before it "
        "is stopped (child processes not counted). Absolute seconds depend on the machine: compare the "
        "**ratios**.",
        "",
        "| Courses | Server | First serve (s) | Edit visible: course page (s) | Edit visible: index page (s) "
        "| Peak RSS (MB) |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for n in sizes:
        for name in SERVERS:
            r = by.get((n, name))
            if r is None:
                continue
            rss = "–" if r.peak_rss_mb is None else f"{r.peak_rss_mb:.0f}"
            lines.append(f"| {n:,} | {LABELS[name]}{' (failed)' if r.error else ''} | {_s(r.first_serve)} "
                         f"| {_spread(r.course)} | {_spread(r.index)} | {rss} |")
    lines += [
        "",
        "## Ratios",
        "",
        "Baseline ÷ asn-portal serve, per catalog size (above 1: asn-portal serve is faster). Edit "
        "visible uses the medians.",
        "",
        "| Courses | First serve | Edit visible: course page | Edit visible: index page |",
        "|---:|---:|---:|---:|",
    ]
    for n in sizes:
        ours, base = by.get((n, "ours")), by.get((n, "baseline"))
        if ours is None or base is None:
            lines.append(f"| {n:,} | – | – | – |")
            continue
        lines.append(f"| {n:,} | {_ratio(base.first_serve, ours.first_serve)} "
                     f"| {_ratio(_median(base.course), _median(ours.course))} "
                     f"| {_ratio(_median(base.index), _median(ours.index))} |")
    small, large = sizes[0], sizes[-1]
    lines += [
        "",
        "### Growth with the catalog" + (f": N = {large:,} ÷ N = {small:,}" if large != small else ""),
        "",
        f"Goal for asn-portal serve: an edit is visible (course page and index page) at the largest N within "
        f"{GOAL_RATIO:g}× of the time at the smallest N, or in under {GOAL_SECONDS:g} s.",
        "",
    ]
    if large == small:
        lines.append("Only one size was measured.")
    else:
        lines += ["| Server | Edit visible: course page | Edit visible: index page | First serve | Goal met |",
                  "|---|---:|---:|---:|---|"]
    for name in SERVERS if large != small else ():
        a, b = by.get((large, name)), by.get((small, name))
        if a is None or b is None:
            continue
        goal = "–"
        worst_large = max(_median(a.course) or 0.0, _median(a.index) or 0.0) if a.course and a.index else None
        worst_small = max(_median(b.course) or 0.0, _median(b.index) or 0.0) if b.course and b.index else None
        if worst_large is not None and worst_small:
            goal = "yes" if worst_large < GOAL_SECONDS or worst_large / worst_small <= GOAL_RATIO else "no"
        lines.append(f"| {LABELS[name]} | {_ratio(_median(a.course), _median(b.course))} "
                     f"| {_ratio(_median(a.index), _median(b.index))} | {_ratio(a.first_serve, b.first_serve)} "
                     f"| {goal} |")
    notes = [r for r in results if r.unsettled]
    failures = [r for r in results if r.error]
    lines += ["", "## Raw edit times", "",
              "Seconds from the save to the new title on the course page / on the index page, per edit; "
              "then how long after that the server took to become quiet (two identical GETs; 1.5 s is the least "
              "possible, 1 s of waiting and one 0.5 s gap). Both pages are polled in turn and a GET waits while "
              "the server rebuilds, so the two times of one edit can differ by one poll round either way.", ""]
    for r in results:
        edits = ", ".join(f"{c:.2f}/{i:.2f}" for c, i in zip(r.course, r.index, strict=True)) or "–"
        quiet = ", ".join(f"{q:.1f}" for q in r.settle) or "–"
        lines.append(f"- N = {r.n:,}, {LABELS[r.server]}: {edits}; quiet after {quiet} s")
    if notes:
        lines += ["", "Note: " + "; ".join(
            f"N = {r.n:,}, {LABELS[r.server]}: {r.unsettled} edit(s) after which the pages still changed "
            f"after {SETTLE_MAX:.0f} s" for r in notes) + "."]
    if failures:
        lines += ["", "## Problems", ""]
        for r in failures:
            lines += [f"N = {r.n:,}, {LABELS[r.server]}:", "", "```text", r.error.strip(), "```", ""]
    lines.append("")
    return "\n".join(lines)


def _loadavg() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="300,1000,5000", help="comma-separated numbers of courses "
                        "(default 300,1000,5000)")
    parser.add_argument("--edits", type=int, default=3, help="edits per server and size (default 3)")
    parser.add_argument("--servers", default=",".join(SERVERS), help="which servers: ours,baseline (default both)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "serve-benchmark.md")
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds to wait for the first serve or for one edit to show (default 600)")
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between polls (default 0.05)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and server logs")
    # Started in the background by a non-interactive shell, this script inherits SIGINT ignored, and so
    # would the servers (an ignored signal stays ignored across exec): they would not stop on SIGINT.
    # A handled signal is reset to its default on exec, so each server's Python installs its own handler.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    raw = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(raw)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    if not sizes or min(sizes) < COURSE_INDEX + 1 or args.edits < 1:
        parser.error(f"sizes must be numbers >= {COURSE_INDEX + 1} and --edits >= 1")
    if not servers or any(s not in SERVERS for s in servers):
        parser.error(f"--servers: a comma-separated subset of {','.join(SERVERS)}")
    command = shlex.join(["python", "-m", "benchmarks.serve.run", *raw])
    started, load_start = dt.datetime.now(dt.timezone.utc), _loadavg()
    run_id = f"r{int(time.time()) % 1_000_000}"
    work = Path(tempfile.mkdtemp(prefix="asn-serve-bench-"))
    results: list[ServerResult] = []
    try:
        for i, n in enumerate(sizes):
            print(f"N={n}: generating in {work}...", file=sys.stderr, flush=True)
            source = generate_project(work / f"n{n}" / "source", n).root
            order = servers if i % 2 == 0 else servers[::-1]  # alternate: no order bias
            for name in order:
                results.append(run_server(name, n, source, work, args.edits, args.timeout, args.interval, run_id))
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if not results:
        return 1
    text = report(results, args, command, started, (load_start, _loadavg()))
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
