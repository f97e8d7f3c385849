"""The scale benchmark's report (Indonesian, like docs/build-benchmark.md) and its plot, from results.json."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.scale.browser import PAGES, QUERIES

NAMES = {"ours": "asn-portal (sekarang)", "main": "main awal", "zensical": "Zensical"}
TRANSPORTS = {"http": "http", "file": "file://"}
PAGE_LABELS = {"home": "beranda", "course index": "indeks kursus", "course": "kursus", "factor": "faktor",
               "article": "artikel"}
INDEX_PAGES = ("course index",)  # goal: within 2x of N=300; the others (home, entries) within 1.2x
FIRST_QUERY_GOAL_KB = 300
KB = 1024


def _num(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{x:,.{digits}f}".replace(",", " ")


def _ratio(a: float | None, b: float | None) -> str:
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def _ok(value: float | None, limit: float) -> str:
    return "" if value is None else (" ✓" if value <= limit else " ✗")


def browser_sites(results: dict[str, Any], sizes: list[int]) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """(N, build, transport label, measurements) of every browser stage that ran, in table order."""
    for n in sizes:
        for name in ("ours", "main"):
            for transport, label in TRANSPORTS.items():
                site = stage(results, name, n, transport)
                if site is not None:
                    yield n, name, label, site


def stage(results: dict[str, Any], name: str, n: int, what: str) -> dict[str, Any] | None:
    """A measured stage, or None when it was skipped or failed."""
    found = results["stages"].get(f"{name}/{n}/{what}")
    return found if found and "error" not in found else None


def search_ms(site: dict[str, Any] | None) -> float | None:
    """Median over the queries of each query's median time to first results."""
    times = [q["ms"] for q in (site or {}).get("search", {}).values() if q["ms"] is not None]
    return statistics.median(times) if times else None


def _search_bytes(site: dict[str, Any], key: str) -> float:
    return max(q[key] for q in site["search"].values())


def sizes_of(results: dict[str, Any]) -> list[int]:
    return sorted(int(n) for n in results["sizes"])


def _build_table(results: dict[str, Any], sizes: list[int]) -> list[str]:
    lines = ["| N kursus | Artikel | Build | Halaman HTML | Waktu (s) | CPU (s) | RSS puncak (MB) | HTML (MB) "
             "| Indeks cari (KB) | Zip (MB) | Bundel (s) | Build ke- | Beban mesin |",
             "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        size = results["sizes"][str(n)]
        for name in NAMES:
            b = stage(results, name, n, "build")
            if b is None:
                continue
            z = stage(results, name, n, "bundle")
            lines.append(f"| {n} | {size['articles']} | {NAMES[name]} | {b['html_pages']} | {_num(b['seconds'])} "
                         f"| {_num(b['cpu_seconds'])} | {_num(b['peak_rss_mb'], 0)} | {_num(b['html_bytes'] / KB**2)} "
                         f"| {_num(b['index_bytes'] / KB, 0)} | {_num(z['zip_bytes'] / KB**2 if z else None)} "
                         f"| {_num(z['seconds'] if z else None)} | {len(b.get('runs', [b]))} "
                         f"| {_num(b['load_before'])} |")
    return lines


def _ratio_tables(results: dict[str, Any], sizes: list[int]) -> list[str]:
    lines = ["", "## Rasio build", "",
             "Kurang dari 1 berarti asn-portal sekarang lebih cepat atau lebih hemat.", "",
             "| N kursus | waktu sekarang / main awal | CPU sekarang / main awal | RSS sekarang / main awal "
             "| waktu asn-portal / Zensical | CPU asn-portal / Zensical | RSS asn-portal / Zensical |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        ours, main, zen = (stage(results, b, n, "build") for b in ("ours", "main", "zensical"))
        cells = []
        for other in (main, zen):
            for key in ("seconds", "cpu_seconds", "peak_rss_mb"):
                cells.append(_ratio(ours[key] if ours else None, other[key] if other else None))
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    first = next((n for n in sizes if stage(results, "ours", n, "build")), None)
    if first is None:
        return lines
    base = stage(results, "ours", first, "build")
    assert base is not None
    lines += ["", "## Linearitas build asn-portal", "",
              f"Waktu per halaman HTML dibandingkan dengan N = {first} (1,00 = tepat linear; CPU juga ditampilkan "
              "karena waktu dinding ikut terpengaruh beban mesin).", "",
              "| N kursus | Halaman HTML | ms/halaman | relatif | CPU ms/halaman | relatif |",
              "|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        b = stage(results, "ours", n, "build")
        if b is None:
            continue
        per, cpu = b["seconds"] / b["html_pages"], b["cpu_seconds"] / b["html_pages"]
        lines.append(f"| {n} | {b['html_pages']} | {1000 * per:.1f} "
                     f"| {per / (base['seconds'] / base['html_pages']):.2f} | {1000 * cpu:.1f} "
                     f"| {cpu / (base['cpu_seconds'] / base['html_pages']):.2f} |")
    return lines


def _browser_tables(results: dict[str, Any], sizes: list[int]) -> list[str]:
    query_cols = " | ".join(f"cari “{q}” (ms)" for q in QUERIES)
    lines = ["", "## Di peramban", "",
             "Muat halaman = `loadEventEnd` (ms sejak navigasi dimulai), median beberapa kali muat, tiap kali konteks "
             "peramban baru (tanpa cache). Cari = dari tombol `/` ditekan sampai hasil pertama tampil, halaman baru "
             "tiap kali. KB kueri pertama = semua permintaan sejak kotak cari dibuka sampai hasil tampil; KB cari saat "
             "muat = permintaan terkait pencarian (alamat memuat `search`/`lunr`) sebelum kotak dibuka.", "",
             "| N kursus | Build | Akses | " + " | ".join(f"{PAGE_LABELS[p]} (ms)" for p, _ in PAGES)
             + f" | {query_cols} | KB kueri pertama | KB cari saat muat | Beban mesin |",
             "|---:|---|---|" + "---:|" * (len(PAGES) + len(QUERIES) + 3)]
    for n, name, label, site in browser_sites(results, sizes):
        pages = " | ".join(_num(site["pages"][p]["load_ms"], 0) for p, _ in PAGES)
        queries = " | ".join(_num(s["ms"], 0) + ("" if s["results"] else " (0 hasil)")
                             for s in (site["search"][q] for q in QUERIES))
        lines.append(f"| {n} | {NAMES[name]} | {label} | {pages} | {queries} "
                     f"| {_num(_search_bytes(site, 'bytes') / KB, 0)} "
                     f"| {_num(_search_bytes(site, 'load_search_bytes') / KB, 0)} "
                     f"| {_num(site.get('load_before'))} |")
    before_after = [(n, t) for n in sizes for t in TRANSPORTS
                    if stage(results, "ours", n, t) and stage(results, "main", n, t)]
    if before_after:
        lines += ["", "## Sebelum dan sesudah: asn-portal sekarang / main awal", "",
                  "Kurang dari 1 berarti sekarang lebih cepat.", "",
                  "| N kursus | Akses | cari (median kueri) | " + " | ".join(PAGE_LABELS[p] for p, _ in PAGES) + " |",
                  "|---:|---|---:|" + "---:|" * len(PAGES)]
        for n, t in before_after:
            ours, main = stage(results, "ours", n, t), stage(results, "main", n, t)
            assert ours is not None and main is not None
            cells = [_ratio(search_ms(ours), search_ms(main))]
            cells += [_ratio(ours["pages"][p]["load_ms"], main["pages"][p]["load_ms"]) for p, _ in PAGES]
            lines.append(f"| {n} | {TRANSPORTS[t]} | " + " | ".join(cells) + " |")
    first = sizes[0]
    lines += ["", f"## asn-portal: rasio terhadap N = {first}", "",
              "Target: hasil pertama pencarian, beranda dan halaman entri tetap dalam 1,2× dari N = 300 pada 5 000 dan "
              "20 000 kursus; halaman indeks dalam 2×. ✓/✗ menandai target (berlaku untuk N ≥ 5 000; untuk N lebih "
              "kecil hanya sebagai petunjuk).", "",
              "| N kursus | Akses | cari (median kueri) | " + " | ".join(PAGE_LABELS[p] for p, _ in PAGES) + " |",
              "|---:|---|---:|" + "---:|" * len(PAGES)]
    for transport, label in TRANSPORTS.items():
        base = stage(results, "ours", first, transport)
        if base is None:
            continue
        for n in sizes:
            site = stage(results, "ours", n, transport)
            if site is None:
                continue
            cells = []
            s, s0 = search_ms(site), search_ms(base)
            cells.append(_ratio(s, s0) + (_ok(s / s0, 1.2) if s and s0 else ""))
            for p, _ in PAGES:
                r = site["pages"][p]["load_ms"] / base["pages"][p]["load_ms"]
                cells.append(f"{r:.2f}×" + _ok(r, 2.0 if p in INDEX_PAGES else 1.2))
            lines.append(f"| {n} | {label} | " + " | ".join(cells) + " |")
    lines += ["", "## Byte pencarian sampai hasil pertama", "",
              f"Target: kueri pertama ≤ {FIRST_QUERY_GOAL_KB} KB. Karena pencarian Material memuat seluruh indeks "
              "bersama halaman (sebelum kotak dibuka), target diperiksa pada jumlah keduanya: yang dibayar pembaca "
              "sampai hasil pertama. Angka = kueri terberat dari tiga kueri.", "",
              "| N kursus | Build | Akses | KB cari saat muat | KB kueri pertama | jumlah (KB) | target |",
              "|---:|---|---|---:|---:|---:|---|"]
    for n, name, label, site in browser_sites(results, sizes):
        load_kb = _search_bytes(site, "load_search_bytes") / KB
        first_kb = _search_bytes(site, "bytes") / KB
        total = load_kb + first_kb
        lines.append(f"| {n} | {NAMES[name]} | {label} | {_num(load_kb, 0)} | {_num(first_kb, 0)} "
                     f"| {_num(total, 0)} | {'ya' if total <= FIRST_QUERY_GOAL_KB else 'tidak'} |")
    return lines


def markdown(results: dict[str, Any], image: str) -> str:
    meta = results["meta"]
    sizes = sizes_of(results)
    lines = [
        "# Tolok ukur skala",
        "",
        "Build, bundel luring, muat halaman dan pencarian untuk katalog sintetis N kursus (+ N/4 artikel, "
        "8 faktor), diukur dalam satu kali jalan oleh `benchmarks/scale/run.py`, berdampingan: asn-portal "
        f"sekarang (`{meta.get('ours', '?')}`), main awal (`{meta.get('main', '?')}`, perintah yang sama dari "
        f"commit itu) dan Zensical {meta.get('zensical', '(tidak diukur)')} (penerus Material) yang membangun "
        "halaman yang sama persis, diekspor sebagai Markdown biasa dengan navigasi ramping yang sama (halaman "
        "indeks dan tulisan tangan di `nav`, entri tidak), dingin (`--clean`, tanpa `.cache/`). Yang "
        "dibandingkan adalah **rasionya**, bukan angka detiknya.",
        "",
        *([f"**Catatan:** asn-portal sekarang dan main awal saat ini adalah kode paket yang sama (`{meta['ours']}`); "
           "selisih di antara keduanya menunjukkan besarnya derau pengukuran di mesin ini.", ""]
          if meta.get("ours") == meta.get("main") else []),
        f"![Waktu build dan waktu hasil pencarian pertama terhadap ukuran katalog]({image})",
        "",
        "## Build",
        "",
        *_build_table(results, sizes),
        "",
        "Indeks cari = semua berkas di `site/search/` (Zensical: `search.json`). Zip dan bundel = `asn-portal bundle` "
        "(waktu dan ukuran zip). Beban mesin = rata-rata beban 1 menit saat build dimulai (pekerjaan lain di mesin).",
        *_ratio_tables(results, sizes),
        *_browser_tables(results, sizes),
        "",
        "## Cara mengukur",
        "",
        "Setiap build dan bundel adalah proses anak tersendiri yang dipanen dengan `os.wait4` (waktu dinding, CPU, "
        "RSS puncak milik proses itu saja), seperti `benchmarks/build/run.py`. Peramban: Chromium headless lewat "
        "Playwright; http = `site/` disajikan server http lokal; file:// = zip bundel yang diekstrak, setiap "
        "permintaan yang bukan `file:` diblokir dan menggagalkan pengukuran. Kotak cari dibuka setelah halaman "
        "selesai dimuat dan jaringan diam 500 ms. Kueri: kata judul (“arsip”), salah ketik satu huruf "
        "(“anggran” untuk anggaran) dan bentuk kata lain (“melatih” untuk pelatihan); ketiganya ada di setiap N. "
        "Byte http = `request.sizes()` (isi + header yang diterima); byte file:// = ukuran berkas yang diminta. "
        "KB = 1024 byte.",
        "",
        f"Mesin: {meta.get('machine', '?')}.",
        "",
    ]
    loads = [v.get("load_before", 0) for v in results["stages"].values() if "error" not in v]
    if loads and max(loads) > meta.get("nproc", 1):
        lines += [f"**Peringatan:** mesin sedang sibuk dengan pekerjaan lain (beban 1 menit sampai {max(loads):.1f} "
                  f"untuk {meta.get('nproc', '?')} CPU), jadi waktu dinding berderau; waktu CPU dan rasio lebih "
                  "andal, dan angka sebaiknya diukur ulang di mesin yang tenang.", ""]
    problems = {k: v["error"] for k, v in sorted(results["stages"].items()) if "error" in v}
    problems |= {f"{k}: {q}": e for k, v in results["stages"].items() if "search" in v
                 for q, s in v["search"].items() for e in s.get("errors", [])}
    if problems:
        lines += ["## Masalah", "", "Yang tidak terukur, dan sebabnya:", ""]
        for key, error in problems.items():
            lines += [f"- `{key}`:", "", "  ```text", *("  " + line for line in error.splitlines()[-12:]), "  ```", ""]
    return "\n".join(lines)


def _plain_log_ticks(axis: Any, ticker: Any) -> None:
    """Ticks at 1, 2, 5 x 10^k written as plain numbers (300, 1000, 20000)."""
    axis.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    axis.set_minor_locator(ticker.NullLocator())


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import ticker

    sizes = sizes_of(results)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for name, style in (("ours", "o-"), ("main", "s--"), ("zensical", "^-.")):
        points = [(b["html_pages"], b["seconds"]) for n in sizes if (b := stage(results, name, n, "build"))]
        if points:
            left.plot(*zip(*points, strict=True), style, label=NAMES[name])
    left.set(xscale="log", yscale="log", xlabel="halaman HTML", ylabel="waktu build (s)", title="Build")
    for axis in (left.xaxis, left.yaxis):
        _plain_log_ticks(axis, ticker)
    left.grid(True, which="both", alpha=0.3)
    if left.lines:
        left.legend()
    for name in ("ours", "main"):
        for transport, label in TRANSPORTS.items():
            points = [(n, ms) for n in sizes if (ms := search_ms(stage(results, name, n, transport))) is not None]
            if points:
                style = "o-" if name == "ours" else "s--"
                right.plot(*zip(*points, strict=True), style, label=f"{NAMES[name]}, {label}")
    right.set(xscale="log", xlabel="N kursus", ylabel="ms sampai hasil pertama (median kueri)",
              title="Pencarian: hasil pertama")
    right.set_ylim(bottom=0)
    right.set_xticks(sizes)
    right.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    right.xaxis.set_minor_locator(ticker.NullLocator())
    right.grid(True, which="both", alpha=0.3)
    if right.lines:
        right.legend(fontsize="small")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
