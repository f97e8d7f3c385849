"""Self-check quizzes (kuis mandiri) on courses and modules: validated at file:line, in the schema,
rendered as a form with stable hooks, and readable without JavaScript; module keys for progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, ProjectBuilder
from htmlview import load

from asn_portal.models import KINDS, Module
from asn_portal.schema import kind_schema
from asn_portal.validate import Project, load_catalog

C = "content/courses/kuis.yml"
QUIZ = """\
quiz:
  - question: Berapa JP pengembangan kompetensi yang diharapkan setahun?
    choices: ["10 JP", "20 JP", "40 JP"]
    answer: 2
    explanation: Sekitar **20 JP** setahun; lihat [faktor alpha](faktor:alpha).
  - question: Siapa yang menyetujui rencana belajar?
    choices: [Atasan langsung, Rekan kerja]
    answer: 1
"""


def course_with(project: ProjectBuilder, extra: str) -> list[tuple[int, int | None, str]]:
    project.minimal()
    project.course("kuis", extra=extra)
    _, problems = load_catalog(Project.at(project.root))
    return [(p.line, p.col, p.message) for p in problems.errors if p.path == C]


def test_a_valid_quiz_loads(project: ProjectBuilder) -> None:
    assert course_with(project, QUIZ) == []
    catalog, _ = load_catalog(Project.at(project.root))
    quiz = catalog.of_kind("course")["kuis"].quiz  # type: ignore[attr-defined]
    assert [q.answer for q in quiz] == [2, 1] and quiz[0].choices == ("10 JP", "20 JP", "40 JP")


CASES = {
    # base QUIZ starts at line 8 of the course file (7 lines of the minimal course before it)
    "answer-out-of-range": (("answer: 2", "answer: 4"), 11, 13, "'answer' 4 tidak ada | hanya punya 3 | 1 sampai 3"),
    "duplicate-choice": (('"40 JP"]', '"10 jp"]'), 10, 33, "sama dengan pilihan nomor 1"),
    "one-choice": (("[Atasan langsung, Rekan kerja]", "[Atasan langsung]"), 14, 5, "minimal 2 butir"),  # at the key
    "answer-zero": (("    answer: 1\n", "    answer: 0\n"), 15, 13, "harus lebih dari 0"),
    "seven-choices": (('["10 JP", "20 JP", "40 JP"]', "[a, b, c, d, e, f, g]"), 10, 33, "paling banyak berisi 6"),
    "no-question": (("  - question: Siapa yang menyetujui rencana belajar?\n    choices", "  - choices"), 13, None,
                    "kolom wajib 'question' belum ada"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_quiz_mistake_is_an_error_at_its_line(project: ProjectBuilder, case: str) -> None:
    (old, new), line, col, words = CASES[case]
    assert old in QUIZ
    errors = course_with(project, QUIZ.replace(old, new, 1))
    assert len(errors) == 1, errors
    assert errors[0][:2] == (line, col), errors
    for word in words.split(" | "):
        assert word in errors[0][2], errors


def test_quiz_is_in_the_schema() -> None:
    course = kind_schema(KINDS["course"])["properties"]
    quiz = course["quiz"]["items"]
    assert quiz["required"] == ["question", "choices", "answer"]
    assert quiz["properties"]["choices"]["minItems"] == 2 and quiz["properties"]["choices"]["maxItems"] == 6
    module = course["modules"]["items"]["properties"]
    assert "quiz" in module and "key" in module
    shipped = json.loads((ROOT / "schemas" / "course.schema.json").read_text(encoding="utf-8"))
    assert shipped["properties"]["quiz"] == course["quiz"], "schemas/ is stale: run asn-portal schema"


def test_module_keys_are_stable_names() -> None:
    assert Module(title="Dasar-dasar Coaching & Mentoring").progress_key == "dasar-dasar-coaching-mentoring"
    assert Module(title="Judul baru", key="modul-1").progress_key == "modul-1"


def test_a_bad_module_key_is_an_error(project: ProjectBuilder) -> None:
    errors = course_with(project, "modules:\n  - title: Modul\n    key: Modul Satu\n")
    assert [(line, col) for line, col, _ in errors] == [(10, 10)]
    assert "harus berupa slug" in errors[0][2]


# -- rendered: stable hooks, and readable without JavaScript ----------------------------------------------

@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = ProjectBuilder(tmp_path_factory.mktemp("kuis") / "portal").minimal()
    p.course("kuis", extra=QUIZ + "modules:\n  - title: Modul Satu\n    quiz:\n"
                                  "      - question: Benar?\n        choices: [Ya, Tidak]\n        answer: 2\n")
    return p.build() / "kursus" / "kuis" / "index.html"


def test_quiz_is_a_form_of_radio_groups_with_a_score_hook(page: Path) -> None:
    doc = load(page)
    forms = [f for f in doc.find_all("form") if f.has("data-asn-quiz")]
    assert len(forms) == 2  # the course's and the module's
    course_quiz = forms[-1] if "modul" in (forms[0].get("data-asn-quiz") or "") else forms[0]
    groups = course_quiz.find_all("fieldset")
    assert [g.get("data-answer") for g in groups] == ["2", "1"]
    radios = [i for i in groups[0].find_all("input") if i.get("type") == "radio"]
    assert [r.get("value") for r in radios] == ["1", "2", "3"] and len({r.get("name") for r in radios}) == 1
    assert [b for b in course_quiz.find_all("button") if b.get("type") == "submit"]
    assert [el for el in course_quiz.find_all() if el.has("data-asn-quiz-score")]


def test_without_javascript_questions_and_a_closed_key_read_well(page: Path) -> None:
    doc = load(page)
    keys = doc.find_all("details", cls="asn-quiz__key")
    assert len(keys) == 2 and not any(k.has("open") for k in keys)
    text = " ".join(k.text for k in keys)
    assert "Jawaban: 2. 20 JP" in text and "Jawaban: 1. Atasan langsung" in text and "Jawaban: 2. Tidak" in text
    legends = [lg.text for lg in doc.find_all("legend")]
    assert "1. Berapa JP pengembangan kompetensi yang diharapkan setahun?" in legends
    # the explanation's link to a factor is resolved like every Markdown field
    assert any(a.get("href") == "../../faktor/alpha/" for k in keys for a in k.find_all("a"))


def test_plan_hooks_on_the_course_page(page: Path) -> None:
    doc = load(page)
    bar = doc.find_all("div", cls="asn-plan-bar")[0]
    data = json.loads(bar.get("data-asn-course") or "{}")
    assert data["slug"] == "kuis" and data["jp"] == 8 and data["url"] == "kursus/kuis/"
    assert data["modules"] == [{"key": "modul-satu", "title": "Modul Satu", "jp": None}]
    assert [b for b in doc.find_all("button") if b.get("data-asn-plan-add") == "kuis"]
    assert [el for el in doc.find_all("input") if el.get("data-asn-module-done") == "modul-satu"]
