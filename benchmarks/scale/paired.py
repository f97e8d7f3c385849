"""Paired re-measurement in the browser: the smallest N against bigger ones, interleaved, many rounds.

    python -m benchmarks.scale.paired [--work /tmp/asn-scale-bench] [--sizes 300,20000] [--rounds 15]
                                      [--via file,http] [--out docs/scale-paired.md]

``benchmarks/scale/run.py`` measures each N once, minutes apart, a few loads each: the machine's load
changes in between, and on 2 cores a few hundred milliseconds swing by a third. This script takes the
sites and unpacked bundles that run.py left in ``--work`` (``nN/ours/site``, ``nN/ours-bundle``) and
measures them again in rounds: each round loads every page and asks every query once per size, the
sizes in alternating order, so each ratio compares measurements taken seconds apart. Page load and
first results are measured by ``benchmarks/scale/browser.py`` (one fresh browser context each).

Reported per page and query: the median of each size, the ratio of medians, and a 90% bootstrap
interval of that ratio (rounds resampled as pairs).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.build.run import machine_description
from benchmarks.scale import browser, builds
from devtools.loopback import serve

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

GOAL = {"page": 1.2, "search": 1.2, "course index": 2.0}
Samples = dict[str, dict[int, list[float]]]  # metric -> N -> one value per round


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def sites(work: Path, n: int) -> dict[str, Path]:
    folder = work / f"n{n}"
    found = {"file": builds.bundle_site(folder / "ours-bundle"), "http": folder / "ours" / "site"}
    for path in found.values():
        if not (path / "index.html").is_file():
            raise FileNotFoundError(f"{path}: no index.html (run python -m benchmarks.scale.run --sizes {n} first)")
    return found


def one_round(chromium: Any, bases: dict[int, str], paths: dict[int, dict[str, str]], offline: bool,
              order: list[int], samples: Samples, timeout_ms: float) -> None:
    for label in paths[order[0]]:
        for n in order:
            load = browser.page_load(chromium, bases[n] + paths[n][label], offline, 1)["load_ms"]
            samples.setdefault(label, {}).setdefault(n, []).append(load)
    for query in browser.QUERIES:
        for n in order:
            served = None if offline else browser.Served()
            outcome = browser.first_query(chromium, bases[n] + paths[n]["home"], query, served, timeout_ms)
            if outcome["ms"] is None:
                raise RuntimeError(f"N={n}: {outcome['error']}")
            samples.setdefault(f"cari “{query}”", {}).setdefault(n, []).append(outcome["ms"])


def measure(work: Path, sizes: list[int], via: str, rounds: int, timeout_ms: float) -> Samples:
    from playwright.sync_api import sync_playwright

    found = {n: sites(work, n)[via] for n in sizes}
    paths = {n: browser.page_paths(site) for n, site in found.items()}
    samples: Samples = {}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        try:
            if via == "file":
                bases = {n: site.as_uri() + "/" for n, site in found.items()}
                _rounds(chromium, bases, paths, True, sizes, rounds, samples, timeout_ms)
            else:
                with contextlib.ExitStack() as stack:  # every size served at once, each on its own port
                    bases = {n: stack.enter_context(serve(site)) for n, site in found.items()}
                    _rounds(chromium, bases, paths, False, sizes, rounds, samples, timeout_ms)
        finally:
            chromium.close()
    return samples


def _rounds(chromium: Any, bases: dict[int, str], paths: dict[int, dict[str, str]], offline: bool,
            sizes: list[int], rounds: int, samples: Samples, timeout_ms: float) -> None:
    for r in range(rounds):
        order = sizes if r % 2 == 0 else sizes[::-1]
        one_round(chromium, bases, paths, offline, order, samples, timeout_ms)
        log(f"  round {r + 1}/{rounds} done")


def ratio_interval(small: list[float], big: list[float], draws: int = 2000) -> tuple[float, float]:
    """90% bootstrap interval of median(big) / median(small), rounds resampled as pairs."""
    rng = random.Random(0)
    pairs = list(zip(small, big, strict=True))
    ratios = []
    for _ in range(draws):
        pick = [rng.choice(pairs) for _ in pairs]
        ratios.append(statistics.median(b for _, b in pick) / statistics.median(s for s, _ in pick))
    ratios.sort()
    return ratios[int(0.05 * draws)], ratios[int(0.95 * draws) - 1]


def goal(metric: str) -> float:
    if metric == "course index":
        return GOAL["course index"]
    return GOAL["search"] if metric.startswith("cari") else GOAL["page"]


LABELS = {"home": "beranda", "course index": "indeks kursus", "course": "kursus", "factor": "faktor",
          "article": "artikel"}


def markdown(results: dict[str, Any]) -> str:
    sizes: list[int] = results["sizes"]
    small = sizes[0]
    lines = ["# Tolok ukur skala: pengukuran ulang berpasangan", "",
             f"Diukur oleh `benchmarks/scale/paired.py` pada {results['date']} ({results['machine']}), dari situs "
             f"dan bundel yang dibangun `benchmarks/scale/run.py` (commit `{results['commit']}`). Tiap putaran memuat "
             "setiap halaman dan menjalankan setiap kueri sekali untuk tiap ukuran, urutan ukuran bergantian, "
             "jadi kedua ukuran diukur dalam beban mesin yang sama. Muat halaman = `loadEventEnd`; cari = dari "
             "tombol `/` sampai hasil pertama tampil; tiap ukuran dalam konteks peramban baru (tanpa cache).", "",
             "Rasio = median ukuran besar / median N = " + f"{small}; interval = bootstrap 90% atas putaran "
             "(berpasangan). ✓ berarti rasio median dalam target (1,2×; indeks kursus 2×).", ""]
    for via, samples in results["via"].items():
        title = "Bundel luring (file://)" if via == "file" else "Daring (http)"
        lines += [f"## {title}, {results['rounds']} putaran", "",
                  "| yang diukur | " + " | ".join(f"N = {n} (ms)" for n in sizes) + " | " +
                  " | ".join(f"rasio {n}/{small} [90%]" for n in sizes[1:]) + " |",
                  "|---|" + "---:|" * (2 * len(sizes) - 1)]
        for metric, by_n in samples.items():
            medians = {int(n): statistics.median(v) for n, v in by_n.items()}
            cells = [f"{medians[n]:.0f}" for n in sizes]
            for n in sizes[1:]:
                ratio = medians[n] / medians[small]
                low, high = ratio_interval(by_n[str(small)], by_n[str(n)])
                mark = "✓" if ratio <= goal(metric) else "✗"
                cells.append(f"{ratio:.2f}× [{low:.2f}–{high:.2f}] {mark}".replace(".", ","))
            lines.append(f"| {LABELS.get(metric, metric)} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "asn-scale-bench")
    parser.add_argument("--sizes", default="300,20000", help="comma-separated; the smallest is the baseline")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--via", default="file,http", help="file, http or both")
    parser.add_argument("--search-timeout", type=float, default=120)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "scale-paired.md")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    via = [v.strip() for v in args.via.split(",") if v.strip()]
    if len(sizes) < 2 or args.rounds < 2 or not set(via) <= {"file", "http"}:
        parser.error("two sizes or more, --rounds >= 2, --via among file,http")
    built = json.loads((args.work / "results.json").read_text(encoding="utf-8")).get("meta", {})
    results: dict[str, Any] = {"sizes": sizes, "rounds": args.rounds, "date": dt.date.today().isoformat(),
                               "machine": machine_description(), "commit": built.get("ours", "?"), "via": {}}
    for where in via:
        log(f"{where}: {args.rounds} rounds of N = {', '.join(map(str, sizes))}")
        samples = measure(args.work, sizes, where, args.rounds, args.search_timeout * 1000)
        results["via"][where] = {m: {str(n): v for n, v in by_n.items()} for m, by_n in samples.items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown(results), encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
