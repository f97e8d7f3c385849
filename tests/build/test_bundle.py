"""The offline bundle: layout, reproducible bytes, checksums, subsets, no partial files."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from asn_portal.cli import main
from asn_portal.content.validate import Project, load_catalog
from devtools import ROOT
from tests.support.htmlview import is_local, load, resolve
from tests.support.sites import SampleKit


def bundle(root: Path, output: Path, *extra: str) -> int:
    return main(["-f", str(root / "mkdocs.yml"), "bundle", "-o", str(output), *extra])


def extract(zip_path: Path, target: Path) -> Path:
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(target)
    (top,) = list(target.iterdir())
    return top


def crawl_dead_links(site: Path) -> list[str]:
    dead = []
    for page in sorted(site.rglob("*.html")):  # 404.html too: offline it links from the kit's root
        tree = load(page)
        for node in tree.iter():
            for attr in ("href", "src"):
                url = node.get(attr)
                if url and is_local(url) and not url.startswith("#"):
                    target = resolve(page, url)
                    if target is not None and not target.exists():
                        dead.append(f"{page.relative_to(site)} -> {url}")
    return dead


@pytest.fixture(scope="module")
def sample_bundle(sample_kit: SampleKit) -> tuple[Path, Path]:
    """The checkout's sample and its kit, as made once per test worker (tests/conftest.py)."""
    return ROOT, sample_kit.zip


def test_bundle_layout_and_contents(sample_bundle: tuple[Path, Path], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    root, zip_path = sample_bundle
    names = zipfile.ZipFile(zip_path).namelist()
    assert {n.split("/")[0] for n in names} == {"portal-asn"}, "exactly one top-level folder"
    for required in ("BUKA-PORTAL.html", "BACA-SAYA.txt", "SHA256SUMS.txt", "situs/index.html",
                     "situs/search/search_index.js", "situs/assets/asn-portal/worker-shim.js"):
        assert f"portal-asn/{required}" in names, required
    assert not [n for n in names if "sitemap" in n], "sitemap carries the build clock"
    assert "portal-asn/situs/404.html" in names, "the 404 page, in Indonesian, linking relatively"
    umask = os.umask(0)
    os.umask(umask)
    assert zip_path.stat().st_mode & 0o777 == 0o666 & ~umask, "a kit to copy around is readable by others"
    top = extract(zip_path, tmp_path)
    readme = (top / "BACA-SAYA.txt").read_text(encoding="utf-8")
    assert "EKSTRAK" in readme and "BUKA-PORTAL.html" in readme and "--verify" in readme
    start = (top / "BUKA-PORTAL.html").read_text(encoding="utf-8")
    assert 'url=situs/index.html' in start and 'href="situs/index.html"' in start
    catalog, _ = load_catalog(Project.at(root))
    for entry in catalog.entries():
        folder = {"course": "kursus", "factor": "faktor", "article": "artikel"}[entry.kind]
        assert (top / "situs" / folder / f"{entry.slug}.html").is_file()
    for course in catalog.of_kind("course").values():
        for material in course.materials_used():
            if material.path:
                published = top / "situs" / material.published  # type: ignore[operator]
                assert published.read_bytes() == (root / material.path).read_bytes()
    assert crawl_dead_links(top / "situs") == []


def test_bundle_pages_make_no_network_requests_by_markup(sample_bundle: tuple[Path, Path], tmp_path: Path) -> None:
    _, zip_path = sample_bundle
    top = extract(zip_path, tmp_path)
    for page in (top / "situs").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "unpkg.com" not in html, page
        assert "md-content__button" not in html, f"edit button in {page}"
        assert 'src="http' not in html and "<link rel=\"stylesheet\" href=\"http" not in html, page


@pytest.mark.slow  # two full bundles
def test_same_content_gives_identical_zip(sample_copy: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "kit.zip", tmp_path / "b" / "kit.zip"
    assert bundle(sample_copy, first) == 0
    (sample_copy / "site").mkdir(exist_ok=True)  # unrelated state must not leak into the zip
    assert bundle(sample_copy, second) == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.slow
def test_source_date_epoch_sets_zip_times(sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")  # 2026-11-27
    out = tmp_path / "kit.zip"
    assert bundle(sample_copy, out) == 0
    assert {i.date_time[:3] for i in zipfile.ZipFile(out).infolist()} == {(2026, 11, 27)}


def test_verify_accepts_a_good_copy_and_names_a_damaged_file(sample_bundle: tuple[Path, Path], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    root, zip_path = sample_bundle
    assert main(["-f", str(root / "mkdocs.yml"), "bundle", "--verify", str(zip_path)]) == 0
    assert "utuh" in capsys.readouterr().out
    top = extract(zip_path, tmp_path / "x")
    assert main(["-f", str(root / "mkdocs.yml"), "bundle", "--verify", str(top)]) == 0
    damaged = tmp_path / "rusak.zip"
    with zipfile.ZipFile(zip_path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("situs/index.html"):
                data = data.replace(b"Portal", b"Porta1", 1)
            dst.writestr(info, data)
    capsys.readouterr()
    assert main(["-f", str(root / "mkdocs.yml"), "bundle", "--verify", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "situs/index.html" in err and "TIDAK utuh" in err


def test_subset_bundle_keeps_chosen_course_and_what_it_links(project, tmp_path: Path) -> None:
    project.minimal()
    project.course("kursus-dua", factors="beta", extra="description: Lihat [kursus satu](kursus:kursus-satu).\n")
    project.article("artikel-dua", extra="courses: [kursus-dua]\n")
    out = tmp_path / "acara.zip"
    assert bundle(project.root, out, "--course", "kursus-dua") == 0
    top = extract(out, tmp_path / "x")
    site = top / "situs"
    assert (site / "kursus" / "kursus-dua.html").is_file()
    assert (site / "kursus" / "kursus-satu.html").is_file(), "linked from the description"
    assert (site / "faktor" / "beta.html").is_file()
    assert not (site / "faktor" / "alpha.html").exists()
    assert not (site / "artikel" / "artikel-dua.html").exists()
    # The factor page of beta lists the left-out article as plain text, never as a dead link.
    assert crawl_dead_links(site) == []
    index = load(site / "kursus" / "index.html")
    assert len(index.find_all("li", cls="asn-card")) == 2


def test_subset_with_unknown_slug_is_a_usage_error(project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project.minimal()
    out = tmp_path / "acara.zip"
    assert bundle(project.root, out, "--course", "kursus-satuu") == 2
    assert "Mungkin maksudnya 'kursus-satu'" in capsys.readouterr().err
    assert not out.exists()


def test_failed_build_leaves_no_zip_and_no_temp_file(project, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    project.minimal()
    out_dir = tmp_path / "dist"
    out_dir.mkdir()
    good = out_dir / "portal.zip"
    assert bundle(project.root, good) == 0
    before = good.read_bytes()
    project.course("kursus-satu", jp='"12"')
    assert bundle(project.root, good) == 1
    assert "content/courses/kursus-satu.yml:6" in capsys.readouterr().err
    assert good.read_bytes() == before, "the earlier good zip is left as it was"
    assert sorted(p.name for p in out_dir.iterdir()) == ["portal.zip"], "no partial or temporary file"


def test_bundle_reports_what_it_made(project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project.minimal()
    project.write("materials/a/panduan.pdf", b"%PDF-1.4\n")
    project.course("kursus-satu", extra="modules:\n  - title: M\n    materials: [materials/a/panduan.pdf]\n")
    out = tmp_path / "kit.zip"
    assert bundle(project.root, out) == 0
    printed = capsys.readouterr().out
    assert "halaman" in printed and "1 berkas materi" in printed and str(out.resolve()) in printed
    assert " KB" in printed or " MB" in printed


def test_a_site_built_after_a_bundle_in_one_process_is_online_again(project, tmp_path: Path) -> None:
    """MkDocs keeps plugin instances between builds in one process: offline mode must not stick."""
    project.minimal()
    assert bundle(project.root, tmp_path / "kit.zip") == 0
    site = project.build()
    assert (site / "kursus" / "kursus-satu" / "index.html").is_file()
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")  # font: false
    assert "worker-shim.js" not in (site / "index.html").read_text(encoding="utf-8")


def test_hand_written_link_to_an_entry_left_out_becomes_plain_text(project, tmp_path: Path) -> None:
    project.minimal()
    project.course("kursus-dua", factors="beta")
    project.write("content/pages/tentang.md", "# Tentang\n\nLihat [kursus pertama](kursus:kursus-satu) dan "
                                              "[kursus kedua](kursus:kursus-dua).\n")
    out = tmp_path / "acara.zip"
    assert bundle(project.root, out, "--course", "kursus-dua") == 0
    site = extract(out, tmp_path / "x") / "situs"
    body = load(site / "tentang.html").one("article")
    assert "kursus pertama" in body.text
    assert [a.text for a in body.find_all("a") if "kursus/" in (a.get("href") or "")] == ["kursus kedua"]
    assert crawl_dead_links(site) == []
