"""Reading on a phone, online and from the offline kit: no page scrolls sideways at 320 or 390 px (nor at
1280), nothing is clipped to get there, the portal's own controls are big enough to tap (WCAG 2.5.8),
every word the theme shows or a screen reader reads is Indonesian, Rencana Belajar is one tap away, the
catalog filter reads words as the header search does (typos too) and stays in the address, and the
kit's readme suits the facilitators' Windows laptops.

The shipped sample is built once per test worker (``phone_sites`` in tests/conftest.py, made by
tests/support/phone.py): served over http with every card on its index page (portal.mjs filters), and as
the offline kit (file://) with 4 cards a page, so that long listings (lists.mjs, page links, "Tampilkan
lebih banyak") are exercised too. tests/browser/test_keyboard.py uses the same sites.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.a11y import serious_violations
from tests.support.phone import HANDWRITTEN, KINDS, SETTLED_JS, Sites, open_page

WIDTHS = (1280, 390, 320)  # widest first: Material's header slides its search box when a window grows


@pytest.fixture(scope="module")
def sites(phone_sites: Sites) -> Sites:
    return phone_sites


@pytest.fixture(scope="module")
def tab(browser: Any) -> Iterator[Any]:
    """One tab for the module; each test sets the width it needs."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


# -- no page wider than the screen -------------------------------------------------------------------

# The page's width against the window's, what sticks out (to say what to fix), and what a box clips
# in the article: a page that fits by hiding content does not count.
FIT_JS = """() => {
  const width = window.innerWidth, scroll = document.documentElement.scrollWidth;
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
  const wide = [], clipped = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;  // text for screen readers only (1 px, clipped on purpose)
    const overflow = getComputedStyle(el).overflowX;
    if (overflow === 'hidden' || overflow === 'clip') clipped.push(name(el));
  }
  if (scroll > width) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) wide.push(name(el));
    }
  }
  return {width, scroll, wide: wide.slice(0, 5), clipped};
}"""

PAGES = ["beranda", *(x for kind in KINDS for x in (f"indeks-{kind}", kind)), "kontributor",
         *(src.removesuffix(".md") for src in HANDWRITTEN), "tabel"]
KIT_PAGES = [*PAGES, "halaman-2-article"]  # a listing's continuation page (the kit lists 4 cards a page)


def misfits(tab: Any, sites: Sites, origin: str, pages: list[str]) -> list[str]:
    found = []
    for which in pages:
        open_page(tab, sites.address(origin, which), WIDTHS[0])
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 800})
            fit = tab.evaluate(FIT_JS)
            if fit["scroll"] > fit["width"]:  # again once Material's header has slid its search box to the new width
                tab.evaluate(SETTLED_JS)
                fit = tab.evaluate(FIT_JS)
            if fit["scroll"] > fit["width"]:
                found.append(f"{which} @ {width}px: {fit['scroll']} px lebar; menonjol: {fit['wide']}")
            if fit["clipped"]:
                found.append(f"{which} @ {width}px: isi terpotong di {fit['clipped']}")
    return found


@pytest.mark.parametrize("origin", [pytest.param("http", marks=pytest.mark.slow), "file"])
def test_no_page_scrolls_sideways_or_clips(tab: Any, sites: Sites, origin: str) -> None:
    found = misfits(tab, sites, origin, PAGES if origin == "http" else KIT_PAGES)
    assert not found, "\n".join(found)


def test_plan_page_does_not_scroll_sideways(tab: Any, sites: Sites) -> None:
    """Empty here; tests/browser/test_plan.py fills it (three courses and the identity) at every width."""
    found = misfits(tab, sites, "http", ["rencana"])
    assert not found, "\n".join(found)


# -- touch targets ----------------------------------------------------------------------------------

TARGETS = ("form.asn-filter input, form.asn-filter select, form.asn-filter button, .asn-card .asn-plan-add, "
           ".asn-more button, .asn-pages__links a, [data-asn-toggle], .asn-header-plan")
SIZES_JS = """(selector) => Array.from(document.querySelectorAll(selector)).map(el => {
  const r = el.getBoundingClientRect();
  const label = (el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 30);
  const shown = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {what: el.tagName.toLowerCase() + ' ' + label, width: r.width, height: r.height, shown};
})"""


def test_the_portals_own_controls_are_at_least_24_px(tab: Any, sites: Sites) -> None:
    seen: dict[str, int] = {}
    small = []
    for address in (sites.http("indeks-course"), sites.file("indeks-course"), sites.file("halaman-2-course")):
        open_page(tab, address, 390)
        tab.wait_for_selector("form.asn-filter:not([hidden])" if "halaman-2" not in address else ".asn-pages")
        tab.wait_for_selector(".asn-card .asn-plan-add:not([hidden])")
        for target in tab.evaluate(SIZES_JS, TARGETS):
            if not target["shown"]:
                continue
            kind = target["what"].split(" ")[0]
            seen[kind] = seen.get(kind, 0) + 1
            if target["width"] < 24 or target["height"] < 24:
                small.append(f"{address}: {target}")
    assert not small, "\n".join(small)
    assert {"input", "select", "button", "a", "label"} <= set(seen), seen  # filters, + Rencana, page links, header


# -- Indonesian for everything the theme says --------------------------------------------------------

# English words Material or python-markdown print when nobody translated them (none is Indonesian).
ENGLISH = {"permanent", "link", "header", "footer", "tab", "tabs", "search", "skip", "copy", "copied", "clipboard",
           "share", "clear", "previous", "next", "back", "top", "navigation", "contents", "edit", "view", "source",
           "type", "start", "searching", "matching", "documents", "document", "initializing", "found", "close",
           "open", "select", "version", "language", "table", "of", "the", "to"}
SPOKEN = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"')


def english(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w in ENGLISH}


def test_no_english_in_the_built_pages(sites: Sites) -> None:
    site = sites.kit
    found = []
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert 'title="Permanent link"' not in text, path
        for value in SPOKEN.findall(text):
            if english(value):
                found.append(f"{path.relative_to(site)}: {value!r}")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S)
        if config and english(re.sub(r'"[\w.]+":', "", config.group(1).split('"translations"')[-1])):
            found.append(f"{path.relative_to(site)}: terjemahan Material {english(config.group(1))}")
    assert not found, "\n".join(sorted(set(found))[:20])
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'title="Tautan permanen"' in home and 'aria-label="Kepala halaman"' in home


READ_OUT_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      if (el.hasAttribute(name)) out.push(el.getAttribute(name));
    }
  }
  out.push(document.querySelector('.md-search-result__meta').textContent);
  return out;
}"""


def test_no_english_once_the_scripts_ran(tab: Any, sites: Sites) -> None:
    open_page(tab, sites.http("indeks-course"), 390)
    tab.wait_for_selector("form.asn-filter:not([hidden])")
    spoken = tab.evaluate(READ_OUT_JS)
    assert not [s for s in spoken if english(s)], [s for s in spoken if english(s)]


# -- Rencana Belajar one tap away ---------------------------------------------------------------------

def test_rencana_belajar_is_in_the_home_page_and_the_phone_header(tab: Any, sites: Sites) -> None:
    plan = sites.http("rencana")
    open_page(tab, sites.http("beranda"), 390)
    body_link = tab.locator("article .asn-plan-cta a")
    assert body_link.evaluate("a => a.href") == plan and "Rencana Belajar" in body_link.inner_text()
    header_link = tab.locator(".md-header .asn-header-plan")
    box = header_link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, "tombol Rencana di kepala halaman terlihat"
    assert header_link.evaluate("a => a.href") == plan and header_link.inner_text().strip() == "Rencana"
    header_link.click()
    tab.wait_for_url(plan)  # by instant navigation: the header stays, portal.mjs marks the link current
    tab.wait_for_function("() => document.querySelector('.asn-header-plan').getAttribute('aria-current') === 'page'")
    tab.set_viewport_size({"width": 1280, "height": 800})  # wide: the navigation tab shows it instead
    assert not tab.locator(".md-header .asn-header-plan").is_visible()
    assert tab.locator(".md-tabs__link", has_text="Rencana Belajar").is_visible()


# -- the catalog filter --------------------------------------------------------------------------------

ANSWERED_JS = """(words) => new URLSearchParams(location.search).get('kata') === words &&
  !document.querySelector('.asn-cards').hasAttribute('aria-busy')"""


def count_for(tab: Any, words: str) -> str:
    """The filter's count line once it answered ``words`` (portal.mjs or, for a long listing, lists.mjs):
    the words are in the address and the list is no longer busy."""
    tab.fill("form.asn-filter input[name=kata]", words)
    tab.wait_for_function(ANSWERED_JS, arg=words)
    return str(tab.locator(".asn-filter__count").text_content())


def shown_titles(tab: Any) -> list[str]:
    return [str(t) for t in tab.locator(".asn-cards > li:not([hidden]) .asn-card__title a").all_inner_texts()]


@pytest.mark.parametrize("origin", [pytest.param("http", marks=pytest.mark.slow), "file"])
def test_filter_finds_words_as_the_header_search_does(tab: Any, sites: Sites, origin: str) -> None:
    open_page(tab, sites.address(origin, "indeks-article"), 390)
    tab.wait_for_selector("form.asn-filter:not([hidden])")
    right = count_for(tab, "kolaborasi")
    found = int(right.split()[1])
    assert found > 0, right
    titles = shown_titles(tab)
    assert count_for(tab, "kolaborsi") == right, "satu salah ketik: hasilnya sama"
    assert shown_titles(tab) == titles
    assert tab.evaluate("typeof (window.asnSearch || {}).stem") == "function", "the search's own stemmer is used"
    assert count_for(tab, "mengelola") == count_for(tab, "kelola"), "bentuk berimbuhan dan kata dasarnya"
    assert count_for(tab, "pengelolaan") == count_for(tab, "kelola"), "kata dasar yang sama"
    assert count_for(tab, "kolaborasi yang") == right, "kata umum (yang, dan) tidak menyaring"
    assert count_for(tab, "zzqx").startswith("Menampilkan 0 dari")
    assert tab.locator(".asn-filter__none").is_visible()


def test_filter_survives_reload_and_opens_from_a_shared_link(tab: Any, sites: Sites) -> None:
    index = sites.http("indeks-course")
    open_page(tab, index, 390)
    tab.wait_for_selector("form.asn-filter:not([hidden])")
    tab.select_option("form.asn-filter select[name=competency]", "teknis")
    line = count_for(tab, "data")
    assert "competency=teknis" in tab.url and "kata=data" in tab.url
    titles = shown_titles(tab)
    assert 0 < len(titles) < int(line.split()[3])
    tab.reload()
    tab.wait_for_load_state("load")
    tab.wait_for_function(ANSWERED_JS, arg="data")
    assert tab.locator(".asn-filter__count").text_content() == line
    assert tab.input_value("form.asn-filter input[name=kata]") == "data"
    assert tab.input_value("form.asn-filter select[name=competency]") == "teknis"
    assert shown_titles(tab) == titles

    shared = tab.url
    open_page(tab, sites.http("beranda"), 390)
    open_page(tab, shared, 390)
    tab.wait_for_function(ANSWERED_JS, arg="data")
    assert tab.locator(".asn-filter__count").text_content() == line
    assert shown_titles(tab) == titles

    tab.click("form.asn-filter button[type=reset]")
    tab.wait_for_function("() => location.search === ''")
    assert tab.url == index


# -- accessibility at phone width -------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["beranda", "indeks-course", "kontributor", "article", "tabel"])
def test_no_serious_axe_violations_at_390_px(tab: Any, sites: Sites, which: str) -> None:
    open_page(tab, sites.http(which), 390)
    found = serious_violations(tab)
    assert not found, f"{which}:\n" + "\n".join(found)


def test_a_wide_table_scrolls_in_its_own_box_from_the_keyboard_too(tab: Any, sites: Sites) -> None:
    open_page(tab, sites.http("tabel"), 320)
    box = tab.locator(".md-typeset__scrollwrap")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the table is wider than the phone"
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
    box.focus()
    tab.keyboard.press("ArrowRight")
    tab.wait_for_function("() => document.querySelector('.md-typeset__scrollwrap').scrollLeft > 0")


# -- the offline kit's readme -------------------------------------------------------------------------------

def test_kit_readme_is_for_windows_and_tells_the_facilitator_how_to_end_a_session(sites: Sites) -> None:
    readme = sites.readme
    assert b"\r\n" in readme and b"\n" not in readme.replace(b"\r\n", b""), "CRLF di setiap baris"
    text = readme.decode("utf-8")
    assert "peramban" in text and "browser" not in text.lower()
    end = text[text.index("RENCANA BELAJAR DI LAPTOP BERSAMA"):]
    assert "CSV" in end and '"Hapus rencana' in end
    assert end.index("CSV") < end.index("Hapus rencana"), "rekap dikumpulkan dulu, baru rencana dihapus"
