"""One build as child processes of this script: wall time, CPU time, peak memory of ALL its processes, output.

* Wall: ``time.perf_counter()`` from spawning the first command to reaping the last.
* CPU: user + system time from ``os.wait4``'s ``rusage`` of each command, which includes the processes it
  waited for itself (a parallel build's forked workers, ``git``); summed over the commands of a step
  (Hugo, then Pagefind).
* Memory: ``ru_maxrss`` is the peak of ONE process (the largest), not of a build whose workers run at
  the same time. So a thread samples, every ``INTERVAL`` seconds, every process in the build's session
  (each command starts a new session; its workers stay in it) and sums their RSS and their PSS from
  ``/proc/<pid>/smaps_rollup``. PSS divides each page among the processes that share it, so the
  copy-on-write pages of forked workers count once: the peak summed PSS is what the reports call
  "peak memory". The summed RSS (shared pages counted in every process) and the largest ``ru_maxrss``
  are kept too. A sample can miss a peak shorter than the interval; ``ru_maxrss`` misses none, but on
  Linux it also holds the peak RSS of this script (``exec`` records the old address space's high-water
  mark, and a vforked child's old space is its parent's), so this script must stay small.
* Output: every file under the output folder (bytes), the ``*.html`` files (bytes), and the HTML pages
  (HTML files but redirect stubs: small files with ``http-equiv="refresh"``).

Linux only (``/proc``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

INTERVAL = 0.1  # seconds between two samples: reading smaps_rollup of a large process costs CPU the build then lacks
_KB = 1024


class BuildError(RuntimeError):
    pass


@dataclass
class Measurement:
    seconds: float
    cpu_seconds: float
    peak_pss_mb: float  # the peak of the summed PSS of every process of the build ("peak memory")
    peak_rss_mb: float  # the peak of the summed RSS (shared pages counted once per process)
    maxrss_mb: float  # the largest single process (ru_maxrss)
    pages: int  # HTML pages, redirect stubs left out
    html_bytes: int
    output_bytes: int  # every file of the output folder


@dataclass
class Usage:
    seconds: float
    cpu_seconds: float
    maxrss_mb: float


def _read(path: str) -> bytes:
    """A /proc file's bytes, or none if the process has gone (os.open/os.read: a sample costs ~1 ms of CPU)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return b""
    try:
        return os.read(fd, 4096)
    except OSError:
        return b""
    finally:
        os.close(fd)


def session_pids(session: int) -> list[int]:
    """The processes whose session is ``session`` (field 6 of /proc/<pid>/stat)."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = _read(f"/proc/{name}/stat")
            fields = stat[stat.rfind(b")") + 2:].split(maxsplit=4)  # after "(comm)", which may hold spaces
            if len(fields) > 3 and int(fields[3]) == session:
                found.append(int(name))
    return found


def rss_pss_kb(pid: int) -> tuple[int, int]:
    """RSS and PSS of one process in KiB (0 if it has gone, or is a zombie)."""
    values = {b"Rss:": 0, b"Pss:": 0}
    for line in _read(f"/proc/{pid}/smaps_rollup").splitlines():
        key, _, rest = line.partition(b" ")
        if key in values:
            values[key] = int(rest.split()[0])
    return values[b"Rss:"], values[b"Pss:"]


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a session's processes until stopped; keeps the peaks (KiB)."""

    def __init__(self, session: int) -> None:
        super().__init__(daemon=True)
        self.session = session
        self.peak_rss = self.peak_pss = 0
        self._done = threading.Event()

    def sample(self) -> None:
        rss = pss = 0
        for pid in session_pids(self.session):
            r, p = rss_pss_kb(pid)
            rss, pss = rss + r, pss + p
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)

    def run(self) -> None:
        while not self._done.wait(INTERVAL):
            self.sample()

    def stop(self) -> None:
        self._done.set()
        self.join()


def _kill_session(session: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # ended meanwhile
        os.killpg(session, signal.SIGKILL)


def run_command(command: Sequence[str], env: Mapping[str, str], log: Path, timeout: float,
                peaks: list[TreeSampler]) -> Usage:
    """Run one command in a new session, sampled; reap it with wait4. Raises BuildError if it fails."""
    with log.open("ab") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(list(command), stdout=out, stderr=subprocess.STDOUT, env=dict(env),
                                start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        killer = threading.Timer(timeout, _kill_session, (proc.pid,))
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: the build does not outlive this script
            _kill_session(proc.pid)
            os.wait4(proc.pid, 0)
            raise
        finally:
            killer.cancel()
            sampler.stop()
            proc.returncode = 0  # reaped here; keep Popen from waiting again
        seconds = time.perf_counter() - start
    peaks.append(sampler)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        reason = f"timed out after {timeout:.0f} s" if code == -signal.SIGKILL else f"exit {code}"
        raise BuildError(f"{reason}: {' '.join(command)}\n{tail}")
    return Usage(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / _KB)  # ru_maxrss: KiB on Linux


def _is_redirect(path: Path, size: int) -> bool:
    return size < 2048 and b'http-equiv="refresh"' in path.read_bytes().lower()


def output_size(folder: Path) -> tuple[int, int, int]:
    """(HTML pages, HTML bytes, bytes of every file) under ``folder``."""
    pages = html = total = 0
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            html += size
            pages += not _is_redirect(path, size)
    return pages, html, total


def measure(commands: Sequence[Sequence[str]], output: Path, env: Mapping[str, str], log: Path,
            timeout: float) -> Measurement:
    """Run ``commands`` one after the other (one build: e.g. Hugo then Pagefind) and measure them together:
    wall and CPU summed, memory the largest of the commands' peaks."""
    log.write_bytes(b"")
    peaks: list[TreeSampler] = []
    usages = [run_command(command, env, log, timeout, peaks) for command in commands]
    pages, html, total = output_size(output)
    return Measurement(sum(u.seconds for u in usages), sum(u.cpu_seconds for u in usages),
                       max(p.peak_pss for p in peaks) / _KB, max(p.peak_rss for p in peaks) / _KB,
                       max(u.maxrss_mb for u in usages), pages, html, total)


def median(runs: Sequence[Measurement]) -> Measurement:
    def mid(attr: str) -> float:
        values: list[float] = [getattr(r, attr) for r in runs]
        return statistics.median(values)

    last = runs[-1]
    return Measurement(mid("seconds"), mid("cpu_seconds"), mid("peak_pss_mb"), mid("peak_rss_mb"), mid("maxrss_mb"),
                       last.pages, last.html_bytes, last.output_bytes)
