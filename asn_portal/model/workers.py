"""Work split over forked processes: a build's pages, checks and renders on every core.

Why fork, and only fork: a forked worker starts with everything the build already holds (the checked
catalog, the resolver, compiled templates, the engine's navigation) without pickling any of it, and
sends back only plain results. Where fork is not safe (Windows has none; macOS' system libraries may
crash in a forked child; a process with other threads, such as `serve`'s server, may deadlock in one)
the work runs in this process instead, the same code in the same order: the output is the same.

A share is a slice of the work, ``share`` of ``jobs``; share 0 is always done by the calling process
itself, so ``jobs=1`` forks nothing. Results come back in share order, so merging them is deterministic.
Log records a worker makes are sent back and handled here, in order, after its share: warnings count
for ``--strict`` and reach the person once.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import BinaryIO, Generic, TypeVar

R = TypeVar("R")


class WorkerError(Exception):
    """A worker failed; ``str()`` is its exception's message (already worded for a person when it was ours)."""

    def __init__(self, message: str, cause: BaseException | None, details: str) -> None:
        super().__init__(message)
        self.cause = cause
        self.details = details  # the worker's traceback, for a report to the portal's maintainers


def can_fork() -> bool:
    """Fork is used on Linux only, and never from a process that runs other threads."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def available_cpus() -> int:
    """The CPUs this process may run on (a container's or taskset's limit, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no affinity on this platform
        return max(1, os.cpu_count() or 1)


# More processes than this only cost memory and file handles (a typo such as --jobs 99999 forked thousands).
MAX_JOBS = 64


def usable_jobs(requested: int | None) -> int:
    """``requested`` workers (None or 0: every available CPU; at most MAX_JOBS), or 1 where forking is not safe."""
    jobs = requested if requested else available_cpus()
    return min(MAX_JOBS, max(1, jobs)) if can_fork() else 1


def jobs_setting(value: object) -> int:
    """The ``jobs`` option as written in mkdocs.yml: a whole number, 0 (every CPU) or more. ValueError says why
    not, in Indonesian."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"jobs harus bilangan bulat 0 (semua CPU) atau lebih, bukan {value!r}.")
    return value


class Shares(Generic[R]):
    """``task(share)`` for shares 1..jobs-1 in forked workers, started by ``start``; the caller does share 0
    (``task(0)`` or its own loop) and then ``collect``s the others' results, in share order."""

    def __init__(self, task: Callable[[int], R], jobs: int) -> None:
        self.task = task
        self.jobs = jobs
        self._children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
        self._frozen = False  # this process's objects frozen for the collector while workers share them

    def start(self) -> None:
        # Objects that exist now are shared with the workers copy-on-write; the collector walking them, in a
        # worker or in this process, would write to (and so copy) every page of them. Frozen until the workers
        # are done (``close``), it leaves them alone on both sides: at 20,000 courses this process's first
        # full collection after the fork had copied 200 MB.
        gc.freeze()
        self._frozen = True
        try:
            self._fork()
        except BaseException:
            self.close()
            raise

    def _fork(self) -> None:
        for share in range(1, self.jobs):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: never returns into the caller's stack (its `finally`s are the parent's)
                os.close(read)
                _work(self.task, share, write)
            os.close(write)
            self._children.append((pid, read))

    def collect(self) -> list[R]:
        """Every worker's result, in share order; a worker's failure is raised here as WorkerError."""
        results: list[R] = []
        failure: WorkerError | None = None
        while self._children:
            pid, read = self._children[0]
            # A worker leaves the list only once reaped: interrupted while reading or waiting, close() still
            # finds it (a `kill` of this process alone must not leave a worker writing into a removed folder).
            with os.fdopen(read, "rb", closefd=False) as pipe:
                status, value, records = _unpickled(pipe)
            os.waitpid(pid, 0)
            self._children.pop(0)
            os.close(read)
            _replay(records)
            if status == "ok":
                results.append(value)  # type: ignore[arg-type]  # what task returned, pickled
            elif failure is None:
                failure = _failure(status, value)
        if failure is not None:
            raise failure
        return results

    def close(self) -> None:
        """Stop and reap workers still running (the build failed or was interrupted before collecting)."""
        for pid, read in self._children:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass
            os.close(read)
        self._children = []
        if self._frozen:
            gc.unfreeze()  # this process collects as before
            self._frozen = False


def run_shares(task: Callable[[int], R], jobs: int) -> list[R]:
    """``[task(0), ..., task(jobs - 1)]``, shares 1.. in forked workers while this process does share 0."""
    shares = Shares(task, jobs)
    try:
        shares.start()
        first = task(0)
        return [first, *shares.collect()]
    finally:
        shares.close()


class Claims:
    """Items ``0..count-1`` handed out in consecutive chunks to whichever process asks next: this one and the
    workers it forks after making this (the counter lives in shared memory). A process whose other work is
    longer (writing the search index) or slower (sending its results back) simply takes fewer chunks, so no
    process waits for another at the end; a fixed split left one idle for up to a tenth of a build."""

    def __init__(self, count: int, chunk: int = 8) -> None:
        self.count = count
        self.chunk = max(1, chunk)
        self._next = multiprocessing.RawValue("q", 0)
        self._lock = multiprocessing.Lock()

    def claim(self) -> range:
        """The next chunk (empty once every item is taken)."""
        with self._lock:
            start = self._next.value
            stop = min(self.count, start + self.chunk)
            self._next.value = stop
        return range(start, stop)

    def __iter__(self) -> Iterator[int]:
        """Every item this process claims, in order, until none is left."""
        while chunk := self.claim():
            yield from chunk


class Claimed:
    """``claims`` as a walk through every item in order: ``mine(i)`` says whether this process builds item ``i``
    (claiming the next chunk when it reaches one it has not claimed), for a loop that visits every item
    (MkDocs' own page loop) while workers take chunks of the same items."""

    def __init__(self, claims: Claims) -> None:
        self.claims = claims
        self.current = range(0)

    def mine(self, item: int) -> bool:
        while item >= self.current.stop:
            chunk = self.claims.claim()
            if not chunk:
                return False
            self.current = chunk
        return item in self.current


def _work(task: Callable[[int], object], share: int, write: int) -> None:
    records: list[logging.LogRecord] = []
    code = 0
    try:
        # Records are kept, not printed: the parent handles them once, in order, with its own counters.
        logging.Logger.callHandlers = lambda self, record: records.append(record)  # type: ignore[method-assign]
        try:
            outcome: tuple[str, object] = ("ok", task(share))
        except BaseException as error:
            outcome = ("error", _portable(error))
        # Pickled straight into the pipe: a share's results pickled whole first were a second copy of them (at
        # 20,000 courses the largest moment of a parallel build's memory, in the worker and again here)
        with os.fdopen(write, "wb") as pipe:
            pickle.dump((*outcome, [_plain(r) for r in records]), pipe, pickle.HIGHEST_PROTOCOL)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _portable(error: BaseException) -> tuple[str, BaseException | None, str]:
    details = "".join(traceback.format_exception(error))
    try:
        pickle.loads(pickle.dumps(error))
        return str(error), error, details
    except Exception:
        return str(error), None, details


def _failure(status: str, value: object) -> WorkerError:
    if status == "lost":
        return WorkerError("proses pembantu berhenti tanpa hasil (kehabisan memori?); coba lagi dengan --jobs 1",
                           None, "")
    assert isinstance(value, tuple)
    message, cause, details = value
    return WorkerError(str(message), cause if isinstance(cause, BaseException) else None, str(details))


def _plain(record: logging.LogRecord) -> logging.LogRecord:
    record.msg = record.getMessage()
    record.args = None
    record.exc_info = None
    return record


def _unpickled(pipe: BinaryIO) -> tuple[str, object, list[logging.LogRecord]]:
    """What a worker sent, read as it arrives; ("lost", ...) when it ended without sending all of it (the pipe is
    read to its end either way, so the worker is never left blocked writing)."""
    # Unpickling many small objects (a share's YAML trees) set off full collections over this process's large
    # heap: 2.2 s of CPU for one share at 5,000 courses, 0.3 s with the collector paused.
    enabled = gc.isenabled()
    gc.disable()
    try:
        loaded: tuple[str, object, list[logging.LogRecord]] = pickle.load(pipe)
        return loaded
    except Exception:  # nothing, or part of a result: the worker died (killed, out of memory) or failed pickling
        return "lost", None, []
    finally:
        pipe.read()
        if enabled:
            gc.enable()


def _replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)
