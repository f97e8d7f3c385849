"""Validation of catalog files: every problem is reported with the exact file, line (and column), in
Indonesian, saying what to write instead.

Each case starts from a valid project (``portal`` fixture: the three base files below plus beta and the
materials they use), changes one thing, and expects exactly the listed errors: no more, so follow-up
noise (e.g. "kursus tidak ada" for a course that merely has its own error) fails the test too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from asn_portal.content.validate import Project, load_catalog
from asn_portal.model.problems import Problem, ProblemList

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
def portal(project):
    """minimal() with the files above: a valid catalog of every kind using materials and Markdown links."""
    project.minimal()
    project.write(C, COURSE)
    project.write(A, ARTICLE)
    project.write(F, FACTOR)
    project.write("materials/panduan.pdf", b"%PDF-1.4\n% uji\n")
    project.write("materials/gambar.png", b"\x89PNG\r\n\x1a\n")
    return project


# The base course names no organizer and gives its one module 4 of its 8 JP: the warnings check gives for
# that (tests/test_check_rules.py) are left out here, where every case is about something else.
BASE_ADVICE = ("SIASN memerlukan institusi penyelenggara", "lebih kecil dari JP kursus")


def check(project) -> ProblemList:
    _, problems = load_catalog(Project.at(project.root))
    return without_base_advice(problems)


def without_base_advice(problems: ProblemList) -> ProblemList:
    problems.items = [p for p in problems.items if p.is_error or not any(a in p.message for a in BASE_ADVICE)]
    return problems


def report(problems: list[Problem]) -> str:
    return "\n".join(p.format() for p in problems) or "(tidak ada)"


def write_all(project, files: dict[str, str | bytes]) -> None:
    for rel, text in files.items():
        project.write(rel, text)


def assert_errors(project, files: dict[str, str | bytes], expected: list[tuple[str, int, int | None, str]]) -> None:
    """Exactly the ``expected`` errors, in order: (path, line, column, words every message must contain)."""
    write_all(project, files)
    errors = check(project).errors
    shown = "\n\n".join(f"{rel}:\n{numbered(t)}" for rel, t in files.items() if isinstance(t, str))
    assert len(errors) == len(expected), f"errors:\n{report(errors)}\n\nfiles:\n{shown}"
    for problem, (path, line, col, words) in zip(errors, expected, strict=True):
        assert (problem.path, problem.line, problem.col) == (path, line, col), problem.format()
        for word in words.split(" | "):
            assert word in problem.message, f"{word!r} missing in: {problem.format()}"


def case(case_id: str, files: dict[str, str | bytes], path: str, line: int, col: int | None, words: str):
    """One file change that must give exactly one error; ``words`` are ' | '-separated message parts."""
    return pytest.param(files, [(path, line, col, words)], id=case_id)


def test_base_files_are_valid(portal):
    """The starting point of every case: no errors, no warnings."""
    problems = check(portal)
    assert problems.sorted() == [], report(problems.sorted())


# -- YAML syntax ----------------------------------------------------------------------------------

SYNTAX = [
    case("unclosed-double-quote", {C: edit(COURSE, "title: Kursus Satu", 'title: "Kursus Satu')},
         C, 1, 8, "YAML tidak valid | tanda kutip dibuka di sini tetapi tidak ditutup"),
    case("unclosed-single-quote-mid-file", {C: edit(COURSE, "mode: daring", "mode: 'daring")},
         C, 5, 7, "tanda kutip dibuka di sini tetapi tidak ditutup"),
    case("unclosed-quote-closed-by-a-later-quote", {A: edit(ARTICLE, "title: Artikel Satu", 'title: "Artikel Satu')
                                                     .replace("body: |\n", 'body: |\n  Kata "kunci" di sini.\n')},
         A, 1, 8, "tanda kutip dibuka di sini tetapi tidak ditutup | di baris yang sama"),
    case("no-space-after-colon", {C: edit(COURSE, "mode: daring", "mode:daring")},
         C, 5, 6, "sesudah ':' harus ada spasi | Tulis: mode: daring"),
    case("non-breaking-space-after-colon", {C: edit(COURSE, "mode: daring", "mode:\u00a0daring")},
         C, 5, 6, "spasi tak terlihat | Tulis: mode: daring"),
    case("unclosed-bracket", {C: edit(COURSE, "factors: [alpha]", "factors: [alpha")},
         C, 7, 10, "kurung siku '[' dibuka di sini | Tambahkan ']'"),
    case("unclosed-brace", {C: edit(COURSE, "tags: [kinerja]", "tags: {a: b")},
         C, 9, 7, "kurung kurawal '{' dibuka di sini | Tambahkan '}'"),
    case("colon-inside-value", {C: edit(COURSE, "title: Kursus Satu", "title: Bagian A: Pengantar")},
         C, 1, 16, "tanda ': ' muncul di tengah nilai | Tulis: title: \"Bagian A: Pengantar\""),
    case("key-indented-too-far", {C: edit(COURSE, "level: dasar", "  level: dasar")},
         C, 4, 8, "lanjutan nilai baris sebelumnya | Samakan indentasinya"),
    case("text-after-closing-quote", {C: edit(COURSE, "title: Kursus Satu", "title: 'Kursus' Satu")},
         C, 1, 17, "ada teks sesudah tanda kutip penutup | Tulis: title: \"'Kursus' Satu\""),
    case("asterisk-starts-value", {C: edit(COURSE, "title: Kursus Satu", "title: *Penting* sekali")},
         C, 1, 8, "alias YAML | beri tanda kutip | Tulis: title: \"*Penting* sekali\""),
    case("backtick-starts-value", {C: edit(COURSE, "title: Kursus Satu", "title: `kode` dasar")},
         C, 1, 8, "karakter '`' tidak boleh mengawali nilai | Tulis: title: \"`kode` dasar\""),
    case("backslash-escape-in-double-quotes",
         {A: edit(ARTICLE, "  - materials/panduan.pdf", '  - "materials\\panduan.pdf"')},
         A, 15, 15, "garis miring terbalik | tanda kutip tunggal | '/'"),
    case("second-document", {C: COURSE + "---\ntitle: Lagi\n"},
         C, 18, 1, "satu berkas hanya boleh berisi satu entri | Hapus '---'"),
    case("list-item-out-of-line", {C: edit(COURSE, "    jp: 4", "    jp: 4\n   - title: Modul dua")},
         C, 16, 4, "butir daftar | sejajar"),
]


@pytest.mark.parametrize(("files", "expected"), SYNTAX)
def test_yaml_syntax_errors(portal, files, expected):
    assert_errors(portal, files, expected)


# -- tabs, duplicate keys, unknown keys -----------------------------------------------------------

STRUCTURE = [
    case("tab-indents-key", {A: edit(ARTICLE, "  name: Penulis Uji", "\tname: Penulis Uji")},
         A, 5, 1, "karakter tab | Ganti tab dengan spasi"),
    case("tab-after-spaces", {C: edit(COURSE, "    jp: 4", "  \tjp: 4")},
         C, 15, 3, "karakter tab | Ganti tab dengan spasi"),
    case("tab-after-dash", {F: edit(FACTOR, "  - title: Praktik pertama", "  -\ttitle: Praktik pertama")},
         F, 5, 4, "karakter tab"),
    case("duplicate-top-level-key", {C: COURSE + "title: Judul Lain\n"},
         C, 18, 1, "kunci 'title' ditulis dua kali (pertama di baris 1) | Hapus salah satunya"),
    case("duplicate-nested-key", {A: edit(ARTICLE, "  unit: Unit Uji", "  unit: Unit Uji\n  name: Orang Lain")},
         A, 7, 3, "kunci 'name' ditulis dua kali (pertama di baris 5)"),
    case("unknown-key", {C: COURSE + "titel: Judul\n"},
         C, 18, 1, "kunci 'titel' tidak dikenal | Mungkin maksudnya 'title'? | Kunci yang boleh: title, summary"),
    case("unknown-key-without-close-match", {C: COURSE + "penyelenggara: BPSDM\n"},
         C, 18, 1, "kunci 'penyelenggara' tidak dikenal | Kunci yang boleh: | organizer"),
    case("unknown-nested-key", {A: edit(ARTICLE, "  unit: Unit Uji", "  unti: Unit Uji")},
         A, 6, 3, "kunci 'unti' tidak dikenal | Mungkin maksudnya 'unit'? | Kunci yang boleh: name, unit"),
    case("unknown-key-in-module", {C: edit(COURSE, "    jp: 4", "    jpp: 4")},
         C, 15, 5, "kunci 'jpp' tidak dikenal | Mungkin maksudnya 'jp'?"),
    case("yaml-merge-key", {C: edit(COURSE, "    jp: 4", "    jp: 4\n    <<: {summary: x}")},
         C, 16, 5, "'<<: *alias' tidak didukung | Tulis setiap kolom langsung"),
]


def test_jp_with_zero_decimal_is_a_warning_not_an_error(portal):
    # JSON Schema treats 12.0 as an integer, so the contract allows it; the checker only nudges.
    portal.write(C, edit(COURSE, "jp: 8", "jp: 12.0"))
    catalog, problems = load_catalog(Project.at(portal.root))
    problems = without_base_advice(problems)
    assert not problems.errors
    assert [(w.path, w.line, w.col) for w in problems.warnings] == [(C, 6, 5)]
    assert "jp: 12" in problems.warnings[0].message
    assert catalog.of_kind("course")["kursus-satu"].jp == 12


def test_a_badly_named_file_is_still_checked(portal) -> None:
    """Every problem in one run: the content of a file with a bad name is checked too."""
    portal.write("content/courses/Kursus Baru.yml", edit(COURSE, "jp: 8", 'jp: "8"'))
    errors = check(portal).errors
    assert [(p.path, p.line) for p in errors] == [("content/courses/Kursus Baru.yml", 1),
                                                  ("content/courses/Kursus Baru.yml", 6)]
    assert "Ganti nama menjadi kursus-baru.yml" in errors[0].message


@pytest.mark.parametrize(("files", "expected"), STRUCTURE)
def test_tabs_duplicate_and_unknown_keys(portal, files, expected):
    assert_errors(portal, files, expected)


# -- types, required fields -----------------------------------------------------------------------

TYPES = [
    case("jp-quoted", {C: edit(COURSE, "jp: 8", 'jp: "12"')},
         C, 6, 5, "'jp' harus berupa bilangan bulat lebih dari 0 | hapus tanda kutip: jp: 12"),
    case("jp-fraction", {C: edit(COURSE, "jp: 8", "jp: 12.5")},
         C, 6, 5, "bukan '12.5' | tidak boleh pecahan | jp: 12"),
    case("jp-bool", {C: edit(COURSE, "jp: 8", "jp: true")},
         C, 6, 5, "bilangan bulat | bukan 'true' | jp: 12"),
    case("jp-zero", {C: edit(COURSE, "jp: 8", "jp: 0")},
         C, 6, 5, "'jp' harus lebih dari 0, bukan 0 | jp: 1"),
    case("jp-negative", {C: edit(COURSE, "jp: 8", "jp: -3")},
         C, 6, 5, "'jp' harus lebih dari 0, bukan -3 | jp: 3"),
    case("jp-words", {C: edit(COURSE, "jp: 8", "jp: dua belas")},
         C, 6, 5, "bukan 'dua belas' | jp: 12"),
    case("jp-empty", {C: edit(COURSE, "jp: 8", "jp:")},
         C, 6, 1, "kolom wajib 'jp' kosong | jp: ..."),
    case("module-jp-quoted", {C: edit(COURSE, "    jp: 4", '    jp: "4"')},
         C, 15, 9, "hapus tanda kutip: jp: 4"),
    case("order-fraction", {F: edit(FACTOR, "order: 1", "order: 1.5")},
         F, 2, 8, "'order' harus berupa bilangan bulat | order: 2"),
    case("certificate-ya", {C: edit(COURSE, "certificate: true", "certificate: ya")},
         C, 8, 14, "'certificate' harus berupa true atau false, bukan 'ya' | tulis true atau false"),
    case("title-number", {C: edit(COURSE, "title: Kursus Satu", "title: 123")},
         C, 1, 8, "'title' harus berupa teks, bukan '123' | title: \"123\""),
    case("title-empty-string", {C: edit(COURSE, "title: Kursus Satu", 'title: ""')},
         C, 1, 8, "'title' tidak boleh kosong | Tulis judulnya"),
    case("title-null", {C: edit(COURSE, "title: Kursus Satu", "title: null")},
         C, 1, 1, "kolom wajib 'title' kosong | title: ..."),
    case("tag-number", {C: edit(COURSE, "tags: [kinerja]", "tags: [2024]")},
         C, 9, 8, "butir 'tags' harus berupa teks, bukan '2024' | - \"2024\""),
    case("factors-single-string", {C: edit(COURSE, "factors: [alpha]", "factors: alpha")},
         C, 7, 10, "'factors' harus berupa daftar, bukan 'alpha' | factors: [alpha]"),
    case("factors-empty-list", {C: edit(COURSE, "factors: [alpha]", "factors: []")},
         C, 7, 1, "'factors' harus berisi minimal 1 butir | Tambahkan butirnya"),
    case("factor-slug-invalid", {C: edit(COURSE, "factors: [alpha]", "factors: [Alpha Beta]")},
         C, 7, 11, "butir 'factors' harus berupa slug | huruf kecil"),
    case("author-as-text", {A: edit(ARTICLE, "author:\n  name: Penulis Uji\n  unit: Unit Uji", "author: Budi")},
         A, 4, 9, "author harus berupa pemetaan 'kunci: nilai', bukan 'Budi'"),
    case("registration-not-url", {C: COURSE + "registration: www.bpsdm.go.id\n"},
         C, 18, 15, "harus berupa URL lengkap yang diawali https://"),
    case("missing-top-level-key", {C: edit(COURSE, "jp: 8\n", "")},
         C, 1, None, "kolom wajib 'jp' belum ada | Tambahkan 'jp: 12'"),
    case("missing-key-mapping-after-comments", {C: "# Kursus unggulan\n\n" + edit(COURSE, "title: Kursus Satu\n", "")},
         C, 3, None, "kolom wajib 'title' belum ada | Tambahkan 'title: ...'"),
    case("missing-nested-key", {A: edit(ARTICLE, "  name: Penulis Uji\n", "")},
         A, 4, None, "kolom wajib 'name' belum ada | Tambahkan 'name: ...'"),
    case("missing-key-in-list-item", {C: edit(COURSE, "  - title: Modul satu\n    jp: 4", "  - jp: 4")},
         C, 14, None, "kolom wajib 'title' belum ada | Judul modul"),
    case("missing-practice-description",
         {F: FACTOR[:FACTOR.index("    description: |")]},
         F, 5, None, "kolom wajib 'description' belum ada"),
]


@pytest.mark.parametrize(("files", "expected"), TYPES)
def test_missing_and_mistyped_fields(portal, files, expected):
    assert_errors(portal, files, expected)


def test_missing_required_keys_are_all_named_at_the_mapping_line(portal):
    assert_errors(portal, {A: edit(edit(ARTICLE, "title: Artikel Satu\n", ""), "date: 2026-11-27\n", "")}, [
        (A, 1, None, "kolom wajib 'date' belum ada"),
        (A, 1, None, "kolom wajib 'title' belum ada"),
    ])


# -- choices and dates ----------------------------------------------------------------------------

CHOICES_AND_DATES = [
    case("competency-capitalised", {C: edit(COURSE, "competency: teknis", "competency: Teknis")},
         C, 3, 13, "nilai 'Teknis' tidak dikenal untuk 'competency' | Mungkin maksudnya 'teknis'? | "
                   "Pilih salah satu: teknis, manajerial, sosial-kultural"),
    case("level-close-word", {C: edit(COURSE, "level: dasar", "level: lanjutan")},
         C, 4, 8, "nilai 'lanjutan' tidak dikenal untuk 'level' | Mungkin maksudnya 'lanjut'?"),
    case("mode-english", {C: edit(COURSE, "mode: daring", "mode: online")},
         C, 5, 7, "nilai 'online' tidak dikenal untuk 'mode' | Pilih salah satu: daring, luring, campuran, mandiri"),
    case("mode-uppercase", {C: edit(COURSE, "mode: daring", "mode: DARING")},
         C, 5, 7, "Mungkin maksudnya 'daring'?"),
    case("date-impossible-unquoted", {A: edit(ARTICLE, "date: 2026-11-27", "date: 2026-13-45")},
         A, 3, 7, "tanggal '2026-13-45' tidak ada di kalender | contoh: 2026-11-27"),
    case("date-impossible-quoted", {A: edit(ARTICLE, "date: 2026-11-27", 'date: "2026-02-30"')},
         A, 3, 7, "tanggal '2026-02-30' tidak ada di kalender"),
    case("date-with-time", {A: edit(ARTICLE, "date: 2026-11-27", "date: 2026-11-27 09:30:00")},
         A, 3, 7, "'date' cukup berisi tanggal tanpa jam | Tulis: date: 2026-11-27"),
    case("date-iso-time", {A: edit(ARTICLE, "date: 2026-11-27", "date: 2026-11-27T09:30:00+07:00")},
         A, 3, 7, "tanpa jam | Tulis: date: 2026-11-27"),
    case("date-day-first", {A: edit(ARTICLE, "date: 2026-11-27", "date: 27-11-2026")},
         A, 3, 7, "'date' harus berupa tanggal TTTT-BB-HH, misalnya 2026-11-27, bukan '27-11-2026'"),
]


@pytest.mark.parametrize(("files", "expected"), CHOICES_AND_DATES)
def test_choices_and_dates(portal, files, expected):
    assert_errors(portal, files, expected)


# -- references between entries -------------------------------------------------------------------

REFERENCES = [
    case("course-factor-missing", {C: edit(COURSE, "factors: [alpha]", "factors: [alpha, gamma]")},
         C, 7, 18, "faktor 'gamma' tidak ada | Slug yang ada: alpha, beta"),
    case("course-factor-typo", {C: edit(COURSE, "factors: [alpha]", "factors: [alpa]")},
         C, 7, 11, "faktor 'alpa' tidak ada | Mungkin maksudnya 'alpha'?"),
    case("article-factor-missing", {A: edit(ARTICLE, "factors: [alpha]", "factors: [alpha, zeta]")},
         A, 7, 18, "faktor 'zeta' tidak ada"),
    case("article-course-missing",
         {A: edit(ARTICLE, "courses: [kursus-satu]", "courses:\n  - kursus-satu\n  - kursus-dua")},
         A, 10, 5, "kursus 'kursus-dua' tidak ada | Mungkin maksudnya 'kursus-satu'?"),
    case("markdown-course-link-in-block", {A: edit(ARTICLE, "(kursus:kursus-satu)", "(kursus:nope)")},
         A, 12, 22, "tautan 'kursus:nope' menunjuk ke kursus yang tidak ada | Slug yang ada: kursus-satu"),
    case("markdown-factor-link-typo", {C: edit(COURSE, "(faktor:alpha)", "(faktor:alpah)")},
         C, 12, 24, "tautan 'faktor:alpah' menunjuk ke faktor yang tidak ada | Tulis faktor:alpha"),
    case("markdown-article-link", {C: edit(COURSE, "(artikel:artikel-satu)", "(artikel:hilang)")},
         C, 12, 52, "tautan 'artikel:hilang' menunjuk ke artikel yang tidak ada | artikel-satu"),
    case("markdown-link-in-practice", {F: edit(FACTOR, "(kursus:kursus-satu)", "(kursus:kursus-dua)")},
         F, 8, 28, "tautan 'kursus:kursus-dua' | Tulis kursus:kursus-satu"),
    case("markdown-link-in-folded-block",
         {C: edit(COURSE, "description: |\n  Baris pertama deskripsi.\n",
                  "description: >\n  Baris pertama deskripsi,\n  lanjut [di sini](kursus:tidak-ada).\n")},
         C, 12, 20, "tautan 'kursus:tidak-ada'"),
    case("markdown-reference-definition", {A: ARTICLE.replace("  lihat ", "  [rujukan]: kursus:lama\n  lihat ")},
         A, 13, 14, "tautan 'kursus:lama' menunjuk ke kursus yang tidak ada"),
    case("markdown-image-missing", {A: edit(ARTICLE, "materials/gambar.png", "materials/none.png")},
         A, 13, 20, "berkas materi 'materials/none.png' tidak ditemukan"),
    case("markdown-image-escaping", {A: edit(ARTICLE, "materials/gambar.png", "materials/../../x.png")},
         A, 13, 20, "keluar dari folder materials/"),
]


@pytest.mark.parametrize(("files", "expected"), REFERENCES)
def test_references_to_missing_entries(portal, files, expected):
    assert_errors(portal, files, expected)


def test_same_broken_link_written_twice_is_reported_at_each_line(portal):
    body = ("body: |\n  Sebut kursus:nope tanpa tautan.\n  [a](kursus:nope)\n\n  [b](kursus:nope)\n"
            "  lihat ![diagram](materials/gambar.png).\n")
    text = edit(ARTICLE, ARTICLE[ARTICLE.index("body: |"):ARTICLE.index("materials:\n")], body)
    assert_errors(portal, {A: text}, [(A, 11, 7, "kursus:nope"), (A, 13, 7, "kursus:nope")])


def test_reference_to_entry_with_its_own_error_is_not_reported_again(portal):
    """The course is broken (jp) and the article links it: one error, in the course, not 'tidak ada'."""
    assert_errors(portal, {C: edit(COURSE, "jp: 8", "jp: 0")}, [(C, 6, 5, "harus lebih dari 0")])


def test_duplicate_order_names_both_files(portal):
    factor_b = "content/factors/beta.yml"
    assert_errors(portal, {factor_b: edit(FACTOR, "title: Faktor Alpha", "title: Faktor Beta")}, [
        (F, 2, 8, "order 1 dipakai juga oleh content/factors/beta.yml | order yang unik"),
        (factor_b, 2, 8, "order 1 dipakai juga oleh content/factors/alpha.yml"),
    ])


# -- file names -----------------------------------------------------------------------------------

FILE_NAMES = [
    case("capital-letters", {"content/courses/Foo.yml": COURSE},
         "content/courses/Foo.yml", 1, None, "nama berkas 'Foo.yml' bukan slug | Ganti nama menjadi foo.yml"),
    case("underscore", {"content/courses/my_course.yml": COURSE},
         "content/courses/my_course.yml", 1, None, "bukan slug | Ganti nama menjadi my-course.yml"),
    case("space", {"content/articles/artikel baru.yml": ARTICLE},
         "content/articles/artikel baru.yml", 1, None, "Ganti nama menjadi artikel-baru.yml"),
]


@pytest.mark.parametrize(("files", "expected"), FILE_NAMES)
def test_file_names_must_be_slugs(portal, files, expected):
    assert_errors(portal, files, expected)


def test_names_differing_only_by_case_are_both_reported(portal):
    assert_errors(portal, {"content/courses/kursus-dua.yml": COURSE, "content/courses/Kursus-Dua.yml": COURSE}, [
        ("content/courses/Kursus-Dua.yml", 1, None, "hanya berbeda huruf besar/kecil dengan "
                                                    "content/courses/kursus-dua.yml"),
        ("content/courses/kursus-dua.yml", 1, None, "hanya berbeda huruf besar/kecil dengan "
                                                    "content/courses/Kursus-Dua.yml"),
    ])


# -- materials ------------------------------------------------------------------------------------


def material(path_yaml: str) -> dict[str, str]:
    """The article with its one material (line 15) written as ``path_yaml``."""
    return {A: edit(ARTICLE, "  - materials/panduan.pdf", f"  - {path_yaml}")}


MATERIALS = [
    case("missing-file", material("materials/tidak-ada.pdf"),
         A, 15, 5, "berkas materi 'materials/tidak-ada.pdf' tidak ditemukan | Simpan berkasnya"),
    case("wrong-case", material("materials/Panduan.pdf"),
         A, 15, 5, "tidak ditemukan | Mungkin maksudnya 'panduan.pdf'? | huruf besar/kecil"),
    case("absolute-unix", material("/home/x.pdf"),
         A, 15, 5, "path materi '/home/x.pdf' absolut | materials/x.pdf"),
    case("absolute-windows", material("'C:\\x.pdf'"),
         A, 15, 5, "path materi 'C:\\x.pdf' absolut | misalnya materials/x.pdf"),
    case("absolute-windows-forward-slash", material("C:/Users/budi/x.pdf"),
         A, 15, 5, "absolut | materials/x.pdf"),
    case("escapes-twice", material("materials/../../etc/passwd"),
         A, 15, 5, "'materials/../../etc/passwd' keluar dari folder materials/"),
    case("parent-folder", material("../x.pdf"),
         A, 15, 5, "'../x.pdf' tidak diawali 'materials/' | misalnya materials/x.pdf"),
    case("escapes-once", material("materials/../x"),
         A, 15, 5, "'materials/../x' keluar dari folder materials/"),
    case("backslashes", material("'materials\\panduan.pdf'"),
         A, 15, 5, "garis miring terbalik | tulis: materials/panduan.pdf"),
    case("not-under-materials", material("dokumen/x.pdf"),
         A, 15, 5, "tidak diawali 'materials/'"),
    case("other-scheme", material("ftp://arsip.go.id/x.pdf"),
         A, 15, 5, "bukan alamat yang didukung | https://"),
    case("mapping-path-missing", material("{path: materials/x.pdf, title: Modul}"),
         A, 15, 12, "berkas materi 'materials/x.pdf' tidak ditemukan"),
    case("mapping-url-not-web", material("{url: www.x.go.id, title: Situs}"),
         A, 15, 11, "'url' materi harus diawali https://"),
    case("mapping-without-target", material("{title: Modul}"),
         A, 15, 5, "tepat satu dari 'path' | 'url' | Tulis misalnya {path: materials/"),
    case("mapping-with-url-as-path", material("{path: 'https://x.go.id/a.pdf'}"),
         A, 15, 12, "ditulis dengan 'url:'"),
    case("module-material-missing", {C: edit(COURSE, "materials/panduan.pdf", "materials/modul-1.pdf")},
         C, 17, 9, "berkas materi 'materials/modul-1.pdf' tidak ditemukan"),
]


@pytest.mark.parametrize(("files", "expected"), MATERIALS)
def test_material_paths(portal, files, expected):
    assert_errors(portal, files, expected)


def test_material_pointing_at_a_folder(portal):
    portal.write("materials/modul/a.pdf", b"%PDF")
    assert_errors(portal, material("materials/modul"), [(A, 15, 5, "adalah folder, bukan berkas | materials/modul/")])


def test_material_symlink_leaving_materials(portal, tmp_path):
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


def test_material_key_typo_reports_key_and_missing_target(portal):
    assert_errors(portal, material("{pth: materials/panduan.pdf}"), [
        (A, 15, 5, "tepat satu dari 'path'"),
        (A, 15, 6, "kunci 'pth' tidak dikenal pada materi | Mungkin maksudnya 'path'?"),
    ])


# -- tags, encodings, whole files -----------------------------------------------------------------

TAGS = [
    case("python-tag-value", {C: COURSE + 'organizer: !!python/object/apply:os.system ["ls"]\n'},
         C, 18, 12, "tag YAML '!!python/object/apply:os.system' tidak diizinkan | Hapus tag itu"),
    case("python-tag-required-value",
         {C: edit(COURSE, "title: Kursus Satu", 'title: !!python/object/apply:os.system ["ls"]')},
         C, 1, 8, "tag YAML '!!python/object/apply:os.system' tidak diizinkan"),
    case("python-tag-whole-file", {C: '!!python/object/apply:os.system ["ls"]\n'},
         C, 1, 1, "tag YAML '!!python/object/apply:os.system' tidak diizinkan"),
    case("python-tag-nested-mapping", {A: edit(ARTICLE, "author:\n  name: Penulis Uji\n  unit: Unit Uji",
                                              "author: !!python/name:os.system")},
         A, 4, 9, "tag YAML '!!python/name:os.system' tidak diizinkan"),
    case("tag-in-material-title", {A: edit(ARTICLE, "  - materials/panduan.pdf",
                                           "  - {path: materials/panduan.pdf, title: !!python/none x}")},
         A, 15, 42, "tag YAML '!!python/none' tidak diizinkan"),
    case("custom-tag", {C: COURSE + "organizer: !include lain.yml\n"},
         C, 18, 12, "tag YAML '!include' tidak diizinkan"),
    case("binary-tag", {C: COURSE + "organizer: !!binary aGFsbw==\n"},
         C, 18, 12, "tag YAML '!!binary' tidak diizinkan"),
]


@pytest.mark.parametrize(("files", "expected"), TAGS)
def test_yaml_tags_give_one_error_without_follow_up(portal, files, expected):
    assert_errors(portal, files, expected)


WHOLE_FILES = [
    case("latin-1-byte-on-line-3",
         {C: edit(COURSE, "competency: teknis", "competency: teknis  # caf\xe9").encode("latin-1")},
         C, 3, 26, "bukan UTF-8 | Simpan ulang berkas dengan encoding UTF-8"),
    case("binary-garbage", {C: b"title: x\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"},
         C, 2, 1, "bukan UTF-8"),
    case("nul-character-on-line-3", {C: COURSE.replace("level: dasar", "level: da\x00sar").encode()},
         C, 4, 10, "karakter kontrol | kode 0x0000 | Hapus karakter itu"),
    case("top-level-list", {C: "- title: Kursus Satu\n- summary: Ringkas\n"},
         C, 1, 1, "berkas harus berupa pemetaan 'kunci: nilai', bukan daftar"),
    case("top-level-scalar", {C: "Kursus tentang pelayanan publik\n"},
         C, 1, 1, "berkas harus berupa pemetaan 'kunci: nilai', bukan 'Kursus tentang pelayanan publik'"),
    case("empty-file", {C: ""},
         C, 1, None, "berkas kosong | title: ..., summary: ..., competency: ..."),
    case("only-comments", {F: "# faktor baru, belum diisi\n# TODO\n"},
         F, 1, None, "berkas kosong | title: ..., order: ..., summary: ..., practices: ..."),
    case("only-blank-lines", {A: b"\n  \n\n"},
         A, 1, None, "berkas kosong | body: ..., date: ..., author: ..."),
    case("alias-bomb", {C: alias_bomb()},
         C, 2, 8, "alias YAML (*nama) di sini | tanpa alias"),  # the line of its first alias
    case("alias-to-itself", {C: "title: &judul [*judul]\n"},
         C, 1, 8, "merujuk ke dirinya sendiri | tanpa alias"),
]


@pytest.mark.parametrize(("files", "expected"), WHOLE_FILES)
def test_encodings_and_whole_file_problems(portal, files, expected):
    assert_errors(portal, files, expected)


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
def test_accepted_without_problems(portal, files):
    write_all(portal, files)
    problems = check(portal)
    assert problems.sorted() == [], report(problems.sorted())


def test_extra_files_give_warnings_only(portal):
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


def test_all_problems_in_all_files_reported_at_once_and_sorted(portal):
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


def test_problem_format_is_path_line_col_message(portal):
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
def test_field_paths(portal, files, field_path):
    write_all(portal, files)
    assert [p.field_path for p in check(portal).errors] == [field_path]


def _english_words(message: str) -> list[str]:
    """Common English words that would betray an untranslated message (quoted user text removed)."""
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", "", message)
    return [w for w in ("found", "expected", "while", "could not", "not allowed", "must", "should", "invalid",
                        "cannot", "Error", "object at 0x") if w in unquoted]


ALL_CASES = SYNTAX + STRUCTURE + TYPES + CHOICES_AND_DATES + REFERENCES + FILE_NAMES + MATERIALS + TAGS + WHOLE_FILES


@pytest.mark.parametrize(("files", "expected"), ALL_CASES)
def test_messages_are_indonesian_and_say_what_to_write(portal, files, expected):
    write_all(portal, files)
    for problem in check(portal).errors:
        assert not _english_words(problem.message), problem.format()
        assert re.search(r"Tulis|tulis|Tambahkan|Isi |Ganti|Pakai|Hapus|Pilih|Simpan|Samakan|Periksa|beri tanda kutip"
                         r"|Mungkin maksudnya|hapus|bulatkan|Tutup|Slug yang ada|Kunci yang boleh|harus berupa|diawali",
                         problem.message), f"no hint on what to write: {problem.format()}"


# -- building ---------------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


BREAKS: list[tuple[str, Callable[[object], object]]] = [
    ("mistyped-jp", lambda p: p.write(C, edit(COURSE, "jp: 8", 'jp: "12"'))),
    ("yaml-syntax", lambda p: p.write(C, edit(COURSE, "title: Kursus Satu", 'title: "Kursus Satu'))),
]


@pytest.mark.parametrize("break_project", [pytest.param(f, id=i) for i, f in BREAKS])
def test_build_of_broken_project_fails_and_keeps_previous_site(portal, break_project):
    from asn_portal.engines.mkdocs.build import SiteError

    site = portal.build()
    before = _snapshot(site)
    assert "kursus/kursus-satu/index.html" in before, sorted(before)
    break_project(portal)
    with pytest.raises(SiteError):
        portal.build()
    assert _snapshot(site) == before, "site/ dari build sebelumnya berubah"


def test_build_error_names_file_and_line(portal):
    from asn_portal.engines.mkdocs.build import SiteError

    portal.write(C, edit(COURSE, "jp: 8", 'jp: "12"'))
    with pytest.raises(SiteError) as raised:
        portal.build()
    assert f"{C}:6:5" in str(raised.value)


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
def test_contributor_mistakes_get_a_fix_to_copy(portal, files, expected):
    assert_errors(portal, files, expected)


# -- the modules' JP within the course's ------------------------------------------------------------

MODULE_JP = [
    pytest.param(COURSE + "  - title: Modul dua\n    jp: 6\n", "(4 + 6 = 10)", 10, id="two-modules-over"),
    pytest.param(edit(COURSE, "    jp: 4", "    jp: 9"), "(9)", 9, id="one-module-over"),
]


@pytest.mark.parametrize(("text", "shown", "total"), MODULE_JP)
def test_modules_with_more_jp_than_the_course_are_refused_at_its_jp(portal, text, shown, total):
    assert_errors(portal, {C: text}, [(C, 6, 5, f"jumlah JP modul {shown} lebih dari JP kursus (8) | "
                                               f"Naikkan 'jp' kursus menjadi {total} atau kurangi JP modul")])


def test_modules_without_jp_are_left_out_and_an_exact_sum_passes(portal):
    write_all(portal, {C: COURSE + "  - title: Modul dua\n    jp: 4\n  - title: Modul tanpa JP\n"})
    assert check(portal).sorted() == []


def test_the_shipped_sample_keeps_its_modules_within_the_course_jp():
    from asn_portal.cli import main

    assert main(["-f", str(Path(__file__).resolve().parent.parent / "mkdocs.yml"), "check"]) == 0
