"""Accessibility of the shipped sample in a real Chromium: axe-core finds no serious or critical problem on
the pages a learner visits, and a keyboard user sees where the focus is.

``serious_violations(page)`` (tests/support/a11y.py) is the shared check: other browser tests scan their own
pages with it.
Entries are picked from the sample's catalog, so content edits do not break this.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from asn_portal.content.validate import Project, load_catalog
from asn_portal.trust.urls import CONTRIBUTORS, HOME, Urls, entry_src, index_src
from devtools import ROOT
from tests.support.a11y import serious_violations
from tests.support.sites import SampleKit, SampleSite

ENTRY_KINDS = ("course", "factor", "article")  # one published page of each kind is scanned
# Every element that takes keyboard focus before the first content link must show it: an outline or a ring.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), cls: el.className, label: el.getAttribute('aria-label') || '',
          text: (el.textContent || '').trim().slice(0, 40), outline: s.outlineStyle,
          width: parseFloat(s.outlineWidth) || 0, shadow: s.boxShadow,
          first: el === document.querySelector('article.md-content__inner a[href]:not(.headerlink)')};
}"""


@dataclass
class Site:
    url: str  # ends with "/"
    paths: dict[str, str]  # test id -> path below url


def _path(src: str) -> str:
    """The served address of a page source, e.g. ``kursus/x.md`` -> ``kursus/x/``."""
    dest = Urls(directory_urls=True).dest(src)
    return dest[: -len("index.html")] if dest.endswith("index.html") else dest


@pytest.fixture(scope="module")
def site(sample_http: SampleSite) -> Site:
    """The shipped sample as served once per test worker (tests/conftest.py), and the pages to scan."""
    catalog, _ = load_catalog(Project.at(ROOT))
    paths = {"beranda": _path(HOME), "kontributor": _path(CONTRIBUTORS)}
    for kind in ENTRY_KINDS:
        paths[f"indeks-{kind}"] = _path(index_src(kind))
        entries = [e for e in catalog.sorted(kind) if not e.draft]
        assert entries, f"contoh tidak punya {kind}"
        paths[kind] = _path(entry_src(kind, entries[0].slug))
    return Site(sample_http.url, paths)


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    """One desktop-sized tab for the module (the search box sits in the header at this width)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


PAGE_IDS = ["beranda", *(x for kind in ENTRY_KINDS for x in (f"indeks-{kind}", kind)), "kontributor"]


@pytest.mark.parametrize("which", PAGE_IDS)
def test_no_serious_axe_violations(page: Any, site: Site, which: str) -> None:
    page.goto(site.url + site.paths[which])
    page.wait_for_load_state("load")
    found = serious_violations(page)
    assert not found, f"{site.paths[which] or '/'}:\n" + "\n".join(found)


def test_offline_bundle_home_has_no_serious_axe_violations(page: Any, sample_kit: SampleKit) -> None:
    page.goto((sample_kit.situs / "index.html").as_uri())
    page.wait_for_load_state("load")
    found = serious_violations(page)
    assert not found, "bundle luring, beranda:\n" + "\n".join(found)


def test_keyboard_reaches_search_and_content_with_visible_focus(page: Any, site: Site) -> None:
    page.goto(site.url + site.paths["course"])
    page.wait_for_load_state("load")
    assert page.get_attribute(".md-search", "aria-label") == "Cari di portal"
    assert page.get_attribute(".md-search__input", "aria-label")  # Material's "Cari": named for screen readers

    seen: list[dict[str, Any]] = []
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_JS)
        assert focused is not None, "Tab meninggalkan halaman sebelum tautan isi pertama:\n" + repr(seen)
        seen.append(focused)
        if focused["first"]:
            break
    else:
        pytest.fail("tautan isi pertama tidak tercapai dengan Tab")

    assert any("md-search__input" in f["cls"] for f in seen), "kotak pencarian tidak tercapai dengan Tab"
    hidden = [f for f in seen if (f["outline"] == "none" or f["width"] == 0) and f["shadow"] == "none"]
    assert not hidden, "fokus tanpa garis tepi yang terlihat:\n" + "\n".join(map(repr, hidden))
