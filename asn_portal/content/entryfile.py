"""One catalog file checked on its own: read, fields, the kind's rules, text left from its ``asn-portal new``
template, its Markdown and what it links.

What a file's check finds depends on its bytes and on the resolver's answers only; the checks that
need the whole project (references, unique fields, redirects, published names) are in ``validate``.
So ``serve`` can keep a file's check while its bytes and those answers stay the same (``filechecks``).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn_portal import packaged_text
from asn_portal.content.fields import FieldChecker
from asn_portal.model.loader import Node, Source, parse, read_file
from asn_portal.model.problems import Problem, ProblemList
from asn_portal.model.project import Project
from asn_portal.model.registry import Entry, Field, FieldType, KindSpec
from asn_portal.trust.linkcheck import Locator, inspect_html
from asn_portal.trust.markup import Conversions
from asn_portal.trust.resolver import Asked, Resolver

# What ``asn-portal new`` fills in a kind's template: {title}, {date}, {first:<kind>} (the first slug of that
# kind), {next:<field>} (one more than the largest value of that integer field among the kind's entries).
TEMPLATE_SLOT = re.compile(r"\{(title|date|first:[a-z_]+|next:[a-z_]+)\}")
_FILLED = "asn-portal-slot"  # stands for a slot when the template is read for its example texts
_SHOWN = 40  # characters of an example text quoted in the message


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
        _check_rules(spec, rel, source.tree, values, problems)
        _check_examples(spec, source, problems)
        item = Loaded(spec, path.stem, source, values)
        _check_markdown(item, resolver, problems, conversions)
    finally:
        resolver.asked = None
    if all(f.name in values for f in spec.fields if f.required):
        item.entry = spec.entry_class(slug=item.slug, source=rel, links=item.links, **values)
        item.published = tuple(m.published for m in item.entry.materials_used() if m.published)
    item.source = _for_cross_checks(source, spec)
    return FileCheck(problems.items, item, asked)


def _for_cross_checks(source: Source, spec: KindSpec) -> Source:
    """What the checks across files still read of a checked file: the top-level nodes of its references,
    unique fields and ``redirect_from``, for their lines. A whole YAML tree and the file's lines took about
    40 KB a course, all of them held at once (20,000 courses: most of a build's memory)."""
    tree = source.tree
    if tree is None or not tree.is_map:
        return Source(source.rel, None, [])
    wanted = {f.name for f in spec.fields if f.type is FieldType.REFS or f.unique} | {"redirect_from"}
    kept = {key: node for key, node in tree.value.items() if key in wanted}
    keys = {key: place for key, place in tree.keys.items() if key in wanted}
    return Source(source.rel, dataclasses.replace(tree, value=kept, keys=keys), [])


def _check_rules(spec: KindSpec, rel: str, tree: Node, values: dict[str, Any], problems: ProblemList) -> None:
    """A kind's checks across an entry's fields (``KindSpec.rule``: errors, ``KindSpec.advice``: warnings),
    each at the field (or item) it names; a field that is not written, at the top of the entry.
    The entry stays in the catalog: its problem is its own, so nothing that refers to it is reported too."""
    if not tree.is_map:
        return
    for rule, report in ((spec.rule, problems.error), (spec.advice, problems.warning)):
        for name, index, message in rule(values) if rule else ():
            node = tree.value.get(name)
            if node is None:
                report(rel, tree.line, None, message, name)
                continue
            if index is not None and node.is_seq and index < len(node.value):
                node = node.value[index]
            report(rel, node.line, node.col, message, name + (f".{index}" if index is not None else ""))


# -- text left from `asn-portal new` ---------------------------------------------------------------------

def new_template(spec: KindSpec) -> str:
    """The commented template ``asn-portal new`` writes for a kind, slots not yet filled."""
    if spec.template_dir:
        return (Path(spec.template_dir) / spec.new_template).read_text(encoding="utf-8")
    return packaged_text("templates", spec.new_template)


@functools.cache
def template_examples(spec: KindSpec) -> dict[str, frozenset[str]]:
    """Field path without item numbers (``modules.title``) -> the example texts a kind's template writes there.
    Read from the template itself, so editing it changes what check refuses. Free text only: a choice, a
    number, a date or a slot the command fills in is the contributor's value, not an example to replace."""
    try:
        text = TEMPLATE_SLOT.sub(_FILLED, new_template(spec))
    except OSError:
        return {}  # a kind without a template has no examples to refuse
    found: dict[str, set[str]] = {}
    for key, _, _, node in _free_texts(parse(text, spec.new_template, ProblemList()), spec.fields):
        example = node.value.strip()
        if example and _FILLED not in example:
            found.setdefault(key, set()).add(example)
    return {key: frozenset(texts) for key, texts in found.items()}


def _free_texts(node: Node | None, fields: tuple[Field, ...], key: str = "",
                where: str = "") -> Iterator[tuple[str, str, Field, Node]]:
    """(path without item numbers, field path, field, node) of every free-text string in a mapping, nested
    ones (a course's modules, an article's author) included."""
    if node is None or not node.is_map:
        return
    for spec in fields:
        child = node.value.get(spec.name)
        if child is None:
            continue
        name, path = key + spec.name, where + spec.name
        if spec.type in (FieldType.TEXT, FieldType.MARKDOWN) and isinstance(child.value, str):
            yield name, path, spec, child
        elif spec.type is FieldType.TEXT_LIST and child.is_seq:
            yield from ((name, f"{path}.{i}", spec, item) for i, item in enumerate(child.value)
                        if isinstance(item.value, str))
        elif spec.type is FieldType.OBJECT:
            yield from _free_texts(child, spec.fields, name + ".", path + ".")
        elif spec.type is FieldType.OBJECT_LIST and child.is_seq:
            for i, item in enumerate(child.value):
                yield from _free_texts(item, spec.fields, name + ".", f"{path}.{i}.")


def _check_examples(spec: KindSpec, source: Source, problems: ProblemList) -> None:
    """Example text of the kind's template still in the file (exactly, but for surrounding spaces): an error at
    that text. Left as written it would be published as if it said something about this entry."""
    examples = template_examples(spec)
    for key, path, declared, node in _free_texts(source.tree, spec.fields) if examples else ():
        text = node.value.strip()
        if text in examples.get(key, ()):
            line, col = _text_start(source.lines, node, text)
            problems.error(source.rel, line, col, _example_message(declared, text), path)


def _text_start(lines: list[str], node: Node, text: str) -> tuple[int, int | None]:
    """Where the text of a value starts: a block scalar's (``|``, ``>``) is on the lines below its key."""
    if node.style in ("|", ">"):
        return Locator(lines, node.line + 1, node.end_line).find(text.split("\n", 1)[0])
    return node.line, node.col


def _example_message(declared: Field, text: str) -> str:
    flat = " ".join(text.split())
    shown = flat if len(flat) <= _SHOWN else flat[:flat.rfind(" ", 0, _SHOWN)].rstrip(" :,.") + "…"
    # What the field holds, from its declaration: "Deskripsi lengkap (Markdown)." -> "deskripsi lengkap"
    what = re.split(r"[.(]", declared.help, maxsplit=1)[0].strip()
    what = what[:1].lower() + what[1:]
    if declared.required:
        drop = ""
    elif declared.type is FieldType.TEXT_LIST:
        drop = " atau hapus butir ini"
    else:
        drop = f" atau hapus kolom '{declared.name}'"
    return (f"kolom '{declared.name}' masih berisi teks contoh dari templat `asn-portal new` (\"{shown}\"). "
            f"Ganti dengan {what} Anda sendiri{drop}.")


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
