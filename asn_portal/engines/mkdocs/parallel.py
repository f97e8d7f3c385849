"""The theme's page loop on every core: forked workers render pages while MkDocs renders the others, and the
last of them first writes the search index.

MkDocs renders and writes every page in one loop after ``on_env``; each page through the theme is
independent of the others (the navigation, the tag listings and the page contents are all ready by
then), and it was the largest part of a build. So at the end of ``on_env`` the pages MkDocs is about
to build are handed out in small consecutive chunks (``workers.Claims``) to MkDocs' own loop and to
forked workers, which render theirs with MkDocs' own ``_build_page`` (so each file has the bytes a
one-process build writes) while the loop skips them. The search index needs nothing the theme adds: a
page's search document comes from its title, address, front matter and the content the core handed
over (or an entry's fields), all there after ``on_env``. So the last worker first makes every page's
document in build order, exactly as ``on_page_context`` would one by one, and writes the shards (it was
the longest step left after the pages, and ran alone at the end; a process of its own would hold one
more copy of what the workers stop sharing), then takes chunks of pages like the others: whoever has
more to do takes fewer pages, and nobody waits at the end. Workers start after the other plugins'
``on_env`` (Material's tag listings are complete) and are collected first in ``on_post_build``, before
any other plugin reads the site.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from asn_portal.engines.mkdocs import _internals
from asn_portal.model.workers import Claimed, Claims, Shares, WorkerError

if TYPE_CHECKING:
    from asn_portal.engines.mkdocs.search import PortalSearch

# Below this many pages a worker costs more than it saves.
MIN_PAGES = 200
# Pages a process takes at a time: a few milliseconds each, so a process that finishes early waits at most
# that long for the others, and one folder's pages mostly stay together (the theme's caches stay warm).
PAGES_PER_CLAIM = 8


# Plugins that keep nothing of a page while it is rendered (their on_page_context and on_post_page only
# read), so a worker may render it; Material's search only with its indexer switched off (search.py).
READ_ONLY_PLUGINS = frozenset({"asn-portal", "material/tags", "tags"})
SEARCH_PLUGINS = frozenset({"material/search", "search"})
# What another plugin (its class or instance) or a hook module sets to say the same of itself.
PARALLEL_SAFE = "asn_portal_parallel_safe"


def gathering_plugins(config: MkDocsConfig, search_is_ours: bool) -> list[str]:
    """Plugins (and hooks) that may gather something from each page as it is rendered: with any, the pages
    are rendered in one process (Material's own search index, for one, is made in on_page_context)."""
    safe = READ_ONLY_PLUGINS | (SEARCH_PLUGINS if search_is_ours else frozenset())
    names = {id(plugin): name for name, plugin in config.plugins.items()}
    found = []
    for event in ("page_context", "post_page"):
        for method in config.plugins.events.get(event, []):
            owner = getattr(method, "__self__", None) or sys.modules.get(getattr(method, "__module__", ""))
            name = names.get(id(owner), getattr(method, "__module__", "?"))
            if name not in safe and not getattr(owner, PARALLEL_SAFE, False):
                found.append(name)
    return sorted(set(found))


def page_failed(src: str, error: BaseException) -> str:
    return f"halaman {src} tidak dapat dibangun: {error}"


@dataclass
class ThemeWork:
    """What MkDocs' loop renders each page with, as its ``build`` holds it after ``on_env``."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    content_of: Callable[[Page], str]  # a page's content, parked or not (parked.py)


class ParallelPages:
    """One build's page loop shared with ``jobs - 1`` forked workers; the last first writes the search index."""

    def __init__(self, work: ThemeWork, search: PortalSearch | None, jobs: int, pages: Sequence[File],
                 keep_content: Callable[[], None] = lambda: None) -> None:
        self.work = work
        self.keep_content = keep_content  # in a worker: pages keep their content once written (see start)
        self.search = search  # written by the last worker (None: Material's search or none)
        self.pages = pages
        self.jobs = jobs
        self.claims = Claims(len(pages), PAGES_PER_CLAIM)  # made before the fork: its counter is shared
        self.shares: Shares[None] = Shares(self._task, jobs)
        self._restore: Callable[[], None] | None = None

    @classmethod
    def start(cls, work: ThemeWork, search: PortalSearch | None, jobs: int,
              keep_content: Callable[[], None] = lambda: None) -> ParallelPages | None:
        """Workers started; None when the site is too small for them to pay, or a plugin keeps what it sees of
        each page while it is rendered (the worker's copy of that would be lost)."""
        # The pages MkDocs' loop builds (``build``'s own selection; `serve`, which adds drafts, never gets here)
        pages = work.files.documentation_pages(inclusion=InclusionLevel.is_included)
        jobs = min(jobs, len(pages) // MIN_PAGES + 1)  # (a share of a few pages costs more than it saves)
        if jobs < 2 or gathering_plugins(work.config, search is not None):
            return None
        parallel = cls(work, search, jobs, pages, keep_content)
        order = {file.src_uri: n for n, file in enumerate(pages)}
        claimed = Claimed(parallel.claims)  # MkDocs' loop visits every page in order: it builds those it claims
        parallel.shares.start()
        parallel._restore = _internals.skip_pages(
            lambda page: page.file.src_uri in order and not claimed.mine(order[page.file.src_uri]))
        # The workers' pages stay as they are here: a page this process or a worker writes to (freeing its
        # content) is copied for the writer, and the memory that both share would be held twice.
        return parallel

    def finish(self) -> None:
        """The workers' pages and the search index are written."""
        try:
            self.shares.collect()
        except WorkerError as error:
            raise PluginError(str(error)) from error
        finally:
            self.close()

    def close(self) -> None:
        """Workers stopped and MkDocs' own loop back (the build ended, or failed before ``finish``)."""
        self.shares.close()
        if self._restore is not None:
            self._restore()
            self._restore = None

    def _task(self, share: int) -> None:
        """In a worker: (the last, when search is ours) the search index, then pages as long as any are left."""
        if share == self.jobs - 1 and self.search is not None:
            self.search.write_pages((file.page for file in self.pages if isinstance(file.page, Page)),
                                    Path(self.work.config.site_dir), self.work.content_of)
        self._build_claimed()

    def _build_claimed(self) -> None:
        """Render and write the pages this worker claims as MkDocs' loop would."""
        work = self.work
        self.keep_content()
        for n in self.claims:
            page = self.pages[n].page
            assert isinstance(page, Page)
            try:  # (a build's pages are never drafts: MkDocs' `excluded` is for `serve`, in one process)
                _internals.build_page(page, work.config, self.pages, work.nav, work.env)
            except Exception as error:
                raise PluginError(page_failed(self.pages[n].src_uri, error)) from error
