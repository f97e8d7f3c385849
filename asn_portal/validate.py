"""Load every catalog file, check it against the model and across files, build the Catalog.

All problems in all files are collected; nothing stops at the first one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .fields import FieldChecker, closest, slugify, suggest
from .loader import Node, Source, read_file
from .markup import MD_TARGET, target_of
from .models import ENTRY_CLASSES, KINDS, LINK_PREFIXES, Field, FieldType, KindSpec
from .problems import ProblemList

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Link targets in Markdown: inline links/images "](target)" and reference definitions "[id]: target".
_ENTRY_LINK = re.compile(r"^(kursus|faktor|artikel):([^#?]*)")
_ENGLISH_PREFIXES = {"course": "kursus", "factor": "faktor", "article": "artikel"}
_RISKY_HTML = re.compile(r"<\s*(script|iframe|object|embed|style)\b|\son\w+\s*=|javascript:", re.IGNORECASE)


@dataclass(frozen=True)
class Project:
    """Where a project's content lives. ``root`` is the folder holding mkdocs.yml."""

    root: Path
    content_dir: Path
    materials_dir: Path

    @classmethod
    def at(cls, root: Path, content: str = "content", materials: str = "materials") -> Project:
        root = root.resolve()
        return cls(root, root / content, root / materials)

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class _Loaded:
    spec: KindSpec
    slug: str
    source: Source
    values: dict[str, Any]


def load_catalog(project: Project) -> tuple[Catalog, ProblemList]:
    """Read, validate and cross-check all catalogs. Errors mean the catalog must not be built."""
    problems = ProblemList()
    loaded: list[_Loaded] = []
    for spec in KINDS.values():
        for path, named_well in discover(project, spec, problems):
            rel = project.rel(path)
            source = read_file(path, rel, problems, tuple(f.name for f in spec.fields if f.required))
            if source.tree is None:
                continue
            checker = FieldChecker(rel, problems, project.root, project.materials_dir)
            values = checker.mapping(source.tree, spec.fields)
            # A file with a bad name is still checked, so every problem shows in one run; it joins
            # the catalog once renamed.
            if values is not None and named_well:
                loaded.append(_Loaded(spec, path.stem, source, values))
    catalog = _build(loaded, problems)
    _check_references(catalog, loaded, project, problems, _present(project))
    return catalog, problems


def _present(project: Project) -> dict[str, set[str]]:
    """Slugs that have a file, valid or not: a reference to a broken entry is no second error."""
    found: dict[str, set[str]] = {}
    for spec in KINDS.values():
        folder = project.content_dir / spec.folder
        stems = {p.stem.lower() for p in folder.glob("*.yml")} if folder.is_dir() else set()
        found[spec.name] = {s for s in stems if SLUG.match(s)}
    return found


def discover(project: Project, spec: KindSpec, problems: ProblemList) -> list[tuple[Path, bool]]:
    """The ``*.yml`` files directly in a kind's folder; anything else there is a warning."""
    folder = project.content_dir / spec.folder
    if not folder.is_dir():
        return []
    entries = [p for p in sorted(folder.iterdir()) if _is_entry_file(p, project, folder, problems)]
    by_lower: dict[str, list[Path]] = {}
    for path in entries:
        by_lower.setdefault(path.name.lower(), []).append(path)
    found: list[tuple[Path, bool]] = []
    for twins in by_lower.values():
        if len(twins) > 1:
            for path in twins:
                others = ", ".join(project.rel(q) for q in twins if q != path)
                problems.error(project.rel(path), 1, None, f"nama berkas hanya berbeda huruf besar/kecil dengan "
                                                           f"{others}. Hapus atau ganti nama salah satunya.")
            continue
        path = twins[0]
        named_well = bool(SLUG.match(path.stem))
        if not named_well:
            problems.error(project.rel(path), 1, None,
                           f"nama berkas '{path.name}' bukan slug yang valid: pakai huruf kecil, angka dan "
                           f"tanda '-'. Ganti nama menjadi {slugify(path.stem)}.yml.")
        found.append((path, named_well))
    return found


def _is_entry_file(path: Path, project: Project, folder: Path, problems: ProblemList) -> bool:
    rel = project.rel(path)
    if path.name.startswith("."):
        return False  # editor and OS files (.DS_Store, .gitkeep) are not worth a warning
    if path.is_dir():
        problems.warning(rel, 1, None, f"subfolder diabaikan: entri harus langsung di {project.rel(folder)}/.")
        return False
    if path.suffix == ".yml":
        return True
    if path.suffix.lower() in (".yaml", ".yml"):
        problems.warning(rel, 1, None, f"berkas diabaikan: hanya *.yml yang dibaca. "
                                       f"Ganti nama menjadi {path.stem.lower()}.yml.")
    else:
        problems.warning(rel, 1, None, "berkas diabaikan: bukan entri *.yml.")
    return False


def _build(loaded: list[_Loaded], problems: ProblemList) -> Catalog:
    catalog = Catalog()
    for item in loaded:
        spec, values = item.spec, item.values
        if any(f.required and f.name not in values for f in spec.fields):
            continue  # already reported; a half-filled entry would only cause follow-up errors
        links = frozenset(_markdown_links(item))
        entry = ENTRY_CLASSES[spec.name](slug=item.slug, source=item.source.rel, links=links, **values)
        catalog.of_kind(spec.name)[item.slug] = entry
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


def _markdown_links(item: _Loaded) -> set[tuple[str, str]]:
    links = set()
    for _, node in _markdown_fields(item):
        for target in _targets(node.value):
            m = _ENTRY_LINK.match(target)
            if m and SLUG.match(m.group(2)):
                links.add((LINK_PREFIXES[m.group(1)], m.group(2)))
    return links


def _targets(text: str) -> list[str]:
    return [target_of(m) for m in MD_TARGET.finditer(text)]


def _line_of(source: Source, node: Node, needle: str) -> int:
    """The line inside a (multi-line) scalar where ``needle`` is written."""
    return _position(source, node, needle, needle, (node.line, 0))[0]


def _position(source: Source, node: Node, written: str, target: str, start: tuple[int, int]) -> tuple[int, int | None]:
    """(line, column) of ``target`` where ``written`` (the whole Markdown link) stands, at or after ``start``,
    so a link written twice is found twice. Falls back to the scalar's first line."""
    first, offset = start
    for number in range(first, min(node.end_line, len(source.lines)) + 1):
        line = source.lines[number - 1]
        at = line.find(written, offset if number == first else 0)
        if at >= 0:
            inside = line.find(target, at)  # not found when written %-encoded: point at the link
            return number, (inside if inside >= 0 else at) + 1
    return node.line, None


def _check_references(catalog: Catalog, loaded: list[_Loaded], project: Project, problems: ProblemList,
                      present: dict[str, set[str]] | None = None) -> None:
    present = present or {}
    orders: dict[int, list[_Loaded]] = {}
    for item in loaded:
        tree = item.source.tree
        assert tree is not None and tree.is_map
        rel = item.source.rel
        if item.spec.name == "factor" and isinstance(item.values.get("order"), int):
            orders.setdefault(item.values["order"], []).append(item)
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
        for where, node in _markdown_fields(item):
            _check_markdown(catalog, item, where, node, project, problems, present)
    _check_redirects(loaded, present, problems)
    for order, items in sorted(orders.items()):
        if len(items) > 1:
            names = [i.source.rel for i in items]
            for it in items:
                key = it.source.tree.value["order"] if it.source.tree else None
                line, col = (key.line, key.col) if isinstance(key, Node) else (1, None)
                others = ", ".join(n for n in names if n != it.source.rel)
                problems.error(it.source.rel, line, col,
                               f"order {order} dipakai juga oleh {others}. Setiap faktor perlu order yang unik.",
                               "order")


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


def _check_markdown(catalog: Catalog, item: _Loaded, where: str, node: Node, project: Project,
                    problems: ProblemList, present: dict[str, set[str]] | None = None) -> None:
    rel = item.source.rel
    checker = FieldChecker(rel, problems, project.root, project.materials_dir)
    cursor = (node.line, 0)
    for match in MD_TARGET.finditer(node.value):
        target = target_of(match)
        written = match.group(0).strip()
        line, col = _position(item.source, node, written, target, cursor)
        if col is not None:
            cursor = (line, col)
        m = _ENTRY_LINK.match(target)
        if m:
            kind, slug = LINK_PREFIXES[m.group(1)], m.group(2)
            options = sorted(catalog.of_kind(kind))
            if slug not in options and slug not in (present or {}).get(kind, ()):
                hint = closest(slug, options)
                fix = f" Tulis {m.group(1)}:{hint}." if hint else f" Slug yang ada: {', '.join(options) or '-'}."
                problems.error(rel, line, col, f"tautan '{target}' menunjuk ke {KINDS[kind].label.lower()} "
                                               f"yang tidak ada.{fix}", where)
        elif target.startswith("materials/") or target.startswith("../materials/") or target.startswith("/materials/"):
            located = Node(target, line, col or node.col, line)
            checker.local_path(located, target.split("#")[0], where)
        elif re.match(r"^[a-z]+:[a-z0-9-]+$", target) and target.split(":")[0] not in ("http", "https", "mailto"):
            prefix = target.split(":")[0]
            better = _ENGLISH_PREFIXES.get(prefix) or closest(prefix, list(LINK_PREFIXES))
            if better:
                problems.warning(rel, line, col, f"awalan tautan '{prefix}:' tidak dikenal dan tautan ini akan "
                                                 f"dibuang. Tulis {better}:{target.split(':')[1]}.", where)
    risky = _RISKY_HTML.search(node.value)
    if risky:
        line = _line_of(item.source, node, risky.group(0).strip())
        problems.warning(rel, line, None, "HTML berisiko (skrip, atribut on...=, javascript:) akan dibuang dari "
                                          "halaman. Tulis teks biasa atau Markdown saja.", where)
