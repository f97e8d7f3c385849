"""What a reader sees on each page of the built site: its title, its facts, its materials, the home
page and the tags.

Most tests read the small project of tests/support/richsite.py, built once for this module; a few write a
project of their own with ProjectBuilder. Links between pages and the index pages are tested in
test_page_links.py, the shipped sample in test_sample_build.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.support.htmlview import content, h1, links, load, resolve, title
from tests.support.project import ProjectBuilder
from tests.support.richsite import SITE_NAME, WORKSHEET, Built, section, texts
from tests.support.richsite import rich_site as rich_site


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
    targets: set[Path | None] = set(links(course, page))
    targets |= {resolve(course, img.get("src") or "") for img in page.find_all("img")}
    for rel in ("panduan.pdf", "alur.png", "catatan/lembar-kerja.md"):
        assert (site / "materi" / rel).resolve() in targets, rel


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


def test_tag_with_ampersand_is_one_tag_across_generated_and_written_pages(project: ProjectBuilder) -> None:
    project.minimal()
    project.course("kursus-satu", extra="tags: [Data & Analitik]\n")
    project.write("content/pages/tentang.md", "---\ntags: [Data & Analitik]\n---\n# Tentang\n\nTeks.\n")
    project.write("content/pages/tag.md", "# Tag\n\n<!-- material/tags -->\n")
    site = project.build()
    ids = [n.get("id") for n in load(site / "tag" / "index.html").iter() if (n.get("id") or "").startswith("tag:")]
    assert ids == ["tag:data--analitik"], ids
