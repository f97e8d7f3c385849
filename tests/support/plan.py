"""The plan page and the HR recap in a browser: the sites they are opened from and a fresh tab on them."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tests.support.pageerrors import record_errors

# The sample built once per test worker for the plan and HR recap tests (tests/browser/test_plan.py,
# tests/browser/test_recap.py): with a public site_url, so records name each course's published address.
PLAN_SITE = "https://portal.contoh.go.id/asn/"


@dataclasses.dataclass
class PlanSite:
    base: str
    pretty: bool  # directory URLs (over http) or .html files (the unpacked kit)
    courses: list[Any]  # three sample courses
    root: Path  # the sample project the site was built from

    def page(self, src: str) -> str:
        from asn_portal.trust.urls import Urls

        return self.base + Urls(self.pretty).href("index.md", src)

    def plan(self) -> str:
        from asn_portal.trust.urls import PLAN

        return self.page(PLAN)


PLAN_KEY = "asn-portal:rencana"  # the reader's plan in localStorage (assets/src/core.mjs)


@contextlib.contextmanager
def plan_page(browser: Any, site: PlanSite, width: int, state: Any = None,
              dialog: Callable[[Any], object] = lambda d: d.accept()) -> Iterator[Any]:
    """The plan page in a fresh context (its own localStorage) holding ``state``; no console error
    may be left when the test is done. ``dialog`` answers the page's confirm() questions."""
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    record_errors(page, errors)
    page.on("dialog", dialog)
    try:
        page.goto(site.plan())
        if state is not None:
            page.evaluate(f"s => localStorage.setItem('{PLAN_KEY}', s)", json.dumps(state))
            page.reload()
        page.locator("[data-asn-plan][data-asn-ready]").wait_for(state="attached")
        yield page
        assert errors == []
    finally:
        context.close()
