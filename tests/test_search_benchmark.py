"""recall@5 on benchmarks/search/queries.tsv: ours >= 0.95 over http and from file://, and
clearly above Material's default. Runs the same code as `python benchmarks/search/run.py`."""

from __future__ import annotations

import sys
from typing import Any

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks" / "search"))
import run as bench


def test_indonesian_search_recall_online_and_offline(browser: Any) -> None:
    queries = bench.read_queries(ROOT / "benchmarks" / "search" / "queries.tsv")
    assert len(queries) >= 40
    assert sum(q.form != "same" for q in queries) >= len(queries) / 2
    runs = bench.run_benchmark(ROOT, queries, browser=browser)
    print("\n" + bench.report(runs, queries))
    default, ours, offline = (runs[m].recall() for m in ("default", "ours", "offline"))
    assert ours >= 0.95, bench.report(runs, queries)
    assert offline >= 0.95, bench.report(runs, queries)
    assert ours >= default + 0.05
