"""``asn-portal new``: a valid, commented template in the right folder, ready to fill in."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from . import packaged_text
from .catalog import Catalog
from .fields import slugify
from .models import KINDS
from .validate import SLUG, Project

KIND_ALIASES = {"course": "course", "kursus": "course", "article": "article", "artikel": "article",
                "factor": "factor", "faktor": "factor"}


class ScaffoldError(Exception):
    """A request that cannot be honoured; the message says what to do instead."""


@dataclass
class Scaffolded:
    path: Path
    next_steps: list[str]


def new_entry(project: Project, catalog: Catalog, kind: str, slug: str, title: str | None = None,
              today: dt.date | None = None) -> Scaffolded:
    spec = KINDS[KIND_ALIASES[kind]]
    if not SLUG.match(slug):
        raise ScaffoldError(f"slug '{slug}' tidak valid: pakai huruf kecil, angka dan tanda '-', "
                            f"misalnya {slugify(slug)}.")
    folder = project.content_dir / spec.folder
    target = folder / f"{slug}.yml"
    clash = [p for p in folder.glob("*") if p.name.lower() == target.name.lower()] if folder.is_dir() else []
    if clash:
        raise ScaffoldError(f"berkas {project.rel(clash[0])} sudah ada. Pilih slug lain atau sunting berkas itu.")
    factors = catalog.factors_in_order()
    values = {
        "{title}": json.dumps(title or slug.replace("-", " ").capitalize(), ensure_ascii=False),
        "{factor}": factors[0].slug if factors else "slug-faktor",
        "{date}": (today or dt.date.today()).isoformat(),
        "{order}": str(max((f.order for f in factors), default=0) + 1),
    }
    text = packaged_text("templates", f"new_{spec.name}.yml")
    for key, value in values.items():
        text = text.replace(key, value)
    folder.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as fh:  # "x": never overwrite a contributor's work
        fh.write(text)
    rel = project.rel(target)
    steps = [f"Buka {rel} dan isi setiap kolom (petunjuk ada di komentar berawalan #).",
             "Jalankan: asn-portal check",
             "Lihat hasilnya: asn-portal serve, lalu buka http://127.0.0.1:8000",
             f"Kirim: git add {rel} && git commit -m \"Tambah {spec.label.lower()} {slug}\", lalu buka pull request."]
    if spec.name == "course" and not factors:
        steps.insert(1, "Belum ada faktor: buat dulu dengan asn-portal new factor SLUG, lalu isi 'factors'.")
    return Scaffolded(target, steps)
