"""What search indexes of an assembled site: entry pages from their fields, other pages from their
HTML; continuation pages and pages whose front matter excludes them are left out. The MkDocs adapter
feeds the same documents page by page as it renders them (engines/mkdocs/search.py); an output that
writes its pages itself (the Zensical export) takes the whole index from here."""

from __future__ import annotations

from collections.abc import Iterable

from asn_portal.content.catalog import Catalog
from asn_portal.model.registry import Entry
from asn_portal.render.source import PageSource
from asn_portal.search.docs import SearchDoc, entry_doc, html_doc
from asn_portal.search.shards import SearchIndex
from asn_portal.trust.urls import HOME, Urls, entry_src


class DocMaker:
    """The search document of each page of one catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.entries = {entry_src(e.kind, e.slug): e for e in catalog.entries()}

    def title_of(self, kind: str, slug: str) -> str | None:
        entry = self.catalog.get(kind, slug)
        return entry.title if entry is not None else None

    def entry(self, src: str) -> Entry | None:
        return self.entries.get(src)

    def doc(self, src: str, url: str, title: str, html: str) -> SearchDoc:
        entry = self.entries.get(src)
        return entry_doc(entry, url, self.title_of) if entry is not None else html_doc(url, title, html)


def search_index(pages: Iterable[PageSource], catalog: Catalog, urls: Urls) -> SearchIndex:
    """The portal's index of the published pages, as the MkDocs build makes it."""
    maker = DocMaker(catalog)
    index = SearchIndex()
    for page in pages:
        if not page.in_nav or not page.searchable:
            continue
        url = urls.href(HOME, page.src)  # from the site root, as MkDocs writes page.url
        index.add(maker.doc(page.src, "" if url == "./" else url, page.title, page.html))
    return index
