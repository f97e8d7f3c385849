"""Generated pages reach MkDocs as HTML: their headings, ids, permalinks and table of contents must
be what the site's Markdown (the toc extension) gave them when the pages were Markdown, and every
Markdown field is converted once per build."""

from __future__ import annotations

import html
import re
from typing import Any

import markdown
import pytest
from markdown.extensions.toc import TocExtension, nest_toc_tokens
from markdown.extensions.toc import slugify as toc_slugify
from markupsafe import Markup

from asn_portal.content.handwritten import safe_slugify
from asn_portal.render.headings import Headings, TocSettings
from asn_portal.trust.markup import PERMALINK_TITLE
from tests.support.htmlview import Node, load
from tests.support.project import MKDOCS_YML, ProjectBuilder

HEADINGS: list[tuple[int, str]] = [
    (1, "Judul (SKP) & Kinerja"), (2, "Deskripsi"), (2, "Deskripsi"), (3, "__config"), (2, "asn-list-kursus"),
    (3, "Deskripsi_1"), (2, "   "), (4, "Ukuran: 1,2 MB"), (2, "Tujuan pembelajaran"),
]
SETTINGS: list[dict[str, Any]] = [
    {"permalink": True},
    {},
    {"permalink": "#", "permalink_title": "", "permalink_class": "tautan"},
    {"permalink": True, "permalink_leading": True},
    {"anchorlink": True, "permalink": True},
    {"toc_depth": "2-3", "baselevel": 2, "separator": "_"},
]


def _markdown(level: int, text: str) -> str:
    escaped = "".join(ch if ch.isalnum() or ch == " " else f"&#{ord(ch)};" for ch in text)
    return "#" * level + " " + escaped


@pytest.mark.parametrize("options", SETTINGS)
def test_headings_are_what_the_toc_extension_writes(options: dict[str, Any]) -> None:
    """The reference: the same headings as Markdown through the toc extension, with the slugify the
    plugin gives the site (reserved ids prefixed) and the plugin's permalink title unless the site set one."""
    reference = {"permalink_title": PERMALINK_TITLE, **options}
    md = markdown.Markdown(extensions=[TocExtension(**reference, slugify=safe_slugify(toc_slugify))])
    expected = md.convert("\n\n".join(_markdown(level, text) for level, text in HEADINGS))
    headings = Headings(TocSettings.of(options))
    written = "\n".join(headings(level, text) for level, text in HEADINGS)

    def plain(text: str) -> str:  # "&#40;" (the Markdown's escaping) and "(" are the same to a reader
        return re.sub(r"&#(\d+);", lambda m: html.escape(chr(int(m.group(1))), quote=False), text)

    assert plain(written) == plain(expected)
    nested = nest_toc_tokens([dict(t) for t in headings.toc])  # type: ignore[misc]
    assert _shape(nested) == _shape(md.toc_tokens)  # type: ignore[attr-defined]


def _shape(tokens: list[Any]) -> list[Any]:
    return [(t["level"], t["id"], str(Markup(t["name"]).unescape()), _shape(t["children"])) for t in tokens]


def test_ids_a_page_already_holds_are_avoided() -> None:
    headings = Headings(TocSettings.of({}), taken={"kursus", "kursus_1"})
    assert 'id="kursus_2"' in headings(2, "Kursus")


# -- in a built site --------------------------------------------------------------------------------

def _ids(page: Node, tag: str) -> list[str]:
    return [str(h.get("id")) for h in page.find_all(tag)]


def _toc(page: Node) -> list[str]:
    nav = page.one("nav", cls="md-nav--secondary")
    return [str(a.get("href")) for a in nav.find_all("a", cls="md-nav__link")]


def test_built_pages_keep_ids_permalinks_and_contents(project: ProjectBuilder) -> None:
    project.write("mkdocs.yml", MKDOCS_YML + "markdown_extensions:\n  - toc:\n      permalink: true\n")
    project.write("content/pages/index.md", "# Beranda Uji\n\n## Kursus menurut kompetensi\n\nTeks.\n")
    project.factor("alpha", 1, title="asn-list-kursus", extra="""\
  - title: Praktik baik
    description: |
      ## Praktik baik

      Uraian.
""")
    project.course("kursus-satu", title="Kursus Satu", extra="description: |\n  ## Deskripsi\n\n  Isi.\n")
    site = project.build()

    factor = load(site / "faktor" / "alpha" / "index.html")
    assert _ids(factor, "h1") == ["isi-asn-list-kursus"], "a reserved id gets the prefix"
    assert _ids(factor, "h2") == ["praktik-baik", "kursus-yang-mendukung", "artikel-tentang-faktor-ini"]
    # the practice's heading takes the next free id; the one inside its text keeps its own prefix
    assert _ids(factor, "h3") == ["praktik-pertama", "praktik-baik_1", "p2-praktik-baik"]
    for heading in factor.find_all("h2") + factor.find_all("h3")[:2]:
        permalink = heading.one("a", cls="headerlink")
        assert permalink.get("href") == f"#{heading.get('id')}" and permalink.get("title") == "Tautan permanen"
    assert _toc(factor) == ["#praktik-baik", "#praktik-pertama", "#praktik-baik_1", "#kursus-yang-mendukung",
                            "#artikel-tentang-faktor-ini"]

    course = load(site / "kursus" / "kursus-satu" / "index.html")
    assert "#deskripsi" in _toc(course) and "deskripsi_1" in _ids(course, "h3")

    home = load(site / "index.html")
    toc = _toc(home)
    assert toc[:3] == ["#kursus-menurut-kompetensi", "#faktor-pendukung-pengembangan-kompetensi",
                       "#kursus-menurut-kompetensi_1"], "the overview follows the page, its ids free of the page's"
    assert "#teknis-1-kursus-8-jp" in toc and "#artikel-terbaru" in toc
    ids = _ids(home, "h2") + _ids(home, "h3")
    assert len(ids) == len(set(ids))


def test_each_markdown_field_is_converted_once_per_build(project: ProjectBuilder,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from asn_portal.trust import markup

    converted: list[str] = []
    real = markup._Converter.__call__

    def counting(self: markup._Converter, text: str) -> markup.Converted:
        converted.append(text)
        return real(self, text)

    monkeypatch.setattr(markup._Converter, "__call__", counting)
    project.minimal()
    project.course("kursus-dua", extra="""\
description: Uraian kursus dua.
quiz:
  - question: Apa itu SKP?
    choices: [Sasaran Kinerja Pegawai, Surat Keputusan]
    answer: 1
    explanation: Penjelasan **SKP**.
""")
    project.build()
    fields = ["Uraian praktik **pertama**.", "Isi artikel Artikel artikel-satu.\n", "Uraian kursus dua.",
              "Penjelasan **SKP**."]
    # the quiz explanation is shown twice (question and key); the practice is in both factors
    assert sorted(converted) == sorted(fields)
