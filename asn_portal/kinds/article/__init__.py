"""Articles (berbagi pengetahuan): what colleagues write, credited to their author and unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

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

    # what catalog.json lists of an article beside its kind, slug, title, summary and url
    CATALOG_FIELDS: ClassVar[tuple[str, ...]] = ("date", "author", "factors", "courses")
    IN_FEED: ClassVar[bool] = True

    def sort_key(self) -> tuple[object, ...]:
        return (-self.date.toordinal(), self.slug)  # newest first

    def feed_date(self) -> dt.date:
        """The date the feed (feed.xml) gives it."""
        return self.date

    def jsonld(self, url: str, publisher: Mapping[str, object]) -> dict[str, object]:
        """schema.org ``Article`` for the page at ``url``; its author a ``Person`` (with their unit)."""
        author: dict[str, object] = {"@type": "Person", "name": self.author.name}
        if self.author.unit:
            author["affiliation"] = {"@type": "Organization", "name": self.author.unit}
        return {"@context": "https://schema.org", "@type": "Article", "headline": self.title,
                "description": self.summary, "author": author, "datePublished": self.date.isoformat(),
                "publisher": dict(publisher), "inLanguage": "id", "url": url}

    def facts(self) -> str:
        return f"{self.spec.label} · {self.author.name}"

    def credited(self) -> Author:
        return self.author


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
