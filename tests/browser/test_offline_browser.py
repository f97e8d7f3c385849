"""The offline bundle in a real Chromium from file://, with every non-file request blocked.

A facilitator's path: open the start file, follow links three levels deep, search, filter the
course catalog and open a material. Nothing may leave the machine and the console stays clean.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from asn_portal.content.validate import Project, load_catalog
from asn_portal.kinds.course import Course
from devtools import ROOT
from devtools.browser import keep_local
from tests.support.pageerrors import record_errors
from tests.support.sites import SampleKit

IMAGE_OR_TEXT = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".txt")


@dataclass
class Offline:
    top: Path
    course: Course
    word: str
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def kit(sample_kit: SampleKit) -> Offline:
    """The sample's kit as made and unpacked once per test worker (tests/conftest.py)."""
    catalog, _ = load_catalog(Project.at(ROOT))
    # A course with a local material that a browser shows inline, and a distinctive title word.
    courses = [c for c in catalog.sorted("course") if list(c.materials_used())]
    course = next((c for c in courses if any((m.path or "").endswith(IMAGE_OR_TEXT) for m in c.materials_used())),
                  courses[0])
    word = max(course.title.split(), key=len).strip("().,:;").lower()
    return Offline(sample_kit.top, course, word)


@pytest.fixture
def page(browser: Any, kit: Offline) -> Iterator[Any]:
    context = browser.new_context()
    kit.blocked = keep_local(context, "file:")
    kit.errors.clear()
    tab = context.new_page()
    record_errors(tab, kit.errors)
    yield tab
    context.close()


def h1(tab: Any) -> str:
    return str(tab.inner_text("article h1")).replace("¶", "").strip()


def test_facilitator_path_works_from_file_with_network_off(page: Any, kit: Offline) -> None:
    tab = page
    tab.goto((kit.top / "BUKA-PORTAL.html").as_uri())
    tab.wait_for_url("**/situs/index.html")
    assert tab.locator(".md-tabs__link", has_text="Kursus").count() == 1

    # Three levels deep: Kursus tab -> a course -> a factor it supports.
    tab.click(".md-tabs__link >> text=Kursus")
    tab.wait_for_url("**/kursus/index.html")
    tab.click(f"#asn-list-kursus a >> text={kit.course.title}")
    tab.wait_for_url(f"**/kursus/{kit.course.slug}.html")
    assert h1(tab) == kit.course.title
    factor_link = tab.locator("h2:has-text('Faktor yang didukung') + ul a").first
    factor_title = factor_link.inner_text()
    factor_link.click()
    tab.wait_for_url("**/faktor/*.html")
    assert h1(tab) == factor_title

    # Search from file:// (worker shim + search_index.js) finds the course by a word of its title.
    tab.click("label.md-search__icon[for='__search'], .md-search__input")
    tab.locator("input.md-search__input").press_sequentially(kit.word, delay=30)
    result = tab.locator(f".md-search-result__item a[href*='kursus/{kit.course.slug}.html']").first
    result.wait_for(timeout=10_000)
    result.click()
    tab.wait_for_url(f"**/kursus/{kit.course.slug}.html*")

    # A material opens from the bundle.
    material = next(m for m in kit.course.materials_used() if m.path)
    link = tab.locator(f"a[href$='{material.published}']").first
    href = link.get_attribute("href")
    target = (kit.top / "situs" / "kursus" / str(href)).resolve()
    assert target.is_file()
    if target.suffix in IMAGE_OR_TEXT:
        link.click()
        tab.wait_for_url(f"**/{material.published}")
        if target.suffix == ".txt":
            assert tab.inner_text("body").strip()
        else:
            assert tab.evaluate("document.images.length && document.images[0].naturalWidth") > 0

    assert kit.blocked == [], f"requests left the machine: {kit.blocked}"
    assert kit.errors == [], f"console errors: {kit.errors}"


def test_catalog_filter_works_offline(page: Any, kit: Offline) -> None:
    tab = page
    tab.goto((kit.top / "situs" / "kursus" / "index.html").as_uri())
    form = tab.locator("form.asn-filter")
    assert form.is_visible()
    total = tab.locator("#asn-list-kursus > li").count()
    tab.select_option("select[name=competency]", kit.course.competency)
    shown = tab.locator("#asn-list-kursus > li:visible")
    expected = len([c for c in tab.eval_on_selector_all(
        "#asn-list-kursus > li", "els => els.map(e => e.dataset.competency)") if c == kit.course.competency])
    assert shown.count() == expected < total
    tab.fill("input[name=kata]", kit.word)
    assert tab.locator(f"#asn-list-kursus > li:visible a[href$='{kit.course.slug}.html']").count() == 1
    assert kit.blocked == [] and kit.errors == []
