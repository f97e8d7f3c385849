"""`asn-portal zim`: the sample as one ZIM for Kiwix, read back with libzim's own reader and searcher.

Metadata Kiwix shows, the home page as main entry, a course page and a material with their types, every
relative link of every page landing on an entry, nothing fetched from the network, and Kiwix's full-text
search (Xapian, indexing language ``ind``) finding a course by another form of an Indonesian word.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from asn_portal.cli import main
from asn_portal.content.validate import Project, load_catalog
from asn_portal.kit import zim
from asn_portal.kit.network import loads_in
from asn_portal.trust.urls import entry_src
from devtools import ROOT
from devtools.browser import keep_local
from tests.support.pageerrors import record_errors

pytestmark = pytest.mark.slow  # exhaustive: run by .ci/run's slow step (pyproject markers)

libzim_reader = pytest.importorskip("libzim.reader")
libzim_search = pytest.importorskip("libzim.search")

# (what a reader types, the form the course page itself uses): Xapian's Indonesian stemmer joins them
WORD_FORMS = (("mengembangkan", "pengembangan"), ("melatih", "pelatihan"))
_LINK = re.compile(r"""\s(?:href|src)\s*=\s*"([^"]*)\"""", re.I)


@dataclass
class Built:
    path: Path
    archive: Any
    catalog: Any


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("zim") / "keluaran" / "portal-asn.zim"
    assert main(["-f", str(ROOT / "mkdocs.yml"), "zim", "-o", str(out)]) == 0
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left beside it
    catalog, _ = load_catalog(Project.at(ROOT))
    return Built(out, libzim_reader.Archive(str(out)), catalog)


def text(archive: Any, path: str) -> str:
    return bytes(archive.get_entry_by_path(path).get_item().content).decode("utf-8")


def html_path(src: str) -> str:
    return src.removesuffix(".md") + ".html"


def test_metadata_kiwix_shows(built: Built) -> None:
    a = built.archive
    meta = {key: bytes(a.get_metadata(key)).decode("utf-8") for key in a.metadata_keys
            if not key.startswith("Illustration_")}
    assert meta["Language"] == "ind"
    assert meta["Title"] == "Portal Pembelajaran ASN" and len(meta["Title"]) <= zim.TITLE_MAX
    assert meta["Description"] and len(meta["Description"]) <= zim.DESCRIPTION_MAX
    assert meta["Creator"] and meta["Publisher"] == zim.PUBLISHER
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["Date"])
    assert meta["Name"] == "portal-pembelajaran-asn_id_all"
    assert a.has_illustration(48)
    png = bytes(a.get_illustration_item(48).content)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and struct.unpack(">II", png[16:24]) == (48, 48)
    rows = zlib.decompress(png[png.index(b"IDAT") + 4:png.index(b"IEND") - 8])
    assert len(rows) == 48 * (1 + 48 * 3)  # 48 rows of 48 RGB pixels, each with its filter byte
    assert png == zim.illustration_png()  # always the same bytes


def test_main_entry_is_the_home_page_and_indexes_are_on(built: Built) -> None:
    a = built.archive
    assert a.has_main_entry and a.main_entry.get_item().path == "index.html"
    assert a.main_entry.get_item().mimetype == "text/html"
    assert a.has_fulltext_index and a.has_title_index
    assert a.article_count >= len(built.catalog.sorted("course"))


def test_course_page_and_material_inside(built: Built) -> None:
    a = built.archive
    course = next(c for c in built.catalog.sorted("course") if any(m.path for m in c.materials_used()))
    entry = a.get_entry_by_path(html_path(entry_src("course", course.slug)))
    assert entry.title == course.title
    assert entry.get_item().mimetype == "text/html"
    assert unescape(course.title) in unescape(text(a, entry.path))
    for material in (m for m in course.materials_used() if m.path):
        inside = "materi/" + material.path.removeprefix("materials/")
        item = a.get_entry_by_path(inside).get_item()
        assert bytes(item.content) == (ROOT / material.path).read_bytes()
        assert item.mimetype == zim.mime_type(Path(material.path)) != "application/octet-stream"
    assert a.get_entry_by_path("assets/asn-portal/asn-portal.js").get_item().mimetype == "application/javascript"
    styles = [a._get_entry_by_id(i) for i in range(a.all_entry_count)]
    assert any(e.path.endswith(".css") and e.get_item().mimetype == "text/css" for e in styles)


def test_every_link_lands_inside_and_nothing_comes_from_the_network(built: Built) -> None:
    a = built.archive
    entries = [a._get_entry_by_id(i) for i in range(a.entry_count)]
    pages = [e for e in entries if not e.is_redirect and e.get_item().mimetype == "text/html"]
    assert len(pages) > 20
    missing = []
    for page in pages:
        body = text(a, page.path)
        assert loads_in(page.path, body) == [], page.path
        for href in _LINK.findall(body):
            parts = urlsplit(unescape(href))
            if parts.scheme or parts.netloc or not parts.path:  # other sites (links), mailto:, data:, "#..."
                continue
            target = str(PurePosixPath(page.path).parent / unquote(parts.path))
            resolved = PurePosixPath(*_normal(target.split("/"))).as_posix()
            if not a.has_entry_by_path(resolved):
                missing.append(f"{page.path} -> {href}")
    assert not missing, missing[:10]
    for entry in entries:
        if entry.path.endswith(".css"):
            assert loads_in(entry.path, text(a, entry.path)) == [], entry.path


def _normal(parts: list[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if part == "..":
            assert out, "a link climbs out of the ZIM"
            out.pop()
        elif part not in ("", "."):
            out.append(part)
    return out


@pytest.mark.parametrize(("typed", "written"), WORD_FORMS)
def test_full_text_search_stems_indonesian(built: Built, typed: str, written: str) -> None:
    """A course page that has only ``written`` (never ``typed``) is found by ``typed``, and the other way."""
    a = built.archive
    searcher = libzim_search.Searcher(a)

    def found(word: str) -> list[str]:
        result = searcher.search(libzim_search.Query().set_query(word))
        return list(result.getResults(0, result.getEstimatedMatches()))

    words = re.compile(r"\w+")
    only_written = []
    for course in built.catalog.sorted("course"):
        path = html_path(entry_src("course", course.slug))
        page_words = {w.lower() for w in words.findall(re.sub(r"<[^>]+>", " ", text(a, path)))}
        if written in page_words and typed not in page_words:
            only_written.append(path)
    assert only_written, f"no course in the sample says {written!r} without {typed!r}"
    assert set(only_written) <= set(found(typed))
    assert set(only_written) <= set(found(written))


def test_failed_write_leaves_no_zim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(size: int = 48) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zim, "illustration_png", broken)
    out = tmp_path / "dist" / "portal-asn.zim"
    assert main(["-f", str(ROOT / "mkdocs.yml"), "zim", "-o", str(out)]) == 2
    assert list(out.parent.iterdir()) == []  # neither the ZIM nor a temporary file


def test_usage_errors_and_missing_libzim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    config = str(ROOT / "mkdocs.yml")
    assert main(["-f", config, "zim", "-o", str(tmp_path / "portal.zip")]) == 2
    assert ".zim" in capsys.readouterr().err
    assert main(["-f", config, "zim", "--course", "tidak-ada", "-o", str(tmp_path / "p.zim")]) == 2
    assert "tidak ada" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "libzim.writer", None)  # as if libzim were not installed
    assert main(["-f", config, "zim", "-o", str(tmp_path / "p.zim")]) == 2
    err = capsys.readouterr().err
    assert "libzim belum terpasang" in err and "pip install" in err
    assert not (tmp_path / "p.zim").exists()


def test_one_event_zim(tmp_path: Path) -> None:
    catalog, _ = load_catalog(Project.at(ROOT))
    chosen = catalog.sorted("course")[0]
    out = tmp_path / "acara.zim"
    assert main(["-f", str(ROOT / "mkdocs.yml"), "zim", "--course", chosen.slug, "-o", str(out)]) == 0
    a = libzim_reader.Archive(str(out))
    assert bytes(a.get_metadata("Name")).decode() == f"portal-pembelajaran-asn_id_{chosen.slug}"
    assert a.has_entry_by_path(html_path(entry_src("course", chosen.slug)))
    others = [c for c in catalog.sorted("course") if c.slug != chosen.slug]
    assert not all(a.has_entry_by_path(html_path(entry_src("course", c.slug))) for c in others)


@pytest.fixture
def kiwix_serve(built: Built) -> Iterator[str]:
    """kiwix-serve (Debian's kiwix-tools) serving the ZIM on a free loopback port; skipped when not installed."""
    program = shutil.which("kiwix-serve")
    if program is None:
        if os.environ.get("ASN_PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail("kiwix-serve tidak ditemukan (paket kiwix-tools), padahal ASN_PORTAL_REQUIRE_BROWSER=1")
        pytest.skip("kiwix-serve tidak ditemukan (paket kiwix-tools)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([program, "--address", "127.0.0.1", "--port", str(port), str(built.path)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("kiwix-serve did not start")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/{built.path.stem}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_in_kiwix_serve_the_plan_and_the_portal_search_work(browser: Any, built: Built, kiwix_serve: str) -> None:
    """Served by Kiwix: pages come only from the ZIM (and kiwix-serve's own toolbar), no script error, the
    plan buttons keep their state in localStorage, and Kiwix's full-text search finds the course."""
    course = built.catalog.sorted("course")[0]
    server = kiwix_serve.rsplit("/", 2)[0] + "/"
    context = browser.new_context()
    elsewhere = keep_local(context, server)
    errors: list[str] = []
    page = context.new_page()
    page.set_default_timeout(10_000)
    record_errors(page, errors)
    try:
        page.goto(kiwix_serve + html_path(entry_src("course", course.slug)))
        add = page.locator(f".asn-plan-bar [data-asn-plan-add='{course.slug}']")
        add.click()
        assert add.inner_text() == "Hapus dari rencana belajar"
        page.goto(kiwix_serve + "rencana/index.html")
        page.locator(f"[data-asn-plan-row='{course.slug}']").wait_for()
        word = next(w for w in re.findall(r"\w+", course.title.lower()) if len(w) > 6)
        page.goto(f"{server}search?content={built.path.stem}&pattern={word}")
        assert html_path(entry_src("course", course.slug)) in page.content()
    finally:
        context.close()
    assert elsewhere == [] and errors == [], (elsewhere, errors)


def test_in_kiwix_serve_the_hr_recap_reads_a_file(browser: Any, built: Built, kiwix_serve: str) -> None:
    """The HR recap (rekap/) served by Kiwix reads a participant's JSON backup in the browser (no fetch)."""
    course = built.catalog.sorted("course")[0]
    backup = {"format": "asn-portal-rencana", "version": 3, "profile": {"nama": "Ani", "nip": "198503122010012005"},
              "courses": [{"slug": course.slug, "title": course.title, "jp": course.jp, "status": "selesai",
                           "end": "2026-02-02"}]}
    context = browser.new_context()
    errors: list[str] = []
    page = context.new_page()
    page.set_default_timeout(10_000)
    record_errors(page, errors, console=False)
    try:
        page.goto(kiwix_serve + "rekap/index.html")
        page.locator("input[data-asn-recap-input]").set_input_files(
            [{"name": "ani.json", "mimeType": "application/json", "buffer": json.dumps(backup).encode()}])
        row = page.locator("[data-asn-recap-people] tbody tr")
        row.wait_for()
        assert row.count() == 1 and "19850312 201001 2 005" in row.inner_text()
    finally:
        context.close()
    assert errors == []
