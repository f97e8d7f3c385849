"""Catalog -> pages as finished HTML with their tables of contents, rendered from Jinja templates in files.

Knows nothing of MkDocs: a page is a source path, a title and a body. Every YAML text reaches a
template escaped (autoescape) or as sanitised HTML (``markup``). The body is final: headings come
from ``headings`` (``h(2, "Materi")`` in a template), so the site's Markdown never reads it again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TypeVar
from urllib.parse import quote

import jinja2
from markdown.extensions.toc import slugify as toc_slugify
from markupsafe import Markup

from asn_portal.content.catalog import Catalog
from asn_portal.content.contributors import author_anchor
from asn_portal.model.registry import KINDS, Entry, Material, template_globals
from asn_portal.render import lists, parallel, portalpages, readers, text
from asn_portal.render.headings import Headings, TocSettings
from asn_portal.render.memo import RenderMemo, kept
from asn_portal.render.options import RenderOptions
from asn_portal.render.source import PageSource, Rendered
from asn_portal.trust.markup import Conversions, TocEntry, render_markdown
from asn_portal.trust.resolver import Refusal, Resolver
from asn_portal.trust.urls import (
    HOME,
    PORTAL_PAGES,
    Urls,
    entry_src,
    index_src,
    list_chunk_path,
    list_page_src,
)

NEWEST_ARTICLES = 5
# Entries a page lists of a group that grows with the catalog (a factor's courses, the home page's
# courses of a competency); the rest are a link away, on the index page with its filter preset.
LIST_LIMIT = 12
T = TypeVar("T")
_STATIC_HEADING = re.compile(r'\bh\(\d, "([^"{}]+)"\)')  # h(2, "Materi") in a template


@functools.lru_cache(maxsize=8)
def environment(extra_dirs: tuple[str, ...]) -> jinja2.Environment:
    """The templates' environment, one per process: compiling them took a third of a small build,
    and `serve`, the bundle and the tests build many times. Everything per build is passed in
    ``render``'s context, never stored here."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([*(jinja2.FileSystemLoader(d) for d in extra_dirs),
                                    jinja2.PackageLoader("asn_portal", "templates")]),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, auto_reload=True,  # `serve` picks up an edited template
    )
    env.filters.update(md_text=lambda s: Markup(text.md_text(str(s))), date_id=text.date_id,
                       size_id=text.size_id, file_type=text.file_type)
    env.globals.update(template_globals(), KINDS=KINDS, LIST_LIMIT=LIST_LIMIT)
    return env


class PageRenderer:
    """Renders every page of one build. ``catalog`` holds what is published (all, or a subset);
    ``conversions``: Markdown fields ``check`` already converted."""

    def __init__(self, catalog: Catalog, resolver: Resolver, options: RenderOptions | None = None,
                 conversions: Conversions | None = None, memo: RenderMemo | None = None) -> None:
        options = options or RenderOptions()
        self.catalog = catalog
        self.memo = memo  # `serve`: entry pages and cards kept from the last render (memo.py)
        self.page_size = options.page_size
        self.toc = TocSettings.of(options.toc)
        self.conversions = conversions or Conversions()
        self.rules = options.rules
        self.urls = Urls(options.directory_urls)
        self.resolver = resolver
        self.updated = options.updated
        self.materials_used: dict[str, str] = {}
        self.env = environment(tuple(spec.template_dir for spec in KINDS.values() if spec.template_dir))
        self.public = options.public  # (published site address, its directory_urls)
        self.site = options.site  # name, author and public address, for JSON-LD, catalog.json and the feed
        self._metas: dict[str, Any] = {}  # kind -> the meta macro of its card template, or None
        self._static_headings: dict[str, frozenset[str]] = {}  # template -> its fixed headings' ids
        self.jobs = options.jobs

    # -- one page ----------------------------------------------------------------------------
    def entry_page(self, entry: Entry) -> PageSource:
        if self.memo is None:
            return self.fresh_entry_page(entry)
        page, used = self.memo.page(entry, lambda: self.noting_materials(lambda: self.fresh_entry_page(entry)))
        self.materials_used.update(used)
        return page

    def noting_materials(self, render: Callable[[], T]) -> tuple[T, dict[str, str]]:
        """Render, and what materials the render linked (a kept render must copy them too)."""
        saved, self.materials_used = self.materials_used, {}
        try:
            made = render()
        finally:
            used, self.materials_used = self.materials_used, saved
        saved.update(used)
        return made, used

    def fresh_entry_page(self, entry: Entry) -> PageSource:
        src = entry_src(entry.kind, entry.slug)
        template = entry.spec.page_template
        body, toc = self.render_template(template, src, reserved=self._heading_ids(template, entry.title), entry=entry,
                                 facts=entry.facts(), updated=self.updated.get(entry.source))
        body += readers.jsonld_block(entry, readers.page_url(entry, self.urls, self.site, src), self.site)
        return PageSource(src, entry.title, body, toc, entry.kind, entry.source, entry.summary, entry.tags,
                          entry.facts(), entry.draft)

    def index_page(self, kind: str) -> PageSource:
        spec = KINDS[kind]
        src = index_src(kind)
        template = spec.index_template if self._has_template(spec.index_template) else "index_generic.md.j2"
        entries = self.catalog.sorted(kind)
        paging = self._paging(kind, 1, len(entries)) if len(entries) > self.page_size else None
        if paging is not None:
            paging.card_chunk, paging.data_chunk = lists.chunk_sizes(self.page_size)
            paging.card_hrefs, paging.data_hrefs = (
                [self.urls.href(src, list_chunk_path(kind, part, n), page=False)
                 for n in range(lists.parts(len(entries), chunk))]
                for part, chunk in (("cards", paging.card_chunk), ("data", paging.data_chunk)))
        body, toc = self.render_template(template, src, spec=spec, entries=entries[:self.page_size], paging=paging,
                                 card=self._card(kind, src))
        return PageSource(src, spec.index_title, body, toc, "index")

    # -- long listings (lists.py) ------------------------------------------------------------
    def list_pages(self, kind: str) -> list[PageSource]:
        """Pages 2, 3 ... of a listing longer than a page: every entry reachable without JavaScript."""
        spec, entries, size = KINDS[kind], self.catalog.sorted(kind), self.page_size
        found = []
        for number in range(2, lists.parts(len(entries), size) + 1):
            src = list_page_src(kind, number)
            body, toc = self.render_template("list_page.md.j2", src, spec=spec,
                                     entries=entries[(number - 1) * size:number * size],
                                     paging=self._paging(kind, number, len(entries)), card=self._card(kind, src))
            found.append(PageSource(src, f"{spec.index_title}: halaman {number}", body, toc, "index", in_nav=False))
        return found

    def list_scripts(self, kind: str) -> dict[str, str]:
        """The chunk scripts of a listing longer than a page (published path -> text), cards rendered
        for the index page, whose links they become part of."""
        entries = self.catalog.sorted(kind)
        if len(entries) <= self.page_size:
            return {}
        card = self._card(kind, index_src(kind))
        cards = [str(card(e)).strip() for e in entries]
        name = KINDS[kind].url_dir
        card_chunk, data_chunk = lists.chunk_sizes(self.page_size)
        chunks = {"cards": lists.card_chunks(name, cards, card_chunk),
                  "data": lists.data_chunks(name, cards, data_chunk)}
        return {list_chunk_path(kind, part, n): text for part, texts in chunks.items() for n, text in enumerate(texts)}

    def _paging(self, kind: str, number: int, total: int) -> lists.Paging:
        src = list_page_src(kind, number)
        return lists.paging(number, total, self.page_size, lambda n: self.urls.href(src, list_page_src(kind, n)))

    def _card(self, kind: str, src: str) -> Callable[[Entry], Markup]:
        """The kind's card macro (``card_<kind>.j2``, else ``card_generic.j2``) for page ``src``: the
        one renderer of a card, on index pages, continuation pages and in chunks alike."""
        name = KINDS[kind].card_template
        template = self.env.get_template(name if self._has_template(name) else "card_generic.j2")
        card: Callable[[Entry], Markup] = getattr(template.make_module(vars=self._context(src)), "card")  # noqa: B009
        memo = self.memo
        if memo is None:
            return card

        def kept_card(entry: Entry) -> Markup:
            made, used = memo.card(entry, src, lambda: self.noting_materials(lambda: card(entry)))
            self.materials_used.update(used)
            return made
        return kept_card

    def home_overview(self, taken: Iterable[str] = ()) -> tuple[str, list[TocEntry]]:
        """The generated part of the home page, appended below its hand-written text (whose ids,
        ``taken``, its headings avoid)."""
        headings = Headings(self.toc, taken)
        context = {**self._context(HOME), "h": headings, "newest": NEWEST_ARTICLES}
        kinds = [(spec, self._module(spec.home_template, "home_generic.j2", context)) for spec in KINDS.values()]
        html = self.env.get_template("home.md.j2").render(
            context, stats=sorted(kinds, key=lambda k: k[0].nav_order),
            sections=sorted(kinds, key=lambda k: k[0].home_order))
        return html, headings.toc

    def _module(self, name: str, fallback: str, context: dict[str, object]) -> Any:
        """A kind's template (``name``, else ``fallback``) as a module of macros, made in ``context``."""
        template = self.env.get_template(name if self._has_template(name) else fallback)
        return template.make_module(vars=context)

    def _meta(self, entry: Entry) -> Markup:
        """What a list of entries shows beside an entry's title: the ``meta`` macro of its kind's card
        template, when it has one (a course's level and JP)."""
        if entry.kind not in self._metas:
            name = entry.spec.card_template
            module = self.env.get_template(name).module if self._has_template(name) else None
            self._metas[entry.kind] = getattr(module, "meta", None)
        macro = self._metas[entry.kind]
        return Markup(macro(entry)) if macro is not None else Markup("")

    def plan_data(self, from_src: str, entry: Entry) -> dict[str, object]:
        return portalpages.plan_data(self, from_src, entry)

    def _has_template(self, name: str) -> bool:
        try:
            self.env.get_template(name)
        except jinja2.TemplateNotFound:
            return False
        return True

    def all_pages(self) -> list[PageSource]:
        return [*self.front_pages(), *(self.entry_page(e) for e in self.catalog.entries()), *self.back_pages()]

    def front_pages(self) -> list[PageSource]:
        """The kinds' index pages and the portal's own pages."""
        return [*(self.index_page(k) for k in KINDS), *(portalpages.portal_page(self, page) for page in PORTAL_PAGES)]

    def back_pages(self) -> list[PageSource]:
        """Pages 2, 3 ... of every long listing."""
        return [page for k in KINDS for page in self.list_pages(k)]

    def scripts(self) -> dict[str, str]:
        return {path: text for kind in KINDS for path, text in self.list_scripts(kind).items()}

    def machine(self) -> dict[str, str]:
        """catalog.json and feed.xml."""
        return readers.reader_files(self.catalog, self.urls, self.site, dict(self.updated),
                                    kept(self.memo, "catalog.json",
                                         partial(readers.entry_json, urls=self.urls, site=self.site)))

    def redirects(self) -> dict[str, str]:
        """A small forwarding page at each old slug listed in ``redirect_from``."""
        found = {}
        for entry in self.catalog.entries():
            for old in entry.redirect_from:
                old_src = entry_src(entry.kind, old)
                target = self.urls.href(old_src, entry_src(entry.kind, entry.slug))
                found[self.urls.dest(old_src)] = self.env.get_template("redirect.html.j2").render(
                    target=target, title=entry.title)
        return found

    def _heading_ids(self, template: str, title: str) -> frozenset[str]:
        """Ids of a page's own headings (title, "Materi", "Faktor terkait"...), kept free in its Markdown fields."""
        static = self._static_headings.get(template)
        if static is None:  # (once per template: its source was read and searched for every entry)
            assert self.env.loader is not None
            source = self.env.loader.get_source(self.env, template)[0]
            static = self._static_headings[template] = frozenset(
                toc_slugify(text, "-") for text in _STATIC_HEADING.findall(source))
        return static | {toc_slugify(title, "-")}

    # -- helpers handed to templates ---------------------------------------------------------
    def render_template(self, template: str, src: str, reserved: frozenset[str] = frozenset(),
                        taken: Iterable[str] = (), **context: object) -> tuple[str, list[TocEntry]]:
        headings = Headings(self.toc, taken)
        html = self.env.get_template(template).render(**self._context(src, reserved), h=headings, **context)
        return html, headings.toc

    def _context(self, src: str, reserved: frozenset[str] = frozenset()) -> dict[str, object]:
        return dict(
            catalog=self.catalog, href=partial(self.href, src), md=partial(self.markdown, src, reserved=reserved),
            page_href=partial(self.page_href, src), material_href=partial(self.material_href, src),
            plan_data=partial(self.plan_data, src), author_anchor=author_anchor, meta=self._meta,
            index_href=lambda kind: self.urls.href(src, index_src(kind)),
        )

    def href(self, from_src: str, kind: str, slug: str) -> str | None:
        """Link to an entry, or None when it is not in this build (shown as plain text)."""
        if self.catalog.get(kind, slug) is None:
            return None
        return self.urls.href(from_src, entry_src(kind, slug))

    def page_href(self, from_src: str, to_src: str) -> str:
        return self.urls.href(from_src, to_src)

    def material_href(self, from_src: str, material: Material) -> str:
        if material.url:
            return material.url
        assert material.path is not None and material.published is not None
        return self._material(from_src, material.path, material.published)

    def _material(self, from_src: str, path: str, published: str) -> str:
        self.materials_used[path] = published
        # a material is copied as it is, even a .md file: never link it as a page
        return quote(self.urls.href(from_src, published, page=False))

    def url(self, from_src: str, tag: str, attr: str, raw: str) -> str | None:
        """What an ``href``/``src`` in a Markdown field becomes on page ``from_src``: the resolver decides."""
        decision = self.resolver.resolve(raw)
        if isinstance(decision, Refusal):
            return None  # `check` and the build's own validation have already failed on it
        if decision.kind == "material":
            self.materials_used[decision.value] = decision.published
        return self.urls.link(from_src, decision, self._published)

    def _published(self, kind: str, slug: str) -> bool:
        return self.catalog.get(kind, slug) is not None

    def markdown(self, from_src: str, source: str | None, id_prefix: str = "", *,
                 reserved: frozenset[str] = frozenset()) -> Markup:
        if not source:
            return Markup("")
        return Markup(render_markdown(source, partial(self.url, from_src), id_prefix, reserved, self.conversions))


def render_catalog(catalog: Catalog, resolver: Resolver, options: RenderOptions | None = None,
                   conversions: Conversions | None = None, memo: RenderMemo | None = None) -> Rendered:
    """Every generated page, the home overview, the materials they link (as the resolver accepted
    them: only these are copied), redirects, the chunk scripts of long listings, catalog.json and
    feed.xml. ``options``: the build's settings (render/options.py); ``memo``: what `serve` kept of
    the last render."""
    if memo is not None:
        memo.start(catalog)
    renderer = PageRenderer(catalog, resolver, options, conversions, memo)
    jobs = parallel.render_jobs(renderer, renderer.jobs)
    if jobs > 1:
        pages, scripts, machine = parallel.render_shared(renderer, jobs)
    else:
        pages, scripts, machine = renderer.all_pages(), renderer.scripts(), renderer.machine()
    return Rendered(pages, renderer.home_overview, renderer.materials_used, renderer.redirects(), scripts, machine)


__all__ = ["PageRenderer", "PageSource", "RenderOptions", "Rendered", "render_catalog"]
