"""Validation of catalog files: every problem is reported with the exact file, line (and column), in
Indonesian, saying what to write instead. This module holds what spans every kind of problem: the valid base
files and what is accepted without errors, how problems are reported (all at once, sorted, with field paths),
that every message of every case is Indonesian and says what to write, contributors' usual mistakes, and the
modules' JP within the course's. The cases of one kind of problem are in test_validation_syntax.py (the YAML
itself) and test_validation_fields.py (the values).

Each case starts from a valid project (``portal`` fixture, tests/support/validation.py: three base files plus
beta and the materials they use), changes one thing, and expects exactly the listed errors: no more, so
follow-up noise (e.g. "kursus tidak ada" for a course that merely has its own error) fails the test too.
"""

from __future__ import annotations

import re

import pytest

from devtools import ROOT
from tests.support.project import ProjectBuilder
from tests.support.validation import (
    ARTICLE,
    COURSE,
    FACTOR,
    A,
    C,
    Expected,
    F,
    Files,
    assert_errors,
    case,
    check,
    edit,
    material,
    report,
    write_all,
)
from tests.support.validation import portal as portal
from tests.support.validation_cases import ALL_CASES


def test_base_files_are_valid(portal: ProjectBuilder) -> None:
    """The starting point of every case: no errors, no warnings."""
    problems = check(portal)
    assert problems.sorted() == [], report(problems.sorted())


# -- accepted without errors ----------------------------------------------------------------------

ACCEPTED: list[tuple[str, dict[str, str | bytes]]] = [
    ("utf8-bom", {C: b"\xef\xbb\xbf" + COURSE.encode()}),
    ("crlf", {A: ARTICLE.replace("\n", "\r\n").encode()}),
    ("bom-and-crlf", {F: b"\xef\xbb\xbf" + FACTOR.replace("\n", "\r\n").encode()}),
    ("non-ascii-text", {C: edit(COURSE, "title: Kursus Satu", "title: Kursus Ekspresi — Pelayanan “Prima” ✓")}),
    ("date-quoted", {A: edit(ARTICLE, "date: 2026-11-27", 'date: "2026-11-27"')}),
    ("date-single-quoted", {A: edit(ARTICLE, "date: 2026-11-27", "date: '2026-02-28'")}),
    ("leap-day", {A: edit(ARTICLE, "date: 2026-11-27", "date: 2028-02-29")}),
    ("material-forms", {A: edit(ARTICLE, "  - materials/panduan.pdf",
                                "  - materials/panduan.pdf\n"
                                "  - {path: materials/panduan.pdf, title: Panduan}\n"
                                "  - path: materials/gambar.png\n"
                                "    title: Diagram\n"
                                "  - {url: 'https://bpsdm.go.id/modul', title: Modul daring}\n"
                                "  - https://bpsdm.go.id/panduan.pdf\n"
                                "  - materials/./panduan.pdf")}),
    ("optional-fields-omitted", {C: COURSE[:COURSE.index("certificate:")]}),
    ("optional-fields-null", {C: COURSE + "organizer: null\naudience: ~\nobjectives:\nregistration:\n"
                                          "prerequisites: null\nredirect_from:\n"}),
    ("module-jp-omitted", {C: edit(COURSE, "    jp: 4\n", "")}),
    ("module-without-materials", {C: COURSE + "  - title: Modul dua\n    summary: Tanpa materi.\n"}),
    ("article-without-factors-courses-materials", {A: ARTICLE[:ARTICLE.index("factors:")]
                                                   + "body: Isi singkat.\n"}),
    ("quoted-numbers-as-text", {C: edit(COURSE, "title: Kursus Satu", "title: '2024'")}),
    ("tab-inside-block-scalar", {A: edit(ARTICLE, "  Paragraf pertama.", "  Contoh kode:\n  \tif x:\n  \t\treturn")}),
    ("comments-everywhere", {C: "# kursus\n" + COURSE.replace("jp: 8", "jp: 8  # jam pelajaran")}),
    ("draft-and-redirects", {C: COURSE + "draft: true\nredirect_from: [kursus-lama]\n"}),
    ("link-to-draft-entry", {C: COURSE + "draft: true\n"}),
]


@pytest.mark.parametrize("files", [pytest.param(files, id=name) for name, files in ACCEPTED])
def test_accepted_without_problems(portal: ProjectBuilder, files: Files) -> None:
    write_all(portal, files)
    problems = check(portal)
    assert problems.sorted() == [], report(problems.sorted())


def test_extra_files_give_warnings_only(portal: ProjectBuilder) -> None:
    portal.write("content/courses/README.md", "# Catatan\n")
    portal.write("content/courses/kursus-lama.yaml", COURSE)
    portal.write("content/articles/arsip/lama.yml", ARTICLE)
    portal.write("content/factors/.gitkeep", "")
    problems = check(portal)
    assert problems.errors == [], report(problems.errors)
    assert [(w.path, w.line) for w in problems.warnings] == [
        ("content/articles/arsip", 1),
        ("content/courses/README.md", 1),
        ("content/courses/kursus-lama.yaml", 1),
    ]
    assert "Ganti nama menjadi kursus-lama.yml" in problems.warnings[2].message
    assert all(w.format().split(": ", 1)[1].startswith("peringatan: ") for w in problems.warnings)


# -- reporting --------------------------------------------------------------------------------------

def test_all_problems_in_all_files_reported_at_once_and_sorted(portal: ProjectBuilder) -> None:
    write_all(portal, {
        F: edit(FACTOR, "order: 1", "order: satu"),
        C: edit(edit(COURSE, "mode: daring", "mode: online"), "jp: 8", "jp: 0"),
        A: edit(ARTICLE, "date: 2026-11-27", "date: 2026-13-01"),
        "content/courses/Baru.yml": COURSE,
        "content/articles/rusak.yml": "title: 'tidak ditutup\n",
    })
    errors = check(portal).errors
    assert [(p.path, p.line, p.col) for p in errors] == [
        (A, 3, 7),
        ("content/articles/rusak.yml", 1, 8),
        ("content/courses/Baru.yml", 1, None),
        (C, 5, 7),
        (C, 6, 5),
        (F, 2, 8),
    ], report(errors)
    assert errors == sorted(errors, key=lambda p: (p.path, p.line, p.col or 0))


def test_problem_format_is_path_line_col_message(portal: ProjectBuilder) -> None:
    portal.write(C, edit(COURSE, "jp: 8", 'jp: "12"'))
    problem = check(portal).errors[0]
    assert problem.format() == f"{C}:6:5: {problem.message}"
    assert problem.field_path == "jp"


FIELD_PATHS = [
    ("module-jp", {C: edit(COURSE, "    jp: 4", "    jp: nol")}, "modules.0.jp"),
    ("module-material", {C: edit(COURSE, "materials/panduan.pdf", "materials/x.pdf")}, "modules.0.materials.0"),
    ("author-name", {A: edit(ARTICLE, "  name: Penulis Uji", "  name: [a]")}, "author.name"),
    ("practice-link", {F: edit(FACTOR, "(kursus:kursus-satu)", "(kursus:x)")}, "practices.0.description"),
    ("second-reference", {A: edit(ARTICLE, "factors: [alpha]", "factors: [alpha, x]")}, "factors.1"),
]


@pytest.mark.parametrize(("files", "field_path"), [pytest.param(f, p, id=i) for i, f, p in FIELD_PATHS])
def test_field_paths(portal: ProjectBuilder, files: Files, field_path: str) -> None:
    write_all(portal, files)
    assert [p.field_path for p in check(portal).errors] == [field_path]


def _english_words(message: str) -> list[str]:
    """Common English words that would betray an untranslated message (quoted user text removed)."""
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", "", message)
    return [w for w in ("found", "expected", "while", "could not", "not allowed", "must", "should", "invalid",
                        "cannot", "Error", "object at 0x") if w in unquoted]


@pytest.mark.parametrize(("files", "expected"), ALL_CASES)
def test_messages_are_indonesian_and_say_what_to_write(
        portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    write_all(portal, files)
    for problem in check(portal).errors:
        assert not _english_words(problem.message), problem.format()
        assert re.search(r"Tulis|tulis|Tambahkan|Isi |Ganti|Pakai|Hapus|Pilih|Simpan|Samakan|Periksa|beri tanda kutip"
                         r"|Mungkin maksudnya|hapus|bulatkan|Tutup|Slug yang ada|Kunci yang boleh|harus berupa|diawali",
                         problem.message), f"no hint on what to write: {problem.format()}"


CONTRIBUTOR_MISTAKES = [
    case("key-typo-gives-one-error", {C: edit(COURSE, "summary: Ringkasan kursus satu.", "sumary: Ringkasan.")},
         C, 2, 1, "kunci 'sumary' tidak dikenal | Mungkin maksudnya 'summary'?"),
    case("author-as-plain-name", {A: edit(ARTICLE, "author:\n  name: Penulis Uji\n  unit: Unit Uji", "author: Budi")},
         A, 4, 9, "harus berupa pemetaan | Tulis: author: {name: Budi}"),
    case("list-item-with-colon", {C: COURSE + "objectives:\n  - Tujuan akhir: membedakan hasil kerja\n"},
         C, 19, 5, 'beri tanda kutip: - "Tujuan akhir: membedakan hasil kerja"'),
    case("factor-written-as-title", {C: edit(COURSE, "factors: [alpha]", "factors: [Faktor Alpha]")},
         C, 7, 11, "harus berupa slug | misalnya faktor-alpha"),
    case("factor-written-as-file-name", {C: edit(COURSE, "factors: [alpha]", "factors: [alpha.yml]")},
         C, 7, 11, "misalnya alpha."),
    case("mode-in-english", {C: edit(COURSE, "mode: daring", "mode: online")},
         C, 5, 7, "Mungkin maksudnya 'daring'?"),
    case("two-competencies", {C: edit(COURSE, "competency: teknis", "competency: teknis, manajerial")},
         C, 3, 13, "Hanya satu nilai yang boleh ditulis"),
    case("material-path-from-parent-folder", material("../materials/kinerja/x.pdf"),
         A, 15, 5, "misalnya materials/kinerja/x.pdf"),
]


@pytest.mark.parametrize(("files", "expected"), CONTRIBUTOR_MISTAKES)
def test_contributor_mistakes_get_a_fix_to_copy(portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    assert_errors(portal, files, expected)


# -- the modules' JP within the course's ------------------------------------------------------------

MODULE_JP = [
    pytest.param(COURSE + "  - title: Modul dua\n    jp: 6\n", "(4 + 6 = 10)", 10, id="two-modules-over"),
    pytest.param(edit(COURSE, "    jp: 4", "    jp: 9"), "(9)", 9, id="one-module-over"),
]


@pytest.mark.parametrize(("text", "shown", "total"), MODULE_JP)
def test_modules_with_more_jp_than_the_course_are_refused_at_its_jp(
        portal: ProjectBuilder, text: str, shown: str, total: int) -> None:
    assert_errors(portal, {C: text}, [(C, 6, 5, f"jumlah JP modul {shown} lebih dari JP kursus (8) | "
                                               f"Naikkan 'jp' kursus menjadi {total} atau kurangi JP modul")])


def test_modules_without_jp_are_left_out_and_an_exact_sum_passes(portal: ProjectBuilder) -> None:
    write_all(portal, {C: COURSE + "  - title: Modul dua\n    jp: 4\n  - title: Modul tanpa JP\n"})
    assert check(portal).sorted() == []


def test_the_shipped_sample_keeps_its_modules_within_the_course_jp() -> None:
    from asn_portal.cli import main

    assert main(["-f", str(ROOT / "mkdocs.yml"), "check"]) == 0
