"""A build of a project with an error fails, names the file and line as ``check`` does, and leaves the
previous site as it was. (What ``check`` finds is tested without a build: tests/unit/test_validation*.py.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.project import ProjectBuilder

C = "content/courses/kursus-satu.yml"  # minimal()'s course; its line 6 is ``jp: 8``


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(project: ProjectBuilder, old: str, new: str) -> None:
    """The one occurrence of ``old`` in the course file replaced (fails loudly if the builder's file changes)."""
    path = project.root / C
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


Break = Callable[[ProjectBuilder], object]
BREAKS: list[tuple[str, Break]] = [
    ("mistyped-jp", lambda p: edit(p, "jp: 8", 'jp: "12"')),
    ("yaml-syntax", lambda p: edit(p, "title: Kursus kursus-satu", 'title: "Kursus kursus-satu')),
]


@pytest.mark.parametrize("break_project", [pytest.param(f, id=i) for i, f in BREAKS])
def test_build_of_broken_project_fails_and_keeps_previous_site(project: ProjectBuilder, break_project: Break) -> None:
    from asn_portal.engines.mkdocs.build import SiteError

    site = project.minimal().build()
    before = _snapshot(site)
    assert "kursus/kursus-satu/index.html" in before, sorted(before)
    break_project(project)
    with pytest.raises(SiteError):
        project.build()
    assert _snapshot(site) == before, "site/ dari build sebelumnya berubah"


def test_build_error_names_file_and_line(project: ProjectBuilder) -> None:
    from asn_portal.engines.mkdocs.build import SiteError

    edit(project.minimal(), "jp: 8", 'jp: "12"')
    with pytest.raises(SiteError) as raised:
        project.build()
    assert f"{C}:6:5" in str(raised.value)
