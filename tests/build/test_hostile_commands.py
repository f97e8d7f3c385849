"""The hostile corpus (tests/support/hostile.py) against every other command: what check refuses, bundle, zim,
kolibri, scorm and serve (its full build and an incremental rebuild) refuse at the same file:line, leaving
nothing; what it accepts (ACCEPTED_FILES), serve previews, full and incremental. (test_hostile.py and
test_hostile_site.py run check and build; test_every_command.py runs the packagers on accepted content.)"""

from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from asn_portal.cli import main
from asn_portal.content.validate import Project, load_catalog
from asn_portal.engines.mkdocs.live import LiveSite
from tests.support.hostile import ACCEPTED_FILES, REFUSED, new_project, write_case
from tests.support.project import ProjectBuilder

pytestmark = pytest.mark.slow  # exhaustive: run by .ci/run's slow step (pyproject markers)


@dataclass
class Corpus:
    root: Path
    located: set[str]  # "path:line:" of every error check gives


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    p, secret = new_project(tmp_path_factory.mktemp("semua-ditolak"))
    for case in REFUSED:
        write_case(p, case, secret)
    _, problems = load_catalog(Project.at(p.root))
    return Corpus(p.root, {f"{e.path}:{e.line}:" for e in problems.errors})


def run(root: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-f", str(root / "mkdocs.yml"), *args])
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("command", ["bundle", "zim", "kolibri", "scorm"])
def test_every_package_refuses_the_corpus_where_check_does(corpus: Corpus, command: str, tmp_path: Path) -> None:
    if command == "zim":
        pytest.importorskip("libzim")
    out = tmp_path / "dist" / ("paket.zim" if command == "zim" else "paket.zip")
    extra = ("--course", "kursus-satu") if command == "scorm" else ()
    code, said = run(corpus.root, command, *extra, "-o", str(out))
    assert code == 1 and "Traceback" not in said
    missing = sorted(where for where in corpus.located if where not in said)
    assert missing == [], missing[:5]
    assert not out.exists() and not (out.parent.exists() and any(out.parent.iterdir()))


def test_serve_refuses_the_corpus_where_check_does_in_a_full_build(corpus: Corpus, tmp_path: Path) -> None:
    site = LiveSite(corpus.root / "mkdocs.yml", tmp_path / "served")
    errors = site.build().errors
    said = "\n".join(errors)
    assert sorted(where for where in corpus.located if where not in said) == []
    assert site.banner() is not None and "Traceback" not in said


def test_serve_refuses_catalog_and_material_cases_in_an_incremental_rebuild(corpus: Corpus, tmp_path: Path) -> None:
    """Started on a good project, then every corpus case outside the pages folder saved at once: the rebuild
    is incremental and says what check says; undone, the preview recovers."""
    p, secret = new_project(tmp_path)
    site = LiveSite(p.root / "mkdocs.yml", tmp_path / "served")
    assert site.build().errors == []
    cases = [c for c in REFUSED if not any(rel.startswith("content/pages/") for rel in c.files)]
    for case in cases:
        write_case(p, case, secret)
    _, problems = load_catalog(Project.at(p.root))
    located = {f"{e.path}:{e.line}:" for e in problems.errors}
    outcome = site.rebuild()
    said = "\n".join(outcome.errors)
    assert not outcome.full and located and sorted(w for w in located if w not in said) == []
    for case in cases:
        for rel in case.files:
            path = p.root / rel
            if path.is_symlink() or path.is_file():
                path.unlink()
    for folder in ("materials", "content/articles", "content/courses", "content/factors"):
        for child in sorted((p.root / folder).rglob("*"), reverse=True):
            if child.is_dir() and not any(child.iterdir()):
                child.rmdir()
    assert site.rebuild().errors == []


def test_serve_previews_what_check_accepts_full_and_incremental(tmp_path: Path) -> None:
    p = ProjectBuilder(tmp_path / "portal").minimal()
    site = LiveSite(p.root / "mkdocs.yml", tmp_path / "served")
    assert site.build().errors == []
    catalog = {rel: text for rel, text in ACCEPTED_FILES.items() if not rel.startswith("content/pages/")}
    for rel, text in catalog.items():
        p.write(rel, text)
    outcome = site.rebuild()
    assert outcome.errors == [] and not outcome.full
    for rel, text in ACCEPTED_FILES.items():
        p.write(rel, text)
    outcome = site.rebuild()
    assert outcome.errors == [] and outcome.full
    assert (tmp_path / "served" / "feed" / "index.html").is_file()
    assert max(len(f.name) for f in (tmp_path / "served" / "search").rglob("*")) <= 40
    shutil.rmtree(tmp_path / "served")
