"""Validation of a catalog file's YAML itself: syntax errors (quotes, brackets, colons, indentation), tabs,
duplicate and unknown keys, YAML tags, encodings and whole files that are not a mapping (empty, a list, an
alias bomb). Every problem is reported with its exact file, line and column, in Indonesian, saying what to
write instead.

Each case starts from the valid project of ``portal`` (tests/support/validation.py), changes one thing and
expects exactly the listed errors.
"""

from __future__ import annotations

import pytest

from asn_portal.content.validate import Project, load_catalog
from tests.support.project import ProjectBuilder
from tests.support.validation import (
    COURSE,
    C,
    Expected,
    Files,
    assert_errors,
    check,
    edit,
    without_base_advice,
)
from tests.support.validation import portal as portal
from tests.support.validation_cases import STRUCTURE, SYNTAX, TAGS, WHOLE_FILES

# -- YAML syntax ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), SYNTAX)
def test_yaml_syntax_errors(portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    assert_errors(portal, files, expected)


# -- tabs, duplicate keys, unknown keys -----------------------------------------------------------

def test_jp_with_zero_decimal_is_a_warning_not_an_error(portal: ProjectBuilder) -> None:
    # JSON Schema treats 12.0 as an integer, so the contract allows it; the checker only nudges.
    portal.write(C, edit(COURSE, "jp: 8", "jp: 12.0"))
    catalog, problems = load_catalog(Project.at(portal.root))
    problems = without_base_advice(problems)
    assert not problems.errors
    assert [(w.path, w.line, w.col) for w in problems.warnings] == [(C, 6, 5)]
    assert "jp: 12" in problems.warnings[0].message
    assert catalog.of_kind("course")["kursus-satu"].jp == 12  # type: ignore[attr-defined]


def test_a_badly_named_file_is_still_checked(portal: ProjectBuilder) -> None:
    """Every problem in one run: the content of a file with a bad name is checked too."""
    portal.write("content/courses/Kursus Baru.yml", edit(COURSE, "jp: 8", 'jp: "8"'))
    errors = check(portal).errors
    assert [(p.path, p.line) for p in errors] == [("content/courses/Kursus Baru.yml", 1),
                                                  ("content/courses/Kursus Baru.yml", 6)]
    assert "Ganti nama menjadi kursus-baru.yml" in errors[0].message


@pytest.mark.parametrize(("files", "expected"), STRUCTURE)
def test_tabs_duplicate_and_unknown_keys(portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    assert_errors(portal, files, expected)


# -- tags, encodings, whole files -----------------------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), TAGS)
def test_yaml_tags_give_one_error_without_follow_up(portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    assert_errors(portal, files, expected)


@pytest.mark.parametrize(("files", "expected"), WHOLE_FILES)
def test_encodings_and_whole_file_problems(portal: ProjectBuilder, files: Files, expected: Expected) -> None:
    assert_errors(portal, files, expected)
