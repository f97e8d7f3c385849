"""Property-based tests over the loader (the security issue's "any input" promise): random bytes, YAML-like
text, and whole course files in a project.

Strategies are built from the shapes of real YAML trouble (anchors and alias bombs, tags, unclosed quotes and
brackets, odd keys, indents, line ends and encodings) as well as random bytes and text; a course file may also
carry the link targets and Markdown of tests/support/link_strategies.py. Whatever comes in ends in a valid
model or the project's own located error, never another exception, and never a material path outside the
materials folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_portal.content.validate import load_catalog
from asn_portal.model import loader
from asn_portal.model.loader import parse, read_file
from asn_portal.model.problems import Problem, ProblemList
from asn_portal.model.project import Project
from asn_portal.trust.resolver import Link
from tests.support.link_strategies import BASE, REL, assert_inside_materials, markdown_docs, targets
from tests.support.project import ProjectBuilder

# What PyYAML (or Python) says in English; a message must say it in Indonesian instead.
ENGLISH = ("while scanning", "while parsing", "while constructing", "expected", "found character", "could not find",
           "did not find", "mapping values are not allowed", "cannot start any token", "unacceptable character",
           "Traceback", "Error")


# -- YAML-like text ------------------------------------------------------------------------------

KEYS = ("title", "summary", "jp", "materials", "body", "description", "modules", "factors", "path", "url",
        "<<", "? ", "- ", "-", "", "a b", "'q'", '"q"', "&a title", "!!str title")
VALUES = ("Judul", "8", "-1", "0x10", "1e9", "2026-13-45", "2026-11-27", "~", "null", "yes", "on", "''", '""',
          "'it''s'", '"\\x"', '"\\u00', "'open", '"open', "[a, b]", "[a, b", "{a: 1}", "{a: 1", "[[[[", "]]",
          "&a x", "*a", "*b", "&a [*a]", "&b {k: *b}", "!!python/object:os.system x",
          "!!python/object/apply:os.system [ls]", "!!binary aGVsbG8=", "!!set {x}", "!<tag:x> y", "!local y", "|",
          "|-", ">", "|+2", "@x", "`x`", "%x", "a: b", "a:b", "a # c", "#c", "'a' b", "materials/a.pdf",
          "materials/../../rahasia.txt", "javascript:alert(1)", "[x](materials/../x.pdf)", "- [x]: javascript:x",
          "\u00a0x", "x\u00a0", "\u2028", "\x85", "\ufeff", "\t", "\x00", "\x1b", "\ud7ff", "\ue000")
INDENTS = ("", "", "  ", "    ", "\t", " \t", "- ", "  - ", "\u00a0")
LINE_ENDS = ("\n", "\n", "\n", "\r\n", "\r", "")
SPECIAL_LINES = ("---", "...", "--- a", "%YAML 1.1", "%TAG ! tag:x,2000:", "<<: *a", "a: &a", "b: *a",
                 "? [a]", ": b", "\ufeff", "# komentar", "[" * 60 + "]" * 60, "a: " + "[" * 150, "{" * 30,
                 "a: " + "- " * 40 + "x", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]",
                 *(f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]"
                   for i in range(1, 7)))

yaml_line = st.one_of(
    st.builds(lambda indent, key, sep, value: f"{indent}{key}{sep}{value}", st.sampled_from(INDENTS),
              st.sampled_from(KEYS), st.sampled_from((": ", ":", ":\t", ": ", ":\u00a0", " : ", "")),
              st.sampled_from(VALUES)),
    st.sampled_from(SPECIAL_LINES),
    st.builds(lambda indent, value: indent + value, st.sampled_from(INDENTS), st.sampled_from(VALUES)),
    st.text(max_size=20),
)
yaml_text = st.one_of(
    st.builds(lambda lines, ends: "".join(line + ends[i % len(ends)] for i, line in enumerate(lines)),
              st.lists(yaml_line, max_size=12), st.lists(st.sampled_from(LINE_ENDS), min_size=1, max_size=3)),
    st.text(max_size=60),
)


def assert_located(problems: ProblemList, rel: str, line_count: int, source: str) -> None:
    for problem in problems.items:
        assert isinstance(problem, Problem)
        assert problem.path == rel, problem
        assert 1 <= problem.line <= line_count + 1, (problem, line_count)
        assert problem.col is None or problem.col >= 1, problem
        assert problem.message.strip(), problem
        for phrase in ENGLISH:
            assert phrase not in problem.message or phrase in source, (phrase, problem.message)


def check_read(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    problems = ProblemList()
    source = read_file(path, REL, problems, ("title", "summary"), 1_000_000)
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.count("\n") + 1
    assert_located(problems, REL, lines, text)
    if source.tree is None:
        assert problems.errors, data
    else:
        assert isinstance(source.tree, loader.Node)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("loader") / "x.yml"


@settings(BASE, max_examples=150)
@given(st.binary(max_size=200))
def test_read_file_random_bytes(scratch: Path, data: bytes) -> None:
    check_read(scratch, data)


@settings(BASE, max_examples=300)
@given(yaml_text, st.sampled_from(("", "\ufeff")), st.sampled_from(("utf-8", "utf-8", "utf-16", "latin-1")))
def test_read_file_yamlish_text(scratch: Path, text: str, bom: str, encoding: str) -> None:
    try:
        data = (bom + text).encode(encoding)
    except UnicodeEncodeError:
        data = (bom + text).encode("utf-8", errors="surrogatepass")
    check_read(scratch, data)


@settings(BASE, max_examples=300)
@given(yaml_text)
def test_parse_yamlish_text(text: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # what decode hands to parse
    problems = ProblemList()
    try:
        tree = parse(text, REL, problems)
    except (loader._CyclicAliasError, loader._TooLargeError, RecursionError):
        return  # parse leaves these to read_file, which turns them into located errors (tested above)
    assert_located(problems, REL, text.count("\n") + 1, text)
    assert tree is None or isinstance(tree, loader.Node)


# -- a whole catalog file in a project -----------------------------------------------------------

def _course(description: str, materials: list[str]) -> str:
    body = "\n".join("  " + line for line in description.split("\n"))
    items = "".join(f"      - {json.dumps(m)}\n" for m in materials)
    return ("title: Kursus X\nsummary: Ringkasan.\ncompetency: teknis\nlevel: dasar\nmode: daring\njp: 8\n"
            f"factors: [alpha]\ndescription: |\n{body}\nmodules:\n  - title: Modul\n    materials:\n{items}")


@pytest.fixture(scope="module")
def catalog_project(tmp_path_factory: pytest.TempPathFactory) -> ProjectBuilder:
    builder = ProjectBuilder(tmp_path_factory.mktemp("katalog") / "portal").minimal()
    builder.write("materials/a.pdf", b"%PDF-1.4\n")
    builder.write("materials/sub/B.png", b"png")
    return builder


@settings(BASE, max_examples=40)
@given(st.data())
def test_load_catalog_any_course_file(catalog_project: ProjectBuilder, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(("yaml", "bytes", "course")))
    if kind == "yaml":
        payload: bytes = data.draw(yaml_text).encode("utf-8", errors="surrogatepass")
    elif kind == "bytes":
        payload = data.draw(st.binary(max_size=200))
    else:
        doc = data.draw(markdown_docs)
        payload = _course(doc, data.draw(st.lists(targets, max_size=3))).encode("utf-8", errors="surrogatepass")
    catalog_project.write(REL, payload)
    project = Project.at(catalog_project.root)
    _, problems = load_catalog(project)
    text = payload.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    for problem in problems.items:
        assert problem.path and not Path(problem.path).is_absolute(), problem
        assert problem.line >= 1 and (problem.col is None or problem.col >= 1), problem
        assert problem.message.strip(), problem
        if problem.path == REL:
            assert problem.line <= text.count("\n") + 2, problem  # the last line, or just after it
    catalog, _ = load_catalog(project)
    for entry in catalog.entries():
        for material in getattr(entry, "materials", ()):
            if material.path is not None:
                assert material.published
                assert_inside_materials(project, Link("material", material.path, published=material.published))


# -- library bugs the properties above found, kept fixed ---------------------------------------------

@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_keep_line_numbers(scratch: Path, separator: str) -> None:
    """PyYAML also breaks lines at U+2028, U+2029 and U+0085; an editor does not: report the editor's line."""
    scratch.write_bytes(f'title: "a{separator}b"\ntitle: 2\n'.encode())
    problems = ProblemList()
    read_file(scratch, REL, problems)
    assert [(p.line, p.col) for p in problems.items] == [(2, 1)]  # the duplicate key stands on line 2

