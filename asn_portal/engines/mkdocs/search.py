"""MkDocs side of search: Material's search box and results, asn-portal's worker and sharded index.

Material keeps its search UI and starts the worker its ``__config`` names; that file is replaced by
``assets/search-worker.js``, which answers from the index ``searchshards`` writes. Material's own
indexer is switched off (it parsed every page's HTML again); the ``search_index.json`` it still
writes holds its settings only, the few bytes its setup message needs.
"""

from __future__ import annotations

import fnmatch
import html
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from asn_portal import packaged_text
from asn_portal.content.catalog import Catalog
from asn_portal.content.synonyms import Synonyms
from asn_portal.engines.mkdocs import _internals
from asn_portal.search.docs import SearchDoc
from asn_portal.search.shards import Analysed, SearchIndex, analyse
from asn_portal.search.words import synonym_table
from asn_portal.site.assets import search_assets
from asn_portal.site.search import DocMaker

WORKER = "assets/javascripts/workers/search.*.min.js"  # Material's worker, by its hashed name


def material_search(config: MkDocsConfig) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


class PortalSearch:
    """The search of one build: switched on for sites in Indonesian (``indonesian_search``)."""

    def __init__(self) -> None:
        self.docs: dict[str, SearchDoc] = {}  # page source -> what search takes of it, in build order
        self.analysed: dict[str, tuple[SearchDoc, Analysed]] = {}
        self.written: dict[str, str] = {}  # the shards last written (a save rewrites only those that changed)
        self.maker = DocMaker(Catalog())
        self.synonyms: dict[str, list[list[str]]] = {}

    @staticmethod
    def take_over(config: MkDocsConfig) -> bool:
        """Switch Material's indexer off for a site in Indonesian; False leaves Material's search as it is."""
        search = material_search(config)
        if search is None or config.theme.get("language") != "id" or not hasattr(search, "search_index"):
            return False
        _internals.silence_material_indexer(search, config.plugins)
        return True

    def start(self, catalog: Catalog, synonyms: Synonyms) -> None:
        self.docs = {}
        self.analysed = {}
        self.catalog_is(catalog, synonyms)

    def catalog_is(self, catalog: Catalog, synonyms: Synonyms) -> None:
        """The catalog and content/sinonim.yml of this build (or of this save, in `serve`)."""
        self.maker = DocMaker(catalog)
        self.synonyms = synonym_table(synonyms)

    def files(self, files: Files, config: MkDocsConfig) -> list[File]:
        """Our worker at the path of Material's, and the engine it loads."""
        made = [File.generated(config, path, content=text) for path, text in search_assets().items()]
        worker = packaged_text("assets", "search-worker.js")
        made += [File.generated(config, f.src_uri, content=worker) for f in files
                 if fnmatch.fnmatch(f.src_uri, WORKER)]
        return made

    def add(self, page: Page) -> None:
        doc = self.doc_of(page)
        if doc is None:
            self.drop(page.file.src_uri)
        else:
            self.docs[page.file.src_uri] = doc

    def doc_of(self, page: Page, content: Callable[[Page], str] = lambda page: page.content or "") -> SearchDoc | None:
        """What search takes of a page; None when its front matter excludes it (as Material reads it)."""
        wanted = page.meta.get("search")
        if isinstance(wanted, dict) and wanted.get("exclude"):
            return None
        # Page titles reach Material escaped (mkdocs_pages.engine_meta)
        return self.maker.doc(page.file.src_uri, page.url, html.unescape(str(page.title or "")), content(page))

    def drop(self, src: str) -> None:
        self.docs.pop(src, None)

    def write(self, site_dir: Path, order: Iterable[str] | None = None, keep: bool = False,
              atomic: bool = False) -> None:
        """The index of the pages in ``order`` (default: as added) as shards under ``site/search``, each
        written only when its text changed. ``keep``: remember each page's counted words for the next
        write (`serve`); ``atomic``: each shard written beside and renamed into place (a server may be
        sending it meanwhile)."""
        index = self._index()
        analysed: dict[str, tuple[SearchDoc, Analysed]] = {}
        for src in (order if order is not None else list(self.docs)):
            doc = self.docs.get(src)
            if doc is None:
                continue
            kept = self.analysed.get(src)
            counted = kept[1] if kept is not None and kept[0] == doc else analyse(doc)
            if keep:
                analysed[src] = (doc, counted)
            index.add(doc, counted)
        self.analysed = analysed
        self._write_files(index, site_dir, atomic)

    def write_pages(self, pages: Iterable[Page], site_dir: Path, content: Callable[[Page], str]) -> None:
        """The index ``add`` for each of ``pages`` then ``write`` make, with no document kept once counted: a
        parallel build's search worker (parallel.py) holds one page's words at a time."""
        index = self._index()
        for page in pages:
            doc = self.doc_of(page, content)
            if doc is not None:
                index.add(doc)
        self._write_files(index, site_dir, atomic=False)

    def _index(self) -> SearchIndex:
        index = SearchIndex()
        index.synonyms = self.synonyms
        return index

    def _write_files(self, index: SearchIndex, site_dir: Path, atomic: bool) -> None:
        target = site_dir / "search"
        made = index.files()
        for path, text in made.items():
            if self.written.get(path) != text:
                out = target / path
                out.parent.mkdir(parents=True, exist_ok=True)
                if atomic:
                    part = out.with_name(out.name + ".part")
                    part.write_bytes(text.encode("utf-8"))
                    os.replace(part, out)
                else:
                    out.write_bytes(text.encode("utf-8"))
        for path in set(self.written) - set(made):
            (target / path).unlink(missing_ok=True)
        self.written = made
