"""Page contents held packed between MkDocs reading every page and rendering each through the theme.

MkDocs reads (populates) every page before it renders the first, so each page's HTML waited in memory for
the whole build: at 20,000 courses a quarter GB as text, and in a parallel build a worker that touches
those pages copies them. Once every plugin's ``on_page_content`` has run, the page's final content is
packed here (zlib, fastest level) and the page holds an empty string; it is unpacked as the page's
context is made, before any plugin's ``on_page_context`` or the theme reads it, so the written page is
the same. Pages with Material tag index markers keep their content: Material fills them in ``on_env``.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Set

from mkdocs.structure.pages import Page

from asn_portal.render.headings import page_ids


class ParkedContent:
    """The packed contents of one build's pages, by source path."""

    def __init__(self) -> None:
        self.packed: dict[str, bytes] = {}

    def park(self, src: str, html: str) -> str:
        """``html`` kept packed; what the page holds meanwhile."""
        self.packed[src] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def restore(self, page: Page) -> None:
        """The page's content back, for the theme and the plugins that read it while it is rendered."""
        packed = self.packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")

    def content_of(self, page: Page) -> str:
        """The page's content, leaving it packed (a parallel build's search worker reads every page)."""
        packed = self.packed.get(page.file.src_uri)
        return zlib.decompress(packed).decode("utf-8") if packed is not None else page.content or ""


class AnchorIds(Set[str]):
    """A page's element ids (``page_ids``), read from its content only if asked. MkDocs asks only to check a link
    from a page it converted itself to an anchor of this one (``validate_anchor_links``, while every page is
    still parked, before ``on_env``), which the portal's own pages never make: a set for every page held
    30 MB at 20,000 courses, in every process of a parallel build."""

    def __init__(self, content: Callable[[], str]) -> None:
        self._content: Callable[[], str] | None = content
        self._ids: set[str] = set()

    def _read(self) -> set[str]:
        if self._content is not None:
            self._ids = page_ids(self._content())
            self._content = None
        return self._ids

    def __contains__(self, anchor: object) -> bool:
        return anchor in self._read()

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())
