"""A build on every core (issue 27): checking the files and rendering the entry pages on several
processes gives exactly what one process gives, problems, conversions and pages in the same order.

Forking starts only at ``PARALLEL_FROM`` files or entries; the fast tests lower it so that a small
project goes through the workers too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asn_portal.content import filechecks
from asn_portal.content.validate import Checked, check_project
from asn_portal.model import workers
from asn_portal.model.project import Project, load_project, plugin_options, read_config
from asn_portal.render import parallel as render_parallel
from asn_portal.render.pages import render_catalog
from asn_portal.site.assembly import SiteParts, assemble
from asn_portal.site.plain import render_options
from devtools import ROOT
from devtools.catalog import generate_project
from tests.support.project import ProjectBuilder


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of workers each share-out asked for (in checking, then in rendering); forking allowed even
    under pytest-xdist (whose workers run a thread, so can_fork() says no there)."""
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    asked: list[int] = []

    def counting(task: Callable[[int], Any], jobs: int) -> list[Any]:
        asked.append(jobs)
        return workers.run_shares(task, jobs)

    monkeypatch.setattr(filechecks, "run_shares", counting)
    monkeypatch.setattr(render_parallel, "run_shares", counting)
    return asked


@pytest.fixture
def small_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every project is large enough to share out, and forks even under pytest-xdist (whose workers run a
    thread, so can_fork() says no there)."""
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    monkeypatch.setattr(filechecks, "PARALLEL_FROM", 0)
    monkeypatch.setattr(render_parallel, "PARALLEL_FROM", 0)


def checked_and_assembled(project: Project, config: Path, jobs: int) -> tuple[Checked, list[Any], SiteParts]:
    """The check, its conversions (the assembly uses them up) and the assembled site."""
    checked = check_project(project, jobs=jobs)
    conversions = list(checked.conversions.done.items())
    if checked.problems.errors:
        return checked, conversions, SiteParts({}, {}, set(), {})
    settings = read_config(config)
    toc = dict(next((o for name, o in project.markdown_extensions if name == "toc"), {}))
    options = dataclasses.replace(render_options(settings, plugin_options(settings), True, toc), jobs=jobs)
    return checked, conversions, assemble(project, checked, checked.catalog.without_drafts(), options)


def assert_same(one: tuple[Checked, list[Any], SiteParts], other: tuple[Checked, list[Any], SiteParts]) -> None:
    (checked, conversions, parts), (checked2, conversions2, parts2) = one, other
    assert [p.format() for p in checked2.problems.items] == [p.format() for p in checked.problems.items]
    assert checked2.problems.items == checked.problems.items
    assert list(checked2.catalog.entries()) == list(checked.catalog.entries())
    assert dict(conversions2) == dict(conversions)  # each text converted the same (in the order processes took them)
    assert list(parts2.pages) == list(parts.pages)  # the order an engine gets them in
    for src, page in parts.pages.items():
        assert parts2.pages[src] == page, src
    assert (parts2.texts, list(parts2.texts)) == (parts.texts, list(parts.texts))
    assert (parts2.copies, list(parts2.copies)) == (parts.copies, list(parts.copies))
    assert (parts2.verbatim, parts2.nav) == (parts.verbatim, parts.nav)


def test_the_sample_is_the_same_on_two_and_three_processes(small_counts: None, forks: list[int]) -> None:
    project, config = load_project(ROOT)
    one = checked_and_assembled(project, config, 1)
    assert not forks and one[1] and one[2].copies  # conversions and materials to merge
    for jobs in (2, 3):
        forks.clear()
        assert_same(one, checked_and_assembled(project, config, jobs))
        assert forks == [jobs, jobs]


def test_materials_are_listed_in_the_order_one_process_links_them(small_counts: None, forks: list[int]) -> None:
    project, config = load_project(ROOT)
    checked = check_project(project)
    settings = read_config(config)
    options = render_options(settings, plugin_options(settings), True, None)
    found = []
    for jobs in (1, 3):
        rendered = render_catalog(checked.catalog, checked.resolver, dataclasses.replace(options, jobs=jobs),
                                  checked.conversions)
        found.append((list(rendered.materials.items()), [(p.src, p.html, p.toc) for p in rendered.pages]))
    assert forks == [3]
    assert found[0][0] and found[1] == found[0]


def test_a_project_with_errors_tells_the_same_problems(small_counts: None, forks: list[int],
                                                       project: ProjectBuilder) -> None:
    project.minimal()
    for i in range(6):
        project.course(f"kursus-{i}", extra=f"description: Lihat [materi](materials/tidak-ada-{i}.pdf).\n")
    project.write("content/courses/rusak.yml", "title: [tidak ditutup\n")
    project.write("content/courses/Nama Salah.yml", "title: Kursus\n")
    project.write("content/courses/catatan.txt", "bukan entri\n")
    project.write("content/articles/catatan.yaml", "title: x\n")
    project.article("artikel-dua", extra="factors: [tidak-ada]\n")
    loaded, config = load_project(project.root)
    one = checked_and_assembled(loaded, config, 1)
    assert len(one[0].problems.errors) >= 8 and one[0].problems.warnings
    assert_same(one, checked_and_assembled(loaded, config, 2))
    assert forks == [2]  # nothing is rendered from a project with errors


def test_where_fork_is_not_safe_one_process_does_it_all(small_counts: None, forks: list[int],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    project, config = load_project(ROOT)
    one = checked_and_assembled(project, config, 1)
    monkeypatch.setattr(workers, "can_fork", lambda: False)
    assert_same(one, checked_and_assembled(project, config, 2))
    assert not forks


def test_a_small_project_is_done_in_one_process(forks: list[int]) -> None:
    project, config = load_project(ROOT)
    checked_and_assembled(project, config, 2)
    assert not forks


@pytest.mark.slow
def test_a_generated_catalog_is_the_same_on_two_processes(tmp_path: Path, forks: list[int]) -> None:
    generate_project(tmp_path / "p", 300)
    project, config = load_project(tmp_path / "p")
    one = checked_and_assembled(project, config, 1)
    assert len(one[0].catalog.sorted("course")) == 300 and not one[0].problems.errors
    assert_same(one, checked_and_assembled(project, config, 2))
    assert forks == [2, 2]
