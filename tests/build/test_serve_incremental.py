"""Incremental ``serve``: after a save only the pages that depend on the changed entry are rendered
again, and the served tree equals a clean build byte for byte.

Random edits, additions, renames and deletions of entries and materials (hypothesis) are applied to a
generated project, ``LiveSite.rebuild()`` runs, and its ``site_dir`` is compared with a fresh full build
of the same files. A batch the content check refuses must leave the served tree as the last good build;
it is then undone and the next rebuild recovers. ASN_PORTAL_SERVE_EXAMPLES=100 explores further (random);
ASN_PORTAL_SERVE_SHRINK=1 also shrinks a failure (minutes).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from asn_portal.engines.mkdocs.live import LiveSite, Outcome
from devtools.catalog import generate_project, write_yaml

pytestmark = pytest.mark.slow  # exhaustive: run by .ci/run's slow step (pyproject markers)

DAY = 1767225600  # 2026-01-01 00:00 UTC
COURSES = 40  # and 10 articles, 8 factors, the checkout's hand-written pages: ~70 pages
MATERIALS = "materials/uji"  # materials this file adds live here

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
    _add_material_ref(root / "content/courses/kursus-0002.yml", f"{MATERIALS}/awal.txt", "Materi awal")
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


def _start(pristine: Path, base: Path) -> Live:
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
        return yaml.safe_load(fh)


def save_yaml(path: Path, values: dict[str, Any], replace: bool) -> None:
    scratch = path.with_name(f".{path.name}.dump")
    write_yaml(scratch, values)
    text = scratch.read_text(encoding="utf-8")
    scratch.unlink()
    save(path, text, replace)


def _add_material_ref(course: Path, rel: str, title: str, replace: bool = False) -> None:
    values = load_yaml(course)
    module = values["modules"][0]
    module.setdefault("materials", []).append({"path": rel, "title": title})
    save_yaml(course, values, replace)


def entries(root: Path, kind: str) -> list[Path]:
    return sorted((root / "content" / kind).glob("*.yml"))


def materials(root: Path) -> list[Path]:
    folder = root / MATERIALS
    return sorted(p for p in folder.glob("*") if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []


# Titles and texts a person writes, with characters that must be escaped in HTML, JSON and XML.
WORDS = st.sampled_from(("Pelatihan", "Kinerja", "Digital", "ASN", "Daerah", "Layanan", "Rapat", "Arsip",
                         "Tata & Kelola", "<Uji>", '"kutip"', "O'Neil", "Ekonomi", "Teknis", "Pegawai"))
TITLE = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)
TEXT = st.lists(WORDS, min_size=3, max_size=14).map(lambda words: " ".join(words).capitalize() + ".")


# An operation is a description (for the failure message) and a function applied to the project at the
# time it runs: indices pick among the files present then, modulo their number.
@dataclass(frozen=True)
class Op:
    name: str
    args: tuple[Any, ...]

    def __str__(self) -> str:
        return f"{self.name}{self.args!r}"

    def apply(self, root: Path) -> None:
        OPS[self.name](root, *self.args)


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
        _add_material_ref(course, f"{MATERIALS}/{target.name}", f"Materi baru {number}", replace)


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


OPS: dict[str, Callable[..., None]] = {
    "course_title": op_course_title, "course_text": op_course_text, "course_jp": op_course_jp,
    "course_draft": op_course_draft, "add_course": op_add_course, "delete_course": op_delete_course,
    "rename_course": op_rename_course,
    "article_title": op_article_title, "factor_title": op_factor_title, "add_material": op_add_material,
    "change_material": op_change_material, "delete_material": op_delete_material, "yaml_error": op_yaml_error,
}

INDEX = st.integers(0, 10_000)
NUMBER = st.integers(1, 5)  # few names: a later op may find the name taken (then it does nothing)
REPLACE = st.booleans()
OP = st.one_of(
    st.tuples(st.just("course_title"), INDEX, TITLE, REPLACE),
    st.tuples(st.just("course_text"), INDEX, st.sampled_from(("summary", "description")), TEXT, REPLACE),
    st.tuples(st.just("course_jp"), INDEX, st.integers(1, 120), REPLACE),
    st.tuples(st.just("course_draft"), INDEX, REPLACE),
    st.tuples(st.just("add_course"), INDEX, NUMBER, TITLE, REPLACE),
    st.tuples(st.just("delete_course"), INDEX),
    st.tuples(st.just("rename_course"), INDEX, NUMBER),
    st.tuples(st.just("article_title"), INDEX, TITLE, REPLACE),
    st.tuples(st.just("factor_title"), INDEX, TITLE, REPLACE),
    st.tuples(st.just("add_material"), INDEX, NUMBER, st.integers(1, 5000), REPLACE),
    st.tuples(st.just("change_material"), INDEX, st.integers(1, 5000), REPLACE),
    st.tuples(st.just("delete_material"), INDEX),
    st.tuples(st.just("yaml_error"), st.sampled_from(("courses", "articles", "factors")), INDEX, REPLACE),
).map(lambda t: Op(t[0], t[1:]))
# Each batch is saved, then rebuilt and compared; several batches exercise what a rebuild keeps.
BATCHES = st.lists(st.lists(OP, min_size=1, max_size=4), min_size=1, max_size=3)


LOCATED = re.compile(r"^[^\s:]+:\d+:(\d+:)? ")


def located(errors: list[str]) -> list[str]:
    """The messages that name a file and a line, in order."""
    return sorted(e for e in errors if LOCATED.match(e))


def snapshot(root: Path) -> dict[str, bytes]:
    """The files a person edits (content/, materials/): to undo a refused batch."""
    return {rel: data for rel, data in tree(root).items() if rel.startswith(("content/", "materials/"))}


def restore(root: Path, before: dict[str, bytes]) -> None:
    now = snapshot(root)
    for rel in now.keys() - before.keys():
        (root / rel).unlink()
    for rel, data in before.items():
        if now.get(rel) != data:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            save(root / rel, data, replace=False)


def run_batches(live: Live, batches: list[list[Op]]) -> None:
    history: list[str] = []
    for number, batch in enumerate(batches, 1):
        before_files = snapshot(live.root)
        before_site = digest(live.site_dir)
        for op in batch:
            op.apply(live.root)
        history.append(f"batch {number}: " + ", ".join(map(str, batch)))
        told = "\n".join(history)
        outcome = live.site.rebuild()
        clean, _ = clean_build(live)
        event("refused" if clean.errors else "full" if outcome.full else "incremental")  # --hypothesis-show-statistics
        if clean.errors:
            # The check refuses these files: the rebuild too, with the same messages, leaving the tree.
            assert outcome.errors, f"the rebuild accepted what a clean build refuses: {clean.errors}\n{told}"
            # The same located messages (a full build's report also has a heading and a count).
            assert located(outcome.errors) == located(clean.errors), told
            assert digest(live.site_dir) == before_site, f"a refused rebuild changed the served tree\n{told}"
            banner = live.site.banner()
            assert banner is not None and "data-asn-preview-error" in banner, told
            restore(live.root, before_files)
            history.append("undo")
            told = "\n".join(history)
            outcome = live.site.rebuild()
            assert outcome.errors == [], f"{outcome.errors}\n{told}"
            assert live.site.banner() is None, told
            assert digest(live.site_dir) == before_site, f"undoing a refused batch changed the tree\n{told}"
        else:
            assert outcome.errors == [], f"the rebuild refused what a clean build accepts: {outcome.errors}\n{told}"
            assert live.site.banner() is None, told
        assert_equals_clean_build(live, told)


# A fixed, small draw in the everyday suite; ASN_PORTAL_SERVE_EXAMPLES=100 explores further (random).
SERVE_EXAMPLES = int(os.environ.get("ASN_PORTAL_SERVE_EXAMPLES", "4"))
# Every example builds the site twice or more: shrinking a failure takes many minutes. The failure message
# already lists every batch; ASN_PORTAL_SERVE_SHRINK=1 shrinks it.
PHASES = tuple(p for p in Phase if p is not Phase.shrink or os.environ.get("ASN_PORTAL_SERVE_SHRINK") == "1")


@pytest.mark.engine_smoke  # run again on each engine by .ci/run
@settings(max_examples=SERVE_EXAMPLES, deadline=None, database=None, phases=PHASES,
          derandomize="ASN_PORTAL_SERVE_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batches=BATCHES)
def test_any_edits_serve_the_same_tree_as_a_clean_build(pristine: Path, batches: list[list[Op]]) -> None:
    base = Path(tempfile.mkdtemp(prefix="asn-serve-"))
    try:
        run_batches(_start(pristine, base), batches)
    finally:
        shutil.rmtree(base, ignore_errors=True)


# -- fixed cases ---------------------------------------------------------------------------------


@pytest.fixture
def live(pristine: Path, tmp_path: Path) -> Live:
    return _start(pristine, tmp_path)


def test_a_title_change_renders_few_pages_again(live: Live) -> None:
    op_course_title(live.root, 6, "Judul Kursus yang Diganti", replace=True)
    outcome = live.site.rebuild()
    assert outcome.errors == []
    assert not outcome.full
    assert 0 < outcome.pages < 20, outcome.pages
    assert "Judul Kursus yang Diganti" in (live.site_dir / "kursus/kursus-0007/index.html").read_text("utf-8")
    assert_equals_clean_build(live)


def test_a_rebuild_without_changes_renders_nothing(live: Live) -> None:
    before = digest(live.site_dir)
    outcome = live.site.rebuild()
    assert (outcome.errors, outcome.full, outcome.pages) == ([], False, 0)
    assert digest(live.site_dir) == before


def test_an_error_keeps_the_last_good_site_and_is_shown_escaped_until_fixed(live: Live) -> None:
    course = live.root / "content/courses/kursus-0003.yml"
    good = course.read_text("utf-8")
    before = digest(live.site_dir)
    # Line 1 is fine; line 2 holds a ': ' inside a value: the message quotes it back, <script> and all.
    broken = re.sub(r"^summary: .*$", "summary: <script>alert(1)</script>: bukan ringkasan", good, count=1,
                    flags=re.M)
    save(course, broken, replace=True)
    outcome = live.site.rebuild()
    assert outcome.errors, "a YAML error must be reported"
    assert any(e.startswith("content/courses/kursus-0003.yml:2:") for e in outcome.errors), outcome.errors
    assert digest(live.site_dir) == before, "a failed rebuild must leave the last good site"
    banner = live.site.banner()
    assert banner is not None
    assert "data-asn-preview-error" in banner and 'role="alert"' in banner
    assert "content/courses/kursus-0003.yml:2:" in banner
    assert "<script>" not in banner, banner
    assert "&lt;script&gt;" in banner, banner
    # Still broken, differently: still the last good site, the banner tells the new place.
    save(course, good.replace("level: ", "level: <script>x</script>", 1), replace=False)
    outcome = live.site.rebuild()
    assert outcome.errors and all(e.startswith("content/courses/kursus-0003.yml:") for e in outcome.errors)
    assert digest(live.site_dir) == before
    banner = live.site.banner()
    assert banner is not None and "<script>" not in banner and "&lt;script&gt;" in banner, banner
    # The next good save recovers.
    save(course, good.replace(good.splitlines()[0], "title: Kursus Pulih Kembali"), replace=True)
    outcome = live.site.rebuild()
    assert outcome.errors == []
    assert live.site.banner() is None
    assert "Kursus Pulih Kembali" in (live.site_dir / "kursus/kursus-0003/index.html").read_text("utf-8")
    assert_equals_clean_build(live)


def _edit_page(root: Path) -> None:
    page = root / "content/pages/tentang.md"
    save(page, page.read_text("utf-8") + "\n## Bagian Tambahan\n\nTeks tambahan yang baru.\n", replace=True)


def _new_page(root: Path) -> None:
    (root / "content/pages/halaman-baru.md").write_text("# Halaman Baru\n\nIsi halaman baru.\n", encoding="utf-8")


def _edit_config(root: Path) -> None:
    config = root / "mkdocs.yml"
    save(config, re.sub(r"^site_name: .*$", "site_name: Portal Uji Pratinjau", config.read_text("utf-8"), count=1,
                        flags=re.M), replace=True)


@pytest.mark.parametrize("change", [_edit_page, _new_page, _edit_config], ids=["page", "new-page", "mkdocs.yml"])
def test_a_change_outside_the_catalog_builds_everything_again(live: Live, change: Callable[[Path], None]) -> None:
    change(live.root)
    outcome = live.site.rebuild()
    assert outcome.errors == []
    assert outcome.full
    assert_equals_clean_build(live)


def test_a_referenced_material_deleted_then_restored(live: Live) -> None:
    material = live.root / MATERIALS / "awal.txt"
    data = material.read_bytes()
    before = digest(live.site_dir)
    material.unlink()
    outcome = live.site.rebuild()
    assert any(e.startswith("content/courses/kursus-0002.yml:") for e in outcome.errors), outcome.errors
    assert digest(live.site_dir) == before
    material.write_bytes(data + b"lebih panjang\n")
    outcome = live.site.rebuild()
    assert outcome.errors == []
    assert not outcome.full
    assert_equals_clean_build(live)


def test_a_first_build_with_errors_reports_only_located_messages(pristine: Path, tmp_path: Path) -> None:
    """``Outcome.errors`` holds the located problems, the same whether the build was full or not."""
    root = tmp_path / "portal"
    shutil.copytree(pristine, root)
    op_yaml_error(root, "courses", 4, replace=False)
    site = LiveSite(root / "mkdocs.yml", tmp_path / "served")
    outcome = site.build()
    assert outcome.errors
    assert outcome.errors == located(outcome.errors), outcome.errors
    assert any(e.startswith("content/courses/kursus-0005.yml:1:") for e in outcome.errors), outcome.errors
    banner = site.banner()
    assert banner is not None and "content/courses/kursus-0005.yml:1:" in banner


def test_a_save_during_the_first_build_is_not_lost(pristine: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A contributor saves while the first (full) build runs, after it read the file: the next rebuild
    must see that save. (A big catalog's first build takes seconds; the server's rebuild follows the event.)"""
    import asn_portal.engines.mkdocs.live as live_module

    root = tmp_path / "portal"
    shutil.copytree(pristine, root)
    run_build = live_module.run_build

    def build_then_save(*args: Any, **kwargs: Any) -> Any:
        result = run_build(*args, **kwargs)
        op_course_title(root, 2, "Disimpan Saat Membangun", replace=False)
        return result

    monkeypatch.setattr(live_module, "run_build", build_then_save)
    site = LiveSite(root / "mkdocs.yml", tmp_path / "served")
    assert site.build().errors == []
    monkeypatch.setattr(live_module, "run_build", run_build)
    outcome = site.rebuild()
    assert outcome.errors == []
    page = (tmp_path / "served/kursus/kursus-0003/index.html").read_text("utf-8")
    assert "Disimpan Saat Membangun" in page, f"the save made during the first build was lost: {outcome}"


def test_a_rebuild_on_the_next_day_equals_a_clean_build(live: Live, monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` left running past midnight: a clean build dates every page (sitemap lastmod, sitemap.xml.gz's
    header) with the new day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(DAY + 86400 + 600))
    op_course_title(live.root, 1, "Judul Hari Berikutnya", replace=False)
    outcome = live.site.rebuild()
    assert outcome.errors == []
    assert_equals_clean_build(live)


def test_a_bad_setting_in_mkdocs_yml_is_a_message_then_recovers(live: Live) -> None:
    """YAML that parses but a setting MkDocs refuses (MkDocs logs it and raises a bare Abort)."""
    config = live.root / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original + "\nnav: 5\n", encoding="utf-8")
    outcome = live.site.rebuild()
    assert outcome.errors[0] == "Konfigurasi mkdocs.yml tidak valid:"
    assert any("nav" in line for line in outcome.errors[1:])
    config.write_text(original, encoding="utf-8")
    assert live.site.rebuild().errors == []
    assert_equals_clean_build(live)


def test_a_link_to_a_folder_made_while_serving_is_an_error(live: Live) -> None:
    """A clean build refuses a symbolic link under materials/; the preview must say so too."""
    link = live.root / "materials" / "luar"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to("/etc")
    errors = live.site.rebuild().errors
    assert any(e.startswith("materials/luar:1:") and "symlink" in e for e in errors)
    assert live.site.banner() is not None
    link.unlink()
    assert live.site.rebuild().errors == []
    assert_equals_clean_build(live)


def test_hostile_saves_are_messages_and_the_preview_goes_on(live: Live, monkeypatch: pytest.MonkeyPatch) -> None:
    """What crashed a build before (a word longer than a file name, a page folder named like a file the
    site holds, a file and a folder that unpack as one) and a failure no check foresees (a full disk
    while writing): each is a message and the banner, the last good site stays, the next good save
    recovers, and the result is a clean build's."""
    import errno

    import asn_portal.engines.mkdocs.live as live_module

    op_course_text(live.root, 4, "summary", "Sidik jari " + "ab" * 20_000, replace=False)  # a 40,000-letter word
    outcome = live.site.rebuild()
    assert outcome.errors == [] and not outcome.full
    assert max(len(p.name) for p in (live.site_dir / "search").rglob("*")) <= 40

    folder = live.root / "content/pages/Feed.XML/baru.md"
    folder.parent.mkdir()
    folder.write_text("# Baru\n", encoding="utf-8")
    assert any(e.startswith("content/pages/Feed.XML/baru.md:1:") for e in live.site.rebuild().errors)
    assert live.site.banner() is not None
    shutil.rmtree(folder.parent)
    assert live.site.rebuild().errors == []

    (live.root / MATERIALS / "Awal.txt").mkdir()
    (live.root / MATERIALS / "Awal.txt" / "isi.txt").write_bytes(b"isi\n")
    course = live.root / "content/courses/kursus-0009.yml"
    before = course.read_text("utf-8")
    _add_material_ref(course, f"{MATERIALS}/Awal.txt/isi.txt", "Isi")
    errors = live.site.rebuild().errors
    assert any(e.startswith("content/courses/kursus-0009.yml:1:") and "berkas dan folder" in e for e in errors)
    assert any(e.startswith("content/courses/kursus-0002.yml:1:") for e in errors), errors
    shutil.rmtree(live.root / MATERIALS / "Awal.txt")
    save(course, before, replace=True)

    def full_disk(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(live_module, "write_changes", full_disk)
        op_course_title(live.root, 5, "Disk Penuh", replace=True)
        errors = live.site.rebuild().errors
    assert len(errors) == 1 and "pratinjau gagal diperbarui" in errors[0] and "Traceback" not in errors[0]
    banner = live.site.banner()
    assert banner is not None and "pratinjau gagal diperbarui" in banner
    mended = live.site.rebuild()  # after a failure the next rebuild is a full one, and it mends
    assert mended.full and mended.errors == [] and live.site.banner() is None
    with monkeypatch.context() as patched:  # search's shards, written after the browsers reloaded
        patched.setattr(type(live.site.plugin.search), "write", full_disk)  # type: ignore[union-attr]
        op_course_title(live.root, 5, "Disk Penuh Lagi", replace=True)
        outcome = live.site.rebuild()
    assert not outcome.full and outcome.errors and "OSError" in outcome.errors[0]
    assert live.site.banner() is not None
    outcome = live.site.rebuild()
    assert outcome.errors == [] and outcome.full and live.site.banner() is None
    assert_equals_clean_build(live)
