"""The site as plain data: every page (generated and hand-written) as final HTML, the generated files
(listing chunks, catalog.json, the feed, redirects), the materials to copy, the navigation and the
portal's assets. Every output starts here (the MkDocs adapter, the Zensical export, the EPUB), so a
page is made one way whatever carries it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from asn_portal.content.catalog import Catalog
from asn_portal.content.validate import Checked
from asn_portal.model.project import Project
from asn_portal.render.memo import RenderMemo
from asn_portal.render.options import RenderOptions
from asn_portal.render.pages import render_catalog
from asn_portal.render.publish import publish_pages
from asn_portal.render.source import PageSource
from asn_portal.site.nav import NavItem, site_nav
from asn_portal.trust.urls import Urls


class AssemblyError(Exception):
    """A page the core cannot publish (a hand-written page refused while publishing); the message is for
    the person building, one located line per problem."""


@dataclass
class SiteParts:
    """What the core made of the site for an output: pages, and generated files (text or copied)."""

    pages: dict[str, PageSource]  # src -> page, in the order an engine gets them (search and the sitemap keep it)
    texts: dict[str, str]  # published path -> text: listing chunks, catalog.json, feed.xml, redirects
    verbatim: set[str]  # of those, the ones never taken as a page (.html redirects, feed.xml)
    copies: dict[str, str]  # published path -> absolute path of the material it copies
    nav: list[NavItem] = field(default_factory=list)

    def handwritten(self) -> list[PageSource]:
        return [page for page in self.pages.values() if page.kind == "page"]


def assemble(project: Project, checked: Checked, catalog: Catalog, options: RenderOptions,
             memo: RenderMemo | None = None) -> SiteParts:
    """Every page and generated file of the site from check's reading. ``catalog``: what is published
    (drafts and a kit's subset already left out); ``memo``: what ``serve`` kept of the last render."""
    rendered = render_catalog(catalog, checked.resolver, options, checked.conversions, memo)
    if memo is None:
        checked.conversions.clear()  # every field is in a page now (`serve` keeps them for the next save)
    published: Callable[[str, str], bool] = lambda kind, slug: catalog.get(kind, slug) is not None  # noqa: E731
    handwritten, refused = publish_pages(checked.read_pages, checked.resolver, Urls(options.directory_urls),
                                         published, rendered.overview, project.raw_html_pages)
    if refused:
        raise AssemblyError("Konten tidak valid:\n" + "\n".join(refused))
    texts = {**dict(sorted(rendered.scripts.items())), **dict(sorted(rendered.readers.items())),
             **dict(sorted(rendered.redirects.items()))}
    # Only what the resolver accepted is copied: the materials of published pages, and those hand-written
    # pages link.
    copies = {published_path: str(project.root / path)
              for path, published_path in sorted({**checked.page_materials, **rendered.materials}.items())}
    pages = {p.src: p for p in [*rendered.pages, *handwritten]}
    return SiteParts(pages, texts, set(rendered.readers) | set(rendered.redirects), copies,
                     site_nav(p.src for p in handwritten))
