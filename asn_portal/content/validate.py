"""Load every catalog file, check it against the model and across files, build the Catalog.

All problems in all files are collected; nothing stops at the first one. ``check_project`` is
what both ``asn-portal check`` and the build (the plugin's ``on_config``) run.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from asn_portal.content.catalog import Catalog
from asn_portal.content.discover import discover, present_slugs, slug_problem, symlink_problems
from asn_portal.content.fields import FieldChecker
from asn_portal.content.handwritten import ReadPage, check_pages, generated_pages, page_files
from asn_portal.model.hints import suggest
from asn_portal.model.loader import Node, Source, read_file
from asn_portal.model.problems import ProblemList
from asn_portal.model.project import Project
from asn_portal.model.registry import KINDS, SLUG, Field, FieldType, KindSpec
from asn_portal.trust.linkcheck import Locator, inspect_html
from asn_portal.trust.markup import Conversions
from asn_portal.trust.paths import name_key
from asn_portal.trust.resolver import Resolver
from asn_portal.trust.urls import Urls, is_page

__all__ = ["SLUG", "Checked", "Project", "check_project", "load_catalog"]


@dataclass
class Checked:
    """The outcome of checking a project: the catalog, every problem, and what pages link."""

    catalog: Catalog
    problems: ProblemList
    resolver: Resolver
    page_materials: dict[str, str] = field(default_factory=dict)  # materials hand-written pages link
    pages: list[str] = field(default_factory=list)  # files of the pages folder
    # hand-written pages as check read them: the build publishes these, never a second reading
    read_pages: dict[str, ReadPage] = field(default_factory=dict)
    # every Markdown field converted while checking: the page renderer reuses them
    conversions: Conversions = field(default_factory=Conversions)


@dataclass
class _Loaded:
    spec: KindSpec
    slug: str
    source: Source
    values: dict[str, Any]
    links: frozenset[tuple[str, str]] = frozenset()  # entries its Markdown links
    materials: dict[str, str] = field(default_factory=dict)  # materials its Markdown links


def load_catalog(project: Project) -> tuple[Catalog, ProblemList]:
    """Read, validate and cross-check all catalogs. Errors mean the catalog must not be built."""
    checked = check_project(project)
    return checked.catalog, checked.problems


def check_project(project: Project) -> Checked:
    problems = ProblemList()
    for message in project.folder_problems():
        problems.error("mkdocs.yml", 1, None, message)
    symlink_problems(project, problems)
    present = present_slugs(project)
    pages = page_files(project)
    resolver = Resolver(project, present, {*pages, *generated_pages(present)})
    loaded: list[_Loaded] = []
    conversions = Conversions()
    for spec in KINDS.values():
        for path, named_well in discover(project, spec, problems):
            rel = project.rel(path)
            source = read_file(path, rel, problems, tuple(f.name for f in spec.fields if f.required),
                               project.max_catalog_file_size)
            if source.tree is None:
                continue
            values = FieldChecker(rel, problems, resolver).mapping(source.tree, spec.fields)
            # A file with a bad name is still checked, so every problem shows in one run; it joins
            # the catalog once renamed.
            if values is not None:
                _check_rule(spec, rel, source.tree, values, problems)
                item = _Loaded(spec, path.stem, source, values)
                _check_markdown(item, resolver, problems, conversions)
                if named_well:
                    loaded.append(item)
    catalog = _build(loaded)
    _check_references(catalog, loaded, problems, present)
    page_materials, read_pages = check_pages(project, resolver, pages, problems)
    _check_portable(catalog, loaded, page_materials, pages, project, problems)
    return Checked(catalog, problems, resolver, page_materials, pages, read_pages, conversions)


def _check_rule(spec: KindSpec, rel: str, tree: Node, values: dict[str, Any], problems: ProblemList) -> None:
    """A kind's checks across an entry's fields (``KindSpec.rule``), each at the field (or item) it names.
    The entry stays in the catalog: its problem is its own, so nothing that refers to it is reported too."""
    if spec.rule is None or not tree.is_map:
        return
    for name, index, message in spec.rule(values):
        node = tree.value.get(name, tree)
        if index is not None and node.is_seq and index < len(node.value):
            node = node.value[index]
        problems.error(rel, node.line, node.col, message, name + (f".{index}" if index is not None else ""))


def _build(loaded: list[_Loaded]) -> Catalog:
    catalog = Catalog()
    for item in loaded:
        spec, values = item.spec, item.values
        if any(f.required and f.name not in values for f in spec.fields):
            continue  # already reported; a half-filled entry would only cause follow-up errors
        catalog.add(spec.entry_class(slug=item.slug, source=item.source.rel, links=item.links, **values))
    return catalog


def _markdown_fields(item: _Loaded) -> list[tuple[str, Node]]:
    """(field path, node) of every Markdown value in a file, nested ones included."""
    found: list[tuple[str, Node]] = []

    def walk(node: Node, fields: tuple[Field, ...], path: str) -> None:
        if not node.is_map:
            return
        for spec in fields:
            child = node.value.get(spec.name)
            if child is None:
                continue
            where = f"{path}.{spec.name}" if path else spec.name
            if spec.type is FieldType.MARKDOWN and isinstance(child.value, str):
                found.append((where, child))
            elif spec.type is FieldType.OBJECT_LIST and child.is_seq:
                for i, sub in enumerate(child.value):
                    walk(sub, spec.fields, f"{where}.{i}")

    if item.source.tree is not None:
        walk(item.source.tree, item.spec.fields, "")
    return found


def _check_references(catalog: Catalog, loaded: list[_Loaded], problems: ProblemList,
                      present: dict[str, set[str]]) -> None:
    for item in loaded:
        tree = item.source.tree
        assert tree is not None and tree.is_map
        rel = item.source.rel
        for spec in item.spec.fields:
            node = tree.value.get(spec.name)
            if spec.type is FieldType.REFS and node is not None and node.is_seq:
                options = sorted(catalog.of_kind(spec.ref))
                for i, ref in enumerate(node.value):
                    if (isinstance(ref.value, str) and SLUG.match(ref.value) and ref.value not in options
                            and ref.value not in present.get(spec.ref, ())):
                        label = KINDS[spec.ref].label.lower()
                        problems.error(rel, ref.line, ref.col,
                                       f"{label} '{ref.value}' tidak ada.{suggest(ref.value, options)} "
                                       f"Slug yang ada: {', '.join(options) or '(belum ada)'}.",
                                       f"{spec.name}.{i}")
    _check_redirects(loaded, present, problems)
    _check_unique(loaded, problems)


def _check_unique(loaded: list[_Loaded], problems: ProblemList) -> None:
    """A field declared ``unique`` (a factor's order) may not repeat within its kind."""
    users: dict[tuple[str, str, object], list[_Loaded]] = defaultdict(list)
    for item in loaded:
        for spec in item.spec.fields:
            value = item.values.get(spec.name)
            if spec.unique and value is not None:
                users[(item.spec.name, spec.name, value)].append(item)
    for (kind, name, value), items in sorted(users.items(), key=lambda kv: str(kv[0])):
        if len(items) < 2:
            continue
        names = [i.source.rel for i in items]
        for it in items:
            key = it.source.tree.value[name] if it.source.tree else None
            line, col = (key.line, key.col) if isinstance(key, Node) else (1, None)
            others = ", ".join(n for n in names if n != it.source.rel)
            problems.error(it.source.rel, line, col, f"{name} {value} dipakai juga oleh {others}. Setiap "
                                                     f"{KINDS[kind].label.lower()} perlu {name} yang unik.", name)


def _check_redirects(loaded: list[_Loaded], present: dict[str, set[str]], problems: ProblemList) -> None:
    """An old slug must be free (no entry uses it) and claimed by one entry of its kind only."""
    claims: dict[tuple[str, str], list[tuple[_Loaded, Node]]] = {}
    for item in loaded:
        tree = item.source.tree
        node = tree.value.get("redirect_from") if tree is not None and tree.is_map else None
        if node is None or not node.is_seq:
            continue
        for ref in node.value:
            if isinstance(ref.value, str) and SLUG.match(ref.value):
                problem = slug_problem(ref.value)
                if problem:
                    problems.error(item.source.rel, ref.line, ref.col, f"redirect_from: {problem}", "redirect_from")
                    continue
                claims.setdefault((item.spec.name, ref.value), []).append((item, ref))
    for (kind, old), users in sorted(claims.items()):
        for item, ref in users:
            if old in present.get(kind, ()) or old == item.slug:
                problems.error(item.source.rel, ref.line, ref.col,
                               f"slug lama '{old}' masih dipakai oleh content/{KINDS[kind].folder}/{old}.yml. "
                               "Hapus dari redirect_from, atau ganti nama berkas lama itu.", "redirect_from")
            elif len(users) > 1:
                others = ", ".join(u.source.rel for u, _ in users if u is not item)
                problems.error(item.source.rel, ref.line, ref.col,
                               f"slug lama '{old}' juga diarahkan oleh {others}. Satu slug lama hanya boleh "
                               "menunjuk ke satu entri.", "redirect_from")


def _check_markdown(item: _Loaded, resolver: Resolver, problems: ProblemList, conversions: Conversions) -> None:
    """Every Markdown field read as the page renderer reads it; keeps the entries and materials it links."""
    rel = item.source.rel
    links: set[tuple[str, str]] = set()
    for where, node in _markdown_fields(item):
        locate = Locator(item.source.lines, node.line, node.end_line)

        def report(line: int, col: int | None, message: str, error: bool, where: str = where) -> None:
            (problems.error if error else problems.warning)(rel, line, col, message, where)

        converted = conversions(node.value)
        inspection = inspect_html(converted.html, resolver, locate, report, definitions=converted.definitions)
        links |= inspection.entries
        item.materials.update(inspection.materials)
    item.links = frozenset(links)


def _check_portable(catalog: Catalog, loaded: list[_Loaded], page_materials: dict[str, str], pages: list[str],
                    project: Project, problems: ProblemList) -> None:
    """Published names that a file system takes as one (letter case on Windows and macOS, Unicode
    NFC/NFD on macOS), or two pages published at one address, overwrite each other when a kit is
    unpacked: each is an error at the file that brings it."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for item in loaded:  # what Markdown links
        for published in item.materials.values():
            by_key[name_key(published)].add(f"{published}\0{item.source.rel}")
    for entry in catalog.entries():  # what material fields name
        for material in entry.materials_used():
            if material.published:
                by_key[name_key(material.published)].add(f"{material.published}\0{entry.source}")
    for path, published in page_materials.items():
        by_key[name_key(published)].add(f"{published}\0{path}")  # reported at the material a page links
    site = Urls(directory_urls=True)  # the stricter of the two: tentang.md and tentang/index.md meet there
    for rel in pages:
        dest = site.dest(rel) if is_page(rel) else rel
        by_key[name_key(dest)].add(f"{rel}\0{project.rel(project.pages_dir / rel)}")
    for users in by_key.values():
        names = {u.split("\0")[0] for u in users}
        if len(names) > 1:
            for user in sorted(users):
                name, source = user.split("\0")
                others = sorted(n for n in names if n != name)
                problems.error(source, 1, None, f"'{name}' {_same_name(name, others)} {', '.join(others)}; saat "
                                                "bundel diekstrak keduanya menjadi satu berkas. Samakan penulisan "
                                                "atau ganti nama salah satunya.")


def _same_name(name: str, others: list[str]) -> str:
    if all(o.lower() == name.lower() for o in others):
        return "hanya berbeda huruf besar/kecil dengan"
    if all(unicodedata.normalize("NFC", o) == unicodedata.normalize("NFC", name) for o in others):
        return "hanya berbeda bentuk Unicode (NFC/NFD, misalnya huruf beraksen) dengan"
    return "terbit di alamat yang sama dengan"
