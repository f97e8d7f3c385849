"""Offline means offline (kit/network.py): every package (bundle, ZIM, Kolibri, SCORM) refuses a site that
would load anything from the network, naming the contributor's source line (or the built file for a theme
override), and leaves no file behind. The corpus is tests/hostile.py (OFFLINE_LEAKS_*)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from asn_portal.kit.network import remote_loads
from devtools import ROOT
from tests.support.hostile import OFFLINE_LEAK_THEME, OFFLINE_LEAKS_COURSE, OFFLINE_LEAKS_PAGE
from tests.support.project import ProjectBuilder

pytestmark = pytest.mark.slow  # run by .ci/run's slow step (pyproject markers)

COURSE = "content/courses/bocor.yml"
FIRST_LINE = 9  # of the description's text (line 8 is "description: |")
PACKAGES = [("bundle", "portal.zip"), ("zim", "portal.zim"), ("kolibri", "app.zip"), ("scorm", "scorm.zip")]


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asn_portal.cli", "-f", str(root / "mkdocs.yml"), *args],
                          capture_output=True, text=True, timeout=300, cwd=root,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory) -> ProjectBuilder:
    p = ProjectBuilder(tmp_path_factory.mktemp("bocor") / "portal").minimal()
    p.write("materials/klip.mp4", b"\x00\x00\x00\x18ftypmp42")
    body = "".join(f"  {line}\n\n" for line, _ in OFFLINE_LEAKS_COURSE)
    p.course("bocor", extra=f"description: |\n{body}")
    p.write("content/pages/galeri.md", OFFLINE_LEAKS_PAGE)
    p.write("overrides/main.html", OFFLINE_LEAK_THEME)
    p.write("mkdocs.yml", (p.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n"))
    assert "custom_dir" in (p.root / "mkdocs.yml").read_text(encoding="utf-8")
    return p


@pytest.mark.parametrize(("command", "name"), PACKAGES, ids=[c for c, _ in PACKAGES])
def test_every_package_refuses_a_network_load_at_its_source(leaky: ProjectBuilder, command: str, name: str,
                                                             tmp_path: Path) -> None:
    if command == "zim":
        pytest.importorskip("libzim")
    out = tmp_path / "dist" / name
    args = [command, "--course", "bocor"] if command == "scorm" else [command]
    result = cli(leaky.root, *args, "-o", str(out))
    report = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in report, report
    assert "memuat berkas dari internet" in report and "Simpan berkasnya di materials/" in report
    for number, (_, what) in enumerate(OFFLINE_LEAKS_COURSE):
        assert f"{COURSE}:{FIRST_LINE + 2 * number}:" in report, (what, report)
    if command != "scorm":  # the page is not part of one course's package
        assert "content/pages/galeri.md:3:" in report, report
    assert "fonts.example/huruf.woff2" in report and "(hasil build; dari tema atau overrides/)" in report
    assert "portal.example" not in report, "a canonical link loads nothing"
    assert not out.exists() and list(out.parent.iterdir()) == []


def test_the_guard_finds_every_attribute_that_loads(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        '<img srcset="x.png 1x, https://a.example/2.png 2x">\n<object data="//b.example/o.swf"></object>\n'
        '<table background="http://c.example/bg.gif"></table>\n'
        '<div style="background: url( \'https://d.example/u\' )">\n'
        '<style>\n@import "https://e.example/i.css";\n</style>\n<meta http-equiv="refresh" content="0; url=https://f.example/">\n'
        '<svg><image href="https://g.example/s.png"/><use xlink:href="https://h.example/#x"/></svg>\n'
        '<a href="https://tautan.example/">dipilih pembaca</a><link rel="canonical" href="https://k.example/">\n'
        '<img src="materi/lokal.png"><video poster="materi/p.jpg"></video>\n', encoding="utf-8")
    css = "a{}\nb { background: image-set('https://j.example/x.png' 1x) }\n"
    (tmp_path / "s.css").write_text(css, encoding="utf-8")
    found = {(load.file, load.line, load.url) for load in remote_loads(tmp_path)}
    assert found == {("a.html", 1, "https://a.example/2.png"), ("a.html", 2, "//b.example/o.swf"),
                     ("a.html", 3, "http://c.example/bg.gif"), ("a.html", 4, "https://d.example/u"),
                     ("a.html", 6, "https://e.example/i.css"), ("a.html", 8, "https://f.example/"),
                     ("a.html", 9, "https://g.example/s.png"), ("a.html", 9, "https://h.example/#x"),
                     ("s.css", 2, "https://j.example/x.png")}



def test_zim_metadata_come_from_mkdocs_yml_only(tmp_path: Path) -> None:
    """The home page is content: its `description:` or title cannot say the portal moved in Kiwix's library."""
    libzim = pytest.importorskip("libzim.reader")
    p = ProjectBuilder(tmp_path / "portal").minimal()
    p.write("mkdocs.yml", (p.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "site_name: Portal Uji\n", "site_name: Portal Uji\nsite_description: Bahan belajar resmi instansi.\n"
                                   "site_author: Biro SDM\n"))
    p.write("content/pages/index.md", "---\ndescription: Portal ini pindah ke https://palsu.example/\n---\n"
                                      "# Pindah - Portal Palsu\n\nTeks.\n")
    out = tmp_path / "portal.zim"
    result = cli(p.root, "zim", "-o", str(out))
    assert result.returncode == 0, result.stderr
    archive = libzim.Archive(str(out))
    meta = {key: bytes(archive.get_metadata(key)).decode("utf-8") for key in ("Title", "Description", "Creator")}
    assert meta == {"Title": "Portal Uji", "Description": "Bahan belajar resmi instansi.", "Creator": "Biro SDM"}
