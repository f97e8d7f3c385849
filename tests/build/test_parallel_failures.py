"""A build on every core when something goes wrong (issue 27): stopped midway, a page failing in a worker,
``--strict``, a wrong ``--jobs`` or ``jobs:``, and what a worker does that only the parent should see.

The builds run as the command a person types, in a fresh process of its own session (pytest-xdist's workers
run a thread, and a process with threads never forks). A hook (``lambat.py``) makes the page workers slow and
lists the pages they render, so that a signal lands while they run and the parent waits for them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devtools.catalog import generate_project

pytestmark = pytest.mark.slow

COMMAND = Path(sys.executable).parent / "asn-portal"
COURSES = 250  # over parallel.MIN_PAGES and the other steps' thresholds: workers run
MARK = "halaman-pekerja.log"  # the pages the hook saw rendered by a worker, one a line
FAILED = "halaman-gagal.log"  # the pages the hook marked for the broken template to fail on

HOOK = f'''
import logging
import os
import time

MAIN = os.getpid()  # the hook is loaded with mkdocs.yml, in the command's own process
asn_portal_parallel_safe = True  # it keeps nothing the parent needs: pages may be rendered by workers
MARK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "{MARK}")
GAGAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "{FAILED}")
log = logging.getLogger("mkdocs.hooks.uji")
warned = []


def on_page_context(context, page, config, nav, **kwargs):
    # UJI_GAGAL: which page the broken template (BROKEN) fails on: "tentang" (tentang.md) or "pekerja" (the first
    # page a worker renders, named in GAGAL)
    wanted = os.environ.get("UJI_GAGAL")
    if wanted == "tentang" and page.file.src_uri == "tentang.md" or wanted == "pekerja" and os.getpid() != MAIN:
        page.meta["gagal"] = True
        with open(GAGAL, "a", encoding="utf-8") as mark:
            mark.write(page.file.src_uri + "\\n")
    return context


def on_post_page(output, page, config, **kwargs):
    if os.getpid() == MAIN:  # the command's own loop, slowed so that workers surely take pages too
        time.sleep(float(os.environ.get("UJI_LAMBAT_UTAMA", "0")))
    else:  # a forked page worker
        time.sleep(float(os.environ.get("UJI_LAMBAT", "0")))
        with open(MARK, "a", encoding="utf-8") as mark:
            mark.write(page.file.src_uri + "\\n")
        if os.environ.get("UJI_PERINGATAN") and not warned:
            warned.append(page.file.src_uri)
            log.warning("peringatan uji dari proses pembantu di %s", page.file.src_uri)
    return output
'''

# A theme that cannot render the pages the hook marks (UJI_GAGAL)
BROKEN = """{% extends "base.html" %}
{% block content %}
{% if page.meta.gagal %}{{ page.meta.tidak_ada.atribut }}{% endif %}
{{ super() }}
{% endblock %}
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_project(tmp_path_factory.mktemp("gagal") / "portal", COURSES).root


def copy_of(base: Path, where: Path, *, jobs: int | None = None, plugin: str = "", config: str = "") -> Path:
    """A copy of the generated project with the hook, the plugin's options and more of mkdocs.yml."""
    project = where / "portal"
    shutil.copytree(base, project, ignore=shutil.ignore_patterns("site"))
    (project / "lambat.py").write_text(HOOK, encoding="utf-8")
    options = (f"\n      jobs: {jobs}" if jobs is not None else "") + plugin
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("\n  - asn-portal\n", "\n  - asn-portal" + (":" + options if options else "") + "\n", 1)
    (project / "mkdocs.yml").write_text(text + "\nhooks:\n  - lambat.py\n" + config, encoding="utf-8")
    return project


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def run(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(COMMAND), "-f", str(project / "mkdocs.yml"), *args], capture_output=True, text=True,
                          env=environment(**env), timeout=300)


def processes_of(project: Path) -> list[int]:
    """Live processes (not zombies) whose command line names the project: the command and its forked workers."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # gone meanwhile
            continue
        if str(project) in command and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def until(check: Callable[[], object], timeout: float = 60) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.01)
    return False


def worker_pages(project: Path) -> int:
    try:
        return len((project / MARK).read_text(encoding="utf-8").splitlines())
    except FileNotFoundError:
        return 0


def waiting_for_workers(pid: int) -> bool:
    """The command blocked reading a worker's pipe (Shares.collect); True where the kernel does not say."""
    try:
        wchan = Path(f"/proc/{pid}/wchan").read_text().strip()
    except OSError:
        return True
    return wchan in ("", "0") or "pipe" in wchan


class Stopped:
    """A command started in a session of its own, stopped by a signal; what it left once it had exited."""

    def __init__(self, project: Path, tmp: Path, *args: str, delay: str = "0.08") -> None:
        self.project, self.tmp = project, tmp
        self.temp = tmp / "tmp"
        self.temp.mkdir()
        self.err_file = tmp / "stderr.txt"
        # files, not pipes: a worker that outlives the command would hold a pipe open
        with self.err_file.open("w") as err, (tmp / "stdout.txt").open("w") as out:
            self.process = subprocess.Popen([str(COMMAND), "-f", str(project / "mkdocs.yml"), *args], stdout=out,
                                            stderr=err, env=environment(TMPDIR=str(self.temp), UJI_LAMBAT=delay,
                                                            UJI_LAMBAT_UTAMA="0.01"),
                                            start_new_session=True)
        self.left: list[int] = []
        self.pages_at_exit = 0

    def stop(self, sig: signal.Signals, *, group: bool) -> None:
        (os.killpg if group else os.kill)(self.process.pid, sig)
        self.process.wait(timeout=60)
        self.pages_at_exit = worker_pages(self.project)
        time.sleep(0.3)  # a worker that survived goes on rendering
        self.left = processes_of(self.project)

    @property
    def err(self) -> str:
        return self.err_file.read_text(encoding="utf-8")

    def clean(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pid in processes_of(self.project):  # our command's workers, by their id
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        until(lambda: not processes_of(self.project), 10)


@pytest.fixture
def stopped(base: Path, tmp_path: Path) -> Iterator[Callable[..., Stopped]]:
    made: list[Stopped] = []

    def start(command: str, delay: str = "0.08") -> Stopped:
        project = copy_of(base, tmp_path, jobs=2)
        args = ("build", "--jobs", "2") if command == "build" else (command, "-o", str(tmp_path / "dist" / "kit.zip"))
        (tmp_path / "dist").mkdir()
        made.append(Stopped(project, tmp_path, *args, delay=delay))
        return made[-1]

    yield start
    for each in made:
        each.clean()


def assert_nothing_left(run: Stopped, command: str) -> None:
    err = run.err
    assert run.process.returncode == 130 and "dihentikan" in err, (run.process.returncode, err)
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert run.left == [], f"processes still running after the command ended: {run.left}"
    assert worker_pages(run.project) == run.pages_at_exit, "a worker went on rendering after the command ended"
    assert list(run.temp.iterdir()) == [], list(run.temp.rglob("*"))[:5]
    if command == "bundle":
        assert list((run.tmp / "dist").iterdir()) == []


STOPS = [("build", signal.SIGINT, "pages"), ("bundle", signal.SIGTERM, "pages"), ("bundle", signal.SIGINT, "checks")]


@pytest.mark.parametrize(("command", "sig", "stage"), STOPS, ids=[f"{c}-{s.name}-{t}" for c, s, t in STOPS])
def test_ctrl_c_to_the_process_group_stops_every_worker(stopped: Callable[..., Stopped], command: str,
                                                        sig: signal.Signals, stage: str) -> None:
    """Ctrl+C in a terminal (and a CI runner cancelling a job) signals the whole process group."""
    run = stopped(command)
    if stage == "pages":
        assert until(lambda: worker_pages(run.project) >= 5), "the page workers were not seen"
    else:  # the first workers: the catalog's files checked in shares (FileChecks.prefetch)
        assert until(lambda: children_of(run.process.pid), 60), "no worker was seen"
    run.stop(sig, group=True)
    assert_nothing_left(run, command)


@pytest.mark.parametrize("command", ["build", "bundle"])
def test_sigterm_to_the_command_alone_stops_the_workers_it_waits_for(stopped: Callable[..., Stopped],
                                                                     command: str) -> None:
    """`kill PID`, a service manager or a CI runner's timeout may signal the command alone. Once its own share
    is done it waits in Shares.collect for the workers: they must not go on writing the site (or the bundle's
    temporary folder, removed meanwhile) after it said it stopped."""
    run = stopped(command, delay="0.3")  # a worker's pages of 8 outlast the command's own by seconds
    assert until(lambda: worker_pages(run.project) >= 3), "the page workers were not seen"
    until(lambda: waiting_for_workers(run.process.pid), 10)
    run.stop(signal.SIGTERM, group=False)
    assert_nothing_left(run, command)


@pytest.fixture(scope="module")
def broken(base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_of(base, tmp_path_factory.mktemp("rusak"))
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(BROKEN, encoding="utf-8")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    return project


def failing_in_a_worker(project: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """A build whose workers cannot render their first page; and that page, as the hook marked it."""
    (project / FAILED).unlink(missing_ok=True)
    done = run(project, "build", "--jobs", "2", UJI_GAGAL="pekerja", UJI_LAMBAT_UTAMA="0.01")
    return done, (project / FAILED).read_text(encoding="utf-8").split()[0]


def test_a_page_failing_in_a_worker_fails_the_build_cleanly(broken: Path) -> None:
    done, _ = failing_in_a_worker(broken)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert "tidak dapat dibangun" in done.stderr  # it was a worker's page
    assert processes_of(broken) == []


def test_a_page_failing_in_a_worker_is_named(broken: Path) -> None:
    done, page = failing_in_a_worker(broken)
    assert done.returncode == 1 and f"halaman {page} tidak dapat dibangun" in done.stderr, done.stderr


def test_a_page_failing_in_one_process_is_a_message_naming_it(broken: Path) -> None:
    done = run(broken, "build", "--jobs", "1", UJI_GAGAL="tentang")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "tentang.md" in done.stderr, done.stderr[-2000:]


def test_strict_counts_a_warning_made_in_a_worker(base: Path, tmp_path: Path) -> None:
    project = copy_of(base, tmp_path)
    done = run(project, "build", "--strict", "--jobs", "2", UJI_PERINGATAN="1")
    assert worker_pages(project) > 0  # the warning was a worker's
    assert done.returncode == 1, done.stdout + done.stderr
    assert "strict" in done.stderr and done.stderr.count("peringatan uji dari proses pembantu") == 1, done.stderr
    assert processes_of(project) == []


@pytest.mark.parametrize("jobs", ["-1", "abc", "1.5"])
def test_a_wrong_jobs_option_is_a_usage_error(base: Path, jobs: str) -> None:
    done = run(base, "build", f"--jobs={jobs}")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert f"--jobs perlu bilangan bulat 0 (semua CPU) atau lebih, bukan '{jobs}'" in done.stderr


@pytest.mark.parametrize("command", ["build", "bundle"])
def test_a_negative_jobs_in_mkdocs_yml_is_refused(base: Path, tmp_path: Path, command: str) -> None:
    project = copy_of(base, tmp_path, jobs=-2)
    done = run(project, command, *(["-o", str(tmp_path / "kit.zip")] if command == "bundle" else []))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "jobs harus bilangan bulat 0 (semua CPU) atau lebih, bukan -2" in done.stderr
    assert not (tmp_path / "kit.zip").exists()


def test_jobs_in_words_in_mkdocs_yml_is_refused_in_indonesian(base: Path, tmp_path: Path) -> None:
    project = copy_of(base, tmp_path, plugin='\n      jobs: "dua"')
    done = run(project, "build")
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr, done.stderr
    assert "Expected type" not in done.stderr and "jobs" in done.stderr, done.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def other_project(base: Path, where: Path, plugin: str = "") -> Path:
    """File URLs, extra and static templates and a tagged hand-written page kept out of search."""
    config = "use_directory_urls: false\nextra_templates:\n  - robots.txt\n"
    project = copy_of(base, where, plugin=plugin, config=config)
    (project / "overrides").mkdir()
    (project / "overrides" / "ekstra.html").write_text("<p>{{ config.site_name }}: {{ pages | length }}</p>\n",
                                                       encoding="utf-8")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n  static_templates:\n    - ekstra.html\n", 1),
        encoding="utf-8")
    pages = project / "content" / "pages"
    (pages / "robots.txt").write_text("User-agent: *\n# {{ config.site_name }}\n", encoding="utf-8")
    (pages / "catatan.md").write_text("---\ntags:\n  - panduan\nsearch:\n  exclude: true\nhide:\n  - navigation\n---\n"
                                      "# Catatan\n\nLihat [tentang](tentang.md).\n", encoding="utf-8")
    return project


def test_other_site_settings_build_the_same_pages_on_two_processes(base: Path, tmp_path: Path) -> None:
    project = other_project(base, tmp_path)
    sites = []
    for jobs in ("1", "2"):
        done = run(project, "build", "--jobs", jobs)
        assert done.returncode == 0, done.stderr[-3000:]
        assert ("(2 proses)" in done.stdout) == (jobs == "2"), done.stdout
        sites.append(tree(project / "site"))
    one, many = sites
    assert "ekstra.html" in one and "robots.txt" in one and "catatan.html" in one and "tentang.html" in one
    assert sorted(set(one) ^ set(many)) == [] and [path for path in one if one[path] != many[path]] == []


SEARCH = "search/search_index.json"


def test_a_plugin_that_gathers_pages_as_they_are_rendered_keeps_the_build_in_one_process(base: Path,
                                                                                           tmp_path: Path) -> None:
    """Material's own search (indonesian_search off) indexes each page in on_page_context: a worker's copy of
    that would be lost, so the pages are rendered in one process and the index has every page."""
    project = other_project(base, tmp_path, plugin="\n      indonesian_search: false")
    done = run(project, "build", "--jobs", "2")
    assert done.returncode == 0 and "proses" not in done.stdout, done.stdout + done.stderr[-3000:]
    index = json.loads((project / "site" / SEARCH).read_text(encoding="utf-8"))
    assert len({doc["location"].split("#")[0] for doc in index["docs"]}) > COURSES
