"""MkDocs adapter: each event hands the work to the catalog core in a few lines."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path

import jinja2
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.commands.build import get_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from asn_portal.content.catalog import Catalog
from asn_portal.content.filechecks import FileChecks
from asn_portal.content.history import last_updated
from asn_portal.content.synonyms import Synonyms
from asn_portal.content.validate import Checked, check_project
from asn_portal.engines.mkdocs import _internals, editlinks, once
from asn_portal.engines.mkdocs.files import mkdocs_nav, part_file, replace, theme_paths_taken
from asn_portal.engines.mkdocs.offline import configure_offline, parse_subset, write_search_script
from asn_portal.engines.mkdocs.pages import TAGS_MARKER, GeneratedPage, engine_meta, engine_toc, with_tag_indexes
from asn_portal.engines.mkdocs.parallel import ParallelPages, ThemeWork
from asn_portal.engines.mkdocs.parked import ParkedContent
from asn_portal.engines.mkdocs.search import PortalSearch
from asn_portal.model.planrules import DEFAULT_TARGET_JP, PlanRules, PlanRulesError
from asn_portal.model.problems import format_report
from asn_portal.model.project import MAX_CATALOG_FILE_SIZE, Project
from asn_portal.model.workers import jobs_setting, usable_jobs
from asn_portal.render.headings import page_ids
from asn_portal.render.lists import DEFAULT_PAGE_SIZE
from asn_portal.render.memo import RenderMemo
from asn_portal.render.options import RenderOptions
from asn_portal.render.readers import Site
from asn_portal.render.source import PageSource, packed_html
from asn_portal.site.assembly import AssemblyError, SiteParts, assemble
from asn_portal.site.assets import ASSET_DIR, PAGE_ASSETS, page_assets
from asn_portal.site.nav import site_nav
from asn_portal.trust.markup import PERMALINK_TITLE
from asn_portal.trust.urls import public_site

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
log = get_plugin_logger(__name__)
NOTICE = logging.getLogger("asn_portal")  # what a person should see that is no fault of the content


class PortalConfig(base.Config):
    content_dir = c.Type(str, default="content")
    materials_dir = c.Type(str, default="materials")
    # Indonesian stemming, stop words and typo tolerance in search when theme.language is "id".
    indonesian_search = c.Type(bool, default=True)
    # Opt-ins that widen what content may do (see SECURITY.md): html/svg/js materials served from the
    # site's own address, and hand-written pages published with their raw HTML unsanitised.
    allow_active_materials = c.Type(bool, default=False)
    raw_html_pages = c.Type(bool, default=False)
    max_catalog_file_size = c.Type(int, default=MAX_CATALOG_FILE_SIZE)
    # The offline bundle (set by `asn-portal bundle`, as Material's own offline plugin is set): a
    # file:// build, and optionally only some entries ("course:slug") and what they link.
    offline = c.Type(bool, default=False)
    # JP a reader's learning plan counts toward each year (Rencana Belajar).
    # Checked by PlanRules (model/planrules.py) with an Indonesian message: any type is let through here,
    # or MkDocs' own English "Expected type" would answer first.
    yearly_jp_target = c.Type(object, default=DEFAULT_TARGET_JP)
    # Minutes of one JP per form of development, for activities recorded in hours.
    jp_minutes = c.Type(object, default={})
    # Cards an index page shows at once; a longer listing continues on kursus/halaman-2/ ... and
    # loads the rest on demand when the reader filters (lists.py).
    list_page_size = c.Type(int, default=DEFAULT_PAGE_SIZE)
    subset = c.ListOfItems(c.Type(str), default=[])
    # Branch the edit buttons open when mkdocs.yml sets repo_url only (see editlinks.branch for the fallbacks).
    edit_branch = c.Optional(c.Type(str))
    # Processes that build the site (`asn-portal build --jobs N`); 0: every CPU this process may use. The
    # output is the same whatever the number; `serve` always builds in one process.
    jobs = c.Type(object, default=0)


class PortalPlugin(BasePlugin[PortalConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project: Project | None = None
        self.catalog = Catalog()
        self.pages: dict[str, PageSource] = {}  # generated pages not yet handed to MkDocs
        self.handed_over: set[str] = set()  # generated pages handed to MkDocs in this build
        self.parkable: set[str] = set()  # of those, the ones whose content waits packed (parked.py)
        self.parked = ParkedContent()
        self.anchors_asked = True  # a page MkDocs converts may link to #anchors of ours (on_nav)
        self.content_untouched = False  # no other plugin's on_page_content: pages stay packed (on_nav)
        self.serving = False
        self.search_id = False  # asn-portal's Indonesian search (mkdocs_search) instead of Material's
        self.search = PortalSearch()
        self.checked: Checked | None = None
        self.rules = PlanRules()
        self.public: tuple[str, bool] | None = None  # the published site, for addresses in readers' records
        self.updated: dict[str, dt.date] | None = None  # "last updated" of each source file, read once per build
        # `serve` (live.py): each file's check and the entry pages and cards, kept from one save to the next
        self.checks: FileChecks | None = None
        self.memo: RenderMemo | None = None
        # what the last build made, for live.py: its parts, files, navigation and theme environment
        self.parts = SiteParts({}, {}, set(), {})
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: jinja2.Environment | None = None
        self.jobs = 1  # processes this build uses (1 where forking is not safe; `serve`)
        self.parallel: ParallelPages | None = None
        self.page_jobs = 1  # processes that rendered this build's pages through the theme
        self.search_written = False  # by a parallel build's search worker

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        # MkDocs keeps a plugin with this event for the whole process: what `serve` lent this build
        # must not reach the next one (live.py lends them again before each of its own builds).
        self.checks = self.memo = None
        self._stop_workers()

    @event_priority(-50)  # after Material's search plugin set up its own index config
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Permalinks titled in Indonesian unless the site chose a title: MkDocs' own Markdown still
        # writes the headings of Material's tag indexes.
        config.mdx_configs.setdefault("toc", {}).setdefault("permalink_title", PERMALINK_TITLE)
        self.project = self._project(config)
        # Before MkDocs walks docs_dir (following links): symbolic links are found here, unread.
        try:  # any type let through, so that the message is ours, in Indonesian
            self.jobs = 1 if self.serving else usable_jobs(jobs_setting(self.config.jobs))
        except ValueError as error:
            raise PluginError(str(error)) from None
        self.checked = checked = check_project(self.project, self.checks, self.jobs)
        self.updated = None
        problems = checked.problems
        for warning in problems.warnings:
            # INFO, not WARNING: strictness we add ourselves must not fail `mkdocs build --strict`;
            # `asn-portal check` shows these prominently.
            log.info(warning.format())
        if problems.errors:
            raise PluginError("Konten tidak valid:\n" + format_report(problems.errors))
        self._read_options()
        catalog = checked.catalog
        # Drafts show (marked) in `serve` only; never in a build or a bundle.
        self.catalog = catalog if self.serving and not self.config.offline else catalog.without_drafts()
        site = public_site(config.site_url)  # before the offline settings change the URL style
        self.public = (site, config.use_directory_urls) if site else None
        if self.config.offline:
            configure_offline(config)
        if self.config.subset:
            self.catalog = self.catalog.subset(parse_subset(self.config.subset))
        if config.nav is None:
            config.nav = mkdocs_nav(site_nav(checked.read_pages))
        self.search_id = self.config.indonesian_search and PortalSearch.take_over(config)
        for asset in PAGE_ASSETS:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if f"{ASSET_DIR}/{asset}" not in target:
                target.append(f"{ASSET_DIR}/{asset}")
        editlinks.configure(config, self.project.root, self.config.edit_branch, self.config.offline)
        return config

    def _read_options(self) -> None:
        """The plugin's own options that MkDocs' types let through, told in Indonesian."""
        if self.config.list_page_size < 1:
            raise PluginError(f"list_page_size harus 1 atau lebih, bukan {self.config.list_page_size}.")
        try:
            self.rules = PlanRules.from_options(self.config)
        except PlanRulesError as error:
            raise PluginError(str(error)) from None

    def _project(self, config: MkDocsConfig) -> Project:
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        extensions = tuple((name, dict(config.mdx_configs.get(name, {})))
                           for name in config.markdown_extensions if isinstance(name, str))
        return Project.at(root, self.config.content_dir, self.config.materials_dir,
                          os.path.relpath(config.docs_dir, root.resolve()),
                          allow_active_materials=self.config.allow_active_materials,
                          raw_html_pages=self.config.raw_html_pages,
                          max_catalog_file_size=self.config.max_catalog_file_size, markdown_extensions=extensions)

    def render_options(self, config: MkDocsConfig) -> RenderOptions:
        """The build's settings the core renders by, from mkdocs.yml."""
        assert self.project is not None
        if self.updated is None:
            # "Last updated" from Git; not in the bundle, whose bytes must follow from content alone.
            undated: list[str] = []
            self.updated = {} if self.config.offline else last_updated(self.project.root, self.project.content_dir,
                                                                       undated)
            for warning in undated:  # shown, but outside MkDocs' loggers: `build --strict` must not fail on it
                NOTICE.warning(warning)
        # catalog.json, feed.xml, JSON-LD: a kit's own pages, relative
        site = Site(config.site_name, config.site_author, None if self.config.offline else self.public)
        return RenderOptions(config.use_directory_urls, self.updated, self.rules, config.mdx_configs.get("toc"),
                             self.config.list_page_size, self.public, site, self.jobs)

    def site_parts(self, config: MkDocsConfig) -> SiteParts:
        """Every page and generated file of the site, as the core assembles them from check's reading
        (hand-written pages too: MkDocs never reads their source)."""
        assert self.project is not None and self.checked is not None
        try:
            return assemble(self.project, self.checked, self.catalog, self.render_options(config), self.memo)
        except AssemblyError as error:
            raise PluginError(str(error)) from None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.project is not None
        theme_paths_taken(files, config)
        parts = self.site_parts(config)
        self.pages = dict(parts.pages)  # each handed over once, then dropped (_hand_over)
        # `serve` compares the next save's pages with these (live.py); a build keeps no page twice: its
        # content is MkDocs' from here on (at 20,000 courses a third of what a build held at its peak)
        self.parts = parts if self.serving else dataclasses.replace(parts, pages={})
        self.handed_over = set()
        self.parkable = set()
        self.parked = ParkedContent()
        for page in parts.pages.values():
            # Entry pages are reached through the index pages, not the sidebar (see site/nav.py); the
            # nav decides for hand-written pages, as MkDocs would.
            replace(files, self.page_file(config, page), quiet=page.kind == "page")  # hand-written: now read by us
        for path, text in page_assets().items():  # the scripts bundled from the module sources at every build
            replace(files, File.generated(config, path, content=text))
        for path in parts.texts:  # long listings' chunks (loaded on demand), catalog.json, feed.xml, redirects
            replace(files, part_file(parts, config, path))
        for published in parts.copies:
            replace(files, part_file(parts, config, published))
        if self.search_id:
            self.search = PortalSearch()  # one per build: MkDocs keeps this plugin for the whole process
            self.search.start(self.catalog, self.synonyms)
            for file in self.search.files(files, config):
                replace(files, file, quiet=True)
        self.files = files
        return files

    def page_file(self, config: MkDocsConfig, page: PageSource) -> File:
        """The engine's file of one of the core's pages: an empty source (its HTML is handed over in
        ``on_page_content``), in the sidebar only as the nav says, editing its YAML or page source."""
        assert self.project is not None
        listed = page.kind == "page" or (page.kind == "index" and page.in_nav)  # listing pages 2, 3 ...: from 1
        inclusion = InclusionLevel.INCLUDED if listed else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src, content="", inclusion=inclusion)
        if page.source:  # the edit button opens the source file (MkDocs joins it to docs_dir's edit_uri)
            file.edit_uri = os.path.relpath(self.project.root / page.source,
                                            Path(config.docs_dir)).replace(os.sep, "/")
        if inclusion is InclusionLevel.NOT_IN_NAV:
            # MkDocs builds the page set on a file; those in the nav it makes itself, with the nav's titles.
            GeneratedPage(None, file, config)
        return file

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.pages.get(page.file.src_uri)
        if ours is None:
            return markdown  # a page another plugin made; every page of docs_dir and the catalog is ours
        # The theme reads page.meta directly (and prints it raw): it gets only what the core wrote.
        page.meta = engine_meta(ours)
        # Material's tags plugin finds its marker in the Markdown it is given: one for each tag index.
        return "\n\n".join([TAGS_MARKER] * len(ours.tag_indexes))

    def _hand_over(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.pages.pop(page.file.src_uri, None)  # handed over once: not kept for the whole build
        if ours is None:
            return html
        self.handed_over.add(page.file.src_uri)
        if self.content_untouched and not ours.tag_indexes and not self.anchors_asked:
            self.parked.hold(page, packed_html(ours), engine_toc(ours))  # packed as the core left it
            page.present_anchor_ids = None
            return ""
        content, toc = with_tag_indexes(ours, html)
        page.toc = get_toc(nest_toc_tokens(toc))
        # For MkDocs' check of links to #anchors, made only from pages it converts itself (another plugin's or a
        # hook's): without any, nothing asks (a set for every page held 30 MB at 20,000 courses).
        page.present_anchor_ids = page_ids(content) if self.anchors_asked else None
        if not ours.tag_indexes:  # Material fills a tag index in on_env, in the page's content
            self.parkable.add(page.file.src_uri)
        return content

    @event_priority(-100)  # after every plugin's on_page_content: the page's final content (parked.py)
    def _park(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        return self.parked.park(page, html) if page.file.src_uri in self.parkable else html

    on_page_content = CombinedEvent(_hand_over, _park)

    @event_priority(100)  # before any plugin or the theme reads the page's content
    def _restore(self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig,
                 nav: Navigation) -> TemplateContext:
        self.parked.restore(page)
        return context

    def _add_to_search(self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig,
                       nav: Navigation) -> TemplateContext:
        # The page's final HTML, or for an entry page its fields (mkdocs_search); a parallel build's search
        # worker adds every page itself (parallel.py)
        if self.search_id and self.parallel is None:
            self.search.add(page)
        return context

    on_page_context = CombinedEvent(_restore, _add_to_search)

    @property
    def synonyms(self) -> Synonyms:  # content/sinonim.yml, as this build's check read it
        return self.checked.synonyms if self.checked is not None else {}

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        # Offline, 404.html links from the kit's root, not the server's (MkDocs' choice for error pages)
        if template_name == "404.html" and self.config.offline and self.files is not None:
            return get_context(context["nav"], self.files, config, base_url=".")
        return context

    @event_priority(-100)  # after every other plugin's on_post_page
    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        # MkDocs keeps every page's content to the end of the build, though the page is written:
        # a generated page's content is ours to drop (memory grew with every page).
        if page.file.src_uri in self.handed_over:
            page.content = None
        return output

    @event_priority(-100)  # after every other plugin's on_env: Material's tag listings are complete
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Compiled templates kept (MkDocs makes a new environment for every build); the navigation, tabs
        # and language strings rendered once for the pages that show them alike (once.py).
        once.install(env, config)
        self.env = env
        if self.nav is not None and not self.serving:  # the theme's page loop on every core (parallel.py)
            search = self.search if self.search_id else None
            self.parallel = ParallelPages.start(ThemeWork(config, files, self.nav, env, self.parked.content_of),
                                                search, self.jobs, self.handed_over.clear)
        self.page_jobs = self.jobs if self.parallel is not None else 1
        if self.page_jobs > 1:
            log.info(f"halaman dibangun oleh {self.page_jobs} proses")
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_workers()

    def _stop_workers(self) -> None:
        if self.parallel is not None:
            self.parallel.close()
            self.parallel = None

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        # every plugin's on_files has run: is any page not ours (MkDocs converts it, and checks its links)?
        self.anchors_asked = any(file.src_uri not in self.pages for file in files.documentation_pages())
        # and does any other plugin or hook read or change a page's content before it is parked?
        self.content_untouched = all(getattr(handler, "__self__", None) is self
                                     for handler in _internals.event_handlers(config.plugins, "page_content"))
        return nav

    @event_priority(100)  # before every other plugin's on_post_build: each may read any page written
    def _collect_pages(self, *, config: MkDocsConfig) -> None:
        self.search_written = False
        if self.parallel is not None:  # the workers' pages and the search index are written
            try:
                self.parallel.finish()
                self.search_written = self.parallel.search is not None
            finally:
                self.parallel = None

    @event_priority(-100)  # after the search plugin wrote its index
    def _write_search(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.search_id and not self.search_written:
            self.search.write(site_dir, keep=self.memo is not None)
        if self.config.offline:
            write_search_script(site_dir)

    on_post_build = CombinedEvent(_collect_pages, _write_search)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Callable[..., object]) -> LiveReloadServer:
        assert self.project is not None
        for folder in (self.project.content_dir, self.project.materials_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server
