"""Self-check quizzes (kuis mandiri) on courses and modules as content: validated at file:line, in the
schema, module keys for progress; and the names a form answers for, which the sanitiser reserves, read from
a real Chromium. The built quiz course and the quiz in the browser: tests/browser/test_quiz_page.py."""

from __future__ import annotations

import json
from typing import Any

import pytest

from asn_portal.content.validate import Project, load_catalog
from asn_portal.kinds.course import Module
from asn_portal.model.registry import KINDS
from asn_portal.schema import kind_schema
from devtools import ROOT
from tests.support.project import ProjectBuilder
from tests.support.quiz import QUIZ

C = "content/courses/kuis.yml"


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


def test_every_name_a_form_answers_for_is_reserved(browser: Any) -> None:
    """The list the sanitiser keeps (trust/domnames.py) against what a real form has."""
    from asn_portal.trust.sanitize import safe_id
    tab = browser.new_page()
    try:
        names = tab.evaluate("() => { const f = document.createElement('form'); const out = new Set();"
                             "for (let o = f; o; o = Object.getPrototypeOf(o)) Object.getOwnPropertyNames(o)"
                             ".forEach(n => out.add(n)); for (const k in f) out.add(k); return [...out]; }")
    finally:
        tab.close()
    assert [n for n in sorted(names) if safe_id(n) == n] == []
