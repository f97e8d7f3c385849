"""Build speed and memory: asn-portal vs. the same pages written by hand, side by side.

Material for MkDocs renders the whole navigation into every page, so a hand-written site whose
``nav`` lists every page grows quadratically: each of N pages carries an N-item nav. asn-portal
keeps single courses and articles out of the nav (the index pages are the way in), so a catalog
should build in time and memory roughly linear in its size. This script measures both on the same
machine, one build right after the other, and reports RATIOS (never absolute timings as pass/fail):

    python -m benchmarks.build.run [--sizes 300,1000] [--out docs/build-benchmark.md] [--repeat 1]

For each size N (number of courses) it

1. generates, in a temporary folder, a synthetic portal project: this repository's ``mkdocs.yml``,
   ``content/pages/`` and ``content/factors/`` (the 8 sample factors), plus N course and N/4 article
   YAML files that are valid per the content model (seeded, so every run writes the same bytes;
   course *i* is the same at every N);
2. "ours": builds it with the CLI, ``asn-portal -f <dir>/mkdocs.yml build``;
3. "baseline (hand-written)": exports the very pages asn-portal generates (through
   ``asn_portal.render.pages.render_catalog``: their HTML, which a Markdown page may hold) into a plain
   ``docs/`` folder, plus the hand-written pages with the home overview appended, and a
   ``mkdocs.yml`` without the asn-portal plugin whose ``nav``
   lists EVERY page (Beranda, then sections Kursus/Faktor/Artikel each listing all their pages) --
   what a team would do by hand without the plugin -- and builds it with ``mkdocs build``;
4. reports wall seconds, peak RSS, HTML output size, the ratios baseline/ours and ours' seconds per
   page at each N (linearity), as a Markdown table printed and written to ``--out``.

How time and memory are measured
--------------------------------
Each build runs as a direct child of this script (``subprocess.Popen``) and is reaped with
``os.wait4(pid)``, which returns the ``rusage`` of *that one child* (and of any grandchildren it
waited for itself, e.g. ``git``). Its ``ru_maxrss`` is the peak resident set size of that build
alone -- unlike ``resource.getrusage(RUSAGE_CHILDREN)``, which is a maximum over *all* children
ever reaped, so a later, smaller build would just repeat an earlier build's peak. No external tool
(``/usr/bin/time``, psutil) is needed. ``ru_maxrss`` is in KiB on Linux (bytes on macOS; handled).
Wall time is ``time.perf_counter()`` from spawning to reaping; CPU time (user + system) comes
from the same ``rusage``. Both builds see the same environment, with ``NO_MKDOCS_2_WARNING=1``
and a fixed ``SITE_URL``; the project folder is not a Git checkout, so asn-portal's "last
updated" dates are skipped (as in a shallow CI clone). With ``--repeat R`` the two builds
alternate R times and the median of each measure is reported.

Output size counts every ``*.html`` file under ``site/`` (pages, 404.html); KB means 1024 bytes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from devtools.catalog import SITE_URL, export_baseline, generate_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent  # the venv's bin/: asn-portal and mkdocs live beside its python

# -- measuring ---------------------------------------------------------------------------------


@dataclass
class Measurement:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    html_pages: int
    html_bytes: int

    @property
    def kb_per_page(self) -> float:
        return self.html_bytes / self.html_pages / 1024 if self.html_pages else float("nan")


class BuildError(RuntimeError):
    pass


def measure(command: Sequence[str], site_dir: Path, log: Path, timeout: float) -> Measurement:
    """Run one build as a direct child and reap it with wait4: its own wall time and peak RSS."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(list(command), stdout=out, stderr=subprocess.STDOUT, env=env)
        deadline = start + timeout
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    raise BuildError(f"timed out after {timeout:.0f} s: {' '.join(command)}")
                time.sleep(0.02)
        except BaseException:  # timed out or interrupted: the build does not outlive this script
            proc.kill()
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            raise
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting again
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BuildError(f"exit {proc.returncode}: {' '.join(command)}\n{tail}")
    maxrss_bytes = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    html = [p for p in site_dir.rglob("*.html") if p.is_file()]
    return Measurement(seconds, usage.ru_utime + usage.ru_stime, maxrss_bytes / 1024 ** 2, len(html),
                       sum(p.stat().st_size for p in html))


def median(runs: list[Measurement]) -> Measurement:
    return Measurement(statistics.median(r.seconds for r in runs), statistics.median(r.cpu_seconds for r in runs),
                       statistics.median(r.peak_rss_mb for r in runs), runs[0].html_pages, runs[0].html_bytes)


@dataclass
class Result:
    n: int
    articles: int
    pages: int  # Markdown pages in the site
    ours: Measurement
    baseline: Measurement
    runs: dict[str, list[Measurement]] = field(default_factory=dict)


def run_size(n: int, work: Path, repeat: int, timeout: float) -> Result:
    project = generate_project(work / f"n{n}" / "portal", n)
    baseline_root = work / f"n{n}" / "baseline"
    pages = export_baseline(project.root, baseline_root)
    commands = {
        "ours": ([str(BIN / "asn-portal"), "-f", str(project.root / "mkdocs.yml"), "build"], project.root / "site"),
        "baseline": ([str(BIN / "mkdocs"), "build", "-f", str(baseline_root / "mkdocs.yml")],
                     baseline_root / "site"),
    }
    runs: dict[str, list[Measurement]] = {"ours": [], "baseline": []}
    for r in range(repeat):
        order = ("ours", "baseline") if r % 2 == 0 else ("baseline", "ours")  # alternate: no order bias
        for name in order:
            command, site_dir = commands[name]
            m = measure(command, site_dir, work / f"n{n}" / f"{name}-{r}.log", timeout)
            print(f"  N={n} {name:8} run {r + 1}/{repeat}: {m.seconds:7.1f} s  {m.peak_rss_mb:7.0f} MB  "
                  f"{m.html_pages} HTML, {m.kb_per_page:.0f} KB/page", file=sys.stderr, flush=True)
            runs[name].append(m)
    return Result(n, project.articles, pages, median(runs["ours"]), median(runs["baseline"]), runs)


# -- report ------------------------------------------------------------------------------------


def _num(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace(",", " ")


def report(results: list[Result], repeat: int, machine: str) -> str:
    lines = [
        "# Tolok ukur build",
        "",
        "Waktu dan memori build katalog sintetis: asn-portal (`asn-portal build`) dibandingkan dengan halaman yang "
        "sama persis yang ditulis tangan sebagai Markdown biasa, dengan `nav` yang mencantumkan setiap halaman "
        "(tanpa plugin asn-portal, `mkdocs build`). Keduanya dijalankan bergantian di mesin yang sama; yang "
        "dibandingkan adalah **rasionya**, bukan angka detiknya. Diukur oleh `python -m benchmarks.build.run`"
        + (f" (median dari {repeat} kali build)" if repeat > 1 else "") + ".",
        "",
        "Katalog: N kursus, N/4 artikel, 8 faktor contoh, halaman tulisan tangan dari `content/pages/`.",
        "",
        "| N kursus | Artikel | Halaman | Build | Waktu (s) | CPU (s) | RSS puncak (MB) | HTML total (MB) "
        "| Rata-rata per halaman (KB) |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for name, m in (("asn-portal", r.ours), ("tulisan tangan, nav penuh", r.baseline)):
            lines.append(f"| {r.n} | {r.articles} | {r.pages} | {name} | {_num(m.seconds)} | {_num(m.cpu_seconds)} "
                         f"| {_num(m.peak_rss_mb, 0)} | {_num(m.html_bytes / 1024 ** 2)} | {_num(m.kb_per_page)} |")
    lines += [
        "",
        "## Rasio tulisan tangan / asn-portal",
        "",
        "Lebih dari 1 berarti situs tulisan tangan lebih lambat, lebih boros memori, atau lebih besar.",
        "",
        "| N kursus | Waktu | RSS puncak | Ukuran per halaman |",
        "|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(f"| {r.n} | **{r.baseline.seconds / r.ours.seconds:.2f}×** "
                     f"| **{r.baseline.peak_rss_mb / r.ours.peak_rss_mb:.2f}×** "
                     f"| **{r.baseline.kb_per_page / r.ours.kb_per_page:.2f}×** |")
    first = results[0]
    lines += [
        "",
        "## Linearitas asn-portal",
        "",
        f"Waktu per halaman sebaiknya tetap ketika katalog membesar. Kolom \"relatif\" membandingkan dengan N = "
        f"{first.n}: pertumbuhan waktu dibagi pertumbuhan jumlah halaman (1,00 = tepat linear).",
        "",
        "| N kursus | Halaman | asn-portal ms/halaman | relatif | tulisan tangan ms/halaman | relatif |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ours_rel = (r.ours.seconds / first.ours.seconds) / (r.pages / first.pages)
        base_rel = (r.baseline.seconds / first.baseline.seconds) / (r.pages / first.pages)
        lines.append(f"| {r.n} | {r.pages} | {1000 * r.ours.seconds / r.pages:.1f} | {ours_rel:.2f} "
                     f"| {1000 * r.baseline.seconds / r.pages:.1f} | {base_rel:.2f} |")
    lines += [
        "",
        "Catatan pengukuran: setiap build adalah proses anak tersendiri yang dipanen dengan `os.wait4`, sehingga "
        "RSS puncak (`ru_maxrss`) adalah milik build itu saja. Waktu = waktu dinding dari proses dimulai sampai "
        "selesai (termasuk memulai Python dan memuat MkDocs). Ukuran HTML mencakup semua `*.html` di `site/`; "
        "KB = 1024 byte. Build asn-portal juga menjalankan plugin tags, pencarian bahasa Indonesia dan label "
        "hasil pencarian, yang tidak ada di situs tulisan tangan (plugin: search saja).",
        "",
        f"Mesin: {machine}.",
        "",
    ]
    return "\n".join(lines)


def machine_description() -> str:
    cpus = os.cpu_count() or 0
    try:
        mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory = f", {int(mem) / 1024 ** 2:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        memory = ""
    import material
    import mkdocs

    version = getattr(material, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("mkdocs-material")
    return (f"{cpus} CPU{memory}, Python {sys.version.split()[0]}, MkDocs {mkdocs.__version__}, "
            f"Material {version}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="300,1000", help="comma-separated numbers of courses (default 300,1000)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "build-benchmark.md")
    parser.add_argument("--repeat", type=int, default=1, help="builds per site and size; the median is reported")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one build is abandoned")
    parser.add_argument("--keep", type=Path, help="generate into this (new) folder and keep it, instead of a temp dir")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if not sizes or min(sizes) < 4 or args.repeat < 1:
        parser.error("sizes must be numbers >= 4 and --repeat >= 1")
    with tempfile.TemporaryDirectory(prefix="asn-build-bench-") as tmp:
        work = args.keep or Path(tmp)
        results: list[Result] = []
        failure = ""
        for n in sizes:
            print(f"N={n}: generating and building...", file=sys.stderr, flush=True)
            try:
                results.append(run_size(n, work, args.repeat, args.timeout))
            except BuildError as exc:  # report what was measured so far, and the error
                failure = f"N={n}: {exc}"
                print(failure, file=sys.stderr)
                break
    if not results:
        return 1
    text = report(results, args.repeat, machine_description())
    if failure:
        text += f"\n## Masalah\n\nBuild gagal, pengukuran berhenti:\n\n```text\n{failure}\n```\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 1 if failure else 0


if __name__ == "__main__":
    raise SystemExit(main())
