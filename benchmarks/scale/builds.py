"""The build columns of the scale benchmark: where each generator lives and how one build is measured.

* ``ours``: this checkout, ``asn-portal -f DIR/mkdocs.yml build`` (the venv running this script);
* ``main``: the same command from a baseline commit, installed in its own venv;
* ``zensical``: Material's successor building the very pages asn-portal generates, exported as plain
  Markdown with asn-portal's slim nav, cold (``--clean`` and no ``.cache/`` left from a previous run).

Every build is a direct child reaped with ``os.wait4`` (``benchmarks/build/measure.py``); its peak RSS
stays ``ru_maxrss`` (the largest single process) so that earlier results compare; the build benchmark
also sums the PSS of all of a build's processes.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.build import measure as build_measure
from benchmarks.build.run import ENV, ROOT
from benchmarks.build.sites import BIN
from devtools import catalog

__all__ = ["BIN", "ROOT"]  # scale/run.py reads builds.BIN
DEFAULT_BASELINE_VENV = Path("/work/venv-baseline")
DEFAULT_BASELINE_SRC = Path("/work/baseline")
DEFAULT_ZENSICAL_VENV = Path("/work/venv-zensical")
BUILDS = ("ours", "main", "zensical")


# -- venvs -------------------------------------------------------------------------------------


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive file lock beside a venv, so two runners do not install into it at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _ensure_venv(venv: Path, executable: str, install: list[str], wait: float = 300) -> Path:
    """``venv/bin/<executable>``, creating the venv and installing ``install`` if it is not there yet.

    Another process may be creating the same venv without our lock: if the folder exists but the
    executable does not, wait a while for it before installing ourselves (pip is idempotent).
    """
    exe = venv / "bin" / executable
    if exe.exists():
        return exe
    deadline = time.monotonic() + wait
    while venv.exists() and not exe.exists() and time.monotonic() < deadline:
        time.sleep(5)
    with _lock(venv.parent / f".{venv.name}.lock"):
        if not exe.exists():  # checked again under the lock
            print(f"creating {venv} ({' '.join(install)})...", file=sys.stderr, flush=True)
            if not (venv / "bin" / "python").exists():
                subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *install], check=True)
    return exe


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def baseline_venv(venv: Path | None, ref: str | None, src: Path, work: Path) -> tuple[Path, str]:
    """The baseline's ``asn-portal`` and a label (its commit).

    With ``ref``, the commit is exported (``git archive``, read-only) into ``work`` and installed in
    ``venv`` (default: a venv in ``work`` named after the commit); otherwise ``venv`` (default
    /work/venv-baseline) is reused, or created from the checkout ``src``.
    """
    if ref:
        sha = _git("rev-parse", "--verify", f"{ref}^{{commit}}")
        src = work / f"baseline-src-{sha[:10]}"
        if not (src / "pyproject.toml").exists():
            src.mkdir(parents=True, exist_ok=True)
            archive = subprocess.run(["git", "archive", sha], cwd=ROOT, check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
        venv = venv or work / f"venv-baseline-{sha[:10]}"
    venv = venv or DEFAULT_BASELINE_VENV
    exe = _ensure_venv(venv, "asn-portal", ["-e", str(src)])
    return exe, baseline_label(venv)


def baseline_source(venv: Path) -> Path:
    """The checkout a baseline venv runs (its asn_portal package's parent): mkdocs.yml, pages, factors."""
    # -I and cwd: not the asn_portal of the folder this script runs in
    out = subprocess.run([str(venv / "bin" / "python"), "-I", "-c",
                          "import asn_portal, pathlib; print(pathlib.Path(asn_portal.__file__).parent.parent)"],
                         check=True, capture_output=True, text=True, cwd=venv).stdout.strip()
    return Path(out)


def baseline_label(venv: Path) -> str:
    """The baseline's commit: its checkout's HEAD, or the commit a ``--baseline-ref`` export was made from."""
    src = baseline_source(venv)
    if (src / ".git").exists():  # its own checkout (a worktree has a .git file), not a folder inside another
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            return _git("rev-parse", "--short=7", "HEAD", cwd=src)
    return src.name.removeprefix("baseline-src-")[:7]


def zensical_venv(venv: Path) -> tuple[Path, str]:
    exe = _ensure_venv(venv, "zensical", ["zensical"])
    version = subprocess.run([str(exe), "--version"], check=True, capture_output=True, text=True).stdout.strip()
    return exe, version.split()[-1] if version else "?"


def ours_label() -> str:
    """The last commit of this checkout that changed the package (``+``: uncommitted changes to it).

    A change to the benchmarks alone keeps the label, so ``--resume`` keeps the measured builds."""
    code = ("asn_portal",)
    with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
        dirty = "+" if _git("status", "--porcelain", "--untracked-files=no", "--", *code) else ""
        return _git("log", "-1", "--format=%h", "--abbrev=7", "--", *code) + dirty
    return "?"


# -- projects ----------------------------------------------------------------------------------

_DONE = ".generated"  # written last: a folder without it was interrupted and is made again


def _fresh(folder: Path) -> bool:
    if (folder / _DONE).exists():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return True


def ours_project(work: Path, n: int) -> Path:
    root = work / f"n{n}" / "ours"
    if _fresh(root):
        catalog.generate_project(root, n)
        (root / _DONE).write_text("")
    return root


def main_project(work: Path, n: int, ours: Path, source: Path) -> Path:
    """The same catalog with the baseline's mkdocs.yml, hand-written pages and factors."""
    root = work / f"n{n}" / "main"
    if _fresh(root):
        root.mkdir(parents=True)
        shutil.copy2(source / "mkdocs.yml", root / "mkdocs.yml")
        for folder in ("pages", "factors"):
            shutil.copytree(source / "content" / folder, root / "content" / folder)
        for folder in ("courses", "articles"):
            shutil.copytree(ours / "content" / folder, root / "content" / folder)
        (root / _DONE).write_text("")
    return root


def zensical_project(work: Path, n: int, ours: Path) -> Path:
    root = work / f"n{n}" / "zensical"
    if _fresh(root):
        catalog.export_baseline(ours, root, full_nav=False)
        (root / _DONE).write_text("")
    return root


def catalog_size(project: Path) -> tuple[int, int]:
    content = project / "content"
    return len(list((content / "courses").glob("*.yml"))), len(list((content / "articles").glob("*.yml")))


# -- measuring ---------------------------------------------------------------------------------


def tree_bytes(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file()) if folder.is_dir() else 0


def index_bytes(site: Path) -> int:
    """The search index: every file under ``site/search/`` (Zensical writes ``search.json`` at the root)."""
    return tree_bytes(site / "search") + sum(p.stat().st_size for p in site.glob("search*.json"))


@dataclass
class BuildResult:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    html_pages: int
    html_bytes: int
    site_bytes: int
    index_bytes: int
    load_before: float  # 1-minute load average when the build started: other work on the machine

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several builds of one site: the medians of the measures, the sizes of the last, every run."""
    summary = {**runs[-1], "runs": runs}
    for key in ("seconds", "cpu_seconds", "peak_rss_mb", "load_before"):
        summary[key] = statistics.median(r[key] for r in runs)
    return summary


def build(name: str, exe: Path, project: Path, log: Path, timeout: float) -> BuildResult:
    """One cold build of ``project`` by ``name``'s generator."""
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    if name == "zensical":
        shutil.rmtree(project / ".cache", ignore_errors=True)  # Zensical's build cache; --clean clears it too
        command = [str(exe), "build", "-f", str(project / "mkdocs.yml"), "--clean"]
    else:
        command = [str(exe), "-f", str(project / "mkdocs.yml"), "build"]
    load = os.getloadavg()[0]
    m = build_measure.measure([command], site, ENV, log, timeout)
    return BuildResult(m.seconds, m.cpu_seconds, m.maxrss_mb, m.pages, m.html_bytes, tree_bytes(site),
                       index_bytes(site), load)


@dataclass
class BundleResult:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    zip_bytes: int
    index_bytes: int  # search/ of the unpacked bundle (search_index.js for file:// included)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def bundle(exe: Path, project: Path, target: Path, log: Path, timeout: float) -> BundleResult:
    """``asn-portal bundle``, timed like a build, then unpacked into ``target/`` for the browser."""
    zip_path = target.with_suffix(".zip")
    zip_path.unlink(missing_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    command = [str(exe), "-f", str(project / "mkdocs.yml"), "bundle", "-o", str(zip_path)]
    m = build_measure.measure([command], target / "none", ENV, log, timeout)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(target)
    return BundleResult(m.seconds, m.cpu_seconds, m.maxrss_mb, zip_path.stat().st_size,
                        index_bytes(bundle_site(target)))


def bundle_site(unpacked: Path) -> Path:
    """The site folder of an unpacked bundle: the shallowest folder holding an ``index.html``."""
    found = sorted(unpacked.rglob("index.html"), key=lambda p: len(p.parts))
    if not found:
        raise FileNotFoundError(f"no index.html in {unpacked}")
    return found[0].parent
