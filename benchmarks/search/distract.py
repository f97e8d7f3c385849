"""Search quality at national scale: the benchmark's own pages drowned in N generated entries.

For each N (default 0, 5,000 and 20,000) a copy of this project gets N generated courses and N/4
articles (``devtools/catalog.py``, the same entries at every N) beside its own, is built once, and
every query of queries.tsv is asked of

  ours      asn-portal's engine, from its module sources in Node.js (``tests/js/search-node.js``)
            against the built ``search/`` folder: the shards the browser would load;
  pagefind  Pagefind (``pip install 'pagefind[extended]'``; only for this comparison) over the same
            built site, asked through its own ``pagefind.js`` in headless Chromium over http.

It reports recall@5 on the tuned and the held-out queries (the ``split`` column of queries.tsv) and
the bytes the first query loads (a fresh reader: engine, index files and the top results' data).

    python -m benchmarks.search.distract [--sizes 0,5000,20000] [--no-pagefind] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks.search import run as bench
from devtools import ROOT
from devtools.catalog import article_values, course_values, write_yaml

HARNESS = ROOT / "tests" / "js" / "search-node.js"
SECTION = "## Di antara entri buatan"  # this benchmark's part of docs/search-benchmark.md (run.py keeps it)
SPLITS = ("tuned", "held-out")


@dataclass
class Measure:
    """One engine at one N: the first result pages of every query, and the first query's bytes."""

    engine: str
    n: int
    found: list[list[str]] = field(default_factory=list)
    first_bytes: int = 0

    def recall(self, queries: list[bench.Query], split: str | None = None) -> float:
        chosen = [(q, f) for q, f in zip(queries, self.found, strict=True) if split in (None, q.split)]
        return sum(bench.Outcome(q, f).recall for q, f in chosen) / len(chosen) if chosen else float("nan")


def project_with_distractors(target: Path, n: int, source: Path = ROOT) -> Path:
    """A copy of ``source``'s project with N generated courses and N/4 articles beside its own."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("content", "materials"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    for i in range(1, n + 1):
        write_yaml(target / "content" / "courses" / f"kursus-{i:04d}.yml", course_values(i))
    for i in range(1, n // 4 + 1):
        write_yaml(target / "content" / "articles" / f"artikel-{i:04d}.yml", article_values(i, n))
    return target


def ask_ours(site: Path, queries: list[bench.Query], node: str = "node") -> Measure:
    """Every query through one engine (shards stay loaded between queries, as in a reader's tab); the
    first query's bytes from a fresh engine, as a reader pays them."""
    out = subprocess.run([node, str(HARNESS), str(site)], input="\n".join(q.text for q in queries), text=True,
                         capture_output=True, check=True, timeout=1800).stdout
    answers = json.loads(out)
    measure = Measure("ours", 0, [_top(a["items"]) for a in answers], answers[0]["bytes"] if answers else 0)
    return measure


def _top(items: list[dict[str, Any]]) -> list[str]:
    pages: list[str] = []
    for item in items:
        key = bench.page_key(item["location"], "")
        if key not in pages:
            pages.append(key)
    return pages[:bench.TOP]


# Pagefind in the page: the first query of a fresh reader counts what it loads (pagefind.js, its worker
# and wasm, the metadata, the index chunks and the top five results' fragments; the worker's requests
# are seen by the browser context, not by the page's performance entries).
_PAGEFIND_QUERY = """async (q) => {
  const pagefind = window.__pf || (window.__pf = await import("./pagefind/pagefind.js"));
  const search = await pagefind.search(q);
  const top = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  return top.map(d => d.url);
}"""


def index_pagefind(site: Path) -> None:
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article"],
                   check=True, capture_output=True, timeout=3600)


def ask_pagefind(browser: Any, site: Path, queries: list[bench.Query]) -> Measure:
    """Each query through one Pagefind instance; the first query's bytes are the files it fetched, as
    they lie on disk (Pagefind's index files are stored compressed, as they are sent)."""
    measure = Measure("pagefind", 0)
    with bench.serve(site) as base:
        context = browser.new_context()
        fetched: list[str] = []
        context.on("requestfinished", lambda r: fetched.append(r.url))
        page = context.new_page()
        page.goto(base)
        for i, query in enumerate(queries):
            urls = page.evaluate(_PAGEFIND_QUERY, query.text)
            if i == 0:
                page.wait_for_timeout(500)  # the context's last "request finished" events
                paths = {urlsplit(u).path for u in fetched if "/pagefind/" in u}
                measure.first_bytes = sum((site / p.lstrip("/")).stat().st_size for p in paths)
            measure.found.append(_top([{"location": u.lstrip("/")} for u in urls]))
        context.close()
    return measure


def measure_size(n: int, queries: list[bench.Query], work: Path, browser: Any | None,
                 engines: tuple[str, ...] = ("ours", "pagefind")) -> list[Measure]:
    """Build the site with N generated entries under ``work`` (a site already built there is reused:
    ``--keep``) and ask each engine."""
    site = work / f"site{n}"
    if not (site / "search" / "manifest.js").is_file():
        project = project_with_distractors(work / f"n{n}", n)
        bench.build_site(project, site, indonesian=True)
        shutil.rmtree(project)
    measures = [ask_ours(site, queries)] if "ours" in engines else []
    if browser is not None and "pagefind" in engines:
        if not (site / "pagefind").is_dir():
            index_pagefind(site)
        measures.append(ask_pagefind(browser, site, queries))
    for m in measures:
        m.n = n
    return measures


def report(measures: list[Measure], queries: list[bench.Query]) -> str:
    counts = {s: sum(q.split == s for q in queries) for s in SPLITS}
    lines = ["| Mesin | N tambahan | recall@5 disetel "
             f"({counts['tuned']}) | recall@5 disisihkan ({counts['held-out']}) | semua | kueri pertama (KB) |",
             "|---|---:|---:|---:|---:|---:|"]
    names = {"ours": "asn-portal", "pagefind": "Pagefind 1.5.2"}
    for m in sorted(measures, key=lambda m: (m.engine != "ours", m.engine, m.n)):
        lines.append(f"| {names.get(m.engine, m.engine)} | {m.n:,} | {m.recall(queries, 'tuned'):.3f} | "
                     f"{m.recall(queries, 'held-out'):.3f} | {m.recall(queries):.3f} | {m.first_bytes / 1000:.0f} |")
    return "\n".join(lines) + "\n"


def misses(measures: list[Measure], queries: list[bench.Query]) -> str:
    """The queries some run did not answer in full, with each run's recall."""
    head = " | ".join(f"{m.engine} {m.n:,}" for m in measures)
    lines = [f"| kueri | set | diharapkan | {head} |", "|---|---|---|" + "---:|" * len(measures)]
    for i, query in enumerate(queries):
        recalls = [bench.Outcome(query, m.found[i]).recall for m in measures]
        if min(recalls) < 1:
            lines.append(f"| {query.text} | {query.split} | {', '.join(query.expected)} | " +
                         " | ".join(f"{r:.1f}" for r in recalls) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0,5000,20000")
    parser.add_argument("--queries", type=Path, default=Path(__file__).resolve().parent / "queries.tsv")
    parser.add_argument("--no-pagefind", action="store_true")
    parser.add_argument("--out", type=Path, help="write the tables here (Markdown)")
    parser.add_argument("--keep", type=Path, help="build the sites here and keep them (a later run reuses them)")
    args = parser.parse_args(argv)
    queries = bench.read_queries(args.queries)
    measures: list[Measure] = []
    with tempfile.TemporaryDirectory(prefix="asn-search-distract-") as tmp:
        work = args.keep or Path(tmp)
        browser, stop = (None, None) if args.no_pagefind else _browser()
        try:
            for n in (int(s) for s in args.sizes.split(",")):
                measures += measure_size(n, queries, work, browser)
                print(report(measures, queries), flush=True)
        finally:
            if stop is not None:
                stop()
    text = report(measures, queries) + "\n" + misses(measures, queries)
    if args.out:
        write_section(args.out, f"{SECTION}\n\n{INTRO}\n\n{text}")
    print(text)
    return 0


INTRO = ("recall@5 dan byte kueri pertama saat halaman benchmark sendiri berada di antara N kursus buatan "
         "(+ N/4 artikel, `devtools/catalog.py`), diukur oleh `python -m benchmarks.search.distract`: mesin kami di "
         "Node.js atas shard yang sama dengan yang dimuat peramban, Pagefind 1.5.2 atas situs yang sama di "
         "Chromium. *Disisihkan*: setiap kueri keempat di `queries.tsv` (kolom `split`), dipisahkan sebelum "
         "peringkat disetel dan tidak dilihat selama penyetelan.")


def write_section(path: Path, section: str) -> None:
    """Replace this benchmark's section of ``path`` (from SECTION to the end), keeping what is above."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    head = text.split(SECTION, 1)[0].rstrip("\n")
    path.write_text((head + "\n\n" if head else "") + section, encoding="utf-8")


def _browser() -> tuple[Any, Any]:
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=bench.CHROMIUM, args=bench.CHROMIUM_ARGS)

    def stop() -> None:
        browser.close()
        pw.stop()
    return browser, stop


if __name__ == "__main__":
    sys.exit(main())
