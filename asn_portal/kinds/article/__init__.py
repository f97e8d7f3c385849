"""Articles (berbagi pengetahuan): what colleagues write, credited to their author and unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from asn_portal.model.registry import COMMON_FIELDS, MATERIAL_HELP, Author, Entry, Field, KindSpec, Material
from asn_portal.model.registry import FieldType as F


@dataclass(kw_only=True)
class Article(Entry):
    KIND = "article"
    body: str
    date: dt.date
    author: Author
    factors: tuple[str, ...] = ()
    courses: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()

    def sort_key(self) -> tuple[object, ...]:
        return (-self.date.toordinal(), self.slug)  # newest first

    def facts(self) -> str:
        return f"{self.spec.label} · {self.author.name}"


SPEC = KindSpec("article", "articles", "artikel", "Artikel", "Artikel", "Berbagi Pengetahuan", Article, (
    Field("title", F.TEXT, "Judul artikel.", required=True),
    Field("summary", F.TEXT, "Ringkasan satu atau dua kalimat.", required=True),
    Field("body", F.MARKDOWN, "Isi artikel (Markdown).", required=True),
    Field("date", F.DATE, "Tanggal terbit, format TTTT-BB-HH, misalnya 2026-11-27.", required=True),
    Field("author", F.OBJECT, "Penulis artikel.", required=True, model=Author, fields=(
        Field("name", F.TEXT, "Nama penulis.", required=True),
        Field("unit", F.TEXT, "Unit kerja penulis."),
    )),
    Field("factors", F.REFS, "Slug faktor yang dibahas.", ref="factor"),
    Field("courses", F.REFS, "Slug kursus yang dirujuk.", ref="course"),
    Field("materials", F.MATERIALS, MATERIAL_HELP),
    *COMMON_FIELDS,
), nav_order=3, home_order=3, template_dir=str(Path(__file__).parent))
