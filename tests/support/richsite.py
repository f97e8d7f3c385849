"""The project most page tests build, built once per test module, and helpers that read built pages.

``write_rich`` writes a small portal with ProjectBuilder: three factors, three courses and three articles
linked in every way a project can link them, materials and tags. The ``rich`` fixture builds it with and
without directory URLs; ``Built`` finds its pages in either site. ``section`` and ``texts`` read a page the
way a reader sees it. Used by tests/build/test_pages.py, test_page_links.py and test_sample_build.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.htmlview import Node, content, load
from tests.support.project import ProjectBuilder

SITE_NAME = "Portal Uji"
PDF = b"%PDF-1.4\n" + b"%" * (1229 - 9)  # 1229 bytes: "1,2 KB"
PNG = bytes(range(256)) * 3
WORKSHEET = "# Lembar kerja\n\nIsi lembar kerja, disalin apa adanya (bukan halaman).\n"

FOLDERS = {"course": "kursus", "factor": "faktor", "article": "artikel"}


# -- the project most tests look at ------------------------------------------------------------
def write_rich(p: ProjectBuilder) -> ProjectBuilder:
    """Three factors (order 3, 1, 2), three courses (one per competency), three articles, links in
    declared fields and in Markdown, local and internet materials, tags and hand-written pages."""
    p.write("materials/panduan.pdf", PDF)
    p.write("materials/alur.png", PNG)
    p.write("materials/catatan/lembar-kerja.md", WORKSHEET)
    p.factor("alpha", 3, title="Faktor Alpha")
    p.factor("beta", 1, title="Faktor Beta")
    p.factor("gamma", 2, title="Faktor Gamma", extra="body: |\n  Lihat juga [kursus dua](kursus:kursus-dua).\n")
    p.course("kursus-satu", factors="alpha", title="Kursus Satu", extra="""\
description: |
  Kursus ini juga memperkuat [faktor beta](faktor:beta).

  ![Alur belajar](materials/alur.png)
objectives:
  - Menyusun indikator kinerja
  - Membaca data capaian unit
prerequisites:
  - Memiliki akun sistem kinerja
organizer: BKPSDM Kabupaten Uji
audience: Pegawai pelaksana
registration: https://contoh.go.id/daftar
certificate: true
modules:
  - title: Modul pembuka
    summary: Ringkasan modul pembuka.
    jp: 3
    materials:
      - path: materials/panduan.pdf
        title: Panduan singkat
      - url: https://contoh.go.id/modul-daring
        title: Modul daring
  - title: Modul lanjutan
    jp: 5
    materials:
      - materials/catatan/lembar-kerja.md
tags: [kinerja, data]
""")
    p.course("kursus-dua", factors="beta", title="Kursus Dua", competency="manajerial", level="lanjut",
             mode="luring", jp=12)
    p.course("kursus-tiga", factors="gamma", title="Kursus Tiga", competency="sosial-kultural", level="menengah",
             mode="campuran", jp=4, extra="description: Baca [cerita ini](artikel:artikel-tiga).\n")
    p.write("content/articles/artikel-satu.yml", """\
        title: Artikel Satu
        summary: Ringkasan artikel satu.
        body: |
          Pengalaman kami dengan [kursus dua](kursus:kursus-dua) dan [faktor gamma](faktor:gamma).
        date: 2026-11-27
        author:
          name: Siti Rahayu
          unit: Bagian Umum dan Kepegawaian
        factors: [alpha]
        courses: [kursus-satu]
        materials:
          - path: materials/panduan.pdf
            title: Panduan untuk artikel
        tags: [kinerja]
        """)
    p.write("content/articles/artikel-dua.yml", """\
        title: Artikel Dua
        summary: Ringkasan artikel dua.
        body: |
          Lanjutan dari [artikel satu](artikel:artikel-satu).

          ## Faktor terkait

          Judul bagian yang sama dengan judul bagian halaman.
        date: 2025-01-05
        author:
          name: Budi Santoso
        """)
    p.article("artikel-tiga", title="Artikel Tiga", date="2026-03-01")
    p.write("content/pages/tag.md", "# Tag\n\n<!-- material/tags -->\n")
    p.write("content/pages/panduan.md", "# Panduan\n\nMulai dari [kursus satu](kursus:kursus-satu).\n")
    p.write("content/pages/bantuan/cara.md",
            "# Cara\n\nBaca [praktik faktor alpha](faktor:alpha#praktik-baik) dan [artikel](artikel:artikel-dua).\n")
    return p


@dataclass
class Built:
    project: ProjectBuilder
    sites: dict[bool, Path]  # use_directory_urls -> site dir

    def site(self, directory_urls: bool = True) -> Path:
        return self.sites[directory_urls]

    def path(self, kind: str, slug: str, directory_urls: bool = True) -> Path:
        return page_file(self.site(directory_urls), FOLDERS[kind], slug, directory_urls)

    def page(self, kind: str, slug: str, directory_urls: bool = True) -> Node:
        return load(self.path(kind, slug, directory_urls))


def page_file(site: Path, folder: str, slug: str, directory_urls: bool) -> Path:
    path = site / folder / slug / "index.html" if directory_urls else site / folder / f"{slug}.html"
    return path.resolve()


@pytest.fixture(scope="module", name="rich")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The rich project built with and without directory URLs; a test module imports this function
    (``rich_site as rich_site``) and asks for ``rich``, built once per module."""
    p = write_rich(ProjectBuilder(tmp_path_factory.mktemp("rich") / "portal"))
    sites = {True: p.build(),
             False: p.build(use_directory_urls=False, site_dir=str(p.root / "site-files"))}
    return Built(p, sites)


# -- helpers -----------------------------------------------------------------------------------
def section(page: Node, heading: str) -> Node:
    """The part of the article under one h2, as a detached node."""
    article = content(page)
    part = Node("#section", {})
    inside = False
    for child in article.children:
        if isinstance(child, Node) and child.tag == "h2":
            if inside:
                break
            inside = child.own_text == heading
            continue
        if inside:
            part.children.append(child)
    assert part.children, f"no section '{heading}' in the page"
    return part


def texts(nodes: list[Node]) -> list[str]:
    return [n.text for n in nodes]
