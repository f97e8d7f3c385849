"""Long listings (asn_portal/render/lists.py, assets/src/lists.mjs): an index page holds one page of cards and
loads the rest on demand, over http and from the unpacked bundle (file://), without JavaScript
through its continuation pages.

One generated catalog of 250 courses with a page size of 10 (so 7 "cards" chunks and 2 "data"
chunks); the course with a unique word in its title sorts last, in the last chunk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from asn_portal.content.discover import slug_problem
from asn_portal.render import lists
from asn_portal.trust.urls import HOME, Urls, index_src, list_page_src
from devtools.loopback import serve
from tests.support.pageerrors import record_errors
from tests.support.project import MKDOCS_YML, ProjectBuilder
from tests.support.sites import unpacked_bundle

COURSES = 250
PAGE = 10
NEEDLE = "zz-kaleidoskop"  # sorts last: "Kursus zz-kaleidoskop"
WORD = "kaleidoskop"
COMPETENCIES = ("teknis", "manajerial", "sosial-kultural")
KEY = "asn-portal:rencana"
TIMEOUT_MS = 15_000


@dataclass
class Site:
    base: str  # site root, ends with "/"
    dir: Path
    pretty: bool

    def url(self, src: str) -> str:
        rel = Urls(self.pretty).href(HOME, src)
        return self.base + ("" if rel == "./" else rel)

    def file(self, src: str) -> Path:
        return self.dir / Urls(self.pretty).dest(src)


def slugs() -> list[str]:
    """Every course slug in the listing's order (by title: "Kursus <slug>")."""
    return sorted([f"k-{i:03d}" for i in range(COURSES - 1)] + [NEEDLE])


def competency(slug: str) -> str:
    return COMPETENCIES[int(slug[2:]) % 3] if slug != NEEDLE else "teknis"


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> ProjectBuilder:
    builder = ProjectBuilder(tmp_path_factory.mktemp("lists") / "portal")
    options = f"  - asn-portal:\n      list_page_size: {PAGE}\n"
    builder.write("mkdocs.yml", MKDOCS_YML.replace("  - asn-portal\n", options))
    builder.factor("alpha", 1)
    for slug in slugs():
        builder.course(slug, competency=competency(slug))
    builder.article("artikel-satu")
    return builder


@pytest.fixture(scope="module")
def http_site(portal: ProjectBuilder) -> Iterator[Site]:
    site = portal.root.parent / "http-site"
    with serve(site, build=lambda url: portal.build(site_url=url, site_dir=str(site))) as url:
        yield Site(url, site, True)


@pytest.fixture(scope="module")
def file_site(portal: ProjectBuilder) -> Site:
    site = unpacked_bundle(portal.root, portal.root.parent)
    return Site(site.as_uri() + "/", site, False)


# file:// everyday, http in CI's slow step
@pytest.fixture(params=[pytest.param("http", marks=pytest.mark.slow), "file"])
def where(request: pytest.FixtureRequest) -> Site:
    return request.getfixturevalue(f"{request.param}_site")  # type: ignore[no-any-return]


def card_slugs(html: str) -> list[str]:
    return re.findall(r'data-asn-plan-add="([^"]+)"', html)


# -- the built files ---------------------------------------------------------------------------


def test_index_holds_one_page_and_the_pages_reach_every_entry(where: Site) -> None:
    order = slugs()
    index = where.file(index_src("course")).read_text(encoding="utf-8")
    assert card_slugs(index) == order[:PAGE]
    assert "Tampilkan lebih banyak" in index and "Halaman 1 dari 25" in index
    seen: list[str] = []
    src = index_src("course")
    while True:  # follow "Berikutnya" from page to page, as a reader without JavaScript does
        html = where.file(src).read_text(encoding="utf-8")
        seen += card_slugs(html)
        found = re.search(r'<a href="([^"]+)" rel="next">', html)
        if not found:
            break
        number = len(seen) // PAGE + 1
        assert found.group(1) == Urls(where.pretty).href(src, list_page_src("course", number))
        src = list_page_src("course", number)
        assert where.file(src).is_file()
    assert seen == order
    # every card link on a continuation page opens its course
    page = list_page_src("course", 25)
    for href in re.findall(r'<a href="([^"]+)">Kursus ', where.file(page).read_text(encoding="utf-8")):
        target = (where.file(page).parent / href).resolve()
        assert (target / "index.html" if where.pretty else target).is_file(), href


def test_search_lists_each_course_once_not_its_listing_pages(where: Site) -> None:
    from tests.support.search import shard_docs

    locations = list(shard_docs(where.dir))
    assert not [loc for loc in locations if "halaman-" in loc], locations
    assert sum(loc.startswith("kursus/") and "index" not in loc and loc != "kursus/" for loc in locations) == 250


def test_chunks_hold_every_card_once_in_order(where: Site) -> None:
    index = where.file(index_src("course")).read_text(encoding="utf-8")
    chunks = re.search(r'data-asn-cards="([^"]+)"', index)
    assert chunks is not None
    cards: list[str] = []
    for href in chunks.group(1).split():
        text = (where.file(index_src("course")).parent / href).read_text(encoding="utf-8")
        name, part, _, markup = json.loads("[" + text.strip()[len("window.asnPortalList("):-2] + "]")
        assert (name, part) == ("kursus", "cards")
        cards += card_slugs(markup)
    assert cards == slugs()
    assert len(chunks.group(1).split()) == 7
    # small kinds stay as they were: every card on the page, no chunks
    articles = where.file(index_src("article")).read_text(encoding="utf-8")
    assert "data-asn-list" not in articles and "asn-pages" not in articles


def test_units() -> None:
    assert slug_problem("halaman-2") is not None and slug_problem("halaman-dua") is None
    p = lists.paging(13, 250, 10, lambda n: f"p{n}")
    assert (p.first, p.last, p.prev, p.next) == (121, 130, "p12", "p14")
    assert [n for n, _ in p.links] == [1, None, 11, 12, 13, 14, 15, None, 25]
    assert lists.filter_attributes('<li data-level="dasar" data-search="a &amp; b" data-asn-course=\'{}\'>') \
        == {"level": "dasar", "search": "a & b"}
    text = lists.script("kursus", "cards", 0, "<li>\u2028</li>")
    assert "\u2028" not in text and text.startswith('window.asnPortalList("kursus", "cards", 0, ')


# -- in Chromium -------------------------------------------------------------------------------


def open_tab(browser: Any, where: Site, javascript: bool = True) -> tuple[Any, Any, list[str], list[str]]:
    context = browser.new_context(java_script_enabled=javascript)
    problems: list[str] = []  # console errors, and requests that would leave the machine (file://)
    loaded: list[str] = []  # chunk scripts requested

    def guard(route: Any) -> None:
        url = route.request.url
        if "/lists/" in url:
            loaded.append(url.rsplit("/", 1)[1])
        if where.pretty or url.startswith("file:"):
            route.continue_()
        else:
            problems.append(f"request left the machine: {url}")
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    record_errors(page, problems)
    return context, page, problems, loaded


def visible_slugs(page: Any) -> list[str]:
    return page.eval_on_selector_all("#asn-list-kursus > li.asn-card:not([hidden])",
                                     "els => els.map(e => JSON.parse(e.dataset.asnCourse).slug)")


def test_filter_finds_a_course_in_a_later_chunk_and_plans_it(browser: Any, where: Site) -> None:
    context, page, problems, loaded = open_tab(browser, where)
    try:
        page.goto(where.url(index_src("course")))
        count = page.locator(".asn-filter__count")
        assert count.inner_text() == f"Menampilkan {COURSES} dari {COURSES} kursus. " \
                                     f"Daftar di bawah memuat {PAGE} yang pertama."
        assert visible_slugs(page) == slugs()[:PAGE]
        assert loaded == [], "the index page loads no chunk before the reader asks"
        assert not page.locator("nav.asn-pages").is_visible()

        page.fill("form.asn-filter input[name=kata]", WORD.upper())
        page.wait_for_function("() => document.querySelector('.asn-filter__count').textContent"
                               ".startsWith('Menampilkan 1 ')")
        assert count.inner_text() == f"Menampilkan 1 dari {COURSES} kursus."
        assert visible_slugs(page) == [NEEDLE]
        assert not page.locator("[data-asn-more]").is_visible()
        assert sorted(loaded) == ["kursus-cards-6.js", "kursus-data-0.js", "kursus-data-1.js"]

        button = page.locator(f"#asn-list-kursus [data-asn-plan-add='{NEEDLE}']")
        button.click()  # bound by progress.mjs although the card came from a chunk
        plan = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")
        assert plan is not None and NEEDLE in plan["courses"]
        assert page.inner_text(f"[data-asn-plan-badge='{NEEDLE}']") == "dalam rencana"
        assert "Hapus dari rencana" in button.inner_text()

        # a select over all entries: the count is right, the first matches are shown, more on request
        page.fill("form.asn-filter input[name=kata]", "")
        page.select_option("form.asn-filter select[name=competency]", "manajerial")
        matches = [s for s in slugs() if competency(s) == "manajerial"]
        page.wait_for_function(f"() => document.querySelector('.asn-filter__count').textContent"
                               f".startsWith('Menampilkan {len(matches)} ')")
        assert visible_slugs(page) == matches[:PAGE]
        page.click("[data-asn-more]")
        page.wait_for_function(f"() => document.querySelectorAll('#asn-list-kursus > li:not([hidden])').length"
                               f" === {2 * PAGE}")
        assert visible_slugs(page) == matches[:2 * PAGE]
        assert page.evaluate("document.activeElement.textContent") == f"Kursus {matches[PAGE]}"

        page.click("form.asn-filter button[type=reset]")
        page.wait_for_function("() => document.querySelectorAll('#asn-list-kursus > li:not([hidden])').length"
                               f" === {PAGE}")
        assert visible_slugs(page) == slugs()[:PAGE]
        assert problems == []
    finally:
        context.close()


def test_without_javascript_the_page_links_lead_on(browser: Any, where: Site) -> None:
    context, page, problems, _ = open_tab(browser, where, javascript=False)
    try:
        page.goto(where.url(index_src("course")))
        assert page.locator("#asn-list-kursus > li").count() == PAGE
        page.click('nav.asn-pages a:text-is("25")')
        page.wait_for_url(where.url(list_page_src("course", 25)))
        assert card_slugs(page.content()) == slugs()[24 * PAGE:]
        page.click(f"#asn-list-kursus a >> text=Kursus {NEEDLE}")
        assert page.locator("article h1").inner_text().startswith(f"Kursus {NEEDLE}")
        assert problems == []
    finally:
        context.close()


def test_a_growing_group_is_a_link_to_the_filtered_listing(browser: Any, where: Site) -> None:
    """A factor with 250 courses, and the home page's courses of a competency, list the first
    LIST_LIMIT and link the course index with its filter chosen, so those pages stay the same size."""
    from asn_portal.render.pages import LIST_LIMIT

    factor = where.file("faktor/alpha.md").read_text(encoding="utf-8")
    assert len(re.findall(r'data-asn-plan-badge="', factor)) == LIST_LIMIT
    assert f"Lihat semua {COURSES} kursus yang mendukung faktor ini" in factor
    home = where.file("index.md").read_text(encoding="utf-8")
    teknis = sum(competency(s) == "teknis" for s in slugs())
    assert f"Lihat semua {teknis} kursus Teknis" in home
    assert len(re.findall(r'data-asn-plan-badge="', home)) == 3 * LIST_LIMIT
    context, page, problems, _ = open_tab(browser, where)
    try:
        page.goto(where.url("index.md"))
        page.get_by_text(f"Lihat semua {teknis} kursus Teknis").click()
        page.wait_for_function(f"() => (document.querySelector('.asn-filter__count') || {{}}).textContent"
                               f" && document.querySelector('.asn-filter__count').textContent"
                               f".startsWith('Menampilkan {teknis} ')")
        assert page.locator("select[name=competency]").input_value() == "teknis"
        assert all(competency(s) == "teknis" for s in visible_slugs(page))
        assert problems == []
    finally:
        context.close()
