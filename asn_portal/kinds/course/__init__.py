"""Courses (kursus): the catalog readers plan their year's competency development from."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from asn_portal.model.registry import (
    COMMON_FIELDS,
    MATERIAL_HELP,
    QUIZ_FIELD,
    SLUG,
    Entry,
    Field,
    KindSpec,
    Material,
    Question,
)
from asn_portal.model.registry import FieldType as F

COMPETENCIES = {"teknis": "Teknis", "manajerial": "Manajerial", "sosial-kultural": "Sosial-Kultural"}
LEVELS = {"dasar": "Dasar", "menengah": "Menengah", "lanjut": "Lanjut"}
MODES = {"daring": "Daring", "luring": "Luring", "campuran": "Campuran", "mandiri": "Mandiri"}
# Words people write for a choice, in Indonesian and English: "Mungkin maksudnya 'daring'?"
MODE_WORDS = {"online": "daring", "e-learning": "daring", "elearning": "daring", "virtual": "daring",
              "offline": "luring", "tatap muka": "luring", "klasikal": "luring", "hybrid": "campuran",
              "blended": "campuran", "hibrida": "campuran", "self-paced": "mandiri", "belajar mandiri": "mandiri"}
LEVEL_WORDS = {"pemula": "dasar", "basic": "dasar", "intermediate": "menengah", "madya": "menengah",
               "advanced": "lanjut", "mahir": "lanjut", "lanjutan": "lanjut"}
# schema.org's courseMode of each mode (JSON-LD on a course page); self-paced learning is online.
COURSE_MODES = {"daring": "online", "luring": "onsite", "campuran": "blended", "mandiri": "online"}
JP_MINUTES = 45  # one JP (jam pelajaran) is 45 minutes: 8 JP -> timeRequired "PT6H"
COMPETENCY_WORDS = {"technical": "teknis", "managerial": "manajerial", "sosial kultural": "sosial-kultural",
                    "sosiokultural": "sosial-kultural", "sosial": "sosial-kultural"}


def _module_jp(values: dict[str, Any]) -> list[int]:
    """The JP its modules state; a module without 'jp' is left out."""
    return [m.jp for m in values.get("modules") or () if isinstance(getattr(m, "jp", None), int)]


def _jp_sum(counted: list[int]) -> str:
    """A sum as a message shows it: "4 + 6 = 10", or "9" for one module."""
    total = sum(counted)
    return f"{' + '.join(map(str, counted))} = {total}" if len(counted) > 1 else str(total)


def course_jp_rule(values: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    """The modules' JP fit in the course's JP; modules without 'jp' are left out of the sum."""
    jp = values.get("jp")
    counted = _module_jp(values)
    total = sum(counted)
    if not isinstance(jp, int) or total <= jp:
        return []
    return [("jp", None, f"jumlah JP modul ({_jp_sum(counted)}) lebih dari JP kursus ({jp}). Naikkan 'jp' kursus "
                         f"menjadi {total} atau kurangi JP modul.")]


def course_advice(values: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    """Warnings: what SIASN and a reader's record need of a course, and modules that leave JP uncounted."""
    found: list[tuple[str, int | None, str]] = []
    if not str(values.get("organizer") or "").strip():
        # A reader's SIASN record of the course (records.mjs) has an organizer cell: without it, left empty.
        found.append(("organizer", None, "SIASN memerlukan institusi penyelenggara: isi kolom 'organizer' "
                                         "(misalnya organizer: BKPSDM Kabupaten ...)."))
    jp, modules, counted = values.get("jp"), values.get("modules") or (), _module_jp(values)
    # Only when every module states its JP: with one left out, the rest of the course's JP may be that module's.
    if isinstance(jp, int) and modules and len(counted) == len(modules) and sum(counted) < jp:
        found.append(("jp", None, f"jumlah JP modul ({_jp_sum(counted)}) lebih kecil dari JP kursus ({jp}): "
                                  "periksa JP modul atau JP kursus."))
    return found


def module_key_rule(values: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    key = values.get("key")
    if isinstance(key, str) and not SLUG.match(key):
        return [("key", None, f"'key' modul harus berupa slug (huruf kecil, angka dan '-'), bukan '{key}'.")]
    return []


def jp_duration(jp: int) -> str:
    """JP as an ISO 8601 duration, 1 JP = 45 minutes: 8 -> "PT6H", 3 -> "PT2H15M", 1 -> "PT45M"."""
    hours, minutes = divmod(jp * JP_MINUTES, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")


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

    # what catalog.json lists of a course beside its kind, slug, title, summary and url
    CATALOG_FIELDS: ClassVar[tuple[str, ...]] = ("competency", "level", "mode", "jp", "factors", "organizer")
    IN_FEED: ClassVar[bool] = True

    def facts(self) -> str:
        return f"{self.spec.label} · {LEVELS[self.level]} · {self.jp} JP"

    def jsonld(self, url: str, publisher: Mapping[str, object]) -> dict[str, object]:
        """schema.org ``Course`` for the page at ``url``; ``publisher`` (the portal's ``Organization``)
        provides it when no organizer is written."""
        provider = {"@type": "Organization", "name": self.organizer} if self.organizer else dict(publisher)
        return {"@context": "https://schema.org", "@type": "Course", "name": self.title,
                "description": self.summary, "provider": provider, "educationalLevel": LEVELS[self.level],
                "inLanguage": "id", "timeRequired": jp_duration(self.jp),
                "hasCourseInstance": {"@type": "CourseInstance", "courseMode": COURSE_MODES[self.mode]},
                "url": url}

    def plan_facts(self) -> dict[str, object]:
        """What a reader's learning plan keeps of a course (and what its record to hand in needs)."""
        return {"slug": self.slug, "title": self.title, "jp": self.jp, "competency": COMPETENCIES[self.competency],
                "mode": self.mode, "mode_label": MODES[self.mode], "organizer": self.organizer,
                "certificate": self.certificate,
                "modules": [{"key": m.progress_key, "title": m.title, "jp": m.jp} for m in self.modules]}


SPEC = KindSpec("course", "courses", "kursus", "Kursus", "Kursus", "Katalog Kursus", Course, (
    Field("title", F.TEXT, "Judul kursus.", required=True),
    Field("summary", F.TEXT, "Ringkasan satu atau dua kalimat.", required=True),
    Field("description", F.MARKDOWN, "Deskripsi lengkap (Markdown)."),
    Field("competency", F.CHOICE, "Jenis kompetensi.", required=True, choices=tuple(COMPETENCIES),
          synonyms=COMPETENCY_WORDS),
    Field("level", F.CHOICE, "Jenjang kursus.", required=True, choices=tuple(LEVELS), synonyms=LEVEL_WORDS),
    Field("mode", F.CHOICE, "Cara pelaksanaan.", required=True, choices=tuple(MODES), synonyms=MODE_WORDS),
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
        Field("materials", F.MATERIALS, MATERIAL_HELP),
        QUIZ_FIELD,
    )),
    Field("organizer", F.TEXT, "Penyelenggara."),
    Field("audience", F.TEXT, "Sasaran peserta."),
    Field("prerequisites", F.TEXT_LIST, "Prasyarat peserta."),
    Field("registration", F.URL, "Tautan pendaftaran (URL http/https)."),
    Field("certificate", F.BOOL, "true bila peserta mendapat sertifikat."),
    QUIZ_FIELD,
    *COMMON_FIELDS,
), nav_order=1, home_order=2, subset_option=True, plannable=True, rule=course_jp_rule, advice=course_advice,
    template_dir=str(Path(__file__).parent),
    template_globals={"COMPETENCIES": COMPETENCIES, "LEVELS": LEVELS, "MODES": MODES})
