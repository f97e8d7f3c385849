"""Load every catalog file, check it against the model and across files, build the Catalog.

All problems in all files are collected; nothing stops at the first one. ``check_project`` is
what both ``asn-portal check`` and the build (the plugin's ``on_config``) run.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from asn_portal.content.catalog import Catalog
from asn_portal.content.discover import discover, present_slugs, slug_problem, symlink_problems
from asn_portal.content.entryfile import Loaded
from asn_portal.content.filechecks import FileChecks
from asn_portal.content.handwritten import ReadPage, check_pages, generated_pages, page_files
from asn_portal.content.synonyms import Synonyms, read_synonyms
from asn_portal.model.hints import suggest
from asn_portal.model.loader import Node
from asn_portal.model.problems import ProblemList
from asn_portal.model.project import Project
from asn_portal.model.registry import KINDS, SLUG, FieldType
from asn_portal.trust.markup import Conversions
from asn_portal.trust.paths import folders_of, name_key
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
    # content/sinonim.yml: typed word -> the phrases search also looks for
    synonyms: Synonyms = field(default_factory=dict)


def load_catalog(project: Project) -> tuple[Catalog, ProblemList]:
    """Read, validate and cross-check all catalogs. Errors mean the catalog must not be built."""
    checked = check_project(project)
    return checked.catalog, checked.problems


def check_project(project: Project, reuse: FileChecks | None = None, jobs: int = 1) -> Checked:
    """``reuse``: what ``serve`` kept of the last check; a file's check is reused while its bytes and the
    answers the resolver gave it are the same, so the outcome is the one a check from scratch gives.
    ``jobs``: processes that check the files of a large project (0: every CPU; model/workers.py); the
    outcome is the one process's, problems in the same order."""
    problems = ProblemList()
    for message in project.folder_problems():
        problems.error("mkdocs.yml", 1, None, message)
    symlink_problems(project, problems)
    present = present_slugs(project)
    pages = page_files(project)
    resolver = Resolver(project, present, {*pages, *generated_pages(present)})
    checks = reuse if reuse is not None else FileChecks()
    checks.begin(resolver)
    # Every kind's files found first (each kind's findings kept to be reported where they were), so that
    # the files can be checked on every core before they are taken in order.
    found = []
    for spec in KINDS.values():
        noticed = ProblemList()
        found.append((spec, noticed.items, discover(project, spec, noticed)))
    checks.prefetch(project, [(spec, path) for spec, _, files in found for path, _ in files], resolver, jobs)
    loaded: list[Loaded] = []
    for spec, found_here, files in found:
        problems.items += found_here
        for path, named_well in files:
            result = checks.check(project, spec, path, resolver)
            problems.items += result.problems
            # A file with a bad name is still checked, so every problem shows in one run; it joins
            # the catalog once renamed.
            if result.loaded is not None and named_well:
                loaded.append(result.loaded)
    checks.end()
    catalog = _build(loaded)
    _check_references(catalog, loaded, problems, present)
    page_materials, read_pages = check_pages(project, resolver, pages, problems)
    _check_portable(catalog, loaded, page_materials, pages, project, problems)
    synonyms = read_synonyms(project, problems)
    return Checked(catalog, problems, resolver, page_materials, pages, read_pages, checks.conversions, synonyms)


def _build(loaded: list[Loaded]) -> Catalog:
    catalog = Catalog()
    for item in loaded:
        if item.entry is not None:  # else a required field is missing: reported, and a half-filled
            catalog.add(item.entry)  # entry would only cause follow-up errors
    return catalog


def _check_references(catalog: Catalog, loaded: list[Loaded], problems: ProblemList,
                      present: dict[str, set[str]]) -> None:
    for item in loaded:
        tree = item.source.tree
        assert tree is not None and tree.is_map
        rel = item.source.rel
        for spec in item.spec.fields:
            node = tree.value.get(spec.name)
            if spec.type is FieldType.REFS and node is not None and node.is_seq:
                existing = catalog.of_kind(spec.ref)
                for i, ref in enumerate(node.value):
                    if (isinstance(ref.value, str) and SLUG.match(ref.value) and ref.value not in existing
                            and ref.value not in present.get(spec.ref, ())):
                        options = sorted(existing)  # only for the message: sorting every time was costly
                        label = KINDS[spec.ref].label.lower()
                        problems.error(rel, ref.line, ref.col,
                                       f"{label} '{ref.value}' tidak ada.{suggest(ref.value, options)} "
                                       f"Slug yang ada: {', '.join(options) or '(belum ada)'}.",
                                       f"{spec.name}.{i}")
    _check_redirects(loaded, present, problems)
    _check_unique(loaded, problems)


def _check_unique(loaded: list[Loaded], problems: ProblemList) -> None:
    """A field declared ``unique`` (a factor's order) may not repeat within its kind."""
    users: dict[tuple[str, str, object], list[Loaded]] = defaultdict(list)
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


def _check_redirects(loaded: list[Loaded], present: dict[str, set[str]], problems: ProblemList) -> None:
    """An old slug must be free (no entry uses it) and claimed by one entry of its kind only."""
    claims: dict[tuple[str, str], list[tuple[Loaded, Node]]] = {}
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


def _check_portable(catalog: Catalog, loaded: list[Loaded], page_materials: dict[str, str], pages: list[str],
                    project: Project, problems: ProblemList) -> None:
    """Published names that a file system takes as one (letter case on Windows and macOS, Unicode
    NFC/NFD on macOS), or two pages published at one address, overwrite each other when a kit is
    unpacked: each is an error at the file that brings it."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for item in loaded:  # what Markdown links
        for published in item.materials.values():
            by_key[name_key(published)].add(f"{published}\0{item.source.rel}")
    for item in loaded:  # what material fields name (kept with each file's check)
        if item.entry is not None:
            for published in item.published:
                by_key[name_key(published)].add(f"{published}\0{item.source.rel}")
    for path, published in page_materials.items():
        by_key[name_key(published)].add(f"{published}\0{path}")  # reported at the material a page links
    site = Urls(directory_urls=True)  # the stricter of the two: tentang.md and tentang/index.md meet there
    for rel in pages:
        dest = site.dest(rel) if is_page(rel) else rel
        by_key[name_key(dest)].add(f"{rel}\0{project.rel(project.pages_dir / rel)}")
    _report_file_folder_clashes(by_key, problems)
    for users in by_key.values():
        names = {u.split("\0")[0] for u in users}
        if len(names) > 1:
            for user in sorted(users):
                name, source = user.split("\0")
                others = sorted(n for n in names if n != name)
                problems.error(source, 1, None, f"'{name}' {_same_name(name, others)} {', '.join(others)}; saat "
                                                "bundel diekstrak keduanya menjadi satu berkas. Samakan penulisan "
                                                "atau ganti nama salah satunya.")


def _report_file_folder_clashes(by_key: dict[str, set[str]], problems: ProblemList) -> None:
    """A published file and a published folder equal after ``name_key`` (``arsip/a.pdf`` beside
    ``arsip/A.pdf/x.pdf``), at any depth: unpacked on Windows or macOS, only one of them is kept."""
    folders: dict[str, set[str]] = defaultdict(set)
    for users in by_key.values():
        for user in users:
            name, source = user.split("\0")
            for folder in folders_of(name):
                folders[name_key(folder)].add(f"{folder}/\0{source}")
    for key in sorted(folders.keys() & by_key.keys()):
        files = sorted({u.split("\0")[0] for u in by_key[key]})
        names = sorted({u.split("\0")[0] for u in folders[key]})
        for user in sorted(by_key[key] | folders[key]):
            name, source = user.split("\0")
            others = ", ".join(n for n in (*files, *names) if n != name)
            problems.error(source, 1, None, f"berkas dan folder bernama sama: '{name}' dan {others}; saat bundel "
                                            "diekstrak di Windows atau macOS hanya satu yang tersimpan. Ganti nama "
                                            "folder atau berkasnya.")


def _same_name(name: str, others: list[str]) -> str:
    if all(o.lower() == name.lower() for o in others):
        return "hanya berbeda huruf besar/kecil dengan"
    if all(unicodedata.normalize("NFC", o) == unicodedata.normalize("NFC", name) for o in others):
        return "hanya berbeda bentuk Unicode (NFC/NFD, misalnya huruf beraksen) dengan"
    return "terbit di alamat yang sama dengan"
