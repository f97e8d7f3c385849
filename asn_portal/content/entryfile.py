"""One catalog file checked on its own: read, fields, the kind's rule, its Markdown and what it links.

What a file's check finds depends on its bytes and on the resolver's answers only; the checks that
need the whole project (references, unique fields, redirects, published names) are in ``validate``.
So ``serve`` can keep a file's check while its bytes and those answers stay the same (``filechecks``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn_portal.content.fields import FieldChecker
from asn_portal.model.loader import Node, Source, read_file
from asn_portal.model.problems import Problem, ProblemList
from asn_portal.model.project import Project
from asn_portal.model.registry import Entry, Field, FieldType, KindSpec
from asn_portal.trust.linkcheck import Locator, inspect_html
from asn_portal.trust.markup import Conversions
from asn_portal.trust.resolver import Asked, Resolver


@dataclass
class Loaded:
    """A file that read as a mapping of valid fields (it may still have problems of its own)."""

    spec: KindSpec
    slug: str
    source: Source
    values: dict[str, Any]
    links: frozenset[tuple[str, str]] = frozenset()  # entries its Markdown links
    materials: dict[str, str] = field(default_factory=dict)  # materials its Markdown links
    entry: Entry | None = None  # None when a required field is missing (already reported)
    published: tuple[str, ...] = ()  # where the materials its fields name are published


@dataclass
class FileCheck:
    """The outcome of checking one file, and the resolver questions it asked (with their answers)."""

    problems: list[Problem]
    loaded: Loaded | None
    asked: list[Asked]


def check_file(project: Project, spec: KindSpec, path: Path, resolver: Resolver,
               conversions: Conversions) -> FileCheck:
    problems = ProblemList()
    rel = project.rel(path)
    asked: list[Asked] = []
    resolver.asked = asked
    try:
        source = read_file(path, rel, problems, tuple(f.name for f in spec.fields if f.required),
                           project.max_catalog_file_size)
        if source.tree is None:
            return FileCheck(problems.items, None, asked)
        values = FieldChecker(rel, problems, resolver).mapping(source.tree, spec.fields)
        if values is None:
            return FileCheck(problems.items, None, asked)
        _check_rule(spec, rel, source.tree, values, problems)
        item = Loaded(spec, path.stem, source, values)
        _check_markdown(item, resolver, problems, conversions)
    finally:
        resolver.asked = None
    if all(f.name in values for f in spec.fields if f.required):
        item.entry = spec.entry_class(slug=item.slug, source=rel, links=item.links, **values)
        item.published = tuple(m.published for m in item.entry.materials_used() if m.published)
    return FileCheck(problems.items, item, asked)


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


def _markdown_fields(item: Loaded) -> list[tuple[str, Node]]:
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


def _check_markdown(item: Loaded, resolver: Resolver, problems: ProblemList, conversions: Conversions) -> None:
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
