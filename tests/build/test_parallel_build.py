"""A build on every core writes what a build in one process writes, byte for byte (issue 27).

Marked ``engine``: deselected from the everyday command, run by each of `.ci/run`'s engine jobs (MkDocs,
ProperDocs: `asn-portal build` and `bundle` on that engine; Zensical: the export, which the core writes
alone). The builds run as the command a person types, in a fresh process: pytest-xdist's workers run a
thread, and a process with threads never forks (asn_portal/model/workers.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from asn_portal.model.workers import MAX_JOBS, available_cpus
from devtools.catalog import generate_project

pytestmark = pytest.mark.engine

ENGINE = os.environ.get("ASN_PORTAL_ENGINE", "mkdocs")
COMMAND = Path(sys.executable).parent / "asn-portal"
COURSES = 250  # with the articles, factors and listing pages: over parallel.MIN_PAGES, so workers run


def run(project: Path, *args: str) -> str:
    done = subprocess.run([str(COMMAND), "-f", str(project / "mkdocs.yml"), *args], capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def with_jobs(project: Path, jobs: int) -> None:
    """mkdocs.yml's plugin option, for the commands that have no --jobs (bundle, export)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  - asn-portal")
    end = text.index("\n\n", start)
    config.write_text(text[:start] + f"  - asn-portal:\n      jobs: {jobs}" + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_project(tmp_path_factory.mktemp("parallel") / "portal", COURSES).root


def differences(one: dict[str, bytes], many: dict[str, bytes]) -> list[str]:
    return sorted(set(one) ^ set(many)) + [path for path in sorted(set(one) & set(many)) if one[path] != many[path]]


@pytest.mark.skipif(ENGINE == "zensical", reason="Zensical runs no plugin: its job compares the export")
def test_two_processes_build_the_same_site_as_one(project: Path) -> None:
    assert "proses" not in run(project, "build", "--jobs", "1")
    one = tree(project / "site")
    said = run(project, "build", "--jobs", "2")
    assert "(2 proses)" in said, said  # the pages really were shared: a fallback to one process would pass
    many = tree(project / "site")
    assert len(one) > COURSES and differences(one, many) == []


@pytest.mark.skipif(ENGINE == "zensical", reason="Zensical runs no plugin: its job compares the export")
def test_the_offline_kit_is_the_same_zip_whatever_the_processes(project: Path, tmp_path: Path) -> None:
    zips = []
    for jobs in (1, 2):
        with_jobs(project, jobs)
        (tmp_path / str(jobs)).mkdir()
        run(project, "bundle", "-o", str(tmp_path / str(jobs) / "kit.zip"))  # its name is the zip's top folder
        zips.append((tmp_path / str(jobs) / "kit.zip").read_bytes())
    assert zips[0] == zips[1]


@pytest.mark.skipif(ENGINE == "zensical", reason="Zensical runs no plugin: its job compares the export")
def test_jobs_0_on_the_command_line_is_every_cpu_as_in_mkdocs_yml(project: Path) -> None:
    with_jobs(project, 1)
    said = run(project, "build", "--jobs", "0")
    every = min(MAX_JOBS, available_cpus())  # as the command counts them (this test's process runs threads)
    assert (f"({every} proses)" in said) if every > 1 else ("proses" not in said), said


def test_the_export_is_the_same_whatever_the_processes(project: Path, tmp_path: Path) -> None:
    exports = []
    for jobs in (1, 2):
        with_jobs(project, jobs)
        run(project, "export", "--engine", "zensical", str(tmp_path / f"export-{jobs}"))
        exports.append(tree(tmp_path / f"export-{jobs}"))
    assert len(exports[0]) > COURSES and differences(*exports) == []
