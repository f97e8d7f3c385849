"""What a render gives an engine: one page (``PageSource``) and everything of one build (``Rendered``),
plain data. Its own module so that the renderer's parts (pages.py, portalpages.py, publish.py) and the
engines name the same types without importing each other."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from asn_portal.trust.markup import TocEntry


class Packed:
    """A text attribute kept compressed (zlib, fastest level) and given back whole on every read. A build holds
    every page's HTML from the site assembly until the theme has written it: at 20,000 courses a quarter
    GB as text, a fifth of that packed, for about 40 microseconds a page."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_packed_{name}"

    def __get__(self, instance: object, owner: type | None = None) -> str:
        if instance is None:
            raise AttributeError(self.slot)  # no default: the dataclass field stays required
        packed: bytes = getattr(instance, self.slot)
        return zlib.decompress(packed).decode("utf-8")

    def __set__(self, instance: object, value: str) -> None:
        setattr(instance, self.slot, zlib.compress(value.encode("utf-8"), 1))


@dataclass
class PageSource:
    """One generated page before MkDocs: where it goes, its title, its HTML and table of contents."""

    src: str  # e.g. "kursus/x.md"
    title: str  # plain text; escaping is the renderer's job
    html: str  # held packed (``Packed``, installed below: the dataclass's __init__, == and repr go through it)
    toc: list[TocEntry]  # its headings in order (not nested)
    kind: str  # the entry's kind, or "index" for listing and credit pages
    source: str | None = None  # the YAML file a page came from (edit links)
    description: str = ""
    tags: tuple[str, ...] = ()
    facts: str = ""  # what a search result shows beside the title: "Kursus · Dasar · 12 JP"
    draft: bool = False
    in_nav: bool = True  # False: a listing's continuation page (kursus/halaman-2.md), reached from page 1
    hide: tuple[str, ...] = ()  # parts of the theme a hand-written page hides (front matter ``hide``)
    searchable: bool = True  # False: left out of the search index (front matter ``search: {exclude: true}``)
    # a hand-written page's tag index markers: for each, how many headings stand before it (the engine
    # fills each ``handwritten.TAG_INDEX_ELEMENT`` with its list of tags)
    tag_indexes: tuple[int, ...] = ()


_html = Packed()
_html.__set_name__(PageSource, "html")
setattr(PageSource, "html", _html)  # noqa: B010 - after the dataclass is made, so `html` stays a required field


def packed_html(page: PageSource) -> bytes:
    """A page's HTML as it waits (zlib), for an engine that keeps it packed until the theme reads it."""
    packed: bytes = getattr(page, _html.slot)
    return packed


OverviewRenderer = Callable[[Iterable[str]], tuple[str, list[TocEntry]]]


@dataclass
class Rendered:
    """Everything one render of the catalog gives a build."""

    pages: list[PageSource]
    # the generated part of the home page, rendered once the ids its hand-written part takes are known
    overview: OverviewRenderer
    # "materials/x.pdf" -> "materi/x.pdf": the files to publish, as the resolver accepted them
    materials: dict[str, str]
    redirects: dict[str, str]  # published path of an old slug -> HTML that forwards to the new page
    # published path -> text of the scripts long listings load on demand (lists.py)
    scripts: dict[str, str] = field(default_factory=dict)
    # published path -> text of what machines read: catalog.json, its schema, feed.xml (readers.py)
    readers: dict[str, str] = field(default_factory=dict)
