"""What ``asn-portal build --jobs N`` does on this machine, N = 1, 2, 4, 8 up to its CPUs (and all of them):
wall and CPU seconds of one build each, on a generated catalog. Informational (.ci/run prints it on CI's
machine, which has more cores than the development machine); the bytes are compared by
tests/build/test_parallel_build.py.

    python -m benchmarks.build.jobs [--courses 1000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from asn_portal.model.workers import available_cpus
from devtools.catalog import generate_project

COMMAND = Path(sys.executable).parent / "asn-portal"


def build(project: Path, jobs: int) -> tuple[float, float]:
    """Wall and CPU (user + system, workers included) seconds of one build."""
    shutil.rmtree(project / "site", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen([str(COMMAND), "-f", str(project / "mkdocs.yml"), "build", "--jobs", str(jobs)],
                            stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"build --jobs {jobs} failed (exit {proc.returncode})")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--courses", type=int, default=1000)
    args = parser.parse_args(argv)
    cpus = available_cpus()
    counts = sorted({n for n in (1, 2, 4, 8) if n <= cpus} | {cpus})
    with tempfile.TemporaryDirectory(prefix="asn-jobs-") as tmp:
        project = generate_project(Path(tmp) / "portal", args.courses).root
        build(project, 1)  # warm: compiled templates on disk, files in the page cache
        one = None
        print(f"{args.courses} courses, {cpus} CPUs")
        for jobs in counts:
            wall, cpu = build(project, jobs)
            one = one or wall
            print(f"--jobs {jobs}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, {one / wall:4.2f}x against --jobs 1")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
