"""Build speed and memory: asn-portal beside Hugo, Hugo + Pagefind and plain MkDocs + Material, one run.

    python -m benchmarks.build.run --sizes 1000,5000 --ours-sizes 20000 --repeat 3 --out docs/build-benchmark.md

For each size N (courses) it generates a synthetic portal project (``devtools.catalog``: N courses, N/4
articles, the 8 sample factors), writes the same pages as a Hugo site and as a plain MkDocs + Material
project (benchmarks/build/sites.py, hugo.py), and builds each of them ``--repeat`` times, interleaved:
every repetition runs every build once, the r-th starting at the r-th build (rotating), so no build
always follows the same one. Each build runs as child processes of this script and is measured by
benchmarks/build/measure.py: wall and CPU (``os.wait4``), peak memory as the summed PSS of all its
processes sampled every 100 ms, output bytes and HTML pages. ``--ours-sizes`` adds sizes where only
asn-portal is built (its memory at 20,000 courses). The medians, the ratios asn-portal ÷ each and issue
27's goals are written, in Indonesian, to ``--out`` and printed. Ratios matter, never absolute seconds:
run it on a quiet machine (the report records the load average before and after).

``--only ours,hugo+pagefind`` picks builds (names: ours, ours-j1, hugo, hugo+pagefind, mkdocs+material,
mkdocs+material+search and, only when named, mkdocs-fullnav: the earlier baseline whose nav lists every
page, quadratic). ``ours-j1`` (``--jobs 1``) is built only when the CLI has ``--jobs``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.build.measure import BuildError, Measurement, measure, median
from benchmarks.build.report import SizeResult, report
from benchmarks.build.sites import (
    DEFAULT_BUILDS,
    OURS,
    Sites,
    available,
    clean,
    hugo_binary,
    ours_has_jobs,
    pagefind_binary,
    prepare,
)
from devtools.catalog import SITE_URL

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
ROOT = Path(__file__).resolve().parent.parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}


def run_size(sites: Sites, work: Path, repeat: int, timeout: float) -> SizeResult:
    names = list(sites.builds)
    runs: dict[str, list[Measurement]] = {name: [] for name in names}
    env = {**ENV, "HUGO_CACHEDIR": str(work / "hugo-cache")}
    for r in range(repeat):
        for name in names[r % len(names):] + names[:r % len(names)]:
            build = sites.builds[name]
            clean(build)
            m = measure(build.commands, build.output, env, work / f"n{sites.n}" / f"{name}-{r}.log", timeout)
            print(f"  N={sites.n} {name:23} {r + 1}/{repeat}: {m.seconds:7.2f} s  CPU {m.cpu_seconds:7.2f} s  "
                  f"PSS {m.peak_pss_mb:6.0f} MB  RSS {m.peak_rss_mb:6.0f} MB  {m.pages} pages",
                  file=sys.stderr, flush=True)
            runs[name].append(m)
    return SizeResult(sites.n, sites.project.articles, {name: median(runs[name]) for name in names}, runs)


def _version(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=False, timeout=30).stdout
    except OSError:
        return "?"
    found = re.search(r"v?(\d+\.\d+\.\d+)", out)
    return found.group(1) if found else "?"


def machine_description() -> str:
    cpus = len(os.sched_getaffinity(0))
    try:
        mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory = f", {int(mem) / 1024 ** 2:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        memory = ""
    from importlib.metadata import version

    tools = [f"Python {sys.version.split()[0]}", f"MkDocs {version('mkdocs')}",
             f"Material {version('mkdocs-material')}"]
    hugo, pagefind = hugo_binary(), pagefind_binary()
    if hugo:
        tools.append(f"Hugo {_version([str(hugo), 'version'])}")
    if pagefind:
        tools.append(f"Pagefind {_version([str(pagefind), '--version'])}")
    return f"{cpus} CPU{memory}, " + ", ".join(tools)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated numbers of courses (default 1000,5000)")
    parser.add_argument("--ours-sizes", default="", help="sizes where only asn-portal is built, e.g. 20000")
    parser.add_argument("--only", default=",".join(DEFAULT_BUILDS), help="comma-separated builds to run")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "build-benchmark.md")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved repetitions; the median is reported")
    parser.add_argument("--ours-repeat", type=int, default=None,
                        help="repetitions at the --ours-sizes (default: --repeat); a build of 20,000 takes minutes")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before one build is abandoned")
    parser.add_argument("--keep", type=Path, help="generate into this (new) folder and keep it, instead of a temp dir")
    args = parser.parse_args(argv)
    args.size_list = [(int(s), False) for s in args.sizes.split(",") if s.strip()]
    args.size_list += [(int(s), True) for s in args.ours_sizes.split(",") if s.strip()]
    if not args.size_list or min(n for n, _ in args.size_list) < 4 or args.repeat < 1:
        parser.error("sizes must be numbers >= 4 and --repeat >= 1")
    return args


def prepare_apart(n: int, work: Path, names: list[str]) -> Sites:
    """``prepare`` in a fresh interpreter that ends before any build: this script stays small. (On Linux a
    child's ``ru_maxrss`` includes the peak RSS of the process that spawned it, recorded at ``exec``.)"""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(prepare, n, work, names).result()


def measure_all(args: argparse.Namespace, work: Path, names: list[str]) -> tuple[list[SizeResult], str]:
    results: list[SizeResult] = []
    for n, ours_only in args.size_list:
        wanted = [name for name in names if name in OURS] if ours_only else names
        print(f"N={n}: generating {', '.join(wanted)}...", file=sys.stderr, flush=True)
        try:
            repeat = args.ours_repeat if ours_only and args.ours_repeat else args.repeat
            results.append(run_size(prepare_apart(n, work, wanted), work, repeat, args.timeout))
        except BuildError as exc:  # report what was measured so far, and the error
            print(f"N={n}: {exc}", file=sys.stderr)
            return results, f"N={n}: {exc}"
    return results, ""


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names, notes = available({name.strip() for name in args.only.split(",") if name.strip()})
    for note in notes:
        print(f"skipped: {note}", file=sys.stderr)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="asn-build-bench-") as tmp:
        work = args.keep or Path(tmp)
        results, failure = measure_all(args, work, names)
    if not results:
        return 1
    load = f"beban rata-rata 1 menit sebelum/sesudah: {load_before[0]:.2f}/{os.getloadavg()[0]:.2f}"
    repeats = f"{args.repeat}" + (f" ({args.ours_repeat} pada {args.ours_sizes} kursus)" if args.ours_repeat else "")
    text = report(results, repeats, f"{machine_description()}; {load}", notes, ours_has_jobs())
    if failure:
        text += f"\n## Masalah\n\nBuild gagal, pengukuran berhenti:\n\n```text\n{failure}\n```\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 1 if failure else 0


if __name__ == "__main__":
    raise SystemExit(main())
