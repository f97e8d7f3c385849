"""Page contents held packed between MkDocs reading every page and rendering each through the theme.

MkDocs reads (populates) every page before it renders the first, so each page's HTML waited in memory for
the whole build: at 20,000 courses a quarter GB as text, and in a parallel build a worker that touches
those pages copies them. Once every plugin's ``on_page_content`` has run, the page's final content is
packed here (zlib, fastest level) and the page holds an empty string; it is unpacked as the page's
context is made, before any plugin's ``on_page_context`` or the theme reads it, so the written page is
the same. Its table of contents waits the same way (MkDocs' ``AnchorLink`` objects took 30 MB at 20,000
courses). Pages with Material tag index markers keep theirs: Material fills them in ``on_env``.

When no other plugin or hook handles ``on_page_content``, nothing can read or change a page's content
before it is parked: the core's packed HTML is held as it is (``hold``), never unpacked and packed again
(MkDocs reads every page in one process: at 5,000 courses that loop went from 1.5-2.0 s to 0.7 s).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from asn_portal.trust.markup import TocEntry


class ParkedContent:
    """The packed contents and tables of contents of one build's pages, by source path."""

    def __init__(self) -> None:
        self.packed: dict[str, bytes] = {}
        self.tocs: dict[str, bytes] = {}

    def park(self, page: Page, html: str) -> str:
        """``html`` and the page's table of contents kept packed; what the page holds meanwhile."""
        src = page.file.src_uri
        self.packed[src] = zlib.compress(html.encode("utf-8"), 1)
        if page.toc:
            self.tocs[src] = _packed_toc(_plain_toc(page.toc))
            page.toc = TableOfContents([])
        return ""

    def hold(self, page: Page, packed: bytes, toc: list[TocEntry]) -> None:
        """A page's content as the core packed it (zlib) and its headings, parked without MkDocs' objects:
        ``restore`` gives back what ``park`` would of the same content and ``get_toc`` of the same headings."""
        src = page.file.src_uri
        self.packed[src] = packed
        if toc:
            self.tocs[src] = _packed_toc(_plain_tokens(nest_toc_tokens(toc)))
        page.content = ""
        page.toc = TableOfContents([])

    def restore(self, page: Page) -> None:
        """The page's content and contents back, for the theme and the plugins that read them while it is
        rendered."""
        packed = self.packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")
        toc = self.tocs.pop(page.file.src_uri, None)
        if toc is not None:
            page.toc = TableOfContents(_anchor_links(json.loads(zlib.decompress(toc))))

    def content_of(self, page: Page) -> str:
        """The page's content, leaving it packed (a parallel build's search worker reads every page)."""
        packed = self.packed.get(page.file.src_uri)
        return zlib.decompress(packed).decode("utf-8") if packed is not None else page.content or ""


def _packed_toc(plain: list[Any]) -> bytes:
    return zlib.compress(json.dumps(plain, ensure_ascii=False).encode("utf-8"), 1)


def _plain_toc(items: Iterable[AnchorLink]) -> list[Any]:
    return [[item.title, item.id, item.level, _plain_toc(item.children)] for item in items]


def _plain_tokens(tokens: Iterable[Mapping[str, Any]]) -> list[Any]:
    """Nested headings (Python-Markdown's toc tokens) as ``_plain_toc`` writes MkDocs' ``AnchorLink`` tree."""
    return [[t["name"], t["id"], t["level"], _plain_tokens(t["children"])] for t in tokens]


def _anchor_links(plain: list[Any]) -> list[AnchorLink]:
    links = []
    for title, anchor, level, children in plain:
        link = AnchorLink(title, anchor, level)
        link.children = _anchor_links(children)
        links.append(link)
    return links
