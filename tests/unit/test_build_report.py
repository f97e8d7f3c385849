"""The build benchmark's report (benchmarks/build/report.py): beside the ratio of medians, asn-portal's time over
each other build's in the same repetition, so a machine that slows down during a run shows in the pairs."""

from __future__ import annotations

from benchmarks.build.measure import Measurement, median
from benchmarks.build.report import SizeResult, paired_table, ratio_table


def run(seconds: float) -> Measurement:
    return Measurement(seconds, seconds, 100, 100, 100, 10, 1000, 2000)


def test_each_repetitions_pair_and_their_median_are_reported() -> None:
    runs = {"ours": [run(10), run(20), run(12)], "mkdocs+material": [run(20), run(25), run(16)]}
    result = SizeResult(5000, 1250, {name: median(r) for name, r in runs.items()}, runs)
    assert "| asn-portal ÷ MkDocs + Material, tanpa plugin | **0.60×**" in "\n".join(ratio_table(result))  # 12 / 20
    assert paired_table(result)[2] == "| MkDocs + Material, tanpa plugin | 0.50× | 0.80× | 0.75× | **0.75×** |"


def test_a_single_repetition_has_no_pairs_to_show() -> None:
    runs = {"ours": [run(10)], "mkdocs+material": [run(20)]}
    assert paired_table(SizeResult(5000, 1250, {n: median(r) for n, r in runs.items()}, runs)) == []
