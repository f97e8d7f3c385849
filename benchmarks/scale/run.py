"""Scale benchmark: build, bundle, page load and search at N = 300 ... 20,000 courses, side by side.

    python -m benchmarks.scale.run [--sizes 300,1000,5000,20000] [--resume] [--skip zensical,main-browser]

For each N (courses; +N/4 articles and the 8 sample factors, from benchmarks/build/run.py's generator)
it measures, in one run:

* builds, each a child process reaped with ``os.wait4`` (wall time, CPU, peak RSS): ``ours`` (this
  checkout), ``main`` (the baseline commit's ``asn-portal``, in its own venv: ``--baseline-venv`` or
  ``--baseline-ref``) and ``zensical`` (the very pages asn-portal generates, exported as plain Markdown
  with the same slim nav, built cold by ``zensical build --clean``);
* for ours and main: ``asn-portal bundle`` (time, zip bytes), the search index bytes (``site/search/``)
  and the HTML bytes;
* in Chromium (benchmarks/scale/browser.py), over http and from the unpacked bundle via file://:
  page loads and the time and bytes from opening the search box to the first results (ours at every
  N, main up to ``--main-browser-max``).

Every stage's result is saved in ``--results`` (JSON) as soon as it is measured; ``--resume`` keeps the
stages already measured (and the generated projects in ``--work``) and runs only what is missing or
failed. The report goes to ``--out`` (Markdown, Indonesian) and ``--plot`` (PNG, needs matplotlib:
``pip install -e '.[bench]'``); ``--report-only`` rewrites both from the JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.build.run import machine_description
from benchmarks.scale import browser, builds, report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SKIPPABLE = ("main", "zensical", "bundle", "browser", "main-browser", "http", "file")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Runner:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work: Path = args.work
        self.skip: set[str] = args.skip
        self.results: dict[str, Any] = {"meta": {}, "sizes": {}, "stages": {}}
        self.exe: dict[str, Path] = {"ours": builds.BIN / "asn-portal"}
        self.main_source: Path | None = None

    # -- results -------------------------------------------------------------------------------

    def load(self, labels: dict[str, str]) -> None:
        path = self.args.results
        if not (self.args.resume and path.is_file()):
            return
        self.results = json.loads(path.read_text(encoding="utf-8"))
        old = self.results["meta"]
        for build in ("ours", "main", "zensical"):
            if build in labels and old.get(build) not in (None, labels[build]):
                log(f"--resume: {build} was {old.get(build)}, now {labels[build]}: its stages are measured again")
                stale = [k for k in self.results["stages"] if k.startswith(f"{build}/")]
                for key in stale:
                    del self.results["stages"][key]

    def save(self) -> None:
        self.args.results.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.args.results.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.results, indent=1, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.args.results)

    def stage(self, key: str, run: Callable[[], dict[str, Any]], redo: bool = False) -> dict[str, Any] | None:
        """Run one stage unless its result is kept; record an error instead of stopping the run."""
        kept = self.results["stages"].get(key)
        if kept and "error" not in kept and not redo:
            log(f"  {key}: kept from {self.args.results.name}")
            return kept
        log(f"  {key}...")
        try:
            result = run()
        except KeyboardInterrupt:
            raise
        except Exception as exc:
            detail = str(exc) if isinstance(exc, RuntimeError | OSError) else traceback.format_exc()
            log(f"  {key} FAILED: {detail[-2000:]}")
            self.results["stages"][key] = {"error": f"{type(exc).__name__}: {detail}"}
            self.save()
            return None
        self.results["stages"][key] = result
        self.save()
        return result

    # -- one size ------------------------------------------------------------------------------

    def build_round(self, name: str, n: int, project: Path, r: int) -> None:
        """Build number ``r + 1`` of ``name`` at ``n``; the stage keeps every run and their medians."""
        key = f"{name}/{n}/build"
        kept = self.results["stages"].get(key)
        runs: list[dict[str, Any]] = list(kept.get("runs", [kept])) if kept and "error" not in kept else []
        # a kept build is measured again when the browser needs its site and it is gone
        site_missing = self.wants_browser(name, n) and not (project / "site" / "index.html").is_file()
        if len(runs) > r and not site_missing:
            if r == 0:
                log(f"  {key}: {len(runs)} run(s) kept from {self.args.results.name}")
            return
        log_file = self.work / f"n{n}" / f"{name}-build-{len(runs) + 1}.log"

        def run() -> dict[str, Any]:
            result = builds.build(name, self.exe[name], project, log_file, self.args.timeout).to_json()
            return builds.summarize([*runs, result])

        self.stage(key, run, redo=True)

    def wants_browser(self, name: str, n: int) -> bool:
        if "browser" in self.skip or name == "zensical":
            return False
        return name == "ours" or ("main-browser" not in self.skip and n <= self.args.main_browser_max)

    def run_size(self, n: int) -> None:
        a = self.args
        folder = self.work / f"n{n}"
        if not a.resume:
            shutil.rmtree(folder, ignore_errors=True)
        projects: dict[str, Path] = {"ours": builds.ours_project(self.work, n)}
        courses, articles = builds.catalog_size(projects["ours"])
        self.results["sizes"][str(n)] = {"courses": courses, "articles": articles}
        if "main" not in self.skip and self.main_source and n <= a.main_max:
            projects["main"] = builds.main_project(self.work, n, projects["ours"], self.main_source)
        if "zensical" not in self.skip and "zensical" in self.exe and n <= a.zensical_max:
            projects["zensical"] = builds.zensical_project(self.work, n, projects["ours"])
        order = list(projects)
        for r in range(a.repeat):
            shift = r % len(order)  # the builds take turns going first: no order bias
            for name in order[shift:] + order[:shift]:
                self.build_round(name, n, projects[name], r)
        for name in ("ours", "main"):
            if name not in projects or "bundle" in self.skip:
                continue
            unpacked = folder / f"{name}-bundle"
            exe, project = self.exe[name], projects[name]
            self.stage(f"{name}/{n}/bundle",
                       lambda exe=exe, project=project, unpacked=unpacked: builds.bundle(
                           exe, project, unpacked, folder / f"{unpacked.name}.log", a.timeout).to_json(),
                       redo=self.wants_browser(name, n) and not unpacked.is_dir())
        for name in ("ours", "main"):
            if name not in projects or not self.wants_browser(name, n):
                continue
            sites = {"http": projects[name] / "site"}
            if "bundle" not in self.skip and (folder / f"{name}-bundle").is_dir():
                sites["file"] = builds.bundle_site(folder / f"{name}-bundle")
            for transport, site in sites.items():
                if transport in self.skip or not (site / "index.html").is_file():
                    continue
                self.stage(f"{name}/{n}/{transport}",
                           lambda site=site, transport=transport: {
                               "load_before": os.getloadavg()[0],
                               **browser.measure(site, transport == "file", a.loads, a.repeats,
                                                 a.search_timeout * 1000, log)})

    # -- all -----------------------------------------------------------------------------------

    def prepare(self) -> dict[str, str]:
        a = self.args
        labels = {"ours": builds.ours_label()}
        if "main" not in self.skip:
            try:
                self.exe["main"], labels["main"] = builds.baseline_venv(a.baseline_venv, a.baseline_ref,
                                                                        a.baseline_src, self.work)
                self.main_source = builds.baseline_source(self.exe["main"].parent.parent)
            except Exception as exc:
                log(f"baseline not available ({exc}); main is skipped")
                self.results["stages"]["main/prepare"] = {"error": f"{type(exc).__name__}: {exc}"}
        if "zensical" not in self.skip:
            try:
                self.exe["zensical"], labels["zensical"] = builds.zensical_venv(a.zensical_venv)
            except Exception as exc:
                log(f"Zensical not available ({exc}); it is skipped")
                self.results["stages"]["zensical/prepare"] = {"error": f"{type(exc).__name__}: {exc}"}
        return labels

    def run(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        labels = self.prepare()
        errors = {k: v for k, v in self.results["stages"].items() if k.endswith("/prepare")}
        self.load(labels)
        self.results["stages"] = {k: v for k, v in self.results["stages"].items() if not k.endswith("/prepare")}
        self.results["stages"].update(errors)
        machine = (f"nproc {len(os.sched_getaffinity(0))}, {machine_description()}, "
                   f"Zensical {labels.get('zensical', '–')}")
        self.results["meta"].update(labels, machine=machine, nproc=len(os.sched_getaffinity(0)),
                                    date=dt.date.today().isoformat())
        self.save()
        for n in self.args.sizes:
            log(f"N={n}")
            self.run_size(n)
            self.write_report()

    def write_report(self) -> None:
        write_report(self.results, self.args.out, self.args.plot)


def write_report(results: dict[str, Any], out: Path, plot: Path) -> None:
    image = os.path.relpath(plot, out.parent)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report.markdown(results, image), encoding="utf-8")
    try:
        report.plot(results, plot)
    except ImportError:
        log("matplotlib is missing (pip install -e '.[bench]'): no plot")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="300,1000,5000,20000", help="comma-separated numbers of courses")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "asn-scale-bench",
                        help="generated projects, sites, bundles and logs (kept for --resume)")
    parser.add_argument("--results", type=Path, help="the JSON of measured stages (default: WORK/results.json)")
    parser.add_argument("--resume", action="store_true", help="keep the stages already in --results")
    parser.add_argument("--skip", default="", help=f"comma-separated, among: {', '.join(SKIPPABLE)}")
    parser.add_argument("--baseline-venv", type=Path,
                        help=f"a venv with the baseline installed (default {builds.DEFAULT_BASELINE_VENV}; "
                             "created from --baseline-src if missing)")
    parser.add_argument("--baseline-src", type=Path, default=builds.DEFAULT_BASELINE_SRC,
                        help="the baseline checkout to install when the venv is missing")
    parser.add_argument("--baseline-ref", help="a git ref: export that commit into WORK and install it there")
    parser.add_argument("--zensical-venv", type=Path, default=builds.DEFAULT_ZENSICAL_VENV)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before one build is abandoned")
    parser.add_argument("--repeat", type=int, default=1, help="builds per generator and size (median)")
    parser.add_argument("--loads", type=int, default=5, help="loads per page (median)")
    parser.add_argument("--repeats", type=int, default=3, help="fresh pages per search query (median)")
    parser.add_argument("--search-timeout", type=float, default=120, help="seconds to wait for first results")
    parser.add_argument("--main-browser-max", type=int, default=1000, help="largest N measured in the browser for main")
    parser.add_argument("--main-max", type=int, default=10**9, help="largest N built with main at start")
    parser.add_argument("--zensical-max", type=int, default=10**9, help="largest N built with Zensical")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "scale-benchmark.md")
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "img" / "scale-benchmark.png")
    parser.add_argument("--report-only", action="store_true", help="rewrite the report and plot from --results")
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if unknown := args.skip - set(SKIPPABLE):
        parser.error(f"--skip: unknown {', '.join(sorted(unknown))}")
    if not args.sizes or min(args.sizes) < 4 or min(args.loads, args.repeats, args.repeat) < 1:
        parser.error("sizes must be numbers >= 4, --loads, --repeats and --repeat >= 1")
    args.results = args.results or args.work / "results.json"
    return args


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # a build or browser in progress is stopped, and what was measured is kept


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    args = parse_args(argv)
    if args.report_only:
        write_report(json.loads(args.results.read_text(encoding="utf-8")), args.out, args.plot)
        return 0
    runner = Runner(args)
    try:
        runner.run()
    finally:
        runner.write_report()
    failed = [k for k, v in runner.results["stages"].items() if "error" in v]
    log(f"report: {args.out}, plot: {args.plot}" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
