"""Validation of a catalog file's values: missing and mistyped fields, choices and dates, references
between entries (lists and Markdown links), file names that are not slugs, and material paths. Every problem
is reported with its exact file, line and column, in Indonesian, saying what to write instead.

Each case starts from the valid project of ``portal`` (tests/support/validation.py), changes one thing and
expects exactly the listed errors: no more, so follow-up noise fails the test too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
    edit,
    material,
)
from tests.support.validation import portal as portal
from tests.support.validation_cases import CHOICES_AND_DATES, FILE_NAMES, MATERIALS, REFERENCES, TYPES

# -- types, required fields -----------------------------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), TYPES)
def test_missing_and_mistyped_fields(portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    assert_errors(portal, files, expected)


def test_missing_required_keys_are_all_named_at_the_mapping_line(portal: ProjectBuilder) -> None:
    assert_errors(portal, {A: edit(edit(ARTICLE, "title: Artikel Satu\n", ""), "date: 2026-11-27\n", "")}, [
        (A, 1, None, "kolom wajib 'date' belum ada"),
        (A, 1, None, "kolom wajib 'title' belum ada"),
    ])


# -- choices and dates ----------------------------------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), CHOICES_AND_DATES)
def test_choices_and_dates(portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    assert_errors(portal, files, expected)


# -- references between entries -------------------------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), REFERENCES)
def test_references_to_missing_entries(portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    assert_errors(portal, files, expected)


def test_same_broken_link_written_twice_is_reported_at_each_line(portal: ProjectBuilder) -> None:
    body = ("body: |\n  Sebut kursus:nope tanpa tautan.\n  [a](kursus:nope)\n\n  [b](kursus:nope)\n"
            "  lihat ![diagram](materials/gambar.png).\n")
    text = edit(ARTICLE, ARTICLE[ARTICLE.index("body: |"):ARTICLE.index("materials:\n")], body)
    assert_errors(portal, {A: text}, [(A, 11, 7, "kursus:nope"), (A, 13, 7, "kursus:nope")])


def test_reference_to_entry_with_its_own_error_is_not_reported_again(portal: ProjectBuilder) -> None:
    """The course is broken (jp) and the article links it: one error, in the course, not 'tidak ada'."""
    assert_errors(portal, {C: edit(COURSE, "jp: 8", "jp: 0")}, [(C, 6, 5, "harus lebih dari 0")])


def test_duplicate_order_names_both_files(portal: ProjectBuilder) -> None:
    factor_b = "content/factors/beta.yml"
    assert_errors(portal, {factor_b: edit(FACTOR, "title: Faktor Alpha", "title: Faktor Beta")}, [
        (F, 2, 8, "order 1 dipakai juga oleh content/factors/beta.yml | order yang unik"),
        (factor_b, 2, 8, "order 1 dipakai juga oleh content/factors/alpha.yml"),
    ])


# -- file names -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), FILE_NAMES)
def test_file_names_must_be_slugs(portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    assert_errors(portal, files, expected)


def test_names_differing_only_by_case_are_both_reported(portal: ProjectBuilder) -> None:
    assert_errors(portal, {"content/courses/kursus-dua.yml": COURSE, "content/courses/Kursus-Dua.yml": COURSE}, [
        ("content/courses/Kursus-Dua.yml", 1, None, "hanya berbeda huruf besar/kecil dengan "
                                                    "content/courses/kursus-dua.yml"),
        ("content/courses/kursus-dua.yml", 1, None, "hanya berbeda huruf besar/kecil dengan "
                                                    "content/courses/Kursus-Dua.yml"),
    ])


# -- materials ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), MATERIALS)
def test_material_paths(portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    assert_errors(portal, files, expected)


def test_material_pointing_at_a_folder(portal: ProjectBuilder) -> None:
    portal.write("materials/modul/a.pdf", b"%PDF")
    assert_errors(portal, material("materials/modul"), [(A, 15, 5, "adalah folder, bukan berkas | materials/modul/")])


def test_material_symlink_leaving_materials(portal: ProjectBuilder, tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.pdf"
    secret.write_bytes(b"x")
    try:
        (portal.root / "materials" / "tautan.pdf").symlink_to(secret)
    except OSError:
        pytest.skip("symlink tidak didukung di sistem ini")
    # The link itself is an error (never followed, its target never read) and so is the reference to it.
    assert_errors(portal, material("materials/tautan.pdf"), [
        (A, 15, 5, "'materials/tautan.pdf' adalah tautan simbolik | tidak diikuti"),
        ("materials/tautan.pdf", 1, None, "tautan simbolik (symlink) tidak diizinkan"),
    ])


def test_material_key_typo_reports_key_and_missing_target(portal: ProjectBuilder) -> None:
    assert_errors(portal, material("{pth: materials/panduan.pdf}"), [
        (A, 15, 5, "tepat satu dari 'path'"),
        (A, 15, 6, "kunci 'pth' tidak dikenal pada materi | Mungkin maksudnya 'path'?"),
    ])
