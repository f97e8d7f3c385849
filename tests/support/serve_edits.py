"""Incremental ``serve`` tested against clean builds: a generated project served by ``LiveSite``, the
served tree compared with a fresh full build byte for byte, and the edits a person (or an editor) makes to
the project's entries and materials, shared by test_serve_incremental.py (random edits) and
test_serve_cases.py (named cases).

``build_date`` (autouse) and ``pristine`` (module-scoped) are fixtures: a test module binds them to names of
its own (pytest finds fixtures among a module's names), and ``pristine`` is then made once per module.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from asn_portal.engines.mkdocs.live import LiveSite, Outcome
from devtools.catalog import generate_project, write_yaml

DAY = 1767225600  # 2026-01-01 00:00 UTC
COURSES = 40  # and 10 articles, 8 factors, the checkout's hand-written pages: ~70 pages
MATERIALS = "materials/uji"  # materials the serve tests add live here

# -- the project and the trees -------------------------------------------------------------------


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs dates every page (sitemap ``lastmod``) with the build day: one day for every build here, so a
    run across midnight compares like with like. A rebuild on another day has its own test."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(DAY + 12 * 3600))


@pytest.fixture(scope="module")
def pristine() -> Iterator[Path]:
    """One generated project, copied afresh by every test (and every hypothesis example)."""
    base = Path(tempfile.mkdtemp(prefix="asn-serve-pristine-"))
    root = base / "portal"
    generate_project(root, COURSES)
    # One material from the start, so that deleting or changing one is possible at once.
    (root / MATERIALS).mkdir(parents=True)
    (root / MATERIALS / "awal.txt").write_bytes(b"Materi awal.\n" * 40)
    add_material_ref(root / "content/courses/kursus-0002.yml", f"{MATERIALS}/awal.txt", "Materi awal")
    yield root
    shutil.rmtree(base, ignore_errors=True)


@dataclass
class Live:
    root: Path  # the project
    site: LiveSite
    site_dir: Path
    scratch: Path  # clean builds go here

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


def start_live(pristine: Path, base: Path) -> Live:
    root = base / "portal"
    shutil.copytree(pristine, root)
    site_dir = base / "served"
    site = LiveSite(root / "mkdocs.yml", site_dir)
    outcome = site.build()
    assert outcome.errors == [], outcome.errors
    return Live(root, site, site_dir, base / "clean")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path (POSIX), with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for rel, data in tree(folder).items():
        h.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def clean_build(live: Live) -> tuple[Outcome, Path]:
    """A fresh LiveSite's first build of the same project, into a folder of its own."""
    shutil.rmtree(live.scratch, ignore_errors=True)
    outcome = LiveSite(live.config, live.scratch).build()
    return outcome, live.scratch


def tree_difference(served: Path, clean: Path) -> str | None:
    """None when the two trees are the same files with the same bytes; else a readable report."""
    a, b = tree(served), tree(clean)
    only_served = sorted(a.keys() - b.keys())
    only_clean = sorted(b.keys() - a.keys())
    differing = sorted(rel for rel in a.keys() & b.keys() if a[rel] != b[rel])
    if not (only_served or only_clean or differing):
        return None
    lines = [f"served tree != clean build: {len(differing)} differing, {len(only_served)} only served, "
             f"{len(only_clean)} only in the clean build"]
    if only_served:
        lines.append(f"only served: {only_served[:10]}")
    if only_clean:
        lines.append(f"only in the clean build: {only_clean[:10]}")
    if differing:
        lines.append(f"differing: {differing[:10]}")
        first = differing[0]
        lines.append(f"--- first difference, {first} ---")
        lines.append(_short_diff(a[first], b[first], first))
    return "\n".join(lines)


def _short_diff(served: bytes, clean: bytes, rel: str, limit: int = 40) -> str:
    try:
        old, new = served.decode("utf-8"), clean.decode("utf-8")
    except UnicodeDecodeError:
        return f"(binary: {len(served)} vs {len(clean)} bytes)"
    # Minified HTML/JS/JSON may be one long line: split on tags and commas to get a usable diff.
    if max(old.count("\n"), new.count("\n")) < 5:
        old, new = re.sub(r"(>|,)", r"\1\n", old), re.sub(r"(>|,)", r"\1\n", new)
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), f"served/{rel}", f"clean/{rel}", lineterm="",
                                n=1)
    out = [line[:300] for line in diff]
    return "\n".join(out[:limit]) + ("\n..." if len(out) > limit else "")


def assert_equals_clean_build(live: Live, history: str = "") -> None:
    outcome, clean = clean_build(live)
    assert outcome.errors == [], f"the clean build refused what the rebuild accepted: {outcome.errors}\n{history}"
    problem = tree_difference(live.site_dir, clean)
    assert problem is None, f"{history}\n{problem}"


# -- editing the project as a person (or an editor) does -------------------------------------------


def save(path: Path, data: str | bytes, replace: bool) -> None:
    """Write ``path`` in place, or the way ``sed -i`` and many editors do: a temp file, then os.replace."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if replace:
        temp = path.with_name(f".{path.name}.tmp{os.getpid()}")
        temp.write_bytes(raw)
        os.replace(temp, path)
    else:
        with path.open("wb") as fh:  # truncate and write: the same inode
            fh.write(raw)


def load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        values: dict[str, Any] = yaml.safe_load(fh)
    return values


def save_yaml(path: Path, values: dict[str, Any], replace: bool) -> None:
    scratch = path.with_name(f".{path.name}.dump")
    write_yaml(scratch, values)
    text = scratch.read_text(encoding="utf-8")
    scratch.unlink()
    save(path, text, replace)


def add_material_ref(course: Path, rel: str, title: str, replace: bool = False) -> None:
    values = load_yaml(course)
    module = values["modules"][0]
    module.setdefault("materials", []).append({"path": rel, "title": title})
    save_yaml(course, values, replace)


def entries(root: Path, kind: str) -> list[Path]:
    return sorted((root / "content" / kind).glob("*.yml"))


def materials(root: Path) -> list[Path]:
    folder = root / MATERIALS
    return sorted(p for p in folder.glob("*") if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []


def _pick(items: list[Path], index: int) -> Path | None:
    return items[index % len(items)] if items else None


def op_course_title(root: Path, index: int, title: str, replace: bool) -> None:
    course = _pick(entries(root, "courses"), index)
    if course is not None:
        values = load_yaml(course)
        values["title"] = title
        save_yaml(course, values, replace)


def op_course_text(root: Path, index: int, field: str, text: str, replace: bool) -> None:
    course = _pick(entries(root, "courses"), index)
    if course is not None:
        values = load_yaml(course)
        values[field] = text if field == "summary" else f"{text}\n\n{text}\n"
        save_yaml(course, values, replace)


def _set_field(root: Path, folder: str, index: int, field: str, value: object, replace: bool) -> None:
    """One field of the index-th entry of a kind's folder (if it has any) set and saved."""
    entry = _pick(entries(root, folder), index)
    if entry is not None:
        values = load_yaml(entry)
        values[field] = value
        save_yaml(entry, values, replace)


def op_course_jp(root: Path, index: int, jp: int, replace: bool) -> None:
    _set_field(root, "courses", index, "jp", jp, replace)


def op_add_course(root: Path, index: int, number: int, title: str, replace: bool) -> None:
    source = _pick(entries(root, "courses"), index)
    target = root / "content" / "courses" / f"kursus-baru-{number}.yml"
    if source is not None and not target.exists():
        values = load_yaml(source)
        values["title"] = title
        write_yaml(target, values)


def op_course_draft(root: Path, index: int, replace: bool) -> None:
    """Serve shows drafts (marked): turning one on or off changes its page and the listings."""
    course = _pick(entries(root, "courses"), index)
    if course is not None:
        values = load_yaml(course)
        if values.pop("draft", False) is not True:
            values["draft"] = True
        save_yaml(course, values, replace)


def op_delete_course(root: Path, index: int) -> None:
    course = _pick(entries(root, "courses"), index)
    if course is not None:
        course.unlink()


def op_rename_course(root: Path, index: int, number: int) -> None:
    course = _pick(entries(root, "courses"), index)
    target = root / "content" / "courses" / f"kursus-ganti-{number}.yml"
    if course is not None and not target.exists():
        os.rename(course, target)


def op_article_title(root: Path, index: int, title: str, replace: bool) -> None:
    _set_field(root, "articles", index, "title", title, replace)


def op_factor_title(root: Path, index: int, title: str, replace: bool) -> None:
    _set_field(root, "factors", index, "title", title, replace)


def op_add_material(root: Path, index: int, number: int, size: int, replace: bool) -> None:
    course = _pick(entries(root, "courses"), index)
    target = root / MATERIALS / f"baru-{number}.txt"
    if course is not None and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"m" * size)
        add_material_ref(course, f"{MATERIALS}/{target.name}", f"Materi baru {number}", replace)


def op_change_material(root: Path, index: int, size: int, replace: bool) -> None:
    material = _pick(materials(root), index)
    if material is not None:
        save(material, b"x" * (size if size != material.stat().st_size else size + 1), replace)


def op_delete_material(root: Path, index: int) -> None:
    material = _pick(materials(root), index)
    if material is not None:
        material.unlink()


def op_yaml_error(root: Path, kind: str, index: int, replace: bool) -> None:
    entry = _pick(entries(root, kind), index)
    if entry is not None:
        text = entry.read_text(encoding="utf-8")
        save(entry, re.sub(r"^title: .*$", "title: Judul: tanpa kutip", text, count=1, flags=re.M), replace)


LOCATED = re.compile(r"^[^\s:]+:\d+:(\d+:)? ")


def located(errors: list[str]) -> list[str]:
    """The messages that name a file and a line, in order."""
    return sorted(e for e in errors if LOCATED.match(e))
