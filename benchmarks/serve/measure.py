"""One server of the serve benchmark, measured on its own copy of a generated project: start it, wait for the
first serve, save ``--edits`` course edits and time when each is visible, let it settle, read its peak RSS,
stop it. The method is described step by step in run.py's docstring; run.py runs this for each size and
server and writes the report.

Linux only (``/proc``).
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent  # the venv's bin/: asn-portal and mkdocs live beside its python

COURSE_INDEX = 9  # the 10th course file, sorted by name
INDEX_PATH = "/kursus/"
SETTLE_FIRST = 1.0  # seconds to wait after an edit became visible before checking the server is quiet
SETTLE_GAP = 0.5  # seconds between the two GETs that must return the same HTML
SETTLE_MAX = 60.0  # give up waiting for a quiet server after this long (noted in the report)
STOP_TIMEOUT = 15.0
_LIVERELOAD = re.compile(r"livereload\(\d+,\s*\d+\)")
_TITLE_LINE = re.compile(r"^title:.*$", re.MULTILINE)


class ServeError(RuntimeError):
    pass


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
