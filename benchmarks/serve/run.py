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
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.build.run import machine_description
from devtools.catalog import generate_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent  # the venv's bin/: asn-portal and mkdocs live beside its python

SERVERS = ("ours", "baseline")
LABELS = {"ours": "asn-portal serve", "baseline": "mkdocs serve (baseline)"}
COURSE_INDEX = 9  # the 10th course file, sorted by name
INDEX_PATH = "/kursus/"
SETTLE_FIRST = 1.0  # seconds to wait after an edit became visible before checking the server is quiet
SETTLE_GAP = 0.5  # seconds between the two GETs that must return the same HTML
SETTLE_MAX = 60.0  # give up waiting for a quiet server after this long (noted in the report)
STOP_TIMEOUT = 15.0
GOAL_RATIO, GOAL_SECONDS = 1.5, 1.0
_LIVERELOAD = re.compile(r"livereload\(\d+,\s*\d+\)")
_TITLE_LINE = re.compile(r"^title:.*$", re.MULTILINE)


class ServeError(RuntimeError):
    pass


# -- one server --------------------------------------------------------------------------------


@dataclass
class ServerResult:
    server: str
    n: int
    first_serve: float | None = None
    course: list[float] = field(default_factory=list)  # seconds from the replace to the course page
    index: list[float] = field(default_factory=list)  # ... to the course index page
    settle: list[float] = field(default_factory=list)  # seconds from both visible to a quiet server
    unsettled: int = 0  # edits after which the server did not become quiet within SETTLE_MAX
    peak_rss_mb: float | None = None
    error: str = ""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(url: str, timeout: float) -> tuple[int, str] | None:
    """Status and body of a GET, or None when the server does not answer (not up yet, timed out)."""
    try:
        with urllib.request.urlopen(url, timeout=max(timeout, 0.5)) as response:
            return int(response.status), response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (OSError, http.client.HTTPException):  # URLError, refused, reset, timed out; a cut-off response
        return None


class Server:
    """A serve command running as a child of this script, in its own session, with its output in a log."""

    def __init__(self, command: list[str], log: Path, port: int) -> None:
        self.command, self.log, self.base = command, log, f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> float:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        with self.log.open("wb") as out:
            started = time.perf_counter()
            self.proc = subprocess.Popen(self.command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         env=env, start_new_session=True)
        return started

    def alive(self) -> None:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise ServeError(f"server exited with {self.proc.returncode}: {shlex.join(self.command)}\n{self.tail()}")

    def tail(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        except OSError:
            return ""

    def get(self, path: str, timeout: float) -> tuple[int, str] | None:
        return http_get(self.base + path, timeout)

    def peak_rss_mb(self) -> float | None:
        assert self.proc is not None
        try:
            status = Path(f"/proc/{self.proc.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB -> MB
        return None

    def stop(self) -> None:
        """SIGINT (what Ctrl+C sends), then SIGKILL after STOP_TIMEOUT; always reaps the process."""
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        start = time.perf_counter()
        try:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=STOP_TIMEOUT)
            print(f"  server {proc.pid} stopped by SIGINT in {time.perf_counter() - start:.1f} s "
                  f"(exit {proc.returncode})", file=sys.stderr, flush=True)
        except subprocess.TimeoutExpired:
            print(f"  server {proc.pid} ignored SIGINT for {STOP_TIMEOUT:.0f} s: killing it", file=sys.stderr)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def poll(server: Server, checks: dict[str, Callable[[tuple[int, str] | None], bool]], start: float,
         timeout: float, interval: float, what: str) -> dict[str, float]:
    """GET each path until its check passes; seconds from ``start`` to each path's first pass."""
    done: dict[str, float] = {}
    deadline = start + timeout
    while True:
        for path, check in checks.items():
            if path in done:
                continue
            answer = server.get(path, deadline - time.perf_counter())
            if check(answer):
                done[path] = time.perf_counter() - start
        if len(done) == len(checks):
            return done
        server.alive()
        if time.perf_counter() > deadline:
            missing = ", ".join(p for p in checks if p not in done)
            raise ServeError(f"{what}: {missing} not seen after {timeout:.0f} s\n{server.tail()}")
        time.sleep(interval)


def settle(server: Server, paths: list[str], timeout: float) -> float | None:
    """Wait SETTLE_FIRST s, then until two GETs of every path SETTLE_GAP s apart are the same HTML.

    Returns seconds waited, or None if the pages still changed after SETTLE_MAX s.
    """
    start = time.perf_counter()
    time.sleep(SETTLE_FIRST)

    def snapshot() -> list[str]:
        pages = []
        for path in paths:
            answer = server.get(path, timeout)
            pages.append("" if answer is None else f"{answer[0]} {_LIVERELOAD.sub('', answer[1])}")
        return pages

    before = snapshot()
    while True:
        time.sleep(SETTLE_GAP)
        after = snapshot()
        if after == before and all(after):
            return time.perf_counter() - start
        if time.perf_counter() - start > SETTLE_MAX:
            return None
        server.alive()
        before = after


def replace_title(path: Path, title: str) -> None:
    """Change the top-level ``title:`` line and save like ``sed -i``: a temp file in the folder, then rename."""
    text = path.read_text(encoding="utf-8")
    new, count = _TITLE_LINE.subn(f"title: {title}", text, count=1)
    if count != 1:
        raise ServeError(f"no top-level title: line in {path}")
    fd, tmp = tempfile.mkstemp(prefix="sed", dir=path.parent)  # sed -i writes ./sedXXXXXX
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(new)
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def server_command(name: str, config: Path, port: int) -> list[str]:
    address = f"127.0.0.1:{port}"
    if name == "ours":
        return [str(BIN / "asn-portal"), "-f", str(config), "serve", "-a", address]
    return [str(BIN / "mkdocs"), "serve", "-f", str(config), "-a", address]


def run_server(name: str, n: int, source: Path, work: Path, edits: int, timeout: float, interval: float,
               run_id: str) -> ServerResult:
    result = ServerResult(name, n)
    project = work / f"n{n}" / name
    shutil.copytree(source, project)
    course_file = sorted((project / "content" / "courses").glob("*.yml"))[COURSE_INDEX]
    course_path = f"/kursus/{course_file.stem}/"
    port = free_port()
    server = Server(server_command(name, project / "mkdocs.yml", port), work / f"n{n}" / f"{name}.log", port)

    def ok(answer: tuple[int, str] | None) -> bool:
        return answer is not None and answer[0] == 200

    def shows(title: str) -> Callable[[tuple[int, str] | None], bool]:
        return lambda answer: answer is not None and answer[0] == 200 and title in answer[1]

    try:
        started = server.start()
        assert server.proc is not None
        seen = poll(server, {"/": ok, course_path: ok}, started, timeout, interval, "first serve")
        result.first_serve = max(seen.values())
        print(f"  N={n} {name:8} first serve {result.first_serve:7.2f} s (pid {server.proc.pid}, {server.base})",
              file=sys.stderr, flush=True)
        settle(server, ["/", course_path], timeout)
        for k in range(1, edits + 1):
            title = f"AAA Judul Baru {k} {run_id}"
            replace_title(course_file, title)
            saved = time.perf_counter()
            seen = poll(server, {course_path: shows(title), INDEX_PATH: shows(title)}, saved, timeout, interval,
                        f"edit {k}")
            result.course.append(seen[course_path])
            result.index.append(seen[INDEX_PATH])
            quiet = settle(server, [course_path, INDEX_PATH], timeout)
            if quiet is None:
                result.unsettled += 1
            else:
                result.settle.append(quiet)
            print(f"  N={n} {name:8} edit {k}/{edits}: course page {seen[course_path]:6.2f} s, index "
                  f"{seen[INDEX_PATH]:6.2f} s, quiet after {'>' + str(SETTLE_MAX) if quiet is None else f'{quiet:.1f}'}"
                  " s more", file=sys.stderr, flush=True)
        result.peak_rss_mb = server.peak_rss_mb()
    except ServeError as exc:
        result.error = str(exc)
        print(f"  N={n} {name}: {exc}", file=sys.stderr, flush=True)
    finally:
        server.stop()
    return result


# -- report ------------------------------------------------------------------------------------


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
