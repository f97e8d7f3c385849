"""Rules of ``asn-portal check`` across an entry's fields, no site built: the example texts of a kind's
``asn-portal new`` template are refused where they stand, and a course is warned when it names no organizer
(SIASN asks for one) or when its modules, each with its JP, add up to fewer JP than the course.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ProjectBuilder

from asn_portal.cli import main
from asn_portal.content.entryfile import TEMPLATE_SLOT, new_template, template_examples
from asn_portal.content.validate import Project, load_catalog
from asn_portal.model.problems import Problem, ProblemList
from asn_portal.model.registry import KINDS, KindSpec, registered

C = "content/courses/arsip-digital.yml"
EXAMPLE = "masih berisi teks contoh dari templat `asn-portal new`"
ORGANIZER = ("SIASN memerlukan institusi penyelenggara: isi kolom 'organizer' (misalnya organizer: BKPSDM "
             "Kabupaten ...).")

# A course that gives no warning: every free-text field the course template writes an example into holds
# real text here, so each example can take the place of one of them.
COURSE = """\
title: Arsip Digital
summary: Menata arsip dinas secara digital.
description: |
  Kursus ini membahas pemindaian dan penamaan arsip.
competency: teknis
level: dasar
mode: daring
jp: 4
factors: [alpha]
organizer: BKPSDM Kabupaten Uji
objectives:
  - Memindai arsip dengan rapi
modules:
  - title: Pemindaian
    summary: Memindai dan menamai berkas.
    jp: 4
"""
# template field -> (its real text in COURSE, the field path a problem there names)
REAL_TEXT = {"summary": ("Menata arsip dinas secara digital.", "summary"),
             "description": ("Kursus ini membahas pemindaian dan penamaan arsip.", "description"),
             "objectives": ("Memindai arsip dengan rapi", "objectives.0"),
             "modules.title": ("Pemindaian", "modules.0.title"),
             "modules.summary": ("Memindai dan menamai berkas.", "modules.0.summary")}
BLOCK = {"description"}  # written as a block scalar (`|`): the example is written as it is, unquoted


def check(root: Path) -> ProblemList:
    return load_catalog(Project.at(root))[1]


def located(problems: list[Problem]) -> list[tuple[str, int, int | None, str]]:
    return [(p.path, p.line, p.col, p.field_path) for p in problems]


def examples_of(spec: KindSpec) -> Iterator[tuple[str, str]]:
    for key, texts in sorted(template_examples(spec).items()):
        for text in sorted(texts):
            yield key, text


@pytest.fixture
def portal(project: ProjectBuilder) -> ProjectBuilder:
    project.minimal()
    project.course("kursus-satu", extra="organizer: BKPSDM Uji\n")
    return project


# -- what a template holds --------------------------------------------------------------------------------

def test_the_examples_are_read_from_the_template_and_leave_its_values_and_slots_out() -> None:
    """Choices, numbers, slugs and the slots `new` fills ({title}, {first:factor}) are not examples."""
    examples = template_examples(KINDS["course"])
    assert sorted(examples) == sorted(REAL_TEXT)
    assert examples["modules.title"] == {"Modul 1"}
    assert "Satu atau dua kalimat: apa yang dipelajari dan untuk siapa." in examples["summary"]
    template = new_template(KINDS["course"])
    assert TEMPLATE_SLOT.search(template), "the slots are in the template, and not among its examples"
    for spec in KINDS.values():
        assert template_examples(spec), f"{spec.name}: its template writes examples to refuse"


def test_base_course_gives_no_problem(portal: ProjectBuilder) -> None:
    portal.write(C, COURSE)
    assert check(portal.root).sorted() == []


@pytest.mark.parametrize(("key", "text"), list(examples_of(KINDS["course"])))
def test_each_example_of_the_course_template_is_refused_at_its_line(portal: ProjectBuilder, key: str,
                                                                      text: str) -> None:
    real, path = REAL_TEXT[key]  # a field the template newly fills: give COURSE a real text for it
    written = text if key in BLOCK else json.dumps(text, ensure_ascii=False)
    lines = COURSE.split("\n")
    (line,) = [i for i, row in enumerate(lines, 1) if real in row]
    col = lines[line - 1].index(real) + 1
    portal.write(C, COURSE.replace(real, written))
    problems = check(portal.root)
    assert located(problems.sorted()) == [(C, line, col, path)], "\n".join(p.format() for p in problems.items)
    message = problems.errors[0].message
    assert message.startswith(f"kolom '{key.rsplit('.', 1)[-1]}' {EXAMPLE} (\"") and "Ganti dengan " in message


def test_spaces_around_an_example_do_not_hide_it_and_a_longer_text_passes(portal: ProjectBuilder) -> None:
    portal.write(C, COURSE.replace("title: Pemindaian", 'title: "  Modul 1 "')
                 .replace("Menata arsip dinas secara digital.", '"Satu atau dua kalimat: apa yang dipelajari dan '
                          'untuk siapa. Untuk arsiparis."'))
    assert located(check(portal.root).errors) == [(C, 14, 12, "modules.0.title")]
    portal.write(C, COURSE.replace("title: Arsip Digital", "title: Modul 1"))  # an example, but not of 'title'
    assert check(portal.root).sorted() == []


def test_the_shipped_sample_gives_no_problem_not_even_a_warning() -> None:
    problems = check(Path(__file__).resolve().parent.parent)
    assert problems.sorted() == [], "\n".join(p.format() for p in problems.sorted())


def test_the_message_quotes_the_example_and_says_what_to_write(portal: ProjectBuilder) -> None:
    portal.write(C, COURSE.replace("Menata arsip dinas secara digital.",
                                   '"Satu atau dua kalimat: apa yang dipelajari dan untuk siapa."'))
    (error,) = check(portal.root).errors
    assert error.format() == (
        f"{C}:2:10: kolom 'summary' {EXAMPLE} (\"Satu atau dua kalimat: apa yang…\"). Ganti dengan ringkasan "
        "satu atau dua kalimat Anda sendiri.")


def test_a_factor_and_an_article_example_are_refused_too(portal: ProjectBuilder) -> None:
    (practice,) = template_examples(KINDS["factor"])["practices.title"]
    (name,) = template_examples(KINDS["article"])["author.name"]
    text = (portal.root / "content/factors/beta.yml").read_text(encoding="utf-8")
    portal.write("content/factors/beta.yml", text.replace("title: Praktik pertama", f"title: {practice}"))
    portal.article("artikel-dua", author=name)
    errors = check(portal.root).errors
    assert located(errors) == [("content/articles/artikel-dua.yml", 7, 9, "author.name"),
                               ("content/factors/beta.yml", 5, 12, "practices.0.title")]
    assert errors[0].message.endswith("Ganti dengan nama penulis Anda sendiri.")
    assert errors[1].message.endswith("Ganti dengan nama praktik Anda sendiri.")


def test_the_rule_follows_the_template_of_any_kind(tmp_path: Path, portal: ProjectBuilder) -> None:
    """Editing a template changes what check refuses; a kind without a `new` template refuses nothing."""
    course = KINDS["course"]  # its fields, under a template of the test's own
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "new_webinar.yml").write_text('title: {title}\nsummary: "Tulis ringkasan webinar."\n'
                                            "jp: {next:jp}\n", encoding="utf-8")
    webinar = replace(course, name="webinar", folder="webinars", url_dir="webinar", template_dir=str(folder),
                      rule=None, advice=None)
    other = replace(webinar, name="seminar", folder="seminars", url_dir="seminar", template_dir=str(tmp_path))
    entry = COURSE.replace("Menata arsip dinas secara digital.", "Tulis ringkasan webinar.")
    portal.write("content/webinars/w.yml", entry)
    portal.write("content/seminars/s.yml", entry)
    with registered(webinar), registered(other):
        assert template_examples(webinar) == {"summary": frozenset({"Tulis ringkasan webinar."})}
        assert template_examples(other) == {}
        assert located(check(portal.root).errors) == [("content/webinars/w.yml", 2, 10, "summary")]


# -- `asn-portal new`, then check -------------------------------------------------------------------------

def example_lines(text: str, spec: KindSpec) -> list[int]:
    """Lines of a file written by `new` that hold one of its template's examples, read as text (not YAML):
    the value after '- ' or 'key: ', quotes and comment aside."""
    texts = {t for ts in template_examples(spec).values() for t in ts}
    found = []
    for number, row in enumerate(text.split("\n"), 1):
        value = row.split(" #", 1)[0].strip().removeprefix("- ")
        value = value.split(": ", 1)[1] if ": " in value and not value.startswith('"') else value
        if value.strip('"') in texts:
            found.append(number)
    return found


def test_a_course_written_by_new_has_errors_exactly_at_its_example_lines(portal: ProjectBuilder,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    config = str(portal.root / "mkdocs.yml")
    assert main(["-f", config, "new", "course", "arsip-digital", "--title", "Arsip Digital"]) == 0
    text = (portal.root / C).read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["-f", config, "check"]) == 1
    err = capsys.readouterr().err
    problems = check(portal.root)
    lines = example_lines(text, KINDS["course"])
    assert len(lines) == 5
    assert [(p.path, p.line) for p in problems.errors] == [(C, n) for n in lines]
    assert all(EXAMPLE in p.message and p.format() in err for p in problems.errors)
    # the template leaves organizer as a comment: a warning at the top of the entry, its title
    assert [(w.line, w.message) for w in problems.warnings] == [(text.split("\n").index("title: \"Arsip Digital\"")
                                                                 + 1, ORGANIZER)]


# -- a course's warnings --------------------------------------------------------------------------------

def test_a_course_without_organizer_is_warned_at_its_title(portal: ProjectBuilder) -> None:
    portal.write(C, "# Kursus arsip\n\n" + COURSE.replace("organizer: BKPSDM Kabupaten Uji\n", ""))
    problems = check(portal.root)
    assert problems.errors == []
    assert [(w.path, w.line, w.col, w.field_path, w.message) for w in problems.warnings] == [
        (C, 3, None, "organizer", ORGANIZER)]
    assert problems.warnings[0].format() == f"{C}:3: peringatan: {ORGANIZER}"


@pytest.mark.parametrize(("modules", "shown"), [
    pytest.param("  - title: Satu\n    jp: 2\n  - title: Dua\n    jp: 4\n", "2 + 4 = 6", id="two-modules"),
    pytest.param("  - title: Satu\n    jp: 6\n", "6", id="one-module"),
])
def test_modules_with_fewer_jp_than_the_course_are_warned_at_its_jp(portal: ProjectBuilder, modules: str,
                                                                      shown: str) -> None:
    portal.write(C, COURSE.replace("jp: 4\n", "jp: 8\n", 1).split("modules:\n")[0] + "modules:\n" + modules)
    problems = check(portal.root)
    assert problems.errors == []
    assert [(w.line, w.col, w.field_path, w.message) for w in problems.warnings] == [
        (8, 5, "jp", f"jumlah JP modul ({shown}) lebih kecil dari JP kursus (8): periksa JP modul atau JP kursus.")]


@pytest.mark.parametrize("modules", [
    pytest.param("  - title: Satu\n    jp: 2\n  - title: Tanpa JP\n", id="a-module-without-jp"),
    pytest.param("  - title: Satu\n    jp: 8\n", id="exact-sum"),
    pytest.param("  - title: Satu\n", id="no-module-states-jp"),
])
def test_modules_are_not_warned_when_one_leaves_its_jp_out_or_they_add_up(portal: ProjectBuilder,
                                                                         modules: str) -> None:
    portal.write(C, COURSE.replace("jp: 4\n", "jp: 8\n", 1).split("modules:\n")[0] + "modules:\n" + modules)
    assert check(portal.root).sorted() == []
