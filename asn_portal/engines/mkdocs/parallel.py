"""The theme's page loop on every core: forked workers render most pages while MkDocs renders the rest.

MkDocs renders and writes every page in one loop after ``on_env``; each page through the theme is
independent of the others (the navigation, the tag listings and the page contents are all ready by
then), and it was the largest part of a build. So at the end of ``on_env`` the pages MkDocs is about
to build are split into contiguous shares: share 0 stays in MkDocs' own loop, and shares 1.. are
rendered by forked workers with MkDocs' own ``_build_page`` (so each file has the bytes a one-process
build writes) while the loop skips them. The one thing a worker's pages leave behind that the build
still needs is their search documents (``on_page_context``); they come back with their word counts
(``shards.analyse``, also per page) and join the index in the order MkDocs builds the pages, so the
shards are byte for byte the same. Workers start after the other plugins' ``on_env`` (Material's tag
listings are complete) and are collected in ``on_post_build``, before search writes its index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from asn_portal.engines.mkdocs import _internals
from asn_portal.model.workers import Shares, WorkerError, share_of
from asn_portal.search.docs import SearchDoc
from asn_portal.search.shards import Analysed, analyse

if TYPE_CHECKING:
    from asn_portal.engines.mkdocs.search import PortalSearch

# Below this many pages a worker costs more than it saves (forking, sending the search documents back).
MIN_PAGES = 200

SearchPart = list[tuple[str, SearchDoc, Analysed]]


@dataclass
class ThemeWork:
    """What MkDocs' loop renders each page with, as its ``build`` holds it after ``on_env``."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment


class ParallelPages:
    """One build's page loop shared with ``jobs - 1`` forked workers."""

    def __init__(self, work: ThemeWork, search: PortalSearch | None, jobs: int) -> None:
        self.work = work
        self.search = search
        # The pages MkDocs' loop builds (``build``'s own selection; `serve`, which adds drafts, never gets here)
        self.pages = work.files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.jobs = jobs
        self.shares: Shares[SearchPart] = Shares(self._build_share, jobs)
        self._restore: Callable[[], None] | None = None

    @classmethod
    def start(cls, work: ThemeWork, search: PortalSearch | None, jobs: int) -> ParallelPages | None:
        """Workers started on their shares; None when the site is too small for them to pay."""
        if jobs < 2 or len(work.files.documentation_pages(inclusion=InclusionLevel.is_included)) < MIN_PAGES:
            return None
        parallel = cls(work, search, jobs)
        elsewhere = {file.src_uri for share in range(1, jobs) for file in share_of(parallel.pages, share, jobs)}
        parallel.shares.start()
        parallel._restore = _internals.skip_pages(lambda page: page.file.src_uri in elsewhere)
        for file in parallel.pages:  # the workers hold their copies: this process needs no content of theirs
            if file.src_uri in elsewhere and file.page is not None:
                file.page.content = None
        return parallel

    def finish(self) -> None:
        """The workers' pages are written; their search documents join the index after share 0's, in order."""
        try:
            parts = self.shares.collect()
        except WorkerError as error:
            raise PluginError(f"halaman tidak dapat dibangun: {error}") from error
        finally:
            self.close()
        if self.search is not None:
            for part in parts:
                for src, doc, counted in part:
                    self.search.docs[src] = doc
                    self.search.analysed[src] = (doc, counted)

    def close(self) -> None:
        """Workers stopped and MkDocs' own loop back (the build ended, or failed before ``finish``)."""
        self.shares.close()
        if self._restore is not None:
            self._restore()
            self._restore = None

    def _build_share(self, share: int) -> SearchPart:
        """In a worker: render and write this share's pages as MkDocs' loop would; their search documents."""
        work = self.work
        mine: list[File] = list(share_of(self.pages, share, self.jobs))
        for file in mine:
            page = file.page
            assert isinstance(page, Page)
            # (a build's pages are never drafts: MkDocs' `excluded` is for `serve`, which builds in one process)
            _internals.build_page(page, work.config, self.pages, work.nav, work.env)
        if self.search is None:
            return []
        docs = self.search.docs
        return [(file.src_uri, docs[file.src_uri], analyse(docs[file.src_uri])) for file in mine
                if file.src_uri in docs]
