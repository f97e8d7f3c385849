"""What a facilitator reads in the kit: its date and content version (from content, never the clock),
how to check SHA256SUMS.txt on Windows, and the warning for zips too big for FAT32 flash drives."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from asn_portal.content.history import head_commit
from asn_portal.kit import bundle as bundle_module
from asn_portal.kit.bundle import BundleReport, make_bundle, size_warnings
from tests.support.project import ProjectBuilder

EPOCH = "1795737600"  # 2026-11-27 00:00 UTC
DAY = "27 November 2026"
FINGERPRINT = re.compile(r"[0-9a-f]{12}")


def read(zip_path: Path, name: str) -> str:
    with zipfile.ZipFile(zip_path) as zf:
        return zf.read(f"{zip_path.stem}/{name}").decode("utf-8")


def tiny_build(config_file: Path, site_dir: Path, *rest: Any) -> None:
    site_dir.mkdir(parents=True)
    (site_dir / "index.html").write_text("<p>Portal</p>", encoding="utf-8")


@dataclass
class Kits:
    first: BundleReport  # the minimal project
    again: BundleReport  # the same content, copied to another folder
    changed: BundleReport  # the first project after one course file changed


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> Kits:
    base = tmp_path_factory.mktemp("kits")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.setenv("GIT_CEILING_DIRECTORIES", str(base))  # never a checkout, wherever the temp folder is
        one = ProjectBuilder(base / "satu" / "portal").minimal()
        two = ProjectBuilder(base / "dua" / "portal").minimal()
        first = make_bundle(one.root / "mkdocs.yml", base / "satu" / "kit.zip")
        again = make_bundle(two.root / "mkdocs.yml", base / "dua" / "kit.zip")
        one.course("kursus-satu", factors="alpha", jp=9)
        changed = make_bundle(one.root / "mkdocs.yml", base / "ubah" / "kit.zip")
    return Kits(first, again, changed)


# -- date and version ---------------------------------------------------------------------------

def test_start_page_shows_date_and_version_and_still_forwards(kits: Kits) -> None:
    start = read(kits.first.path, "BUKA-PORTAL.html")
    assert f"Tanggal paket: <strong>{DAY}</strong>" in start
    assert f"Versi isi: <strong>{kits.first.version}</strong>" in start
    assert 'content="0; url=situs/index.html"' in start and 'href="situs/index.html"' in start
    assert "@" not in start, "every marker filled in"


def test_readme_shows_date_and_version(kits: Kits) -> None:
    readme = read(kits.first.path, "BACA-SAYA.txt")
    assert f"Tanggal paket: {DAY}\r\n" in readme
    assert f"Versi isi:     {kits.first.version}\r\n" in readme
    assert "@TANGGAL@" not in readme and "@VERSI@" not in readme
    assert kits.first.kit_date == DAY


def test_version_is_a_fingerprint_of_the_content(kits: Kits) -> None:
    assert FINGERPRINT.fullmatch(kits.first.version), "outside a Git checkout: the fingerprint alone"
    assert kits.again.version == kits.first.version, "same content, other folder: same version"
    assert kits.changed.version != kits.first.version, "one course file changed: new version"
    assert FINGERPRINT.fullmatch(kits.changed.version)


def test_same_content_gives_the_same_zip_with_date_and_version(kits: Kits) -> None:
    assert kits.first.path.read_bytes() == kits.again.path.read_bytes()


def test_without_date_source_the_date_is_unknown(project: ProjectBuilder, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setattr(bundle_module, "build_offline", tiny_build)
    report = make_bundle(project.minimal().root / "mkdocs.yml", tmp_path / "kit.zip")
    assert report.kit_date == "tidak diketahui", "never the clock"
    assert "Tanggal paket: tidak diketahui\r\n" in read(report.path, "BACA-SAYA.txt")


# -- Git: commit and date -----------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git tidak terpasang")


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_COMMITTER_DATE": "2026-11-27T10:00:00+07:00",
           "GIT_AUTHOR_DATE": "2026-11-27T10:00:00+07:00", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Uji", "-c", "user.email=uji@example.org",
                           "-c", "commit.gpgsign=false", *args], capture_output=True, text=True, check=True,
                          env=env, timeout=60).stdout


@pytest.fixture
def checkout(project: ProjectBuilder) -> ProjectBuilder:
    project.minimal()
    git(project.root, "init", "-q")
    git(project.root, "add", ".")
    git(project.root, "commit", "-q", "-m", "isi")
    return project


@needs_git
def test_head_commit_and_whether_the_content_is_committed(checkout: ProjectBuilder) -> None:
    root = checkout.root
    paths = [root / "mkdocs.yml", root / "content", root / "materials"]
    commit = head_commit(root, paths)
    assert commit is not None and commit.clean
    assert commit.short == git(root, "rev-parse", "--short", "HEAD").strip()
    assert str(commit.day) == "2026-11-27"
    checkout.write("site/index.html", "<p>hasil build</p>")  # outside the content: still clean
    assert head_commit(root, paths).clean  # type: ignore[union-attr]
    checkout.write("materials/baru.pdf", b"%PDF-1.4\n")  # untracked material: not committed
    assert not head_commit(root, paths).clean  # type: ignore[union-attr]


@needs_git
def test_kit_from_a_committed_checkout_names_the_commit_and_its_date(checkout: ProjectBuilder, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(bundle_module, "build_offline", tiny_build)
    short = git(checkout.root, "rev-parse", "--short", "HEAD").strip()
    report = make_bundle(checkout.root / "mkdocs.yml", tmp_path / "kit.zip")
    assert report.kit_date == DAY
    assert re.fullmatch(rf"[0-9a-f]{{12}} \(commit {short}\)", report.version)
    readme = read(report.path, "BACA-SAYA.txt")
    assert f"Tanggal paket: {DAY}\r\n" in readme and f"(commit {short})" in readme
    checkout.course("kursus-satu", jp=9)
    dirty = make_bundle(checkout.root / "mkdocs.yml", tmp_path / "kit.zip")
    assert dirty.version.endswith("(isi belum di-commit)") and short not in dirty.version
    assert dirty.kit_date == "tidak diketahui", "the commit's date is not the date of uncommitted content"


def test_not_a_checkout_is_no_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert head_commit(tmp_path, [tmp_path / "content"]) is None


# -- checking a copy on Windows -----------------------------------------------------------------

def test_readme_explains_checking_on_windows_with_powershell(kits: Kits) -> None:
    readme = read(kits.first.path, "BACA-SAYA.txt")
    assert "Get-FileHash -Algorithm SHA256 .\\situs\\index.html" in readme
    (one_liner,) = [line.strip() for line in readme.splitlines() if "ForEach-Object" in line]
    for part in ("Get-Content -Encoding UTF8 SHA256SUMS.txt", "$h, $p = $_ -split '  ', 2",
                 "(Get-FileHash -Algorithm SHA256 -LiteralPath $p).Hash.ToLower() -ne $h",
                 "Test-Path -LiteralPath $p -PathType Leaf", '"RUSAK: $p"', '"HILANG: $p"'):
        assert part in one_liner, part
    assert one_liner.count("{") == one_liner.count("}") and one_liner.count("(") == one_liner.count(")")
    assert "asn-portal bundle --verify" in readme and "sha256sum -c SHA256SUMS.txt" in readme


def test_sums_lines_split_as_the_powershell_line_expects(kits: Kits, tmp_path: Path) -> None:
    """The one-liner splits each line once at two spaces and hashes the rest as a relative path."""
    with zipfile.ZipFile(kits.first.path) as zf:
        zf.extractall(tmp_path)
    top = tmp_path / kits.first.path.stem
    lines = (top / "SHA256SUMS.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == kits.first.files - 1, "every file but the list itself"
    for line in lines:
        digest, path = line.split("  ", 1)
        assert re.fullmatch(r"[0-9a-f]{64}", digest)
        assert hashlib.sha256((top / path).read_bytes()).hexdigest() == digest, path


# -- FAT32 ----------------------------------------------------------------------------------------

def test_size_warnings_at_the_fat32_limits() -> None:
    assert size_warnings(3 << 30) == []
    (near,) = size_warnings(7 << 29)
    assert "mendekati 4 GB" in near and "FAT32" in near and "exFAT" in near and "--course" in near
    assert size_warnings((4 << 30) - 1) == [near.replace("3,5 GB", "4 GB")]  # still fits, just
    (over,) = size_warnings(4 << 30)
    assert "tidak dapat disalin ke flashdisk FAT32" in over and "NTFS" in over and "--factor" in over


def test_bundle_reports_the_fat32_warning(project: ProjectBuilder, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_module, "build_offline", tiny_build)
    config = project.minimal().root / "mkdocs.yml"
    assert make_bundle(config, tmp_path / "kit.zip").warnings == []
    monkeypatch.setattr(bundle_module, "FAT32_WARN", 100)
    (warning,) = make_bundle(config, tmp_path / "kit.zip").warnings
    assert warning.startswith("peringatan: ") and "mendekati 4 GB" in warning
    monkeypatch.setattr(bundle_module, "FAT32_MAX", 100)
    (warning,) = make_bundle(config, tmp_path / "kit.zip").warnings
    assert "tidak dapat disalin ke flashdisk FAT32" in warning
