"""What check says but does not refuse, located: invisible characters in text fields and what cleaning
removes (tests/hostile.py: HIDDEN_CHARACTERS, REMOVALS_PAGE). Check only: no build, cheap."""

from __future__ import annotations

from pathlib import Path

from asn_portal.content.validate import Project, load_catalog
from asn_portal.model.project import load_project
from tests.support.hostile import HIDDEN_CHARACTERS, REMOVALS_AT, REMOVALS_PAGE
from tests.support.project import ProjectBuilder


def test_invisible_characters_are_warned_at_their_line_with_the_code_point(tmp_path: Path) -> None:
    p = ProjectBuilder(tmp_path / "portal").minimal()
    for rel, text, _ in HIDDEN_CHARACTERS:
        p.write(rel, text)
    _, problems = load_catalog(Project.at(p.root))
    assert problems.errors == []
    for rel, _, expected in HIDDEN_CHARACTERS:
        found = sorted((w.line, w.message.split(" U+")[1][:4]) for w in problems.warnings
                       if w.path == rel and "tidak terlihat" in w.message)
        assert found == sorted((line, code[2:]) for line, code in expected), rel


def test_every_removal_is_reported_at_its_own_line(tmp_path: Path) -> None:
    p = ProjectBuilder(tmp_path / "portal").minimal()
    p.write("content/pages/ulang.md", REMOVALS_PAGE)
    _, problems = load_catalog(Project.at(p.root))
    said = [(w.line, w.message) for w in problems.warnings if w.path == "content/pages/ulang.md"]
    for line, words in REMOVALS_AT:
        assert any(at == line and words in message for at, message in said), (line, words, said)
    scripts = [at for at, message in said if "<script>" in message]
    assert scripts == [9, 9] and len({w.col for w in problems.warnings if "<script>" in w.message}) == 2


def test_pages_are_read_without_extensions_that_include_files(tmp_path: Path) -> None:
    """With pymdownx.snippets on in mkdocs.yml, a page's --8<-- publishes nothing of the checkout."""
    from tests.support.hostile import SNIPPET_LINES, SNIPPET_PAGE
    p = ProjectBuilder(tmp_path / "portal").minimal()
    p.write("mkdocs.yml", (p.root / "mkdocs.yml").read_text(encoding="utf-8") +
            "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['.', '..']\n")
    (tmp_path / "rahasia.txt").write_text("kanari-sisip-41c2\n", encoding="utf-8")
    p.write("content/pages/sisip.md", SNIPPET_PAGE)
    _, problems = load_catalog(load_project(p.root)[0])
    said = [w.line for w in problems.warnings
            if w.path == "content/pages/sisip.md" and "tidak menyisipkan" in w.message]
    assert said == list(SNIPPET_LINES)
    page = (p.build() / "sisip" / "index.html").read_text(encoding="utf-8")
    assert "kanari-sisip-41c2" not in page and "site_name" not in page and "--8&lt;--" in page
