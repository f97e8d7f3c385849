"""The keyboard, on a phone and on a desktop: every Tab stop is drawn on the screen with its focus ring
(a closed drawer or search box takes none), the focus never hides under the sticky header (WCAG 2.4.11),
the menu and search buttons open from the keyboard and Escape gives the focus back, and the search says
how many pages it found.

Uses the phone tests' sites (``phone_sites``, tests/support/phone.py): the sample built once per test worker,
online (http) and as the offline kit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.phone import SETTLED_JS, Sites, open_page

pytestmark = pytest.mark.slow  # run by .ci/run's slow step (pyproject markers)


@pytest.fixture(scope="module")
def sites(phone_sites: Sites) -> Sites:
    return phone_sites


STOPS = 40  # Tab stops walked from the top of a page (fewer where the page ends before)

# Where the focus is, whether it is drawn inside the window, and whether the header covers it.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' "' +
    (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30) + '"';
  const inHeader = !!el.closest('.md-header') || el.classList.contains('md-skip');
  return {
    name, left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: innerWidth, height: innerHeight,
    drawn: r.width > 0 && r.height > 0 && r.left >= -1 && r.top >= -1 && r.right <= innerWidth + 1 &&
      r.bottom <= innerHeight + 1 && getComputedStyle(el).visibility !== 'hidden',
    covered: !inHeader && r.top < header.bottom - 1,
    drawer: !!el.closest('.md-sidebar--primary'), drawerOpen: document.getElementById('__drawer').checked,
    search: !!el.closest('.md-search'), searchOpen: document.getElementById('__search').checked,
    results: el.classList.contains('md-search__scrollwrap'),
    ring: (getComputedStyle(el).outlineStyle !== 'none' && parseFloat(getComputedStyle(el).outlineWidth) > 0) ||
      getComputedStyle(el).boxShadow !== 'none',
  };
}"""
SMALL = 390


@pytest.fixture(scope="module")
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": SMALL, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def focused(tab: Any) -> dict[str, Any]:
    found = tab.evaluate(FOCUS_JS)
    assert found is not None, "fokus jatuh ke <body>"
    return dict(found)


def walk(tab: Any, key: str, steps: int) -> list[dict[str, Any]]:
    seen = []
    for _ in range(steps):
        tab.keyboard.press(key)
        found = tab.evaluate(FOCUS_JS)
        if found is None:
            break  # past the last stop
        seen.append(found)
    return seen


def hidden_stops(seen: list[dict[str, Any]], width: int) -> list[str]:
    wrong = []
    for stop in seen:
        why = []
        if not stop["drawn"]:
            box = f"({stop['left']:.0f},{stop['top']:.0f})-({stop['right']:.0f},{stop['bottom']:.0f})"
            why.append(f"di luar layar {box}")
        if stop["covered"]:
            why.append("di bawah kepala halaman")
        if not stop["ring"]:
            why.append("tanpa garis fokus")
        if width < 1220 and stop["drawer"] and not stop["drawerOpen"]:
            why.append("di laci navigasi yang tertutup")
        if stop["results"] and not stop["searchOpen"]:
            why.append("hasil pencarian yang tertutup")
        if width < 960 and stop["search"] and not stop["searchOpen"]:
            why.append("kotak pencarian yang tertutup")
        if why:
            wrong.append(f"{stop['name']}: {', '.join(why)}")
    return wrong


@pytest.mark.parametrize("width", [SMALL, 1280])
@pytest.mark.parametrize("which", ["beranda", "indeks-course"])
def test_every_tab_stop_is_drawn_on_screen(tab: Any, sites: Sites, which: str, width: int) -> None:
    open_page(tab, sites.http(which), width)
    tab.wait_for_selector("article")
    seen = walk(tab, "Tab", STOPS)  # or to the page's last stop
    assert len(seen) >= 15, [s["name"] for s in seen]
    wrong = hidden_stops(seen, width)
    assert not wrong, "\n".join(wrong)
    if width == SMALL:  # the header's own buttons come first
        names = [s["name"] for s in seen[:4]]
        assert any("Menu navigasi" in n for n in names) and any("Buka pencarian" in n for n in names), names
        assert any("Rencana" in n for n in names), names


def test_every_tab_stop_is_drawn_on_screen_offline(tab: Any, sites: Sites) -> None:
    open_page(tab, sites.file("indeks-course"), SMALL)
    tab.wait_for_selector("form.asn-filter:not([hidden])")
    seen = walk(tab, "Tab", STOPS)
    assert len(seen) >= 15, [s["name"] for s in seen]
    wrong = hidden_stops(seen, SMALL)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("width", [SMALL, 1280])
def test_shift_tab_never_leaves_the_focus_under_the_header(tab: Any, sites: Sites, width: int) -> None:
    open_page(tab, sites.http("indeks-course"), width)
    tab.wait_for_selector("form.asn-filter:not([hidden])")
    tab.evaluate("Array.from(document.querySelectorAll('article a[href]')).pop().focus()")  # the page's end
    start = focused(tab)
    seen = walk(tab, "Shift+Tab", 30)
    assert len(seen) == 30 and seen[-1]["top"] < start["top"], "Shift+Tab naik ke atas halaman"
    covered = [s["name"] for s in seen if s["covered"] or not s["drawn"]]
    assert not covered, "fokus tertutup kepala halaman atau di luar layar:\n" + "\n".join(covered)


def test_the_menu_opens_from_the_keyboard_and_escape_closes_it(tab: Any, sites: Sites) -> None:
    open_page(tab, sites.http("beranda"), SMALL)
    menu = tab.locator("[data-asn-toggle=drawer]")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")
    assert menu.get_attribute("aria-expanded") == "true"
    tab.evaluate(SETTLED_JS)  # the drawer has slid in
    seen = walk(tab, "Tab", 3)
    assert all(s["drawer"] for s in seen) and not hidden_stops(seen, SMALL)
    tab.keyboard.press("Escape")
    assert focused(tab)["name"].startswith("label.md-header__button") and "Menu navigasi" in focused(tab)["name"]
    assert menu.get_attribute("aria-expanded") == "false" and not tab.is_checked("#__drawer")
    tab.keyboard.press(" ")  # Space opens it too
    tab.wait_for_function("() => document.getElementById('__drawer').checked")
    tab.evaluate(SETTLED_JS)
    for _ in range(30):  # on to the catalog: instant navigation swaps the page, the header stays
        tab.keyboard.press("Tab")
        name = focused(tab)["name"]
        if "md-nav__link" in name and name.endswith('"Kursus"'):
            break
    else:
        pytest.fail("tautan Kursus di laci tidak tercapai dengan Tab")
    tab.keyboard.press("Enter")
    tab.wait_for_url(sites.http("indeks-course"))
    tab.wait_for_selector("form.asn-filter:not([hidden])")
    tab.wait_for_function("() => !document.getElementById('__drawer').checked")
    tab.evaluate(SETTLED_JS)
    tab.evaluate("document.activeElement.blur()")
    seen = walk(tab, "Tab", 12)
    assert len(seen) == 12 and not hidden_stops(seen, SMALL), hidden_stops(seen, SMALL)
    assert menu.get_attribute("aria-expanded") == "false"


def search_for(tab: Any, words: str) -> str:
    """Enter ``words`` in the open search box at once, then release one key: Material asks its worker on
    key-up, so it answers this query alone (typed letter by letter, an earlier answer could be read).
    Returns the live line above the results once it counts pages."""
    tab.fill(".md-search__input", words)
    tab.keyboard.press("End")
    meta = tab.locator(".md-search-result__meta")
    tab.wait_for_function("() => /halaman ditemukan/.test(document.querySelector('.md-search-result__meta')"
                          ".textContent)")
    assert meta.get_attribute("role") == "status" and meta.get_attribute("aria-live") == "polite"
    return str(meta.text_content())


def test_search_on_a_phone_announces_its_count_and_escape_returns_to_the_button(tab: Any,
                                                                                sites: Sites) -> None:
    open_page(tab, sites.http("beranda"), SMALL)
    button = tab.locator("[data-asn-toggle=search]")
    button.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    assert button.get_attribute("aria-expanded") == "true"
    tab.evaluate(SETTLED_JS)
    assert focused(tab)["drawn"]
    line = search_for(tab, "kolaborsi")
    assert int(line.split()[0]) > 0, line
    tab.keyboard.press("Escape")
    tab.wait_for_function("() => document.activeElement.getAttribute('data-asn-toggle') === 'search'")
    assert not tab.is_checked("#__search") and button.get_attribute("aria-expanded") == "false"


def test_search_on_a_desktop_gives_the_focus_back_on_escape(tab: Any, sites: Sites) -> None:
    open_page(tab, sites.http("indeks-course"), 1280)
    for _ in range(10):
        before = focused(tab)["name"] if tab.evaluate(FOCUS_JS) else None
        tab.keyboard.press("Tab")
        if focused(tab)["search"]:
            break
    else:
        pytest.fail("kotak pencarian tidak tercapai dengan Tab")
    assert before is not None
    search_for(tab, "kolaborasi")
    tab.keyboard.press("Escape")
    tab.wait_for_function("() => document.activeElement !== document.body"
                          " && !document.activeElement.closest('.md-search')")
    assert focused(tab)["name"] == before
    assert not tab.is_checked("#__search")


def test_a_closed_search_box_on_a_phone_opens_with_the_keyboard_shortcut(tab: Any, sites: Sites) -> None:
    open_page(tab, sites.http("beranda"), SMALL)
    tab.locator("article a[href]").first.focus()
    tab.keyboard.press("/")
    tab.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    assert tab.is_checked("#__search") and tab.input_value(".md-search__input") == ""
    tab.keyboard.press("Escape")
    tab.wait_for_function("() => document.activeElement.closest('article')")
