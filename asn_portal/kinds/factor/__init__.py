"""Factor guides (faktor pendukung): what supports competency development, with good practices."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from asn_portal.model.registry import COMMON_FIELDS, Entry, Field, KindSpec
from asn_portal.model.registry import FieldType as F


@dataclass(frozen=True, kw_only=True)
class Practice:
    title: str
    description: str


@dataclass(kw_only=True)
class Factor(Entry):
    KIND = "factor"
    order: int
    practices: tuple[Practice, ...]
    body: str | None = None

    # what catalog.json lists of a factor beside its kind, slug, title, summary and url (no JSON-LD:
    # a guide has no schema.org type that says more than the page's title and description)
    CATALOG_FIELDS: ClassVar[tuple[str, ...]] = ("order",)

    def sort_key(self) -> tuple[object, ...]:
        return (self.order, self.slug)


SPEC = KindSpec("factor", "factors", "faktor", "Faktor", "Faktor", "Faktor Pendukung Pengembangan Kompetensi",
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
    *COMMON_FIELDS,
), nav_order=2, home_order=1, subset_option=True, template_dir=str(Path(__file__).parent))
