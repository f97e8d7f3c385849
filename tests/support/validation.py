"""What the validation tests (tests/unit/test_validation*.py) share: the three base files of a valid catalog
(``COURSE``, ``ARTICLE``, ``FACTOR`` at the paths ``C``, ``A``, ``F``), the ``portal`` fixture that writes them,
and the helpers that change a file, run the checker and compare its errors with a case's expectation.

``portal`` is a fixture: a test module binds it to a name of its own (``from tests.support.validation import
portal as portal``) and pytest finds it there.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

import pytest

from asn_portal.content.validate import Project, load_catalog
from asn_portal.model.problems import Problem, ProblemList
from tests.support.project import ProjectBuilder

if TYPE_CHECKING:
    from _pytest.mark.structures import ParameterSet

# The files a case writes (path -> text or bytes) and the errors it expects: (path, line, column, words).
Files = dict[str, str | bytes]
Expected = list[tuple[str, int, int | None, str]]

C = "content/courses/kursus-satu.yml"
A = "content/articles/artikel-satu.yml"
F = "content/factors/alpha.yml"

# Line numbers of the base files are what the expectations below are written against.
COURSE = """\
title: Kursus Satu
summary: Ringkasan kursus satu.
competency: teknis
level: dasar
mode: daring
jp: 8
factors: [alpha]
certificate: true
tags: [kinerja]
description: |
  Baris pertama deskripsi.
  Lihat [faktor alpha](faktor:alpha) dan [artikel](artikel:artikel-satu).
modules:
  - title: Modul satu
    jp: 4
    materials:
      - materials/panduan.pdf
"""
#  1 title   2 summary   3 competency   4 level   5 mode   6 jp   7 factors   8 certificate   9 tags
# 10 description | 11-12 its text   13 modules   14 - title   15 jp   16 materials   17 - materials/panduan.pdf

ARTICLE = """\
title: Artikel Satu
summary: Ringkasan artikel satu.
date: 2026-11-27
author:
  name: Penulis Uji
  unit: Unit Uji
factors: [alpha]
courses: [kursus-satu]
body: |
  Paragraf pertama.

  Baca [kursus satu](kursus:kursus-satu) dan
  lihat ![diagram](materials/gambar.png).
materials:
  - materials/panduan.pdf
"""
#  1 title   2 summary   3 date   4 author   5 name   6 unit   7 factors   8 courses   9 body |
# 10-13 its text (12: kursus link, 13: image)   14 materials   15 - materials/panduan.pdf

FACTOR = """\
title: Faktor Alpha
order: 1
summary: Ringkasan faktor alpha.
practices:
  - title: Praktik pertama
    description: |
      Uraian praktik.
      Dukung [kursus satu](kursus:kursus-satu).
"""
#  1 title   2 order   3 summary   4 practices   5 - title   6 description |   7-8 its text (8: link)


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced (fails loudly if the base files change)."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def numbered(text: str) -> str:
    return "\n".join(f"{i:3}| {line}" for i, line in enumerate(text.split("\n"), 1))


def alias_bomb(levels: int = 9, width: int = 10) -> str:
    """'Billion laughs': each line repeats the previous alias ``width`` times (10**9 values when expanded)."""
    names = "abcdefghijklmnop"[:levels]
    lines = [f"a: &a [{', '.join(['x'] * width)}]"]
    lines += [f"{name}: &{name} [{', '.join([f'*{prev}'] * width)}]" for prev, name in pairwise(names)]
    return "\n".join(lines) + "\n"


@pytest.fixture
def portal(project: ProjectBuilder) -> ProjectBuilder:
    """minimal() with the files above: a valid catalog of every kind using materials and Markdown links."""
    project.minimal()
    project.write(C, COURSE)
    project.write(A, ARTICLE)
    project.write(F, FACTOR)
    project.write("materials/panduan.pdf", b"%PDF-1.4\n% uji\n")
    project.write("materials/gambar.png", b"\x89PNG\r\n\x1a\n")
    return project


# The base course names no organizer and gives its one module 4 of its 8 JP: the warnings check gives for
# that (tests/unit/test_check_rules.py) are left out here, where every case is about something else.
BASE_ADVICE = ("SIASN memerlukan institusi penyelenggara", "lebih kecil dari JP kursus")


def check(project: ProjectBuilder) -> ProblemList:
    _, problems = load_catalog(Project.at(project.root))
    return without_base_advice(problems)


def without_base_advice(problems: ProblemList) -> ProblemList:
    problems.items = [p for p in problems.items if p.is_error or not any(a in p.message for a in BASE_ADVICE)]
    return problems


def report(problems: list[Problem]) -> str:
    return "\n".join(p.format() for p in problems) or "(tidak ada)"


def write_all(project: ProjectBuilder, files: Files) -> None:
    for rel, text in files.items():
        project.write(rel, text)


def assert_errors(project: ProjectBuilder, files: Files, expected: Expected) -> None:
    """Exactly the ``expected`` errors, in order: (path, line, column, words every message must contain)."""
    write_all(project, files)
    errors = check(project).errors
    shown = "\n\n".join(f"{rel}:\n{numbered(t)}" for rel, t in files.items() if isinstance(t, str))
    assert len(errors) == len(expected), f"errors:\n{report(errors)}\n\nfiles:\n{shown}"
    for problem, (path, line, col, words) in zip(errors, expected, strict=True):
        assert (problem.path, problem.line, problem.col) == (path, line, col), problem.format()
        for word in words.split(" | "):
            assert word in problem.message, f"{word!r} missing in: {problem.format()}"


def case(case_id: str, files: Files, path: str, line: int, col: int | None, words: str) -> ParameterSet:
    """One file change that must give exactly one error; ``words`` are ' | '-separated message parts."""
    return pytest.param(files, [(path, line, col, words)], id=case_id)


def material(path_yaml: str) -> Files:
    """The article with its one material (line 15) written as ``path_yaml``."""
    return {A: edit(ARTICLE, "  - materials/panduan.pdf", f"  - {path_yaml}")}
