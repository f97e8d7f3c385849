"""Which of the site's pages and materials the book holds, in which order, and what it is called.

A book keeps the pages that read without a script: the home page, each listing's first page, every
entry, the contributors and the hand-written pages. The plan and the HR recap are tools that run in the
browser, and a long listing's next pages only repeat cards of entries the book holds anyway. The reading
order is the site's navigation, then the remaining pages (the entries) grouped under their listing, in
the listing's order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import posixpath
import re
import uuid
from collections.abc import Iterable
from pathlib import Path

from asn_portal.content.catalog import Catalog
from asn_portal.engines.epub.package import TocItem
from asn_portal.render.publish import TAG_INDEX_ELEMENT
from asn_portal.render.source import PageSource
from asn_portal.site.assembly import SiteParts
from asn_portal.trust.urls import HOME, PLAN, RECAP, Urls

PAGES_DIR = "isi"  # the site's pages and pictures; the book's own files stay outside it, so no page takes their name
SCRIPTED = frozenset({PLAN, RECAP})  # pages that are JavaScript tools: not in the book
URLS = Urls(False)  # as the offline site: kursus/x.html, relative links that name their file
FIXED_DATE = "2000-01-01T00:00:00Z"  # no SOURCE_DATE_EPOCH and no date in the catalog
# The core media types a reading system must show, by the signature at the start of the file: a file
# named .png that is not one would be refused by the reader (and by epubcheck).
IMAGE_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
                    ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".svg": (b"<",)}
# An SVG is a document: one that runs a script, embeds HTML or reaches outside the book stays on the portal.
_SVG_ACTIVE = re.compile(rb"<script|<foreignObject|\son[a-z]+\s*=|://|@import", re.IGNORECASE)


def page_file(src: str) -> str:
    """A page's XHTML file in the book: ``kursus/x.md`` -> ``isi/kursus/x.xhtml``."""
    return f"{PAGES_DIR}/{URLS.dest(src).removesuffix('.html')}.xhtml"


def in_book(page: PageSource) -> bool:
    return page.in_nav and not page.draft and page.src not in SCRIPTED


def _folder(src: str) -> str:
    return posixpath.dirname(src)


def reading_order(parts: SiteParts) -> list[PageSource]:
    """The book's pages: the site's navigation, then every other page after its listing's group."""
    kept = {src: page for src, page in parts.pages.items() if in_book(page)}
    named = list(dict.fromkeys(src for _, src in parts.nav if src in kept))
    groups = {_folder(src): number for number, src in enumerate(named) if src != HOME and _folder(src)}
    rest = [src for src in kept if src not in named]
    rest.sort(key=lambda src: groups.get(_folder(src), len(groups)))  # stable: the listing's own order
    return [kept[src] for src in [*named, *rest]]


def table_of_contents(parts: SiteParts, pages: list[PageSource], key_file: str | None) -> list[TocItem]:
    """The navigation's pages, then a group per listing with its entries (the reading order, so the
    contents and the spine agree), then the key."""
    titles = {src: title for title, src in parts.nav if title}
    named = {src for _, src in parts.nav}
    # a listing's folder -> its title in the navigation ("kursus" -> "Kursus"): the heading of its group
    group_titles = {_folder(src): titles.get(src, "") for _, src in parts.nav if src != HOME and _folder(src)}
    toc = [TocItem(titles.get(HOME, page.title) if page.src == HOME else page.title, page_file(page.src))
           for page in pages if page.src in named]
    groups: dict[str, TocItem] = {}
    for page in pages:
        folder = _folder(page.src)
        item = TocItem(page.title, page_file(page.src))
        if page.src in named:
            continue
        if not group_titles.get(folder):
            toc.append(item)
            continue
        if folder not in groups:
            groups[folder] = TocItem(group_titles[folder], None)
            toc.append(groups[folder])
        groups[folder].children.append(item)
    if key_file:
        toc.append(TocItem("Kunci jawaban", key_file))
    return toc


def with_tag_index(page: PageSource, pages: list[PageSource]) -> str:
    """The page's HTML with the tag index filled (on the site the tags plugin fills it): each tag and
    the book's pages that carry it."""
    if TAG_INDEX_ELEMENT not in page.html:
        return page.html
    tagged: dict[str, list[PageSource]] = {}
    for other in pages:
        for tag in other.tags:
            tagged.setdefault(tag, []).append(other)
    rows = []
    for tag in sorted(tagged, key=lambda t: (t.casefold(), t)):
        links = "".join(f'<li><a href="{html.escape(URLS.href(page.src, other.src))}">'
                        f"{html.escape(other.title)}</a></li>" for other in tagged[tag])
        rows.append(f"<h2>{html.escape(tag)}</h2>\n<ul>{links}</ul>")
    return page.html.replace(TAG_INDEX_ELEMENT, "\n".join(rows) or "<p>Belum ada tag.</p>")


def images(copies: dict[str, str]) -> dict[str, tuple[str, bytes]]:
    """Published path -> (file in the book, bytes) of the materials the book can show: core image types
    whose content is what their name says."""
    found: dict[str, tuple[str, bytes]] = {}
    for published, source in copies.items():
        if os.path.splitext(published)[1].lower() in IMAGE_SIGNATURES:
            data = Path(source).read_bytes()
            if _shows(published, data):
                found[published] = (f"{PAGES_DIR}/{published}", data)
    return found


def _shows(published: str, data: bytes) -> bool:
    suffix = os.path.splitext(published)[1].lower()
    if suffix == ".svg":
        return data.lstrip().startswith(b"<") and not _SVG_ACTIVE.search(data.replace(b"http://www.w3.org/", b""))
    if suffix == ".webp":
        return data.startswith(b"RIFF") and data[8:12] == b"WEBP"
    return data.startswith(IMAGE_SIGNATURES[suffix])


def title(site_name: str, catalog: Catalog, chosen: Iterable[tuple[str, str]]) -> str:
    """The site's name; for a subset, the chosen entries' titles after it."""
    named = [entry.title for kind, slug in chosen if (entry := catalog.get(kind, slug)) is not None]
    return f"{site_name}: {'; '.join(named)}" if named else site_name


def identifier(site_name: str, chosen: Iterable[tuple[str, str]]) -> str:
    """A stable id: the same portal (and subset) is the same book in a reader's library after an update."""
    subset = ",".join(f"{kind}:{slug}" for kind, slug in sorted(chosen))
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'asn-portal:{site_name}:{subset}')}"


def modified(catalog: Catalog) -> str:
    """SOURCE_DATE_EPOCH (UTC), else the newest date an entry carries, else a fixed date: never the clock,
    so the same content gives the same book."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        moment = dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = [value for entry in catalog.entries() for value in _dates(entry)]
    return max(dates).strftime("%Y-%m-%dT00:00:00Z") if dates else FIXED_DATE


def _dates(entry: object) -> list[dt.date]:
    if not dataclasses.is_dataclass(entry):
        return []
    values = [getattr(entry, f.name) for f in dataclasses.fields(entry)]
    return [v if not isinstance(v, dt.datetime) else v.date() for v in values if isinstance(v, dt.date)]
