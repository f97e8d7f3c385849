"""Search quality: recall@5 of Material's default search vs. asn-portal's Indonesian search.

Builds the project three ways and enters every query of queries.tsv into Material's search box
in headless Chromium, side by side:
  default  Material's own search (theme.language: id -> English lunr, empty pipeline), over http
  ours     asn-portal's sharded Indonesian search (stemmer, stop words, typo tolerance), over http
  offline  ours, from the offline bundle opened from file:// with the network blocked

    python -m benchmarks.search.run [--project DIR] [--out docs/search-benchmark.md]

A query counts by the share of its expected pages found among the first five result pages.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from devtools import ROOT
from devtools.browser import CHROMIUM, CHROMIUM_ARGS, keep_local
from devtools.loopback import serve

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
HERE = Path(__file__).resolve().parent
TOP = 5
SCALE_SECTION = "## Di antara entri buatan"  # distract.py's part of the report, kept when this one is rewritten


@dataclass
class Query:
    text: str
    expected: list[str]
    form: str
    note: str = ""
    split: str = "tuned"  # "held-out": never looked at while tuning the ranking


@dataclass
class Outcome:
    query: Query
    found: list[str]

    @property
    def recall(self) -> float:
        return sum(e in self.found for e in self.query.expected) / len(self.query.expected)


@dataclass
class Run:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)

    def recall(self, form: str | None = None) -> float:
        chosen = [o for o in self.outcomes if form is None or o.query.form == form]
        return sum(o.recall for o in chosen) / len(chosen) if chosen else float("nan")


def read_queries(path: Path) -> list[Query]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return [Query(r["query"].strip(), [e.strip() for e in r["expected"].split(",") if e.strip()],
                      r["form"].strip(), (r.get("note") or "").strip(), (r.get("split") or "tuned").strip())
                for r in rows if r["query"].strip()]


def page_key(href: str, base: str) -> str:
    """``kursus/x/``, whether the result links ``.../kursus/x/?h=`` or ``.../kursus/x.html``."""
    path = urlsplit(href).path
    base_path = urlsplit(base).path
    rel = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    elif rel.endswith(".html"):
        rel = rel[: -len(".html")] + "/"
    return rel


def build_site(project: Path, target: Path, indonesian: bool) -> Path:
    from asn_portal.engines.mkdocs.build import load, run_build

    config = load(project / "mkdocs.yml", site_dir=str(target))
    config.plugins["asn-portal"].config["indonesian_search"] = indonesian
    run_build(config)
    return target


def build_bundle(project: Path, work: Path) -> Path:
    from asn_portal.kit.bundle import make_bundle

    zip_path = make_bundle(project / "mkdocs.yml", work / "portal-asn.zip").path
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(work / "bundle")
    return work / "bundle" / "portal-asn" / "situs"


def search_all(browser: Any, start_url: str, base: str, queries: list[Query], name: str) -> Run:
    """Enter each query into Material's search box and read the first result pages."""
    context = browser.new_context()
    blocked = keep_local(context, "file:") if start_url.startswith("file:") else []
    page = context.new_page()
    page.goto(start_url)
    box = page.locator("input.md-search__input")
    # Opening the box starts the search (from file:// Material sets its worker up only then); once
    # the worker is ready Material asks it for the box's value. That answer is rendered with the
    # value at the time it arrives, so had the first query been typed in between, the empty
    # query's answer would pass for the first query's (and the first query's for the second's).
    box.focus()
    try:
        page.wait_for_function(_IDLE, timeout=15_000)
    except Exception as exc:
        raise RuntimeError(f"{name}: the search never became ready") from exc
    run = Run(name)
    seen: dict[str, list[str]] = {}  # Material does not ask its worker again for the same query
    for query in queries:
        if query.text not in seen:
            seen[query.text] = _results(page, box, query.text, base, name)
        run.outcomes.append(Outcome(query, seen[query.text]))
    context.close()
    if blocked:
        raise RuntimeError(f"{name}: requests left the machine: {blocked}")
    return run


# Ready and idle: the worker answered the empty query Material sends when it is ready, so the
# result list says the placeholder ("Ketik untuk ...") instead of "Mempersiapkan pencarian".
_IDLE = """() => {
  const translations = JSON.parse(document.getElementById('__config').textContent).translations || {};
  return document.querySelector('.md-search-result__meta').textContent === translations['search.result.placeholder'];
}"""
# A hidden item in the result list: Material empties the list when it renders the worker's answer.
_MARK_PENDING = """() => {
  const item = document.createElement('li');
  item.id = 'asn-bench-pending';
  item.hidden = true;
  document.querySelector('.md-search-result__list').appendChild(item);
}"""
# Answered: the list was rendered anew, for a query that was not empty. Material also asks for the
# empty query once, when its index is ready; that answer says the placeholder ("Ketik untuk ...").
_ANSWERED = """() => {
  if (document.getElementById('asn-bench-pending')) return false;
  const translations = JSON.parse(document.getElementById('__config').textContent).translations || {};
  return document.querySelector('.md-search-result__meta').textContent !== translations['search.result.placeholder'];
}"""


def _results(page: Any, box: Any, text: str, base: str, name: str) -> list[str]:
    """The first result pages for ``text``, once Material has rendered the worker's answer to it.

    Material sends the box's value to its search worker on every keyup (once the index is ready),
    so the whole query is entered and then one key is released: the worker answers that query
    alone, never a half-typed one, and no fixed pause is needed to tell the answers apart.
    """
    page.evaluate(_MARK_PENDING)
    box.fill(text)
    box.press("End")
    try:
        page.wait_for_function(_ANSWERED, timeout=15_000)
    except Exception as exc:
        raise RuntimeError(f"{name}: no search answer for {text!r}") from exc
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    pages: list[str] = []
    for href in hrefs:
        key = page_key(href, base)
        if key not in pages:
            pages.append(key)
    return pages[:TOP]


def run_benchmark(project: Path, queries: list[Query], modes: tuple[str, ...] = ("default", "ours", "offline"),
                  browser: Any = None) -> dict[str, Run]:
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return run_benchmark(project, queries, modes, launched)
            finally:
                launched.close()
    runs: dict[str, Run] = {}
    with tempfile.TemporaryDirectory(prefix="asn-search-bench-") as tmp:
        work = Path(tmp)
        for mode in modes:
            if mode == "offline":
                site = build_bundle(project, work / mode)
                base = site.as_uri() + "/"
                runs[mode] = search_all(browser, base + "index.html", base, queries, mode)
            else:
                site = build_site(project, work / mode, indonesian=(mode == "ours"))
                with serve(site) as base:
                    runs[mode] = search_all(browser, base, base, queries, mode)
    return runs


def report(runs: dict[str, Run], queries: list[Query]) -> str:
    forms = sorted({q.form for q in queries})
    labels = {"default": "Material bawaan (http)", "ours": "asn-portal (http)",
              "offline": "asn-portal, bundel luring (file://)"}
    lines = ["# Tolok ukur pencarian", "",
             f"recall@{TOP} atas {len(queries)} kueri di `benchmarks/search/queries.tsv` "
             "(diukur oleh `benchmarks/search/run.py` di Chromium headless).", "",
             "| Pencarian | semua | " + " | ".join(f"{f} ({sum(q.form == f for q in queries)})" for f in forms) + " |",
             "|---|---|" + "---|" * len(forms)]
    for name, run in runs.items():
        cells = " | ".join(f"{run.recall(f):.2f}" for f in forms)
        lines.append(f"| {labels.get(name, name)} | **{run.recall():.3f}** | {cells} |")
    lines += ["", "## Kueri yang tidak lengkap", "", "| kueri | bentuk | diharapkan | " +
              " | ".join(runs) + " |", "|---|---|---|" + "---|" * len(runs)]
    for i, query in enumerate(queries):
        recalls = [run.outcomes[i].recall for run in runs.values()]
        if min(recalls) < 1:
            lines.append(f"| {query.text} | {query.form} | {', '.join(query.expected)} | " +
                         " | ".join(f"{r:.1f}" for r in recalls) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--queries", type=Path, default=HERE / "queries.tsv")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "search-benchmark.md")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"Chromium tidak ditemukan di {CHROMIUM}", file=sys.stderr)
        return 2
    queries = read_queries(args.queries)
    runs = run_benchmark(args.project, queries)
    text = report(runs, queries)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    kept = args.out.read_text(encoding="utf-8").partition(SCALE_SECTION)[1:] if args.out.exists() else ("", "")
    args.out.write_text(text + ("\n" + "".join(kept) if kept[0] else ""), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

