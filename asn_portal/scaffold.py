"""``asn-portal new``: a valid, commented template in the right folder, ready to fill in."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from . import packaged_text
from .catalog import Catalog
from .discover import slug_problem
from .fields import FieldChecker
from .hints import slugify
from .loader import parse
from .models import KINDS, KindSpec
from .problems import ProblemList
from .resolver import Resolver
from .validate import SLUG, Project

KIND_ALIASES = {"course": "course", "kursus": "course", "article": "article", "artikel": "article",
                "factor": "factor", "faktor": "factor"}
_PLACEHOLDER = re.compile(r"\{(title|factor|date|order)\}")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


class ScaffoldError(Exception):
    """A request that cannot be honoured; the message says what to do instead."""


@dataclass
class Scaffolded:
    path: Path
    next_steps: list[str]


def new_entry(project: Project, catalog: Catalog, kind: str, slug: str, title: str | None = None,
              today: dt.date | None = None) -> Scaffolded:
    spec = KINDS[KIND_ALIASES[kind]]
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(f"slug '{slug}' tidak valid: pakai huruf kecil, angka dan tanda '-', "
                            f"misalnya {slugify(slug)}.")
    problem = slug_problem(slug)  # too long, reserved, or no name on Windows: what check would say
    if problem:
        raise ScaffoldError(problem)
    folder = project.content_dir / spec.folder
    target = folder / f"{slug}.yml"
    clash = [p for p in folder.glob("*") if p.name.lower() == target.name.lower()] if folder.is_dir() else []
    if clash:
        raise ScaffoldError(f"berkas {project.rel(clash[0])} sudah ada. Pilih slug lain atau sunting berkas itu.")
    if title is None:
        title = slug.replace("-", " ").capitalize()
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in title):
        raise ScaffoldError("judul memuat byte yang bukan teks UTF-8. Ketik ulang judulnya.")
    factors = catalog.factors_in_order()
    values = {
        "title": yaml_quoted(title),
        "factor": factors[0].slug if factors else "slug-faktor",
        "date": (today or dt.date.today()).isoformat(),
        "order": str(max((f.order for f in factors), default=0) + 1),
    }
    # One pass: a title such as "{date}" is written as typed, never substituted in turn.
    text = _PLACEHOLDER.sub(lambda m: values[m.group(1)], packaged_text("templates", f"new_{spec.name}.yml"))
    _check_text(project, spec, project.rel(target), text, title)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as fh:  # "x": never overwrite a contributor's work
            fh.write(text)
    except FileExistsError as exc:
        raise ScaffoldError(f"berkas {project.rel(target)} sudah ada. Pilih slug lain atau sunting berkas itu.") \
            from exc
    except OSError as exc:
        raise ScaffoldError(f"berkas {project.rel(target)} tidak dapat ditulis. Periksa izin folder "
                            f"{project.rel(folder)}.") from exc
    rel = project.rel(target)
    steps = [f"Buka {rel} dan isi setiap kolom (petunjuk ada di komentar berawalan #).",
             "Jalankan: asn-portal check",
             "Lihat hasilnya: asn-portal serve, lalu buka http://127.0.0.1:8000",
             f"Kirim: git add {rel} && git commit -m \"Tambah {spec.label.lower()} {slug}\", lalu buka pull request."]
    if spec.name == "course" and not factors:
        steps.insert(1, "Belum ada faktor: buat dulu dengan asn-portal new factor SLUG, lalu isi 'factors'.")
    return Scaffolded(target, steps)


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly. Readable where YAML allows the
    character raw (é, emoji); escaped where it does not (controls, U+FFFE) or would read it otherwise
    (line breaks, NEL, U+2028/9, a byte-order mark)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _raw_ok(code):
            out.append(ch)
        else:
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def _raw_ok(code: int) -> bool:
    if code in (0xFEFF, 0x2028, 0x2029):  # BOM; two characters YAML 1.1 reads as line breaks
        return False
    return 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def _check_text(project: Project, spec: KindSpec, rel: str, text: str, title: str) -> None:
    """The file as ``asn-portal check`` would read it; its first error refuses the file before it is written."""
    problems = ProblemList()
    tree = parse(text, rel, problems)
    if tree is not None:
        FieldChecker(rel, problems, Resolver(project)).mapping(tree, spec.fields)
    if problems.errors:
        raise ScaffoldError(f"berkas tidak dibuat: {problems.errors[0].message}")
    written = tree.value.get("title") if tree is not None and tree.is_map else None
    if written is None or written.value != title:
        raise ScaffoldError("judul tidak dapat ditulis apa adanya; ketik ulang judulnya.")
