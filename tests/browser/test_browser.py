"""The shipped sample in a real Chromium over http: the course filter, instant navigation, search.

Course and search word are picked from the sample's catalog, so content edits do not break this.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from devtools import ROOT
from tests.support.pageerrors import record_errors
from tests.support.sites import SampleSite

TIMEOUT_MS = 8000


@dataclass
class Served:
    url: str  # ends with "/"
    root: Path  # the project the site was built from


@pytest.fixture
def served(sample_http: SampleSite) -> Served:
    """The sample as built and served once per test worker (tests/conftest.py). ``site_url`` is the served
    address: Material's instant navigation only takes over links listed in sitemap.xml, empty without it."""
    return Served(sample_http.url, ROOT)


def norm(text: str) -> str:
    """portal.mjs's normalisation (filter.mjs): lower case, accents dropped."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def cards(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all("#asn-list-kursus > li.asn-card", """items => items.map(li => ({
        competency: li.dataset.competency, level: li.dataset.level, mode: li.dataset.mode,
        factors: li.dataset.factors, search: li.dataset.search}))""")


def expected(data: list[dict[str, str]], words: str = "", **selects: str) -> int:
    """How many cards the data attributes say match the chosen filter."""
    wanted = norm(words).split()
    count = 0
    for card in data:
        if not all(w in norm(card["search"]) for w in wanted):
            continue
        if all(value in card[name].split() for name, value in selects.items() if value):
            count += 1
    return count


def visible(page: Any) -> int:
    return page.locator("#asn-list-kursus > li.asn-card:visible").count()


def wait_for_count(page: Any, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('#asn-list-kursus > li.asn-card:not([hidden])').length === n",
        arg=count, timeout=TIMEOUT_MS)
    assert visible(page) == count


def title_words(title: str) -> list[str]:
    return [w for w in re.findall(r"\w+", title) if len(w) >= 4 and not w.isdigit()]


def choose(courses: list[Any]) -> tuple[str, str, Any, str]:
    """A competency, a level, a course with both, and a word of its title: preferably a pair shared by
    several courses and a word that only some of them have, so every step narrows the list."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for course in courses:
        groups.setdefault((course.competency, course.level), []).append(course)
    options = []
    for (competency, level), group in sorted(groups.items()):
        for course in sorted(group, key=lambda c: c.slug):
            for word in title_words(course.title):
                matches = sum(norm(word) in norm(c.title) for c in group)
                options.append(((matches < len(group), len(group) > 1, -matches, len(word)),
                                (competency, level, course, word)))
    assert options, "no course title with a word of four letters"
    return max(options, key=lambda option: option[0])[1]


@pytest.mark.engine_smoke  # run again on each engine by .ci/run
def test_filter_instant_navigation_and_search(browser: Any, served: Served) -> None:
    from asn_portal.content.validate import Project, load_catalog

    catalog, problems = load_catalog(Project.at(served.root))
    assert not problems.errors
    courses = list(catalog.of_kind("course").values())
    assert len(courses) >= 2
    competency, level, target, word = choose(courses)
    same_competency = [c for c in courses if c.competency == competency]
    chosen = [c for c in same_competency if c.level == level]
    words = title_words(target.title)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    record_errors(page, errors)
    try:
        # -- the course index, opened directly -----------------------------------------------
        page.goto(served.url + "kursus/")
        form = page.locator("form.asn-filter")
        form.wait_for(state="visible")
        data = cards(page)
        assert len(data) == len(courses)
        wait_for_count(page, len(courses))

        form.locator("select[name=competency]").select_option(competency)
        assert expected(data, competency=competency) == len(same_competency)  # the attributes agree with YAML
        wait_for_count(page, len(same_competency))
        form.locator("select[name=level]").select_option(level)
        assert expected(data, competency=competency, level=level) == len(chosen)
        wait_for_count(page, len(chosen))
        assert len(chosen) < len(courses), "selecting a competency and a level narrows the list"

        form.locator("input[name=kata]").fill(word)
        by_data = expected(data, word, competency=competency, level=level)
        assert 1 <= by_data <= len(chosen)
        wait_for_count(page, by_data)
        assert page.locator("#asn-list-kursus > li.asn-card:visible a", has_text=target.title).count() == 1
        assert f"Menampilkan {by_data} dari {len(courses)}" in form.locator(".asn-filter__count").inner_text()

        form.locator("input[name=kata]").fill("zzzz-tidak-ada-kata-ini")
        wait_for_count(page, 0)
        assert page.locator(".asn-filter__none").is_visible()

        form.locator("button[type=reset]").click()
        wait_for_count(page, len(courses))
        assert not page.locator(".asn-filter__none").is_visible()

        # -- home -> Kursus through the tab: Material swaps the page without reloading --------
        page.goto(served.url)
        page.wait_for_load_state("networkidle")  # Material takes over links once it has read sitemap.xml
        page.evaluate("window.__asnSamePage = true")
        page.locator(".md-tabs").get_by_role("link", name="Kursus", exact=True).click()
        page.wait_for_url(re.compile(r"/kursus/$"))
        form = page.locator("form.asn-filter")
        form.wait_for(state="visible")
        assert page.evaluate("window.__asnSamePage === true"), "the tab did not use instant navigation"
        wait_for_count(page, len(courses))
        form.locator("select[name=competency]").select_option(competency)
        form.locator("select[name=level]").select_option(level)
        wait_for_count(page, len(chosen))
        form.locator("button[type=reset]").click()
        wait_for_count(page, len(courses))

        # -- Material's search finds the course and opens it ---------------------------------
        query = max(words, key=lambda w: (sum(norm(w) in norm(c.title) for c in courses) == 1, len(w)))
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially(query, delay=20)  # Material searches on key events, as a reader types
        results = page.locator(".md-search-result__item")
        results.first.wait_for(state="visible")
        link = page.locator(f".md-search-result__item a[href*='kursus/{target.slug}/']").first
        link.wait_for(state="visible")
        link.click()
        page.wait_for_url(re.compile(rf"/kursus/{re.escape(target.slug)}/"))
        # Instant navigation may change the URL before it swaps the content: wait for the new <h1>
        # (Material adds a "¶" permalink to it), not for the URL alone.
        heading = page.locator("article.md-content__inner h1")
        expect(heading).to_have_text(re.compile(rf"^\s*{re.escape(target.title)}\s*¶?\s*$"), timeout=TIMEOUT_MS)
    finally:
        context.close()
    assert errors == []
