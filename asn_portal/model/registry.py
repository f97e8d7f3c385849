"""The kind registry: every content kind is one ``KindSpec`` here, with its fields and its entry class.

One declaration of every field validates (``fields``), builds JSON Schema (``schema``) and writes the
field reference (``reference``); the entry class of a kind holds what differs between kinds (listing
order, search label). Every other module loops over ``KINDS``; adding a kind is one entry below,
its page template and its ``new`` template (see ARCHITECTURE.md).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, fields
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG = re.compile(SLUG_PATTERN)  # file names, references, redirect_from, module keys, entry links
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

    @property
    def words(self) -> str:
        """How the type is named to a contributor (messages and the field reference)."""
        return _TYPE_WORDS[self]


_TYPE_WORDS = {
    FieldType.TEXT: "teks", FieldType.MARKDOWN: "teks (Markdown)", FieldType.INT: "bilangan bulat",
    FieldType.POSINT: "bilangan bulat lebih dari 0", FieldType.BOOL: "true atau false",
    FieldType.DATE: "tanggal TTTT-BB-HH", FieldType.CHOICE: "salah satu pilihan", FieldType.URL: "URL",
    FieldType.TEXT_LIST: "daftar teks", FieldType.SLUG_LIST: "daftar slug", FieldType.REFS: "daftar slug",
    FieldType.MATERIALS: "daftar materi", FieldType.OBJECT: "pemetaan (kunci: nilai)",
    FieldType.OBJECT_LIST: "daftar pemetaan",
}


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
    max_items: int = 0  # 0: no upper bound
    unique: bool = False  # no two entries of the kind may share the value (a factor's order)
    model: Callable[..., Any] | None = None  # the class an OBJECT / OBJECT_LIST item becomes
    # Checks across an item's own fields (a quiz answer within its choices): (field, item index or None,
    # message) for each problem, given the item's checked values.
    rule: Callable[[dict[str, Any]], list[tuple[str, int | None, str]]] | None = None


# -- the values entries are made of ---------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Material:
    title: str  # shown text; the file name or URL when no title is given
    url: str | None = None  # for internet materials
    path: str | None = None  # normalised "materials/..." path, as the resolver accepted it
    size: int | None = None  # bytes, for local files
    published: str | None = None  # "materi/..." where the copy is published


@dataclass(frozen=True, kw_only=True)
class Practice:
    title: str
    description: str


@dataclass(frozen=True, kw_only=True)
class Question:
    """A self-check question (kuis mandiri): ``answer`` is the 1-based number of the right choice."""

    question: str
    choices: tuple[str, ...]
    answer: int
    explanation: str | None = None


def question_rule(values: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    """An answer names one of the choices; no choice is written twice."""
    found: list[tuple[str, int | None, str]] = []
    choices = values.get("choices") or ()
    answer = values.get("answer")
    if isinstance(answer, int) and choices and answer > len(choices):
        found.append(("answer", None, f"'answer' {answer} tidak ada: pertanyaan ini hanya punya {len(choices)} "
                                      f"pilihan. Tulis nomor pilihan yang benar, 1 sampai {len(choices)}."))
    seen: dict[str, int] = {}
    for i, choice in enumerate(choices):
        key = " ".join(str(choice).split()).casefold()
        if key in seen:
            found.append(("choices", i, f"pilihan '{choice}' sama dengan pilihan nomor {seen[key] + 1}. Setiap "
                                        "pilihan harus berbeda; ubah atau hapus salah satunya."))
        seen.setdefault(key, i)
    return found


def course_jp_rule(values: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    """The modules' JP fit in the course's JP; modules without 'jp' are left out of the sum."""
    jp = values.get("jp")
    counted = [m.jp for m in values.get("modules") or () if isinstance(getattr(m, "jp", None), int)]
    total = sum(counted)
    if not isinstance(jp, int) or total <= jp:
        return []
    shown = f"{' + '.join(map(str, counted))} = {total}" if len(counted) > 1 else str(total)
    return [("jp", None, f"jumlah JP modul ({shown}) lebih dari JP kursus ({jp}). Naikkan 'jp' kursus menjadi "
                         f"{total} atau kurangi JP modul.")]


def module_key_rule(values: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    key = values.get("key")
    if isinstance(key, str) and not SLUG.match(key):
        return [("key", None, f"'key' modul harus berupa slug (huruf kecil, angka dan '-'), bukan '{key}'.")]
    return []


@dataclass(frozen=True, kw_only=True)
class Module:
    title: str
    key: str | None = None  # stable name for a reader's progress; the title's slug when not written
    summary: str | None = None
    jp: int | None = None
    materials: tuple[Material, ...] = ()
    quiz: tuple[Question, ...] = ()

    @property
    def progress_key(self) -> str:
        return self.key or re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", self.title).encode(
            "ascii", "ignore").decode().lower()).strip("-") or "modul"


@dataclass(frozen=True, kw_only=True)
class Author:
    name: str
    unit: str | None = None


@dataclass(kw_only=True)
class Entry:
    """What every kind has. A kind's class adds its fields and may change ``sort_key`` and ``facts``."""

    KIND: ClassVar[str]
    slug: str
    source: str  # path from the project root, e.g. content/courses/x.yml
    title: str
    summary: str
    tags: tuple[str, ...] = ()
    draft: bool = False
    redirect_from: tuple[str, ...] = ()
    # (kind, slug) pairs linked from Markdown fields: cross-references beside the declared ones
    links: frozenset[tuple[str, str]] = frozenset()

    BOOKKEEPING: ClassVar[frozenset[str]] = frozenset({"slug", "source", "links"})  # not written in YAML

    @property
    def kind(self) -> str:
        return self.KIND

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.KIND]

    def sort_key(self) -> tuple[object, ...]:
        """Place in its kind's listing: by title unless a kind says otherwise."""
        return (self.title.casefold(), self.slug)

    def facts(self) -> str:
        """What a search result shows beside the title, e.g. "Kursus · Dasar · 8 JP"."""
        return self.spec.label

    def refs(self) -> set[tuple[str, str]]:
        """Entries this one points to: its reference fields and the links in its Markdown."""
        found = set(self.links)
        for spec in self.spec.fields:
            if spec.type is FieldType.REFS:
                found |= {(spec.ref, slug) for slug in getattr(self, spec.name)}
        found.discard((self.kind, self.slug))
        return found

    def materials_used(self) -> Iterator[Material]:
        """Every material in its fields, nested ones (a course's modules) included."""
        yield from _materials(self, self.spec.fields)


def _materials(value: object, declared: tuple[Field, ...]) -> Iterator[Material]:
    for spec in declared:
        found = getattr(value, spec.name, None)
        if spec.type is FieldType.MATERIALS:
            yield from found or ()
        elif spec.type is FieldType.OBJECT_LIST:
            for item in found or ():
                yield from _materials(item, spec.fields)
        elif spec.type is FieldType.OBJECT and found is not None:
            yield from _materials(found, spec.fields)


@dataclass(kw_only=True)
class Factor(Entry):
    KIND = "factor"
    order: int
    practices: tuple[Practice, ...]
    body: str | None = None

    def sort_key(self) -> tuple[object, ...]:
        return (self.order, self.slug)


@dataclass(kw_only=True)
class Course(Entry):
    KIND = "course"
    competency: str
    level: str
    mode: str
    jp: int
    factors: tuple[str, ...]
    description: str | None = None
    objectives: tuple[str, ...] = ()
    modules: tuple[Module, ...] = ()
    organizer: str | None = None
    audience: str | None = None
    prerequisites: tuple[str, ...] = ()
    registration: str | None = None
    certificate: bool | None = None
    quiz: tuple[Question, ...] = ()

    def facts(self) -> str:
        return f"{self.spec.label} · {LEVELS[self.level]} · {self.jp} JP"

    def plan_facts(self) -> dict[str, object]:
        """What a reader's learning plan keeps of a course (and what its record to hand in needs)."""
        return {"slug": self.slug, "title": self.title, "jp": self.jp, "competency": COMPETENCIES[self.competency],
                "mode": self.mode, "mode_label": MODES[self.mode], "organizer": self.organizer,
                "certificate": self.certificate,
                "modules": [{"key": m.progress_key, "title": m.title, "jp": m.jp} for m in self.modules]}


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


# -- the registry ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class KindSpec:
    name: str  # "course": the key in KINDS, in code and in `asn-portal new course`
    folder: str  # folder under content/: "courses"
    url_dir: str  # published folder and link prefix: "kursus" (kursus/<slug>/, [x](kursus:slug))
    label: str  # "Kursus"
    label_plural: str  # the nav tab
    index_title: str  # h1 of the listing page
    entry_class: type[Entry]
    fields: tuple[Field, ...]
    nav_order: int = 100  # place of its tab in the default nav
    subset_option: bool = False  # `asn-portal bundle --<name> SLUG` builds a kit around entries of this kind
    plannable: bool = False  # readers add its entries to their learning plan (the class has plan_facts)
    template_dir: str | None = None  # where its templates are when not shipped in asn_portal/templates
    # Checks across an entry's own fields (the modules' JP within the course's), as ``Field.rule``: (field,
    # item index or None, message) for each problem, given the entry's checked values.
    rule: Callable[[dict[str, Any]], list[tuple[str, int | None, str]]] | None = None

    @property
    def page_template(self) -> str:
        return f"{self.name}.md.j2"

    @property
    def index_template(self) -> str:
        return f"index_{self.folder}.md.j2"

    @property
    def new_template(self) -> str:
        return f"new_{self.name}.yml"


F = FieldType
_COMMON = (
    Field("tags", F.TEXT_LIST, "Tag untuk mengelompokkan entri, misalnya [kinerja, digital]."),
    Field("draft", F.BOOL, "true: entri masih ditinjau dan tidak diterbitkan (tetap tampak di `mkdocs serve`)."),
    Field("redirect_from", F.SLUG_LIST,
          "Slug lama entri ini, agar tautan lama tetap berfungsi setelah berkas diganti nama."),
)
_QUIZ = Field("quiz", F.OBJECT_LIST, "Kuis mandiri: pertanyaan pilihan ganda untuk memeriksa pemahaman sendiri.",
               model=Question, rule=question_rule, fields=(
                   Field("question", F.TEXT, "Pertanyaan.", required=True),
                   Field("choices", F.TEXT_LIST, "Pilihan jawaban, 2 sampai 6.", required=True, min_items=2,
                         max_items=6),
                   Field("answer", F.POSINT, "Nomor pilihan yang benar (1 = pilihan pertama).", required=True),
                   Field("explanation", F.MARKDOWN, "Penjelasan jawaban, tampil setelah diperiksa (Markdown)."),
               ))
_MATERIAL_HELP = ("Daftar materi: URL http(s) atau path berkas yang diawali `materials/`, "
                  "ditulis sebagai teks atau sebagai {path: ..., title: ...} / {url: ..., title: ...}.")

FACTOR = KindSpec("factor", "factors", "faktor", "Faktor", "Faktor", "Faktor Pendukung Pengembangan Kompetensi",
                  Factor, (
    Field("title", F.TEXT, "Judul faktor pendukung.", required=True),
    Field("order", F.INT, "Urutan tampil (bilangan bulat, unik di antara semua faktor).", required=True,
          unique=True),
    Field("summary", F.TEXT, "Ringkasan satu atau dua kalimat.", required=True),
    Field("body", F.MARKDOWN, "Penjelasan lengkap (Markdown)."),
    Field("practices", F.OBJECT_LIST, "Praktik baik yang mewujudkan faktor ini (minimal satu).", required=True,
          min_items=1, model=Practice, fields=(
              Field("title", F.TEXT, "Nama praktik.", required=True),
              Field("description", F.MARKDOWN, "Penjelasan praktik (Markdown).", required=True),
          )),
    *_COMMON,
), nav_order=2, subset_option=True)

COURSE = KindSpec("course", "courses", "kursus", "Kursus", "Kursus", "Katalog Kursus", Course, (
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
    Field("modules", F.OBJECT_LIST, "Modul atau sesi kursus.", model=Module, rule=module_key_rule, fields=(
        Field("title", F.TEXT, "Judul modul.", required=True),
        Field("key", F.TEXT, "Kunci tetap modul (slug), agar kemajuan pembaca tetap tersimpan bila judulnya "
                             "diubah. Bila tidak ditulis: slug dari judul."),
        Field("summary", F.TEXT, "Ringkasan modul."),
        Field("jp", F.POSINT, "Jam pelajaran modul ini."),
        Field("materials", F.MATERIALS, _MATERIAL_HELP),
        _QUIZ,
    )),
    Field("organizer", F.TEXT, "Penyelenggara."),
    Field("audience", F.TEXT, "Sasaran peserta."),
    Field("prerequisites", F.TEXT_LIST, "Prasyarat peserta."),
    Field("registration", F.URL, "Tautan pendaftaran (URL http/https)."),
    Field("certificate", F.BOOL, "true bila peserta mendapat sertifikat."),
    _QUIZ,
    *_COMMON,
), nav_order=1, subset_option=True, plannable=True, rule=course_jp_rule)

ARTICLE = KindSpec("article", "articles", "artikel", "Artikel", "Artikel", "Berbagi Pengetahuan", Article, (
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
    Field("materials", F.MATERIALS, _MATERIAL_HELP),
    *_COMMON,
), nav_order=3)

KINDS: dict[str, KindSpec] = {k.name: k for k in (FACTOR, COURSE, ARTICLE)}
LINK_PREFIXES = {k.url_dir: k.name for k in KINDS.values()}  # "kursus:slug" -> course


def register(spec: KindSpec) -> Callable[[], None]:
    """Add a kind (tests, extensions); returns the function that removes it again."""
    KINDS[spec.name] = spec
    LINK_PREFIXES[spec.url_dir] = spec.name

    def unregister() -> None:
        KINDS.pop(spec.name, None)
        LINK_PREFIXES.pop(spec.url_dir, None)

    return unregister


def model_fields(cls: type[DataclassInstance]) -> dict[str, bool]:
    """Field name -> required, as a dataclass declares them (for the test that keeps the two in step)."""
    skip: frozenset[str] = getattr(cls, "BOOKKEEPING", frozenset())
    return {f.name: f.default is MISSING and f.default_factory is MISSING for f in fields(cls) if f.name not in skip}


PUBLISHED_MATERIALS = "materi"  # site folder of material files: materials/x.pdf -> materi/x.pdf
MAX_SLUG = 100
# Names a kind's own URL space already uses: kursus/index.md is the catalog page.
RESERVED_SLUGS = frozenset({"index"})
