"""What a reader sees in the built site: every page, its facts and every link between pages.

Small projects are written with ProjectBuilder; the shipped sample is only crawled (its slugs are
never named here), so content edits never break these tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.support.htmlview import Node, content, h1, is_local, links, load, resolve, title
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


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Built:
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


# -- every page, its title ---------------------------------------------------------------------
@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_page_kind_is_built_with_its_title(rich: Built, directory_urls: bool) -> None:
    site = rich.site(directory_urls)
    expected = {
        ("course", "kursus-satu"): "Kursus Satu", ("course", "kursus-dua"): "Kursus Dua",
        ("course", "kursus-tiga"): "Kursus Tiga", ("factor", "alpha"): "Faktor Alpha",
        ("factor", "beta"): "Faktor Beta", ("factor", "gamma"): "Faktor Gamma",
        ("article", "artikel-satu"): "Artikel Satu", ("article", "artikel-dua"): "Artikel Dua",
        ("article", "artikel-tiga"): "Artikel Tiga",
    }
    for (kind, slug), name in expected.items():
        page = rich.page(kind, slug, directory_urls)
        assert h1(page) == name
        assert title(page) == f"{name} - {SITE_NAME}"
    indexes = {"kursus": "Katalog Kursus", "faktor": "Faktor Pendukung Pengembangan Kompetensi",
               "artikel": "Berbagi Pengetahuan"}
    for folder, name in indexes.items():
        page = load(site / folder / "index.html")
        assert h1(page) == name
        assert title(page) == f"{name} - {SITE_NAME}"
    home = load(site / "index.html")
    assert h1(home) == "Beranda Uji"
    assert "Teks beranda." in content(home).text


def test_entry_pages_carry_their_summary_as_description(rich: Built) -> None:
    page = rich.page("course", "kursus-satu")
    assert page.one("meta", name="description").get("content") == "Ringkasan kursus Kursus Satu."
    assert rich.page("article", "artikel-satu").one("meta", name="description").get("content") == \
        "Ringkasan artikel satu."


# -- course page -------------------------------------------------------------------------------
def test_course_page_shows_facts_in_indonesian(rich: Built) -> None:
    page = rich.page("course", "kursus-satu")
    article = content(page)
    facts = article.one("dl", cls="asn-facts")
    shown = dict(zip(texts(facts.find_all("dt")), texts(facts.find_all("dd")), strict=True))
    assert shown["Kompetensi"] == "Teknis"
    assert shown["Jenjang"] == "Dasar"
    assert shown["Mode"] == "Daring"
    assert shown["Durasi"].startswith("8 JP")
    assert shown["Penyelenggara"] == "BKPSDM Kabupaten Uji"
    assert shown["Sasaran peserta"] == "Pegawai pelaksana"
    assert shown["Sertifikat"] == "Ya"
    assert "perlu internet" in shown["Pendaftaran"]
    assert facts.one("a").get("href") == "https://contoh.go.id/daftar"
    badges = texts(article.find_all("span", cls="asn-badge"))
    assert badges == ["Teknis", "Dasar", "Daring", "8 JP"]
    other = content(rich.page("course", "kursus-dua"))
    assert texts(other.find_all("span", cls="asn-badge")) == ["Manajerial", "Lanjut", "Luring", "12 JP"]
    third = content(rich.page("course", "kursus-tiga"))
    assert texts(third.find_all("span", cls="asn-badge")) == ["Sosial-Kultural", "Menengah", "Campuran", "4 JP"]


def test_course_page_lists_objectives_prerequisites_and_modules(rich: Built) -> None:
    article = content(rich.page("course", "kursus-satu"))
    assert texts(article.one("ul", cls="asn-objectives").find_all("li")) == [
        "Menyusun indikator kinerja", "Membaca data capaian unit"]
    assert section(rich.page("course", "kursus-satu"), "Prasyarat").text == "Memiliki akun sistem kinerja"
    modules = article.one("ol", cls="asn-modules").find_all("li", where=lambda n: n.parent is not None
                                                             and n.parent.tag == "ol")
    assert [m.one("strong").text for m in modules] == ["Modul pembuka", "Modul lanjutan"]
    assert "3 JP" in modules[0].text and "Ringkasan modul pembuka." in modules[0].text
    assert "5 JP" in modules[1].text


def test_course_materials_show_type_size_and_internet(rich: Built) -> None:
    page_path = rich.path("course", "kursus-satu")
    article = content(load(page_path))
    items = {li.one("a").text: li for li in article.find_all("li", where=lambda n: n.parent is not None
                                                               and "asn-materials" in n.parent.classes)}
    assert set(items) == {"Panduan singkat", "Modul daring", "lembar-kerja.md"}
    pdf = items["Panduan singkat"]
    assert pdf.one("span", cls="asn-meta").text == "PDF · 1,2 KB"
    assert resolve(page_path, pdf.one("a").get("href") or "") == (rich.site() / "materi/panduan.pdf").resolve()
    online = items["Modul daring"]
    assert online.one("a").get("href") == "https://contoh.go.id/modul-daring"
    assert online.one("span", cls="asn-online").text == "perlu internet"
    worksheet = items["lembar-kerja.md"]
    assert worksheet.one("span", cls="asn-meta").text == f"Teks · {len(WORKSHEET)} B"


def test_course_page_links_factors_and_citing_articles(rich: Built) -> None:
    page = rich.page("course", "kursus-satu")
    assert texts(section(page, "Faktor yang didukung").find_all("a")) == ["Faktor Beta", "Faktor Alpha"]
    assert texts(section(page, "Artikel yang merujuk kursus ini").find_all("a")) == ["Artikel Satu"]
    lonely = rich.page("course", "kursus-tiga")
    assert "Belum ada artikel yang merujuk kursus ini." in section(lonely, "Artikel yang merujuk kursus ini").text


# -- factor page -------------------------------------------------------------------------------
def test_factor_page_shows_practices_courses_and_articles(rich: Built) -> None:
    page = rich.page("factor", "alpha")
    practices = section(page, "Praktik baik")
    assert texts(practices.find_all("h3")) == ["Praktik pertama"]
    assert practices.one("strong").text == "pertama"  # the description is Markdown
    assert "Uraian praktik pertama." in practices.text
    assert texts(section(page, "Kursus yang mendukung").find_all("a")) == ["Kursus Satu"]
    assert texts(section(page, "Artikel tentang faktor ini").find_all("a")) == ["Artikel Satu"]
    assert "Ringkasan faktor Faktor Alpha." in content(page).one("p", cls="asn-summary").text
    empty = rich.page("factor", "beta")
    assert "Belum ada artikel tentang faktor ini." in section(empty, "Artikel tentang faktor ini").text


# -- article page ------------------------------------------------------------------------------
def test_article_page_shows_author_unit_date_and_relations(rich: Built) -> None:
    page = rich.page("article", "artikel-satu")
    byline = content(page).one("p", cls="asn-byline")
    assert byline.one("a", cls="asn-author").text == "Siti Rahayu"
    assert byline.one("span", cls="asn-unit").text == "Bagian Umum dan Kepegawaian"
    time = byline.one("time")
    assert time.text == "27 November 2026"
    assert time.get("datetime") == "2026-11-27"
    assert texts(section(page, "Faktor terkait").find_all("a")) == ["Faktor Gamma", "Faktor Alpha"]
    assert texts(section(page, "Kursus terkait").find_all("a")) == ["Kursus Dua", "Kursus Satu"]
    materials = section(page, "Materi")
    assert materials.one("a").text == "Panduan untuk artikel"
    assert "PDF · 1,2 KB" in materials.text
    other = content(rich.page("article", "artikel-dua"))
    assert other.one("time").text == "5 Januari 2025"
    assert other.find("span", cls="asn-unit") is None


# -- links between pages -----------------------------------------------------------------------
BOTH_WAYS = [
    # (kind, slug) <-> (kind, slug), with how the link was written
    (("course", "kursus-satu"), ("factor", "alpha")),  # course.factors
    (("course", "kursus-satu"), ("factor", "beta")),  # [..](faktor:beta) in a course description
    (("article", "artikel-satu"), ("course", "kursus-satu")),  # article.courses
    (("article", "artikel-satu"), ("factor", "alpha")),  # article.factors
    (("article", "artikel-satu"), ("course", "kursus-dua")),  # [..](kursus:..) in an article body
    (("article", "artikel-satu"), ("factor", "gamma")),  # [..](faktor:..) in an article body
    (("factor", "gamma"), ("course", "kursus-dua")),  # [..](kursus:..) in a factor body
    (("course", "kursus-tiga"), ("article", "artikel-tiga")),  # [..](artikel:..) in a course description
]


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize(("one", "other"), BOTH_WAYS, ids=lambda e: f"{e[0]}:{e[1]}")
def test_cross_references_work_both_ways(rich: Built, directory_urls: bool, one: tuple[str, str],
                                         other: tuple[str, str]) -> None:
    for source, target in ((one, other), (other, one)):
        page_path = rich.path(*source, directory_urls=directory_urls)
        target_path = rich.path(*target, directory_urls=directory_urls)
        found = links(page_path, content(load(page_path)))
        assert target_path in found, f"{source} does not link to {target}"
        assert target_path.is_file()


SECTION_OF = {
    ("course", "factor"): "Faktor yang didukung", ("course", "article"): "Artikel yang merujuk kursus ini",
    ("factor", "course"): "Kursus yang mendukung", ("factor", "article"): "Artikel tentang faktor ini",
    ("article", "factor"): "Faktor terkait", ("article", "course"): "Kursus terkait",
}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_relation_lists_sit_in_their_sections(rich: Built, directory_urls: bool) -> None:
    """Each related entry is listed under the right heading, not only somewhere in the prose."""
    for one, other in BOTH_WAYS:
        for (kind, slug), (target_kind, target_slug) in ((one, other), (other, one)):
            if (kind, target_kind) == ("course", "article") and (target_kind, target_slug) not in [
                    ("article", "artikel-satu")]:
                continue  # a course's own Markdown link to an article stays in its prose: the article
                # does not cite the course ("Artikel yang merujuk kursus ini")
            heading = SECTION_OF[kind, target_kind]
            page_path = rich.path(kind, slug, directory_urls)
            found = links(page_path, section(load(page_path), heading))
            assert rich.path(target_kind, target_slug, directory_urls) in found, \
                f"{kind}:{slug} lists no {target_kind}:{target_slug} under '{heading}'"


def test_markdown_headings_leave_the_page_sections_their_ids(rich: Built) -> None:
    """An article heading "Faktor terkait" must not steal the id (and permalink) of the section."""
    page = rich.page("article", "artikel-dua")
    ids = [n.get("id") for n in page.iter() if n.has("id")]
    assert len(ids) == len(set(ids))
    article = content(page)
    own = article.one("h2", id="faktor-terkait")
    assert own.parent is article, "the id belongs to the page's own section"
    prose = article.one("div", cls="asn-prose").one("h3")  # "##" in a field is an h3 under the h2 sections
    assert prose.own_text == "Faktor terkait" and prose.get("id") not in ("", None, "faktor-terkait")
    toc = [a.get("href") for a in page.find_all("a", cls="md-nav__link")]
    assert "#faktor-terkait" in toc


def test_markdown_link_between_articles_works(rich: Built) -> None:
    for directory_urls in (True, False):
        page_path = rich.path("article", "artikel-dua", directory_urls)
        found = links(page_path, content(load(page_path)).one("div", cls="asn-prose"))
        assert found == {rich.path("article", "artikel-satu", directory_urls): ["artikel satu"]}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_hand_written_pages_link_to_entries(rich: Built, directory_urls: bool) -> None:
    site = rich.site(directory_urls)
    guide = page_file(site, ".", "panduan", directory_urls)
    found = links(guide, content(load(guide)))
    assert found[rich.path("course", "kursus-satu", directory_urls)] == ["kursus satu"]
    nested = page_file(site, "bantuan", "cara", directory_urls)
    article = content(load(nested))
    assert links(nested, article)[rich.path("factor", "alpha", directory_urls)] == ["praktik faktor alpha"]
    assert rich.path("article", "artikel-dua", directory_urls) in links(nested, article)
    anchor = next(a.get("href") or "" for a in article.find_all("a") if a.text == "praktik faktor alpha")
    assert urlsplit(anchor).fragment == "praktik-baik"
    assert load(rich.path("factor", "alpha", directory_urls)).find(id="praktik-baik") is not None


def test_hand_written_page_with_unknown_entry_fails_the_build(project: ProjectBuilder,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    from asn_portal.engines.mkdocs.build import SiteError

    project.minimal()
    project.write("content/pages/salah.md", "# Salah\n\n[x](kursus:tidak-ada)\n")
    with pytest.raises(SiteError):
        project.build()
    assert "kursus:tidak-ada" in caplog.text


# -- materials ---------------------------------------------------------------------------------
@pytest.mark.parametrize("directory_urls", [True, False])
def test_materials_are_published_with_identical_bytes(rich: Built, directory_urls: bool) -> None:
    site = rich.site(directory_urls)
    root = rich.project.root
    for rel in ("panduan.pdf", "alur.png", "catatan/lembar-kerja.md"):
        assert (site / "materi" / rel).read_bytes() == (root / "materials" / rel).read_bytes()
    # a Markdown material is copied as it is, never turned into a page
    assert not (site / "materi" / "catatan" / "lembar-kerja").exists()
    assert not (site / "materi" / "catatan" / "lembar-kerja.html").exists()
    # and every link to a material opens the copy
    course = rich.path("course", "kursus-satu", directory_urls)
    page = content(load(course))
    targets = set(links(course, page))
    targets |= {resolve(course, img.get("src") or "") for img in page.find_all("img")}
    for rel in ("panduan.pdf", "alur.png", "catatan/lembar-kerja.md"):
        assert (site / "materi" / rel).resolve() in targets, rel


# -- index pages -------------------------------------------------------------------------------
def filter_form(page: Node, list_id: str) -> Node:
    form = content(page).one("form", cls="asn-filter")
    assert form.has("hidden"), "the filter form must be hidden until portal.mjs shows it"
    assert form.get("data-asn-filter") == list_id
    return form


def test_course_index_lists_every_course_with_filter_data(rich: Built) -> None:
    page = load(rich.site() / "kursus" / "index.html")
    form = filter_form(page, "asn-list-kursus")
    assert {s.get("name") for s in form.find_all("select")} == {"competency", "level", "mode", "factors"}
    cards = content(page).one("ul", id="asn-list-kursus").find_all("li", cls="asn-card")
    assert [c.one("a").text for c in cards] == ["Kursus Dua", "Kursus Satu", "Kursus Tiga"]
    by_title = {c.one("a").text: c for c in cards}
    assert not any(c.has("hidden") for c in cards), "without JavaScript every entry is shown"
    one = by_title["Kursus Satu"]
    assert (one.get("data-competency"), one.get("data-level"), one.get("data-mode")) == ("teknis", "dasar", "daring")
    two = by_title["Kursus Dua"]
    assert (two.get("data-competency"), two.get("data-level"), two.get("data-mode")) == \
        ("manajerial", "lanjut", "luring")
    for card in cards:
        assert card.get("data-search"), "every card carries its words for the text filter"
        assert card.get("data-search") == (card.get("data-search") or "").lower()
    # Filtering by a factor shows exactly the courses that factor's page lists as supporting it
    # (its first list; courses the guide only mentions in its text follow in a second one).
    for factor in ("alpha", "beta", "gamma"):
        supporting = section(rich.page("factor", factor), "Kursus yang mendukung").find_all("ul", cls="asn-links")
        listed = set(texts(supporting[0].find_all("a"))) if supporting else set()
        tagged = {c.one("a").text for c in cards if factor in (c.get("data-factors") or "").split()}
        assert tagged == listed, factor
    for select in form.find_all("select"):
        options = [o.get("value") for o in select.find_all("option")]
        assert options[0] == "", "every select starts with 'Semua'"
        for card in cards:
            for value in (card.get(f"data-{select.get('name')}") or "").split():
                assert value in options


def test_factor_and_article_indexes_list_every_entry(rich: Built) -> None:
    factors = load(rich.site() / "faktor" / "index.html")
    filter_form(factors, "asn-list-faktor")
    cards = content(factors).one("ol", id="asn-list-faktor").find_all("li", cls="asn-card")
    assert [c.one("a").text for c in cards] == ["Faktor Beta", "Faktor Gamma", "Faktor Alpha"]
    assert all(c.get("data-search") for c in cards)
    assert "1 praktik" in cards[0].text
    articles = load(rich.site() / "artikel" / "index.html")
    form = filter_form(articles, "asn-list-artikel")
    assert [o.get("value") for o in form.one("select", name="factors").find_all("option")] == \
        ["", "beta", "gamma", "alpha"]
    cards = content(articles).one("ul", id="asn-list-artikel").find_all("li", cls="asn-card")
    assert [c.one("a").text for c in cards] == ["Artikel Satu", "Artikel Tiga", "Artikel Dua"]
    assert not any(c.has("hidden") for c in cards)
    by_title = {c.one("a").text: c for c in cards}
    assert set((by_title["Artikel Satu"].get("data-factors") or "").split()) == {"alpha", "gamma"}
    assert by_title["Artikel Dua"].get("data-factors") == ""
    assert "27 November 2026" in by_title["Artikel Satu"].text
    for factor in ("alpha", "beta", "gamma"):
        listed = set(texts(section(rich.page("factor", factor), "Artikel tentang faktor ini").find_all("a")))
        tagged = {c.one("a").text for c in cards if factor in (c.get("data-factors") or "").split()}
        assert tagged == listed, factor


def test_index_links_open_every_entry(rich: Built) -> None:
    for directory_urls in (True, False):
        site = rich.site(directory_urls)
        for kind, folder in FOLDERS.items():
            index = (site / folder / "index.html").resolve()
            found = links(index, content(load(index)))
            for entry in (rich.project.root / "content" / f"{kind}s").glob("*.yml"):
                assert rich.path(kind, entry.stem, directory_urls) in found


# -- home --------------------------------------------------------------------------------------
def test_home_overview(rich: Built) -> None:
    home_path = (rich.site() / "index.html").resolve()
    home = load(home_path)
    article = content(home)
    assert texts(article.one("div", cls="asn-factor-grid").find_all("a")) == \
        ["Faktor Beta", "Faktor Gamma", "Faktor Alpha"]  # written with order 3, 1, 2
    stat = article.one("p", cls="asn-stat").text
    assert "3 kursus" in stat and "24 JP" in stat and "3 faktor" in stat and "3 artikel" in stat
    groups = {h3.own_text: h3 for h3 in article.find_all("h3")}
    assert list(groups) == ["Teknis", "Manajerial", "Sosial-Kultural"]
    expected = {"Teknis": ["Kursus Satu"], "Manajerial": ["Kursus Dua"], "Sosial-Kultural": ["Kursus Tiga"]}
    for label, names in expected.items():
        listed = groups[label].next_sibling("ul")
        assert listed is not None
        assert texts(listed.find_all("a")) == names
    assert "(1 kursus, 12 JP)" in groups["Manajerial"].text
    newest = section(home, "Artikel terbaru")
    assert texts(newest.one("ul", cls="asn-links").find_all("a")) == ["Artikel Satu", "Artikel Tiga", "Artikel Dua"]
    assert all(t.is_file() for t in links(home_path, article))


def test_home_shows_only_the_newest_articles_first(project: ProjectBuilder) -> None:
    project.minimal()
    dates = ["2024-05-01", "2026-01-10", "2025-12-31", "2023-07-17", "2026-06-30", "2022-02-02", "2025-03-03"]
    for i, day in enumerate(dates):
        project.article(f"cerita-{i}", title=f"Cerita {i}", date=day)
    site = project.build()
    shown = texts(section(load(site / "index.html"), "Artikel terbaru").one("ul", cls="asn-links").find_all("a"))
    everything = sorted([(d, f"Cerita {i}") for i, d in enumerate(dates)] + [("2026-11-27", "Artikel artikel-satu")],
                        reverse=True)
    cap = 5  # the home page lists the five newest articles (pages.NEWEST_ARTICLES)
    assert len(everything) == 8 > cap, "more articles than the home page shows, so the cap is exercised"
    assert len(shown) == min(cap, len(everything))
    assert shown == [name for _, name in everything][:cap]
    assert shown == ["Artikel artikel-satu", "Cerita 4", "Cerita 1", "Cerita 2", "Cerita 6"]  # newest first
    index = texts(content(load(site / "artikel" / "index.html")).find_all("a", where=lambda n: n.parent is not None
                                                                          and "asn-card__title" in n.parent.classes))
    assert index == [name for _, name in everything], "the article index lists every article, newest first"


def test_twelve_factors(project: ProjectBuilder) -> None:
    orders = [7, 12, 1, 5, 3, 11, 2, 9, 4, 10, 6, 8]
    for i, order in enumerate(orders):
        project.factor(f"faktor-{i}", order, title=f"Faktor urutan {order}")
    project.course("kursus-semua", factors=", ".join(f"faktor-{i}" for i in range(len(orders))))
    site = project.build()
    in_order = [f"Faktor urutan {n}" for n in range(1, 13)]
    home = content(load(site / "index.html"))
    assert texts(home.one("div", cls="asn-factor-grid").find_all("a")) == in_order
    assert "12 faktor" in home.one("p", cls="asn-stat").text
    index = content(load(site / "faktor" / "index.html"))
    assert texts(index.find_all("a", where=lambda n: n.parent is not None
                                and "asn-card__title" in n.parent.classes)) == in_order
    course = load(site / "kursus" / "kursus-semua" / "index.html")
    assert texts(section(course, "Faktor yang didukung").find_all("a")) == in_order
    for i in range(len(orders)):
        page = load(site / "faktor" / f"faktor-{i}" / "index.html")
        assert h1(page) == f"Faktor urutan {orders[i]}"
        assert texts(section(page, "Kursus yang mendukung").find_all("a")) == ["Kursus kursus-semua"]


# -- tags --------------------------------------------------------------------------------------
def test_tags_appear_on_pages_and_in_the_tag_index(rich: Built) -> None:
    course_path = rich.path("course", "kursus-satu")
    course = load(course_path)
    tags = content(course).find_all(cls="md-tag")
    assert sorted(texts(tags)) == ["data", "kinerja"]
    tag_index = (rich.site() / "tag" / "index.html").resolve()
    for tag in tags:
        href = tag.get("href")
        assert href is not None, "with a tags page every tag is a link"
        assert resolve(course_path, href) == tag_index
        fragment = unquote(urlsplit(href).fragment)
        assert load(tag_index).find(id=fragment) is not None
    index = content(load(tag_index))
    listed = links(tag_index, index)
    assert rich.path("course", "kursus-satu") in listed
    assert rich.path("article", "artikel-satu") in listed
    data = json.loads((rich.site() / "tags.json").read_text(encoding="utf-8"))
    tagged = {m["item"]["title"]: set(m["tags"]) for m in data["mappings"]}
    assert tagged["Kursus Satu"] == {"kinerja", "data"}
    assert tagged["Artikel Satu"] == {"kinerja"}


# -- the shipped sample: every link -----------------------------------------------------------
def crawl(site: Path) -> list[str]:
    """Every relative href/src of every built page, checked; returns the problems."""
    problems = []
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {n.get("id") or "" for n in load(path).iter() if n.has("id")}
        return ids[path]

    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page_path in pages:
        page = load(page_path)
        all_ids = [n.get("id") for n in page.iter() if n.has("id")]
        problems += [f"{page_path.relative_to(site)}: id {i!r} twice" for i in sorted({i for i in all_ids
                                                                                      if all_ids.count(i) > 1})]
        for node in page.iter():
            for attr in ("href", "src"):
                url = node.get(attr)
                if url is None or urlsplit(url).scheme or urlsplit(url).netloc:
                    continue
                where = f"{page_path.relative_to(site)} <{node.tag} {attr}={url!r}>"
                if not is_local(url):
                    # Material's 404 page is served at any depth, so it links from the site root.
                    if page_path.name != "404.html":
                        problems.append(f"{where}: not relative")
                    continue
                target = resolve(page_path, url)
                assert target is not None
                if not target.is_file():
                    problems.append(f"{where}: {target} does not exist")
                    continue
                fragment = unquote(urlsplit(url).fragment)
                if fragment and target.suffix == ".html" and fragment not in ids_of(target):
                    problems.append(f"{where}: no id '{fragment}' in {target.relative_to(site.resolve())}")
    return problems


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_in_the_sample_site_works(sample_copy: Path, directory_urls: bool) -> None:
    from asn_portal.engines.mkdocs.build import build_site

    site = build_site(sample_copy / "mkdocs.yml", strict=True, use_directory_urls=directory_urls)
    assert crawl(site) == []
    # the search index points at pages that exist, too
    from tests.support.search import shard_docs

    locations = list(shard_docs(site))
    assert len(locations) > 30
    for location in locations:
        target = resolve(site / "index.html", urlsplit(location).path or "./")
        assert target is not None and target.is_file(), location
    # every published material is a byte-identical copy of the project's file
    published = [p for p in (site / "materi").rglob("*") if p.is_file()]
    assert published
    for copy in published:
        original = sample_copy / "materials" / copy.relative_to(site / "materi")
        assert copy.read_bytes() == original.read_bytes()
    # every entry of the catalog has its page
    for kind, folder in FOLDERS.items():
        for entry in (sample_copy / "content" / f"{kind}s").glob("*.yml"):
            assert page_file(site, folder, entry.stem, directory_urls).is_file()


# -- MkDocs itself ------------------------------------------------------------------------------
def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")}


def test_modules_set_no_mkdocs_2_warning() -> None:
    for module in ("asn_portal.engines.mkdocs.plugin", "asn_portal.engines.mkdocs.build", "asn_portal.cli"):
        code = f"import os, {module}; print(os.environ.get('NO_MKDOCS_2_WARNING', ''))"
        out = subprocess.run([sys.executable, "-c", code], env=clean_env(), capture_output=True, text=True,
                             check=True).stdout.strip()
        assert out, f"{module} does not set NO_MKDOCS_2_WARNING"


def test_sample_builds_strict_without_warnings(sample_copy: Path) -> None:
    cli = Path(sys.executable).with_name("asn-portal")
    command = [str(cli)] if cli.exists() else [sys.executable, "-c", "import sys; from asn_portal.cli import main; "
                                                                      "sys.exit(main())"]
    run = subprocess.run([*command, "build", "--strict"], cwd=sample_copy, env=clean_env(), capture_output=True,
                         text=True, timeout=120)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "WARNING" not in output
    assert "NO_MKDOCS_2_WARNING" not in output and "end of life" not in output
    assert (sample_copy / "site" / "index.html").is_file()
    env = {**clean_env(), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(sample_copy / "site-mkdocs")],
                         cwd=sample_copy, env=env, capture_output=True, text=True, timeout=120)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "WARNING" not in output


def test_material_with_spaces_and_anchor_into_a_description(project: ProjectBuilder) -> None:
    """Names with spaces embed with <...> or %20, and a heading in a description is a link target."""
    project.minimal()
    project.write("materials/gambar/Diagram Tim 2026.png", b"\x89PNG\r\n\x1a\n")
    project.course("kursus-satu", extra="description: |\n  ## Tentang kursus\n\n"
                                        "  ![diagram](<materials/gambar/Diagram Tim 2026.png>)\n"
                                        "  ![lagi](materials/gambar/Diagram%20Tim%202026.png)\n")
    project.write("content/articles/rujukan.yml", "title: Rujukan\nsummary: s\ndate: 2026-11-27\n"
                  "author: {name: Penulis}\nbody: Baca [bagian ini](kursus:kursus-satu#tentang-kursus).\n")
    site = project.build()
    course = site / "kursus" / "kursus-satu" / "index.html"
    tree = load(course)
    assert tree.find_all(id="tentang-kursus"), "the description's heading keeps its plain id"
    images = [img.get("src") or "" for img in content(tree).find_all("img")]
    assert len(images) == 2 and all("%20" in src for src in images)
    assert all(resolve(course, src) == (site / "materi" / "gambar" / "Diagram Tim 2026.png").resolve()
               for src in images)
    article = site / "artikel" / "rujukan" / "index.html"
    link = next(a for a in content(load(article)).find_all("a") if a.text == "bagian ini")
    assert (link.get("href") or "").endswith("#tentang-kursus")
    assert resolve(article, link.get("href") or "") == course.resolve()


def test_tag_with_ampersand_is_one_tag_across_generated_and_written_pages(project: ProjectBuilder) -> None:
    project.minimal()
    project.course("kursus-satu", extra="tags: [Data & Analitik]\n")
    project.write("content/pages/tentang.md", "---\ntags: [Data & Analitik]\n---\n# Tentang\n\nTeks.\n")
    project.write("content/pages/tag.md", "# Tag\n\n<!-- material/tags -->\n")
    site = project.build()
    ids = [n.get("id") for n in load(site / "tag" / "index.html").iter() if (n.get("id") or "").startswith("tag:")]
    assert ids == ["tag:data--analitik"], ids


def test_a_guide_mentioning_a_course_is_listed_apart_from_the_factors_it_supports(project: ProjectBuilder) -> None:
    project.minimal()  # kursus-satu names alpha only
    project.factor("beta", 2, extra="body: Lihat juga [kursus satu](kursus:kursus-satu).\n")
    site = project.build()
    course = load(site / "kursus" / "kursus-satu" / "index.html")
    lists = section(course, "Faktor yang didukung").find_all("ul", cls="asn-links")
    assert [texts(ul.find_all("a")) for ul in lists] == [["Faktor alpha"], ["Faktor beta"]]
    factor = load(site / "faktor" / "beta" / "index.html")
    lists = section(factor, "Kursus yang mendukung").find_all("ul", cls="asn-links")
    assert [texts(ul.find_all("a")) for ul in lists] == [["Kursus kursus-satu"]]
    assert "Kursus yang juga disebut di panduan ini" in section(factor, "Kursus yang mendukung").text
    card = next(li for li in load(site / "kursus" / "index.html").find_all("li", cls="asn-card"))
    assert card.get("data-factors") == "alpha"
