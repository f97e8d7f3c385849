"""What MkDocs and Material receive of a page: only what the core wrote.

Every page, generated or hand-written, reaches MkDocs as an empty source (MkDocs converts nothing
and reads no front matter) whose finished HTML and contents the plugin hands over. The theme reads
``page.meta`` directly and prints it raw (MkDocs' Jinja has no autoescape; ``striptags`` turns
entities back into markup), so the meta here is built from the core's plain values and escaped:
the title is always set, never left to the engine's heading extraction.
"""

from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from asn_portal.render.pages import PageSource
from asn_portal.render.publish import TAG_INDEX_ELEMENT
from asn_portal.trust.markup import TocEntry

TAGS_MARKER = "<!-- material/tags -->"
_INJECTION = re.compile(r"<h6\b[^>]*\bid=\"([^\"]*)\"[^>]*>(.*?)</h6>", re.S)


def engine_meta(page: PageSource) -> dict[str, Any]:
    """``page.meta`` for the theme: the keys it reads, with escaped text only."""
    meta: dict[str, Any] = {"title": html.escape(page.title, quote=True)}
    if page.description:
        meta["description"] = html.escape(page.description, quote=True)
    if page.tags:
        meta["tags"] = [escape_tag(t) for t in page.tags]
    if page.hide:
        meta["hide"] = list(page.hide)  # fixed words (frontmatter.HIDE_CHOICES)
    if not page.in_nav or not page.searchable:  # a listing's page 2, 3 ...: its entries are found on their own
        meta["search"] = {"exclude": True}
    return meta


def escape_tag(tag: str) -> str:
    """Material prints tag names raw: escape markup, but leave a plain '&' as a person wrote it, so
    "Data & Analitik" is one tag however it was written."""
    return re.sub(r"&(?=#?\w+;)", "&amp;", tag).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def engine_toc(page: PageSource) -> list[TocEntry]:
    """A page's headings as the theme's table of contents reads them."""
    # Material prints a heading's id into the contents' href raw: it is escaped here (a contributed id
    # may hold quotes: attr_list and md_in_html let content write any id).
    return [{"level": e["level"], "id": html.escape(e["id"], quote=True), "name": e["name"]} for e in page.toc]


def with_tag_indexes(page: PageSource, converted: str) -> tuple[str, list[TocEntry]]:
    """A page's HTML and contents with the injection points Material's tags plugin made of the markers
    (``converted``: MkDocs' HTML of ``TAGS_MARKER`` lines, one ``<h6>`` each) where the core's elements
    stand; the plugin replaces each with its list of tags once every page is read."""
    toc = engine_toc(page)
    content = page.html
    points = _INJECTION.findall(converted)
    for n, position in reversed(list(enumerate(page.tag_indexes))):
        if n >= len(points):
            continue  # the tags plugin is off: the marker stays empty
        slug, name = points[n]
        before, _, after = content.rpartition(TAG_INDEX_ELEMENT)
        content = f'{before}<h6 id="{slug}">{name}</h6>{after}'
        toc.insert(position, {"level": 6, "id": html.unescape(slug), "name": name})
    return content, toc


class GeneratedPage(Page):
    """A page the core wrote: the plugin hands its HTML over in ``on_page_content``, so there is nothing
    to convert (MkDocs would make a Markdown instance with every extension per page to convert "")."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
