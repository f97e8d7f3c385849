"""The shipped sample for the phone and keyboard tests (tests/browser/test_phone.py, test_keyboard.py):
served over http with every card on its index page (portal.mjs filters), and as the offline kit (file://)
with 4 cards a page, so that long listings (lists.mjs, page links, "Tampilkan lebih banyak") are exercised
too; a hand-written page with a table wider than a phone is added."""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn_portal.content.validate import Project, load_catalog
from asn_portal.trust.urls import CONTRIBUTORS, HOME, PLAN, Urls, entry_src, index_src, list_page_src
from devtools import ROOT
from devtools.loopback import serve
from tests.support.sites import copy_sample, unpacked_bundle

PAGE_SIZE = 4  # cards a page in the offline kit: every index page of the sample becomes a long listing
KINDS = ("course", "factor", "article")
HANDWRITTEN = ("tentang.md", "tag.md")
# A hand-written page of the site's own: a table wider than a phone scrolls in its own box (Material's)
WIDE_TABLE = "tabel-lebar.md"
ROWS = [("K-001", "Analisis Data untuk Perumusan Kebijakan", "Teknis", "Lanjutan", "Daring", "12", "BPSDM Provinsi",
         "Ruang Rapat Utama Lantai Tiga", "Ikuti setelah kursus dasar statistik"),
        ("K-002", "Penulisan Naskah Dinas yang Efektif", "Teknis", "Dasar", "Klasikal", "8", "Bagian Umum",
         "Aula Kantor Bupati", "Bawa contoh naskah dari unit masing-masing")]
WIDE_TABLE_TEXT = "# Jadwal pelatihan\n\n" + "\n".join(
    "| " + " | ".join(row) + " |"
    for row in [("Kode", "Kursus", "Kompetensi", "Jenjang", "Mode", "JP", "Penyelenggara", "Tempat", "Catatan"),
                ("---",) * 9, *ROWS]) + "\n"


@dataclass
class Sites:
    url: str  # the http site, ends with "/"
    kit: Path  # the unpacked kit's situs folder
    sources: dict[str, str]  # page id -> source path (urls.Urls.dest gives where it is published)
    readme: bytes  # BACA-SAYA.txt as the zip holds it

    def http(self, page: str) -> str:
        dest = Urls(directory_urls=True).dest(self.sources[page])
        return self.url + (dest[: -len("index.html")] if dest.endswith("index.html") else dest)

    def file(self, page: str) -> str:
        return (self.kit / Urls(directory_urls=False).dest(self.sources[page])).as_uri()

    def address(self, origin: str, page: str) -> str:
        return self.http(page) if origin == "http" else self.file(page)


@contextlib.contextmanager
def phone_sites(work: Path) -> Iterator[Sites]:
    """The sample copied into ``work``, built, served and packed as a kit (see the module's docstring)."""
    from asn_portal.engines.mkdocs.build import build_site

    copy_sample(work)
    catalog, _ = load_catalog(Project.at(ROOT))
    sources = {"beranda": HOME, "kontributor": CONTRIBUTORS, "rencana": PLAN}
    for kind in KINDS:
        entries = [e for e in catalog.sorted(kind) if not e.draft]
        assert len(entries) > PAGE_SIZE, f"contoh perlu lebih dari {PAGE_SIZE} {kind} agar daftarnya berhalaman"
        sources[f"indeks-{kind}"] = index_src(kind)
        sources[f"halaman-2-{kind}"] = list_page_src(kind, 2)
        sources[kind] = entry_src(kind, entries[0].slug)
    for src in HANDWRITTEN:
        assert (ROOT / "content" / "pages" / src).is_file(), src
        sources[src.removesuffix(".md")] = src
    (work / "content" / "pages" / WIDE_TABLE).write_text(WIDE_TABLE_TEXT, encoding="utf-8")
    sources["tabel"] = WIDE_TABLE

    out = work / "site"
    with serve(out, build=lambda url: build_site(work / "mkdocs.yml", strict=True, site_url=url,
                                                 site_dir=str(out))) as url:
        config = (work / "mkdocs.yml").read_text(encoding="utf-8")
        paged = config.replace("  - asn-portal\n", f"  - asn-portal:\n      list_page_size: {PAGE_SIZE}\n")
        assert paged != config, "mkdocs.yml contoh tidak lagi memuat '  - asn-portal'"
        (work / "mkdocs.yml").write_text(paged, encoding="utf-8")
        kit = unpacked_bundle(work, work / "kit")
        with zipfile.ZipFile(work / "kit" / "zip" / "portal-asn.zip") as zf:
            readme = zf.read("portal-asn/BACA-SAYA.txt")
        yield Sites(url, kit, sources, readme)


SETTLED_JS = "Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))"


def open_page(tab: Any, address: str, width: int, height: int = 800) -> None:
    tab.set_viewport_size({"width": width, "height": height})
    tab.goto(address)
    tab.wait_for_load_state("load")
