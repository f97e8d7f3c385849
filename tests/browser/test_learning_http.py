"""The learning scripts on the served learning sample (tests/support/learning.py) in a real Chromium, where
only the http site can check: Material's instant navigation swapping pages, a browser that refuses
localStorage, and axe on a plan with two courses and an answered quiz.
"""

from __future__ import annotations

from typing import Any

import pytest

from asn_portal.trust.urls import PLAN, index_src
from tests.support.learning import Tab, Where, rows, totals
from tests.support.learning import http_site as http_site
from tests.support.learning import sample as sample


@pytest.mark.engine_smoke  # run again on each engine by .ci/run
def test_instant_navigation_sets_up_swapped_pages(browser: Any, http_site: Where) -> None:
    """Material swaps pages without reloading: the learning scripts run again on each, and the plan page's data
    must survive the swap (Material re-creates every inline <script> in the content without its
    attributes and runs it, so the data cannot sit in a <script type="application/json">)."""
    t = Tab(browser, http_site)
    course = http_site.sample.quiz
    try:
        page = t.go(http_site.course(course))
        page.wait_for_load_state("networkidle")  # Material takes over links once it has read sitemap.xml
        page.locator(f".asn-plan-bar [data-asn-plan-add='{course.slug}']").click()
        page.evaluate("window.__samePage = true")
        page.locator(".md-tabs").get_by_role("link", name="Rencana Belajar").click()
        page.wait_for_function("document.querySelectorAll('[data-asn-plan-rows] tr').length === 1")
        link = page.locator(f"[data-asn-plan-row='{course.slug}'] th a")
        assert link.evaluate("a => a.href") == http_site.course(course)
        assert page.locator("form[data-asn-plan-find] select option").count() > 1
        link.click()
        page.locator(f".asn-plan-bar [data-asn-plan-add='{course.slug}']").wait_for(state="visible")
        assert page.inner_text(f".asn-plan-bar [data-asn-plan-add='{course.slug}']") == "Hapus dari rencana belajar"
        page.locator(".md-tabs").get_by_role("link", name="Kursus", exact=True).click()
        page.wait_for_function("s => (document.querySelector(s) || {}).textContent === 'dalam rencana'",
                               arg=f"[data-asn-plan-badge='{course.slug}']")
        assert page.evaluate("window.__samePage === true"), "the tabs did not use instant navigation"
    finally:
        mangled = [e for e in t.errors if "replaceWith" in e]
        assert not mangled, ("Material ran the plan page's inline JSON <script> as code: the plan data belongs in "
                             "the data-asn-plan-data attribute of [data-asn-plan] (docs/rencana-belajar.md)")
        t.close()


def test_without_local_storage_the_plan_page_says_so(browser: Any, http_site: Where) -> None:
    broken = ("Object.defineProperty(window, 'localStorage', "
              "{get() { throw new DOMException('ditolak', 'SecurityError'); }});")
    t = Tab(browser, http_site, init_script=broken)
    try:
        other = http_site.sample.other
        page = t.go(http_site.url(PLAN))
        page.locator("[data-asn-plan-message]").wait_for(state="visible")
        assert "tidak mengizinkan penyimpanan" in page.inner_text("[data-asn-plan-message]")
        page.locator("form[data-asn-plan-find] select").select_option(other.slug)
        page.locator("form[data-asn-plan-find] button").click()
        assert rows(page) == [other.slug] and totals(page) == (str(other.jp), "0")  # still works for this visit
    finally:
        t.close(only_ours=True)  # Material's own scripts need localStorage too


def test_plan_and_quiz_pass_axe(browser: Any, http_site: Where) -> None:
    from tests.support.a11y import serious_violations

    """The issue's condition: two courses in the plan and a quiz answered, not only empty pages."""
    t = Tab(browser, http_site)
    try:
        course = http_site.sample.quiz
        page = t.go(http_site.course(course))
        page.locator(f".asn-plan-bar [data-asn-plan-add='{course.slug}']").click()
        page.locator(f"form[data-asn-quiz='{course.slug}-kuis'] input[type=radio]").first.check()
        page.locator(f"form[data-asn-quiz='{course.slug}-kuis'] button[type=submit]").click()
        page.locator(f"form[data-asn-quiz='{course.slug}-kuis'] [data-asn-quiz-score]").wait_for()
        assert serious_violations(page) == []
        page = t.go(http_site.url(index_src("course")))
        other = page.locator(f"#asn-list-kursus li:not([data-asn-course*='\"{course.slug}\"']) [data-asn-plan-add]")
        other.first.click()
        assert serious_violations(page) == []
        page = t.go(http_site.url(PLAN))
        assert len(rows(page)) == 2 and course.slug in rows(page)
        assert serious_violations(page) == []
    finally:
        t.close()
