"""Which files are catalog entries, and what no content file may be: a link, a reserved name.

Everything here looks with ``lstat`` and directory listings: a symbolic link is reported, never
followed, so its target is never read (and never printed into a CI log).
"""

from __future__ import annotations

import os
from pathlib import Path

from asn_portal.model.hints import slugify
from asn_portal.model.problems import ProblemList
from asn_portal.model.project import Project
from asn_portal.model.registry import KINDS, MAX_SLUG, RESERVED_SLUGS, SLUG, KindSpec
from asn_portal.trust.paths import is_link, symlinks_under, windows_problem
from asn_portal.trust.urls import LIST_PAGE_PREFIX, LIST_PAGE_SLUG


def slug_problem(slug: str) -> str | None:
    """Why ``slug`` cannot name an entry (file name or ``redirect_from``), with what to write; or None."""
    if not SLUG.match(slug):
        return f"bukan slug yang valid: pakai huruf kecil, angka dan tanda '-'. Ganti menjadi {slugify(slug)}."
    if len(slug) > MAX_SLUG:
        return f"slug terlalu panjang ({len(slug)} karakter; paling banyak {MAX_SLUG}). Persingkat, misalnya " \
               f"{slug[:MAX_SLUG].rstrip('-')}."
    if slug in RESERVED_SLUGS:
        return f"slug '{slug}' dipakai halaman yang dibuat portal (misalnya daftar kursus). Pakai slug lain."
    if LIST_PAGE_SLUG.fullmatch(slug):
        return f"slug '{slug}' dipakai halaman lanjutan daftar yang panjang ({LIST_PAGE_PREFIX}2, " \
               f"{LIST_PAGE_PREFIX}3, …). Pakai slug lain, misalnya {slug}-a."
    if windows_problem(slug + ".html"):
        return f"slug '{slug}' adalah nama yang dicadangkan Windows, sehingga zip luring tidak bisa diekstrak. " \
               "Pakai slug lain."
    return None


def symlink_problems(project: Project, problems: ProblemList) -> None:
    """Every symbolic link under the content, pages and materials folders is an error; none is followed."""
    seen: set[Path] = set()
    for folder in (project.content_dir, project.pages_dir, project.materials_dir):
        for path in symlinks_under(folder):
            if path not in seen:
                seen.add(path)
                problems.error(project.rel(path), 1, None, "tautan simbolik (symlink) tidak diizinkan dan tidak "
                                                           "diikuti. Ganti dengan berkas atau folder aslinya.")


def present_slugs(project: Project) -> dict[str, set[str]]:
    """Slugs that have a file, valid or not: a reference to a broken entry is no second error."""
    found: dict[str, set[str]] = {}
    for spec in KINDS.values():
        folder = project.content_dir / spec.folder
        stems = {p.stem.lower() for p in folder.glob("*.yml")} if folder.is_dir() and not is_link(folder) else set()
        found[spec.name] = {s for s in stems if SLUG.match(s)}
    return found


def discover(project: Project, spec: KindSpec, problems: ProblemList) -> list[tuple[Path, bool]]:
    """The ``*.yml`` files directly in a kind's folder; anything else there is a warning."""
    folder = project.content_dir / spec.folder
    if not folder.is_dir() or is_link(folder):
        return []
    with os.scandir(folder) as listing:  # a DirEntry knows its type without another system call
        found_here = sorted(listing, key=lambda d: d.name)
    entries = [Path(d.path) for d in found_here if _is_entry_file(d, project, folder, problems)]
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
        problem = slug_problem(path.stem)
        if problem and not SLUG.match(path.stem):
            problem = (f"nama berkas '{path.name}' bukan slug yang valid: pakai huruf kecil, angka dan tanda '-'. "
                       f"Ganti nama menjadi {slugify(path.stem)[:MAX_SLUG]}.yml.")
        elif problem:
            problem = f"nama berkas '{path.name}': {problem}"
        if problem:
            problems.error(project.rel(path), 1, None, problem)
        found.append((path, problem is None))
    return found


def _is_entry_file(found: os.DirEntry[str], project: Project, folder: Path, problems: ProblemList) -> bool:
    name = found.name
    if name.startswith("."):
        return False  # editor and OS files (.DS_Store, .gitkeep) are not worth a warning
    if found.is_symlink():
        return False  # reported by symlink_problems; never read
    suffix = os.path.splitext(name)[1]
    if suffix == ".yml" and not found.is_dir(follow_symlinks=False):
        return True
    rel = project.rel(Path(found.path))
    if found.is_dir(follow_symlinks=False):
        problems.warning(rel, 1, None, f"subfolder diabaikan: entri harus langsung di {project.rel(folder)}/.")
        return False
    stem = os.path.splitext(name)[0]
    if suffix.lower() in (".yaml", ".yml"):
        problems.warning(rel, 1, None, f"berkas diabaikan: hanya *.yml yang dibaca. "
                                       f"Ganti nama menjadi {stem.lower()}.yml.")
    else:
        problems.warning(rel, 1, None, "berkas diabaikan: bukan entri *.yml.")
    return False
