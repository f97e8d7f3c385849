"""A throw-away portal project written into a temporary folder, every file given as YAML text."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

MKDOCS_YML = """\
site_name: Portal Uji
docs_dir: content/pages
theme:
  name: material
  language: id
  font: false
  features: [navigation.tabs, navigation.instant]
plugins:
  - search
  - tags
  - asn-portal
"""

FACTOR = """\
title: {title}
order: {order}
summary: Ringkasan faktor {title}.
practices:
  - title: Praktik pertama
    description: Uraian praktik **pertama**.
"""

COURSE = """\
title: {title}
summary: Ringkasan kursus {title}.
competency: {competency}
level: {level}
mode: {mode}
jp: {jp}
factors: [{factors}]
"""

ARTICLE = """\
title: {title}
summary: Ringkasan artikel {title}.
body: |
  Isi artikel {title}.
date: {date}
author:
  name: {author}
  unit: Unit Uji
"""


class ProjectBuilder:
    """Writes a throw-away portal project; every file is given as YAML text."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "content" / "pages").mkdir(parents=True)
        for folder in ("factors", "courses", "articles"):
            (root / "content" / folder).mkdir()
        (root / "materials").mkdir()
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        (root / "content" / "pages" / "index.md").write_text("# Beranda Uji\n\nTeks beranda.\n", encoding="utf-8")

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def factor(self, slug: str, order: int, title: str | None = None, extra: str = "") -> Path:
        return self.write(f"content/factors/{slug}.yml", FACTOR.format(title=title or f"Faktor {slug}", order=order)
                          + extra)

    def course(self, slug: str, factors: str = "alpha", extra: str = "", **fields: Any) -> Path:
        values = {"title": f"Kursus {slug}", "competency": "teknis", "level": "dasar", "mode": "daring",
                  "jp": 8, "factors": factors, **fields}
        return self.write(f"content/courses/{slug}.yml", COURSE.format(**values) + extra)

    def article(self, slug: str, extra: str = "", **fields: Any) -> Path:
        values = {"title": f"Artikel {slug}", "date": "2026-11-27", "author": "Penulis Uji", **fields}
        return self.write(f"content/articles/{slug}.yml", ARTICLE.format(**values) + extra)

    def minimal(self) -> ProjectBuilder:
        """Two factors, one course, one article: the smallest catalog with every kind."""
        self.factor("alpha", 1)
        self.factor("beta", 2)
        self.course("kursus-satu", factors="alpha")
        self.article("artikel-satu", extra="factors: [alpha]\ncourses: [kursus-satu]\n")
        return self

    def build(self, **overrides: Any) -> Path:
        from asn_portal.engines.mkdocs.build import build_site

        return build_site(self.root / "mkdocs.yml", strict=True, **overrides)
