"""Hand-written pages (MkDocs' ``docs_dir``, ``content/pages/``) are contributions too.

Every file there goes through the same rules as catalog content: Markdown pages are read as the
build reads them and their links and raw HTML checked by ``linkcheck``; other files only of the
material types; nothing may take the path of a theme asset or of a page the portal generates.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import markdown

from .linkcheck import Inspection, Locator, inspect_html
from .models import KINDS, PUBLISHED_MATERIALS
from .paths import file_type_problem, is_link, windows_problem
from .problems import ProblemList
from .project import Project
from .resolver import Resolver
from .urls import CONTRIBUTORS, HOME, PLAN

PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs reads as a page
# Site paths the theme or the portal itself writes: a contributed file there would replace them.
THEME_FOLDERS = frozenset({"assets", "search"})
RESERVED_FILES = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
BASE_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "md_in_html")
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.S)


def is_page(rel: str) -> bool:
    return rel.lower().endswith(PAGE_SUFFIXES)


def page_files(project: Project) -> list[str]:
    """Files MkDocs would read from the pages folder, as posix paths inside it (links left out:
    they are reported as errors and never read)."""
    base = project.pages_dir
    if not base.is_dir() or is_link(base):
        return []
    found = []
    for top, dirs, files in os.walk(base, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not is_link(Path(top, d)))
        for name in sorted(files):
            path = Path(top, name)
            rel = path.relative_to(base).as_posix()
            if name.startswith(".") or rel.startswith("templates/") or is_link(path):
                continue  # MkDocs leaves out dot files and templates/ by default
            found.append(rel)
    return found


def generated_pages(slugs: dict[str, set[str]]) -> set[str]:
    """Source paths of the pages the portal writes, for links from hand-written pages."""
    found = {HOME, CONTRIBUTORS, PLAN}
    for spec in KINDS.values():
        found.add(f"{spec.url_dir}/index.md")
        found |= {f"{spec.url_dir}/{slug}.md" for slug in slugs.get(spec.name, ())}
    return found


def reserved_problem(rel: str) -> str | None:
    top = rel.split("/")[0]
    reserved = {*(k.url_dir for k in KINDS.values()), CONTRIBUTORS.split("/")[0], PLAN.split("/")[0],
                PUBLISHED_MATERIALS, *THEME_FOLDERS}
    if rel in RESERVED_FILES or (top in reserved and "/" in rel):
        return (f"path '{rel}' dipakai tema atau halaman yang dibuat portal, sehingga berkas ini akan menggantikannya. "
                "Pindahkan ke folder lain; penggantian tema hanya lewat folder overrides/ yang dikelola peninjau.")
    return None


def check_pages(project: Project, resolver: Resolver, files: Iterable[str], problems: ProblemList) -> dict[str, str]:
    """Report problems in every file of the pages folder; return the materials pages link."""
    materials: dict[str, str] = {}
    renderer = PageReader(project)
    for rel in files:
        shown = project.rel(project.pages_dir / rel)
        problem = reserved_problem(rel) or windows_problem(rel)
        if problem is None and not is_page(rel):
            problem = file_type_problem(rel, project.allow_active_materials)
        if problem:
            problems.error(shown, 1, None, problem)
            continue
        if is_page(rel):
            materials.update(renderer.check(rel, resolver, problems).materials)
    return materials


class PageReader:
    """Reads hand-written pages with the site's own Markdown extensions (falling back to MkDocs'
    usual ones when an extension cannot be loaded outside MkDocs)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        names = [name for name, _ in project.markdown_extensions]
        self.extensions = list(dict.fromkeys([*BASE_EXTENSIONS, *names]))
        self.configs: dict[str, Any] = {n: c for n, c in project.markdown_extensions if c}

    def convert(self, text: str) -> tuple[str, list[str]]:
        """(HTML, targets of every reference definition): like ``markup.convert`` for YAML fields, so an
        unused definition is checked here too."""
        try:
            md = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
            html = md.convert(text)
        except Exception:  # a site extension that only loads inside MkDocs: read as MkDocs does by default
            md = markdown.Markdown(extensions=list(BASE_EXTENSIONS))
            html = md.convert(text)
        return html, [url for url, _ in md.references.values()]

    def check(self, rel: str, resolver: Resolver, problems: ProblemList) -> Inspection:
        path = self.project.pages_dir / rel
        shown = self.project.rel(path)
        try:
            if path.lstat().st_size > self.project.max_catalog_file_size:
                problems.error(shown, 1, None, f"halaman lebih besar dari {self.project.max_catalog_file_size} byte. "
                                               "Pecah menjadi beberapa halaman.")
                return Inspection()
            text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError:
            problems.error(shown, 1, None, "halaman bukan UTF-8. Simpan ulang dengan encoding UTF-8.")
            return Inspection()
        except OSError as exc:
            problems.error(shown, 1, None, f"halaman tidak dapat dibaca: {exc.strerror}.")
            return Inspection()
        front = _FRONT_MATTER.match(text)
        offset = text.count("\n", 0, front.end()) if front else 0
        body = text[front.end():] if front else text
        lines = text.split("\n")
        locate = Locator(lines, offset + 1, len(lines))

        def report(line: int, col: int | None, message: str, error: bool) -> None:
            (problems.error if error else problems.warning)(shown, line, col, message)

        html, definitions = self.convert(body)
        return inspect_html(html, resolver, locate, report, from_page=rel, sanitised=not self.project.raw_html_pages,
                            definitions=definitions)
