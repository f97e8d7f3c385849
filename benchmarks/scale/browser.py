"""Page load and search in headless Chromium, over http and from an unpacked bundle via file://.

Measured by the DOM and by requests, never by file names, so it works with Material's search
(one index loaded with the page) and with any search that keeps the same box and result markup
(``[data-md-component=search-query]``, ``[data-md-component=search-result] li.md-search-result__item``).

* page load: ``loadEventEnd`` of the navigation timing entry (ms from navigation start), median of
  ``loads`` loads, each in a fresh browser context (cold cache); DOMContentLoaded is kept beside it;
* search: a fresh page, loaded and idle (Playwright's ``networkidle``: no request for 500 ms), then
  ``/`` is pressed and the query typed at once; first results = ``performance.now()`` when the first
  result item appears minus ``performance.now()`` at that ``/`` keydown (both read in the page);
* bytes: every request started between the keydown and the first results ("first query"), and the
  search-related requests (URL path mentions ``search`` or ``lunr``) started during page load, before
  the box was opened. Over http the bytes are counted by the http server itself (response bodies
  as sent, whoever asked: the page, an iframe or a Web Worker); from file:// they are the sizes of
  the files Playwright saw requested (there is no worker on file://).

From file:// every request that is not ``file:`` is aborted and fails the measurement.
"""

from __future__ import annotations

import http.server
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from devtools.browser import CHROMIUM, CHROMIUM_ARGS
from devtools.loopback import serve

# (label, path of the page in the site without ".html"/"/index.html")
PAGES = (("home", "index"), ("course index", "kursus/index"), ("course", "kursus/kursus-0001"),
         ("factor", "faktor/budaya-belajar"), ("article", "artikel/artikel-0001"))
# A title word of the catalog, a one-letter typo of one ("anggaran"), another word form ("pelatihan").
QUERIES = ("arsip", "anggran", "melatih")
RESULT = "[data-md-component=search-result] li.md-search-result__item"
SEARCH_URL = re.compile(r"search|lunr", re.IGNORECASE)
NOT_FILE = re.compile(r"^(?!file:)")

_INSTALL = """(selector) => {
  const state = window.__asnBench = {t0: null, t1: null};
  addEventListener('keydown', () => { if (state.t0 === null) state.t0 = performance.now(); }, {capture: true});
  const observer = new MutationObserver(() => {
    if (state.t0 !== null && state.t1 === null && document.querySelector(selector)) {
      state.t1 = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.documentElement, {childList: true, subtree: true});
}"""
_NAV_TIMING = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return nav && nav.loadEventEnd > 0 ? {load: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd} : null;
}"""


@dataclass
class Served:
    """What the http server sent, each response tagged with the phase it was asked in."""

    phase: str = "load"
    responses: list[tuple[str, str, int]] = field(default_factory=list)  # (phase, path, body bytes)

    def handler(self) -> type[http.server.SimpleHTTPRequestHandler]:
        served = self

        class Counting(http.server.SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                phase, self.sent = served.phase, 0
                try:
                    super().do_GET()
                finally:
                    served.responses.append((phase, urlsplit(self.path).path, self.sent))

            def copyfile(self, source: Any, outputfile: Any) -> None:
                data = source.read()
                outputfile.write(data)
                self.sent += len(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Counting


class OfflineLeakError(RuntimeError):
    """A page opened from file:// asked for something that is not a local file."""


def page_paths(site: Path) -> dict[str, str]:
    """Each measured page's URL path relative to the site (directory URLs or ``.html``)."""
    paths: dict[str, str] = {}
    for label, stem in PAGES:
        if (site / f"{stem}.html").is_file():
            paths[label] = f"{stem}.html"
        elif (site / stem / "index.html").is_file():
            paths[label] = "" if stem == "index" else f"{stem}/"
        else:
            raise FileNotFoundError(f"{label}: neither {stem}.html nor {stem}/index.html in {site}")
    return paths


def _context(browser: Any, offline: bool, leaks: list[str]) -> Any:
    context = browser.new_context()
    if offline:
        def block(route: Any) -> None:
            leaks.append(route.request.url)
            route.abort()

        context.route(NOT_FILE, block)
    return context


def _file_size(url: str) -> int:
    path = Path(unquote(urlsplit(url).path))
    return path.stat().st_size if path.is_file() else 0


def page_load(browser: Any, url: str, offline: bool, loads: int) -> dict[str, float]:
    times: list[float] = []
    dcls: list[float] = []
    leaks: list[str] = []
    for _ in range(loads):
        context = _context(browser, offline, leaks)
        page = context.new_page()
        page.goto(url, wait_until="load")
        timing = page.wait_for_function(_NAV_TIMING, timeout=60_000).json_value()
        times.append(timing["load"])
        dcls.append(timing["dcl"])
        context.close()
    if leaks:
        raise OfflineLeakError(f"{url}: requests left the machine: {sorted(set(leaks))}")
    return {"load_ms": statistics.median(times), "dcl_ms": statistics.median(dcls)}


def first_query(browser: Any, url: str, query: str, served: Served | None, timeout_ms: float) -> dict[str, Any]:
    """Open the search box on a fresh, idle page and type ``query``: time and bytes to the first results.

    ``served`` counts the bytes over http; without it the page is opened from file://.
    """
    leaks: list[str] = []
    offline = served is None
    served = served or Served()
    served.phase, served.responses = "load", []
    context = _context(browser, offline, leaks)
    if offline:
        context.on("request", lambda r: served.responses.append((served.phase, r.url, _file_size(r.url))))
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.evaluate(_INSTALL, RESULT)
        served.phase = "open"
        page.keyboard.press("/")
        page.wait_for_selector("[data-md-component=search-query]", state="visible", timeout=timeout_ms)
        page.keyboard.insert_text(query)
        page.keyboard.press("End")  # a keyup, as after typing: Material queries on keyup
        error = ""
        try:
            page.wait_for_function("() => window.__asnBench.t1 !== null", timeout=timeout_ms, polling=50)
        except Exception as exc:  # no result within the time limit: recorded, not fatal
            error = f"no results for {query!r} within {timeout_ms / 1000:.0f} s ({type(exc).__name__})"
        served.phase = "after"
        state = page.evaluate("() => window.__asnBench")
        opened = [(path, size) for phase, path, size in served.responses if phase == "open"]
        loaded = [(path, size) for phase, path, size in served.responses if phase == "load"]
        outcome = {
            "ms": state["t1"] - state["t0"] if state["t1"] is not None else None,
            "results": page.locator(RESULT).count(),
            "requests": len(opened),
            "bytes": sum(size for _, size in opened),
            "load_search_bytes": sum(size for path, size in loaded if SEARCH_URL.search(urlsplit(path).path)),
            "load_bytes": sum(size for _, size in loaded),
            "error": error,
        }
    finally:
        context.close()
    if leaks:
        raise OfflineLeakError(f"{url}: requests left the machine: {sorted(set(leaks))}")
    return outcome


def _median_or_none(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def measure_site(browser: Any, site: Path, base: str, served: Served | None, loads: int, repeats: int,
                 timeout_ms: float, log: Callable[[str], None]) -> dict[str, Any]:
    paths = page_paths(site)
    pages = {label: page_load(browser, base + path, served is None, loads) for label, path in paths.items()}
    log("    page load (ms): " + ", ".join(f"{k} {v['load_ms']:.0f}" for k, v in pages.items()))
    search: dict[str, Any] = {}
    for query in QUERIES:
        runs = [first_query(browser, base + paths["home"], query, served, timeout_ms) for _ in range(repeats)]
        search[query] = {
            "ms": _median_or_none([r["ms"] for r in runs]),
            "runs_ms": [r["ms"] for r in runs],
            "results": max(r["results"] for r in runs),
            "requests": max(r["requests"] for r in runs),
            "bytes": statistics.median(r["bytes"] for r in runs),
            "load_search_bytes": statistics.median(r["load_search_bytes"] for r in runs),
            "load_bytes": statistics.median(r["load_bytes"] for r in runs),
            "errors": sorted({r["error"] for r in runs if r["error"]}),
        }
        s = search[query]
        log(f"    search {query!r}: {s['ms'] if s['ms'] is None else round(s['ms'])} ms, {s['results']} results, "
            f"{s['bytes'] / 1024:.0f} KB in {s['requests']} requests; {s['load_search_bytes'] / 1024:.0f} KB "
            f"search-related with the page {'; ' + '; '.join(s['errors']) if s['errors'] else ''}")
    return {"pages": pages, "search": search}


def measure(site: Path, offline: bool, loads: int, repeats: int, timeout_ms: float,
            log: Callable[[str], None]) -> dict[str, Any]:
    """Serve ``site`` over http (or open it from file://) and measure it in a fresh Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            if offline:
                return measure_site(browser, site, site.as_uri() + "/", None, loads, repeats, timeout_ms, log)
            served = Served()
            with serve(site, served.handler()) as base:
                return measure_site(browser, site, base, served, loads, repeats, timeout_ms, log)
        finally:
            browser.close()
