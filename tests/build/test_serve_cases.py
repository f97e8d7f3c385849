"""Incremental ``serve``, named cases: a title change renders few pages again and no change renders none;
a save outside the catalog builds everything again; an error (bad YAML, a missing material, a bad setting
in mkdocs.yml, a symbolic link, hostile saves, a full disk) keeps the last good site and an escaped banner
until the next good save; a save during the first build is not lost; a rebuild the next day is dated like
a clean build. After each the served tree equals a clean build. The random edits are in
test_serve_incremental.py; the project, the edits and the comparison in tests/support/serve_edits.py.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asn_portal.engines.mkdocs.live import LiveSite
from tests.support.serve_edits import (
    DAY,
    MATERIALS,
    Live,
    add_material_ref,
    assert_equals_clean_build,
    digest,
    located,
    op_course_text,
    op_course_title,
    op_yaml_error,
    save,
    start_live,
)
from tests.support.serve_edits import build_date as build_date
from tests.support.serve_edits import pristine as pristine

pytestmark = pytest.mark.slow  # exhaustive: run by .ci/run's slow step (pyproject markers)


@pytest.fixture
def live(pristine: Path, tmp_path: Path) -> Live:
    return start_live(pristine, tmp_path)


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
    run_build = live_module.run_build  # type: ignore[attr-defined]  # live.py imports it from build.py

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
    add_material_ref(course, f"{MATERIALS}/Awal.txt/isi.txt", "Isi")
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
