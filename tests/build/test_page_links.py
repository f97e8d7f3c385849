"""How the pages of the built site reach each other: cross-references both ways and the sections that
list them, links written in Markdown and in hand-written pages, and the index pages that list (and filter)
every entry.

Most tests read the small project of tests/support/richsite.py, built once for this module; a few write a
project of their own with ProjectBuilder.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.htmlview import Node, content, links, load, resolve
from tests.support.project import ProjectBuilder
from tests.support.richsite import FOLDERS, Built, page_file, section, texts
from tests.support.richsite import rich_site as rich_site

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
