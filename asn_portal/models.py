"""The content model: one declaration of every field, used to validate, to build JSON Schema
and to write the field reference, so the three can never drift apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Union

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
COMPETENCIES = {"teknis": "Teknis", "manajerial": "Manajerial", "sosial-kultural": "Sosial-Kultural"}
LEVELS = {"dasar": "Dasar", "menengah": "Menengah", "lanjut": "Lanjut"}
MODES = {"daring": "Daring", "luring": "Luring", "campuran": "Campuran", "mandiri": "Mandiri"}


class FieldType(str, Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    INT = "int"
    POSINT = "posint"
    BOOL = "bool"
    DATE = "date"
    CHOICE = "choice"
    URL = "url"
    TEXT_LIST = "text_list"
    SLUG_LIST = "slug_list"  # list of slugs, not checked against entries (redirect_from)
    REFS = "refs"  # list of slugs of another kind
    MATERIALS = "materials"
    OBJECT = "object"
    OBJECT_LIST = "object_list"


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    help: str  # Indonesian: shown in editors (JSON Schema) and in CONTRIBUTING
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str = ""  # kind name for REFS
    fields: tuple[Field, ...] = ()  # for OBJECT and OBJECT_LIST
    min_items: int = 0


@dataclass(frozen=True)
class KindSpec:
    name: str  # "course"
    folder: str  # folder under content/: "courses"
    url_dir: str  # published folder: "kursus"
    label: str  # "Kursus"
    label_plural: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


F = FieldType
_COMMON = (
    Field("tags", F.TEXT_LIST, "Tag untuk mengelompokkan entri, misalnya [kinerja, digital]."),
    Field("draft", F.BOOL, "true: entri masih ditinjau dan tidak diterbitkan (tetap tampak di `mkdocs serve`)."),
    Field("redirect_from", F.SLUG_LIST,
          "Slug lama entri ini, agar tautan lama tetap berfungsi setelah berkas diganti nama."),
)
_MATERIAL_HELP = ("Daftar materi: URL http(s) atau path berkas yang diawali `materials/`, "
                  "ditulis sebagai teks atau sebagai {path: ..., title: ...} / {url: ..., title: ...}.")

FACTOR = KindSpec("factor", "factors", "faktor", "Faktor", "Faktor", (
    Field("title", F.TEXT, "Judul faktor pendukung.", required=True),
    Field("order", F.INT, "Urutan tampil (bilangan bulat, unik di antara semua faktor).", required=True),
    Field("summary", F.TEXT, "Ringkasan satu atau dua kalimat.", required=True),
    Field("body", F.MARKDOWN, "Penjelasan lengkap (Markdown)."),
    Field("practices", F.OBJECT_LIST, "Praktik baik yang mewujudkan faktor ini (minimal satu).", required=True,
          min_items=1, fields=(
              Field("title", F.TEXT, "Nama praktik.", required=True),
              Field("description", F.MARKDOWN, "Penjelasan praktik (Markdown).", required=True),
          )),
    *_COMMON,
))

COURSE = KindSpec("course", "courses", "kursus", "Kursus", "Kursus", (
    Field("title", F.TEXT, "Judul kursus.", required=True),
    Field("summary", F.TEXT, "Ringkasan satu atau dua kalimat.", required=True),
    Field("description", F.MARKDOWN, "Deskripsi lengkap (Markdown)."),
    Field("competency", F.CHOICE, "Jenis kompetensi.", required=True, choices=tuple(COMPETENCIES)),
    Field("level", F.CHOICE, "Jenjang kursus.", required=True, choices=tuple(LEVELS)),
    Field("mode", F.CHOICE, "Cara pelaksanaan.", required=True, choices=tuple(MODES)),
    Field("jp", F.POSINT, "Jumlah jam pelajaran (JP), bilangan bulat lebih dari 0, misalnya 12.", required=True),
    Field("factors", F.REFS, "Slug faktor yang didukung kursus ini (minimal satu).", required=True,
          ref="factor", min_items=1),
    Field("objectives", F.TEXT_LIST, "Tujuan pembelajaran."),
    Field("modules", F.OBJECT_LIST, "Modul atau sesi kursus.", fields=(
        Field("title", F.TEXT, "Judul modul.", required=True),
        Field("summary", F.TEXT, "Ringkasan modul."),
        Field("jp", F.POSINT, "Jam pelajaran modul ini."),
        Field("materials", F.MATERIALS, _MATERIAL_HELP),
    )),
    Field("organizer", F.TEXT, "Penyelenggara."),
    Field("audience", F.TEXT, "Sasaran peserta."),
    Field("prerequisites", F.TEXT_LIST, "Prasyarat peserta."),
    Field("registration", F.URL, "Tautan pendaftaran (URL http/https)."),
    Field("certificate", F.BOOL, "true bila peserta mendapat sertifikat."),
    *_COMMON,
))

ARTICLE = KindSpec("article", "articles", "artikel", "Artikel", "Artikel", (
    Field("title", F.TEXT, "Judul artikel.", required=True),
    Field("summary", F.TEXT, "Ringkasan satu atau dua kalimat.", required=True),
    Field("body", F.MARKDOWN, "Isi artikel (Markdown).", required=True),
    Field("date", F.DATE, "Tanggal terbit, format TTTT-BB-HH, misalnya 2026-11-27.", required=True),
    Field("author", F.OBJECT, "Penulis artikel.", required=True, fields=(
        Field("name", F.TEXT, "Nama penulis.", required=True),
        Field("unit", F.TEXT, "Unit kerja penulis."),
    )),
    Field("factors", F.REFS, "Slug faktor yang dibahas.", ref="factor"),
    Field("courses", F.REFS, "Slug kursus yang dirujuk.", ref="course"),
    Field("materials", F.MATERIALS, _MATERIAL_HELP),
    *_COMMON,
))

KINDS: dict[str, KindSpec] = {k.name: k for k in (FACTOR, COURSE, ARTICLE)}
LINK_PREFIXES = {k.url_dir: k.name for k in KINDS.values()}  # "kursus:slug" -> course


PUBLISHED_MATERIALS = "materi"  # site folder of material files: materials/x.pdf -> materi/x.pdf
MAX_SLUG = 100
# Names a kind's own URL space already uses: kursus/index.md is the catalog page.
RESERVED_SLUGS = frozenset({"index"})


@dataclass(frozen=True)
class Material:
    title: str  # shown text; the file name or URL when no title is given
    url: str | None = None  # for internet materials
    path: str | None = None  # normalised "materials/..." path, as the resolver accepted it
    size: int | None = None  # bytes, for local files
    published: str | None = None  # "materi/..." where the copy is published


@dataclass(frozen=True)
class Practice:
    title: str
    description: str


@dataclass(frozen=True)
class Module:
    title: str
    summary: str | None = None
    jp: int | None = None
    materials: tuple[Material, ...] = ()


@dataclass(frozen=True)
class Author:
    name: str
    unit: str | None = None


@dataclass
class Entry:
    slug: str
    source: str  # path from the project root, e.g. content/courses/x.yml
    title: str
    summary: str
    tags: tuple[str, ...] = ()
    draft: bool = False
    redirect_from: tuple[str, ...] = ()
    # (kind, slug) pairs linked from Markdown fields: cross-references beside the declared ones
    links: frozenset[tuple[str, str]] = frozenset()
    kind: str = ""


@dataclass
class Factor(Entry):
    order: int = 0
    body: str | None = None
    practices: tuple[Practice, ...] = ()
    kind: str = "factor"


@dataclass
class Course(Entry):
    competency: str = ""
    level: str = ""
    mode: str = ""
    jp: int = 0
    factors: tuple[str, ...] = ()
    description: str | None = None
    objectives: tuple[str, ...] = ()
    modules: tuple[Module, ...] = ()
    organizer: str | None = None
    audience: str | None = None
    prerequisites: tuple[str, ...] = ()
    registration: str | None = None
    certificate: bool | None = None
    kind: str = "course"

    @property
    def materials(self) -> tuple[Material, ...]:
        return tuple(m for module in self.modules for m in module.materials)


@dataclass
class Article(Entry):
    body: str = ""
    date: dt.date = dt.date(1970, 1, 1)
    author: Author = field(default_factory=lambda: Author(""))
    factors: tuple[str, ...] = ()
    courses: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()
    kind: str = "article"


AnyEntry = Union[Factor, Course, Article]  # noqa: UP007 - a runtime alias must work on Python 3.10 too
ENTRY_CLASSES: dict[str, type[Any]] = {"factor": Factor, "course": Course, "article": Article}
NESTED_CLASSES: dict[str, type[Any]] = {"practices": Practice, "modules": Module, "author": Author}
