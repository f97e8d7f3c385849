"""Build speed and memory: asn-portal vs. the same pages written by hand, side by side.

Material for MkDocs renders the whole navigation into every page, so a hand-written site whose
``nav`` lists every page grows quadratically: each of N pages carries an N-item nav. asn-portal
keeps single courses and articles out of the nav (the index pages are the way in), so a catalog
should build in time and memory roughly linear in its size. This script measures both on the same
machine, one build right after the other, and reports RATIOS (never absolute timings as pass/fail):

    python benchmarks/build/run.py [--sizes 300,1000] [--out docs/build-benchmark.md] [--repeat 1]

For each size N (number of courses) it

1. generates, in a temporary folder, a synthetic portal project: this repository's ``mkdocs.yml``,
   ``content/pages/`` and ``content/factors/`` (the 8 sample factors), plus N course and N/4 article
   YAML files that are valid per the content model (seeded, so every run writes the same bytes;
   course *i* is the same at every N);
2. "ours": builds it with the CLI, ``asn-portal -f <dir>/mkdocs.yml build``;
3. "baseline (hand-written)": exports the very pages asn-portal generates (through
   ``asn_portal.pages.render_catalog``: their HTML, which a Markdown page may hold) into a plain
   ``docs/`` folder, plus the hand-written pages with the home overview appended, and a
   ``mkdocs.yml`` without the asn-portal plugin whose ``nav``
   lists EVERY page (Beranda, then sections Kursus/Faktor/Artikel each listing all their pages) --
   what a team would do by hand without the plugin -- and builds it with ``mkdocs build``;
4. reports wall seconds, peak RSS, HTML output size, the ratios baseline/ours and ours' seconds per
   page at each N (linearity), as a Markdown table printed and written to ``--out``.

How time and memory are measured
--------------------------------
Each build runs as a direct child of this script (``subprocess.Popen``) and is reaped with
``os.wait4(pid)``, which returns the ``rusage`` of *that one child* (and of any grandchildren it
waited for itself, e.g. ``git``). Its ``ru_maxrss`` is the peak resident set size of that build
alone -- unlike ``resource.getrusage(RUSAGE_CHILDREN)``, which is a maximum over *all* children
ever reaped, so a later, smaller build would just repeat an earlier build's peak. No external tool
(``/usr/bin/time``, psutil) is needed. ``ru_maxrss`` is in KiB on Linux (bytes on macOS; handled).
Wall time is ``time.perf_counter()`` from spawning to reaping; CPU time (user + system) comes
from the same ``rusage``. Both builds see the same environment, with ``NO_MKDOCS_2_WARNING=1``
and a fixed ``SITE_URL``; the project folder is not a Git checkout, so asn-portal's "last
updated" dates are skipped (as in a shallow CI clone). With ``--repeat R`` the two builds
alternate R times and the median of each measure is reported.

Output size counts every ``*.html`` file under ``site/`` (pages, 404.html); KB means 1024 bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent  # the venv's bin/: asn-portal and mkdocs live beside its python
SITE_URL = "http://127.0.0.1:8000/"
SEED = 20260101

# -- synthetic catalog -------------------------------------------------------------------------

FACTORS = ("akses-sumber-belajar", "budaya-belajar", "evaluasi-kinerja", "fleksibilitas-pembelajaran",
           "kolaborasi-antarunit", "komitmen-pimpinan", "partisipasi-asn", "pengakuan-penghargaan")
COMPETENCIES = ("teknis", "manajerial", "sosial-kultural")
LEVELS = ("dasar", "menengah", "lanjut")
MODES = ("daring", "luring", "campuran", "mandiri")
TOPICS = ("Analisis Beban Kerja", "Pengelolaan Arsip Digital", "Penyusunan Anggaran Berbasis Kinerja",
          "Pelayanan Prima", "Komunikasi Publik", "Manajemen Risiko", "Pengadaan Barang dan Jasa",
          "Penulisan Laporan", "Perencanaan Strategis", "Pengelolaan Keuangan Daerah", "Keamanan Informasi",
          "Inovasi Pelayanan", "Kepemimpinan Tim", "Negosiasi dan Mediasi", "Evaluasi Program",
          "Pengawasan Internal", "Manajemen Perubahan", "Pengelolaan Pengaduan", "Literasi Data",
          "Penyusunan Standar Operasional Prosedur", "Kearsipan Dinamis", "Pengelolaan Aset Daerah")
AUDIENCES = ("Pejabat Pengawas", "Pejabat Administrator", "Pengelola Kepegawaian", "Petugas Layanan",
             "Analis Kebijakan", "Pranata Komputer", "Perencana", "Auditor", "Ketua Tim Kerja", "CPNS")
ORGANIZERS = ("BKPSDM Kabupaten Contoh", "Badan Pengembangan SDM Provinsi Contoh", "Inspektorat Daerah",
              "Dinas Komunikasi dan Informatika", "Bapperida Kabupaten Contoh", "Sekretariat Daerah")
TAGS = ("kinerja", "digital", "pelayanan", "data", "kepemimpinan", "keuangan", "arsip", "etika", "inovasi",
        "komunikasi", "kolaborasi", "perencanaan", "pengawasan", "mandiri", "coaching", "integritas",
        "aset", "pengadaan", "risiko", "kebijakan", "statistik", "pengaduan", "sop", "anggaran",
        "keamanan", "perubahan", "mediasi", "evaluasi", "laporan", "pelatihan")
NAMES = ("Rina Wulandari", "Agus Setiawan", "Nur Aini Rahmawati", "Bambang Prasetyo", "Siti Marlina",
         "Dedi Kurniawan", "Yuliana Putri", "Hendra Gunawan", "Wahyu Hidayat", "Lestari Handayani",
         "Eko Saputra", "Fitri Ramadhani", "Joko Susilo", "Maya Sari", "Rudi Hartono", "Indah Permatasari",
         "Taufik Rahman", "Dewi Anggraini", "Arif Budiman", "Sri Wahyuni")
UNITS = ("Bagian Kepegawaian", "Bidang Perencanaan", "Dinas Kesehatan", "Dinas Pendidikan",
         "Kecamatan Sukamaju", "Badan Keuangan Daerah", "Dinas Kependudukan dan Pencatatan Sipil",
         "Sekretariat DPRD")
WORDS = ("pegawai", "unit", "kerja", "layanan", "masyarakat", "kinerja", "pimpinan", "rencana", "belajar",
         "kompetensi", "data", "laporan", "kegiatan", "sasaran", "hasil", "proses", "dokumen", "anggaran",
         "tim", "rapat", "evaluasi", "kebijakan", "pelatihan", "pengalaman", "praktik", "tantangan",
         "perubahan", "kolaborasi", "instansi", "daerah", "peserta", "materi", "sesi", "diskusi", "tujuan",
         "capaian", "indikator", "aplikasi", "prosedur", "keputusan", "informasi", "waktu", "bersama",
         "setiap", "melalui", "sehingga", "dengan", "untuk", "dalam", "yang", "dapat", "lebih", "secara",
         "agar", "karena", "juga", "terhadap", "antara", "sesuai", "memahami", "menyusun", "menerapkan",
         "mengelola", "meningkatkan", "memastikan", "mendukung", "menyampaikan", "berbagi", "mencatat")
VERBS = ("Memahami", "Menyusun", "Menerapkan", "Mengelola", "Menganalisis", "Mengevaluasi", "Merancang",
         "Menyajikan", "Memfasilitasi", "Mendokumentasikan")


def _sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 5)) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(*sentences)))


def _bold_some(rng: random.Random, text: str) -> str:
    word = rng.choice([w for w in text.split() if len(w) > 6 and w.isalpha()] or ["pegawai"])
    return text.replace(f" {word} ", f" **{word}** ", 1)


def course_values(i: int) -> dict[str, Any]:
    """Course number ``i`` (1-based): the same values at every size N."""
    rng = random.Random(SEED * 1_000_003 + i)
    topic, audience = rng.choice(TOPICS), rng.choice(AUDIENCES)
    paragraphs = [_bold_some(rng, _paragraph(rng)) for _ in range(rng.randint(2, 4))]
    paragraphs.insert(1, "\n".join(f"- {_sentence(rng, 5, 9)}" for _ in range(3)))
    modules = []
    for _ in range(rng.randint(2, 5)):
        module: dict[str, Any] = {"title": f"{rng.choice(VERBS)} {rng.choice(WORDS)} {rng.choice(WORDS)}",
                                  "jp": rng.randint(1, 6)}
        if rng.random() < 0.6:
            module["summary"] = _sentence(rng, 6, 12)
        modules.append(module)
    return {
        "title": f"{topic} bagi {audience} (Angkatan {i})",
        "summary": _sentence(rng, 12, 20),
        "description": "\n\n".join(paragraphs) + "\n",
        "competency": rng.choice(COMPETENCIES),
        "level": rng.choice(LEVELS),
        "mode": rng.choice(MODES),
        "jp": sum(m["jp"] for m in modules),
        "factors": rng.sample(FACTORS, rng.randint(1, 3)),
        "objectives": [f"{rng.choice(VERBS)} {_sentence(rng, 4, 9).lower()}" for _ in range(rng.randint(3, 5))],
        "modules": modules,
        "organizer": rng.choice(ORGANIZERS),
        "audience": f"{audience} dan {rng.choice(AUDIENCES)}",
        "prerequisites": [_sentence(rng, 4, 8) for _ in range(rng.randint(0, 2))],
        "registration": f"https://elearning.bkpsdm.contoh.go.id/daftar/kursus-{i:04d}",
        "certificate": rng.random() < 0.5,
        "tags": rng.sample(TAGS, rng.randint(2, 3)),
    }


def article_values(i: int, courses: int) -> dict[str, Any]:
    """Article number ``i`` (1-based), citing courses among the first ``courses``."""
    rng = random.Random(SEED * 2_000_003 + i)
    cited = sorted(rng.sample(range(1, courses + 1), min(courses, rng.randint(1, 2))))
    factors = rng.sample(FACTORS, rng.randint(0, 2))
    body = [_paragraph(rng), f"## {rng.choice(VERBS)} {rng.choice(WORDS)} bersama {rng.choice(WORDS)}",
            _paragraph(rng) + f" Kami belajar banyak dari [kursus ini](kursus:kursus-{cited[0]:04d}).",
            "\n".join(f"- {_sentence(rng, 5, 10)}" for _ in range(rng.randint(2, 4))),
            f"## Pelajaran dari {rng.choice(WORDS)}", _bold_some(rng, _paragraph(rng))]
    if factors:
        body.append(_paragraph(rng, (1, 2)) + f" Lihat juga [faktor terkait](faktor:{factors[0]}).")
    name = rng.choice(NAMES)
    return {
        "title": f"Catatan {rng.choice(WORDS)} {rng.choice(WORDS)} dari {rng.choice(UNITS)} (Nomor {i})",
        "summary": _sentence(rng, 12, 20),
        "body": "\n\n".join(body) + "\n",
        "date": dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1275)),
        "author": {"name": name, "unit": rng.choice(UNITS)},
        "factors": factors,
        "courses": [f"kursus-{c:04d}" for c in cited],
        "tags": rng.sample(TAGS, rng.randint(1, 3)),
    }


class _Dumper(yaml.SafeDumper):
    """Block scalars (``|``) for multi-line text, as people write it."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def write_yaml(path: Path, values: dict[str, Any]) -> None:
    path.write_text(yaml.dump(values, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110),
                    encoding="utf-8")


@dataclass
class Project:
    root: Path
    courses: int
    articles: int


def generate_project(root: Path, n: int) -> Project:
    """A portal project with this repository's config, pages and factors, N courses, N/4 articles."""
    root.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("pages", "factors"):
        shutil.copytree(ROOT / "content" / folder, root / "content" / folder)
    (root / "content" / "courses").mkdir()
    (root / "content" / "articles").mkdir()
    articles = max(1, n // 4)
    for i in range(1, n + 1):
        write_yaml(root / "content" / "courses" / f"kursus-{i:04d}.yml", course_values(i))
    for i in range(1, articles + 1):
        write_yaml(root / "content" / "articles" / f"artikel-{i:04d}.yml", article_values(i, n))
    return Project(root, n, articles)


# -- the hand-written baseline -----------------------------------------------------------------


def baseline_assets() -> list[str]:
    """The plugin's own per-page CSS and scripts that ship as files (the styles and the index filter
    the generated markup uses): the hand-written site loads them too, so both sites carry the same
    CSS and scripts. Read from the plugin, which is being developed, rather than hard-coded."""
    from asn_portal.plugin import PAGE_ASSETS

    shipped = resources.files("asn_portal").joinpath("assets")
    return [a for a in PAGE_ASSETS if shipped.joinpath(a).is_file()]


def export_baseline(project: Path, target: Path) -> int:
    """Write asn-portal's pages as a plain MkDocs project whose nav lists every page; return the count."""
    from asn_portal.pages import render_catalog
    from asn_portal.problems import format_report
    from asn_portal.urls import CONTRIBUTORS, HOME
    from asn_portal.validate import Project as PortalProject
    from asn_portal.validate import check_project

    checked = check_project(PortalProject.at(project))
    if checked.problems.errors:
        raise SystemExit("generated catalog is invalid:\n" + format_report(checked.problems.errors))
    site = render_catalog(checked.catalog.without_drafts(), True, checked.resolver, updated={})
    docs = target / "docs"
    docs.mkdir(parents=True)
    pages_dir = project / "content" / "pages"
    hand_written = sorted(p.relative_to(pages_dir).as_posix() for p in pages_dir.rglob("*.md"))
    for src in hand_written:
        text = (pages_dir / src).read_text(encoding="utf-8")
        if src == HOME:
            text = text.rstrip() + "\n\n" + site.overview(())[0]
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
    for page in site.pages:
        path = docs / page.src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.html, encoding="utf-8")
    assets = baseline_assets()
    for asset in assets:
        content = resources.files("asn_portal").joinpath("assets", asset).read_text(encoding="utf-8")
        (docs / "assets" / asset).parent.mkdir(parents=True, exist_ok=True)
        (docs / "assets" / asset).write_text(content, encoding="utf-8")

    def section(kind: str) -> list[Any]:
        index = next(p for p in site.pages if p.kind == "index" and p.src.startswith(
            {"course": "kursus/", "factor": "faktor/", "article": "artikel/"}[kind]))
        return [index.src, *({p.title: p.src} for p in site.pages if p.kind == kind)]

    nav: list[Any] = [{"Beranda": HOME}, {"Kursus": section("course")}, {"Faktor": section("factor")},
                      {"Artikel": section("article")}, {"Kontributor": CONTRIBUTORS}]
    nav += [src for src in hand_written if src != HOME]
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as fh:
        ours = yaml.load(fh, Loader=_EnvLoader)
    config = {
        "site_name": ours["site_name"],
        "site_description": ours["site_description"],
        "site_url": SITE_URL,
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": "id", "font": False, "features": ours["theme"]["features"]},
        "plugins": ["search"],
        "extra_css": [f"assets/{a}" for a in assets if a.endswith(".css")],
        "extra_javascript": [f"assets/{a}" for a in assets if a.endswith(".js")],
        "markdown_extensions": ours["markdown_extensions"],
        "nav": nav,
    }
    (target / "mkdocs.yml").write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                                                 width=200), encoding="utf-8")
    return len(hand_written) + len(site.pages)


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!ENV [NAME, default]`` as its default."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])  # type: ignore[arg-type]


# -- measuring ---------------------------------------------------------------------------------


@dataclass
class Measurement:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    html_pages: int
    html_bytes: int

    @property
    def kb_per_page(self) -> float:
        return self.html_bytes / self.html_pages / 1024 if self.html_pages else float("nan")


class BuildError(RuntimeError):
    pass


def measure(command: Sequence[str], site_dir: Path, log: Path, timeout: float) -> Measurement:
    """Run one build as a direct child and reap it with wait4: its own wall time and peak RSS."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(list(command), stdout=out, stderr=subprocess.STDOUT, env=env)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise BuildError(f"timed out after {timeout:.0f} s: {' '.join(command)}")
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting again
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BuildError(f"exit {proc.returncode}: {' '.join(command)}\n{tail}")
    maxrss_bytes = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    html = [p for p in site_dir.rglob("*.html") if p.is_file()]
    return Measurement(seconds, usage.ru_utime + usage.ru_stime, maxrss_bytes / 1024 ** 2, len(html),
                       sum(p.stat().st_size for p in html))


def median(runs: list[Measurement]) -> Measurement:
    return Measurement(statistics.median(r.seconds for r in runs), statistics.median(r.cpu_seconds for r in runs),
                       statistics.median(r.peak_rss_mb for r in runs), runs[0].html_pages, runs[0].html_bytes)


@dataclass
class Result:
    n: int
    articles: int
    pages: int  # Markdown pages in the site
    ours: Measurement
    baseline: Measurement
    runs: dict[str, list[Measurement]] = field(default_factory=dict)


def run_size(n: int, work: Path, repeat: int, timeout: float) -> Result:
    project = generate_project(work / f"n{n}" / "portal", n)
    baseline_root = work / f"n{n}" / "baseline"
    pages = export_baseline(project.root, baseline_root)
    commands = {
        "ours": ([str(BIN / "asn-portal"), "-f", str(project.root / "mkdocs.yml"), "build"], project.root / "site"),
        "baseline": ([str(BIN / "mkdocs"), "build", "-f", str(baseline_root / "mkdocs.yml")],
                     baseline_root / "site"),
    }
    runs: dict[str, list[Measurement]] = {"ours": [], "baseline": []}
    for r in range(repeat):
        order = ("ours", "baseline") if r % 2 == 0 else ("baseline", "ours")  # alternate: no order bias
        for name in order:
            command, site_dir = commands[name]
            m = measure(command, site_dir, work / f"n{n}" / f"{name}-{r}.log", timeout)
            print(f"  N={n} {name:8} run {r + 1}/{repeat}: {m.seconds:7.1f} s  {m.peak_rss_mb:7.0f} MB  "
                  f"{m.html_pages} HTML, {m.kb_per_page:.0f} KB/page", file=sys.stderr, flush=True)
            runs[name].append(m)
    return Result(n, project.articles, pages, median(runs["ours"]), median(runs["baseline"]), runs)


# -- report ------------------------------------------------------------------------------------


def _num(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace(",", " ")


def report(results: list[Result], repeat: int, machine: str) -> str:
    lines = [
        "# Tolok ukur build",
        "",
        "Waktu dan memori build katalog sintetis: asn-portal (`asn-portal build`) dibandingkan dengan halaman yang "
        "sama persis yang ditulis tangan sebagai Markdown biasa, dengan `nav` yang mencantumkan setiap halaman "
        "(tanpa plugin asn-portal, `mkdocs build`). Keduanya dijalankan bergantian di mesin yang sama; yang "
        "dibandingkan adalah **rasionya**, bukan angka detiknya. Diukur oleh `benchmarks/build/run.py`"
        + (f" (median dari {repeat} kali build)" if repeat > 1 else "") + ".",
        "",
        "Katalog: N kursus, N/4 artikel, 8 faktor contoh, halaman tulisan tangan dari `content/pages/`.",
        "",
        "| N kursus | Artikel | Halaman | Build | Waktu (s) | CPU (s) | RSS puncak (MB) | HTML total (MB) "
        "| Rata-rata per halaman (KB) |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for name, m in (("asn-portal", r.ours), ("tulisan tangan, nav penuh", r.baseline)):
            lines.append(f"| {r.n} | {r.articles} | {r.pages} | {name} | {_num(m.seconds)} | {_num(m.cpu_seconds)} "
                         f"| {_num(m.peak_rss_mb, 0)} | {_num(m.html_bytes / 1024 ** 2)} | {_num(m.kb_per_page)} |")
    lines += [
        "",
        "## Rasio tulisan tangan / asn-portal",
        "",
        "Lebih dari 1 berarti situs tulisan tangan lebih lambat, lebih boros memori, atau lebih besar.",
        "",
        "| N kursus | Waktu | RSS puncak | Ukuran per halaman |",
        "|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(f"| {r.n} | **{r.baseline.seconds / r.ours.seconds:.2f}×** "
                     f"| **{r.baseline.peak_rss_mb / r.ours.peak_rss_mb:.2f}×** "
                     f"| **{r.baseline.kb_per_page / r.ours.kb_per_page:.2f}×** |")
    first = results[0]
    lines += [
        "",
        "## Linearitas asn-portal",
        "",
        f"Waktu per halaman sebaiknya tetap ketika katalog membesar. Kolom \"relatif\" membandingkan dengan N = "
        f"{first.n}: pertumbuhan waktu dibagi pertumbuhan jumlah halaman (1,00 = tepat linear).",
        "",
        "| N kursus | Halaman | asn-portal ms/halaman | relatif | tulisan tangan ms/halaman | relatif |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ours_rel = (r.ours.seconds / first.ours.seconds) / (r.pages / first.pages)
        base_rel = (r.baseline.seconds / first.baseline.seconds) / (r.pages / first.pages)
        lines.append(f"| {r.n} | {r.pages} | {1000 * r.ours.seconds / r.pages:.1f} | {ours_rel:.2f} "
                     f"| {1000 * r.baseline.seconds / r.pages:.1f} | {base_rel:.2f} |")
    lines += [
        "",
        "Catatan pengukuran: setiap build adalah proses anak tersendiri yang dipanen dengan `os.wait4`, sehingga "
        "RSS puncak (`ru_maxrss`) adalah milik build itu saja. Waktu = waktu dinding dari proses dimulai sampai "
        "selesai (termasuk memulai Python dan memuat MkDocs). Ukuran HTML mencakup semua `*.html` di `site/`; "
        "KB = 1024 byte. Build asn-portal juga menjalankan plugin tags, pencarian bahasa Indonesia dan label "
        "hasil pencarian, yang tidak ada di situs tulisan tangan (plugin: search saja).",
        "",
        f"Mesin: {machine}.",
        "",
    ]
    return "\n".join(lines)


def machine_description() -> str:
    cpus = os.cpu_count() or 0
    try:
        mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory = f", {int(mem) / 1024 ** 2:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        memory = ""
    import material
    import mkdocs

    version = getattr(material, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("mkdocs-material")
    return (f"{cpus} CPU{memory}, Python {sys.version.split()[0]}, MkDocs {mkdocs.__version__}, "
            f"Material {version}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="300,1000", help="comma-separated numbers of courses (default 300,1000)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "build-benchmark.md")
    parser.add_argument("--repeat", type=int, default=1, help="builds per site and size; the median is reported")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one build is abandoned")
    parser.add_argument("--keep", type=Path, help="generate into this (new) folder and keep it, instead of a temp dir")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if not sizes or min(sizes) < 4 or args.repeat < 1:
        parser.error("sizes must be numbers >= 4 and --repeat >= 1")
    with tempfile.TemporaryDirectory(prefix="asn-build-bench-") as tmp:
        work = args.keep or Path(tmp)
        results: list[Result] = []
        failure = ""
        for n in sizes:
            print(f"N={n}: generating and building...", file=sys.stderr, flush=True)
            try:
                results.append(run_size(n, work, args.repeat, args.timeout))
            except BuildError as exc:  # report what was measured so far, and the error
                failure = f"N={n}: {exc}"
                print(failure, file=sys.stderr)
                break
    if not results:
        return 1
    text = report(results, args.repeat, machine_description())
    if failure:
        text += f"\n## Masalah\n\nBuild gagal, pengukuran berhenti:\n\n```text\n{failure}\n```\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 1 if failure else 0


if __name__ == "__main__":
    raise SystemExit(main())
