"""``asn-portal new``: a commented template in the right folder, ready to fill in.

Its fields are valid as written; its example texts are not content, so ``asn-portal check`` reports each one
left in the file (``entryfile.template_examples``) until it is replaced."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from asn_portal.content.catalog import Catalog
from asn_portal.content.discover import slug_problem
from asn_portal.content.entryfile import TEMPLATE_SLOT, new_template
from asn_portal.content.fields import FieldChecker
from asn_portal.content.validate import SLUG, Project
from asn_portal.model.hints import slugify
from asn_portal.model.loader import parse
from asn_portal.model.problems import ProblemList
from asn_portal.model.registry import KINDS, KindSpec
from asn_portal.trust.resolver import Resolver

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


class ScaffoldError(Exception):
    """A request that cannot be honoured; the message says what to do instead."""


@dataclass
class Scaffolded:
    path: Path
    next_steps: list[str]


def invoked_as() -> str:
    """The command as the person typed it (``.venv/bin/asn-portal``), so that the next steps printed work in
    the same shell: a bare ``asn-portal`` is "command not found" until the virtual environment is activated."""
    typed = sys.argv[0] if sys.argv else ""
    if not os.path.basename(typed).startswith("asn-portal") or (os.sep not in typed and "/" not in typed):
        return "asn-portal"
    shown = os.path.relpath(typed) if os.path.isabs(typed) and not os.path.relpath(typed).startswith("..") else typed
    return shown if os.sep in shown or "/" in shown else "./" + shown


def new_entry(project: Project, catalog: Catalog, kind: str, slug: str, title: str | None = None,
              today: dt.date | None = None) -> Scaffolded:
    spec = KINDS[kind] if kind in KINDS else next(s for s in KINDS.values() if s.url_dir == kind)
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
    template = new_template(spec)
    missing = [KINDS[m.group(1)[6:]] for m in TEMPLATE_SLOT.finditer(template)
               if m.group(1).startswith("first:") and not catalog.sorted(m.group(1)[6:])]

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "title":
            return yaml_quoted(title)
        if name == "date":
            return (today or dt.date.today()).isoformat()
        if name.startswith("first:"):
            entries = catalog.sorted(name[6:])
            return entries[0].slug if entries else f"slug-{KINDS[name[6:]].url_dir}"
        values = [getattr(e, name[5:]) for e in catalog.sorted(spec.name)]
        return str(max((v for v in values if isinstance(v, int)), default=0) + 1)

    # One pass: a title such as "{date}" is written as typed, never substituted in turn.
    text = TEMPLATE_SLOT.sub(fill, template)
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
    program = invoked_as()
    steps = [f"Buka {rel} dan isi setiap kolom (petunjuk ada di komentar berawalan #).",
             f"Jalankan: {program} check",
             f"Lihat hasilnya: {program} serve, lalu buka http://127.0.0.1:8000",
             f"Kirim: git add {rel} && git commit -m \"Tambah {spec.label.lower()} {slug}\", lalu buka pull request."]
    for other in missing:  # a course names a factor: with none yet, make one first
        steps.insert(1, f"Belum ada {other.label.lower()}: buat dulu dengan {program} new {other.name} SLUG, "
                        "lalu isi slug-nya di berkas ini.")
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
