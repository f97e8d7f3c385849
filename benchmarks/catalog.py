"""A synthetic portal catalog, shared by the benchmarks, and the same pages as a plain MkDocs project.

* ``generate_project``: N courses and N/4 articles that are valid per the content model, seeded (every
  run writes the same bytes; course *i* is the same at every N), with a checkout's ``mkdocs.yml``,
  hand-written pages and the 8 sample factors;
* ``export_baseline``: the very pages asn-portal generates for a project, as a plain project (no
  asn-portal plugin) written by ``asn-portal export``'s code: with a nav listing every page (MkDocs), or
  the export itself (Zensical).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from asn_portal.site.assets import PAGE_ASSETS

ROOT = Path(__file__).resolve().parent.parent
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


def generate_project(root: Path, n: int, source: Path = ROOT) -> Project:
    """A portal project with the config, pages and factors of ``source`` (a checkout of this repository),
    N courses and N/4 articles."""
    root.mkdir(parents=True)
    shutil.copy2(source / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("pages", "factors"):
        shutil.copytree(source / "content" / folder, root / "content" / folder)
    (root / "content" / "courses").mkdir()
    (root / "content" / "articles").mkdir()
    articles = max(1, n // 4)
    for i in range(1, n + 1):
        write_yaml(root / "content" / "courses" / f"kursus-{i:04d}.yml", course_values(i))
    for i in range(1, articles + 1):
        write_yaml(root / "content" / "articles" / f"artikel-{i:04d}.yml", article_values(i, n))
    return Project(root, n, articles)


# -- the hand-written baseline -----------------------------------------------------------------


def export_baseline(project: Path, target: Path, full_nav: bool = True) -> int:
    """Write asn-portal's pages as a plain project (no asn-portal plugin); return the number of pages.

    The pages, materials, scripts and styles are written by the same code as `asn-portal export --engine
    zensical` (asn_portal/engines/zensical/export.py). With ``full_nav=False`` the result is exactly that
    export, which Zensical builds; with ``full_nav=True`` the nav lists every page and Material's own
    search is on: the hand-written MkDocs site the build benchmark compares with.
    """
    from asn_portal.engines.zensical.export import ExportError, export_project, page_file, write_pages
    from asn_portal.model.project import load_project
    from asn_portal.site.plain import PlainSiteError, plain_site
    from asn_portal.trust.urls import CONTRIBUTORS, HOME

    portal, config_file = load_project(project)
    try:
        if not full_nav:
            return export_project(portal, config_file, target).pages
        parts = plain_site(portal, config_file).parts
    except (ExportError, PlainSiteError) as exc:
        raise SystemExit(f"generated catalog is invalid:\n{exc}") from exc
    write_pages(parts, target)
    pages = list(parts.pages.values())

    def section(kind: str) -> list[Any]:
        index = next(p for p in pages if p.kind == "index" and p.src.startswith(
            {"course": "kursus/", "factor": "faktor/", "article": "artikel/"}[kind]))
        return [page_file(index.src), *({p.title: page_file(p.src)} for p in pages if p.kind == kind)]

    nav: list[Any] = [{"Beranda": HOME}, {"Kursus": section("course")}, {"Faktor": section("factor")},
                      {"Artikel": section("article")}, {"Kontributor": page_file(CONTRIBUTORS)}]
    nav += [page_file(p.src) for p in pages if p.kind == "page" and p.src != HOME]
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as fh:
        ours = yaml.load(fh, Loader=_EnvLoader)
    config = {
        "site_name": ours["site_name"],
        "site_description": ours["site_description"],
        "site_url": SITE_URL,
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": "id", "font": False, "features": ours["theme"]["features"],
                  "custom_dir": "overrides"},
        "plugins": ["search"],
        "extra_css": [f"assets/asn-portal/{a}" for a in PAGE_ASSETS if a.endswith(".css")],
        "extra_javascript": [f"assets/asn-portal/{a}" for a in PAGE_ASSETS if a.endswith(".js")],
        "markdown_extensions": ours["markdown_extensions"],
        "nav": nav,
    }
    (target / "mkdocs.yml").write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                                                 width=200), encoding="utf-8")
    return len(pages)


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!ENV [NAME, default]`` as its default."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])  # type: ignore[arg-type]
