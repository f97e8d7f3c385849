"""Hand-written pages published from the reading ``check`` made (``handwritten.ReadPage``).

Every link goes through the resolver and every piece of HTML through the one sanitiser; the home page
gets the portal's overview after its own part. The engine receives ``PageSource`` objects only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from asn_portal.content.handwritten import ReadPage, marker
from asn_portal.render.headings import page_ids
from asn_portal.render.source import OverviewRenderer, PageSource
from asn_portal.trust.resolver import Link, Resolver
from asn_portal.trust.sanitize import clean
from asn_portal.trust.urls import HOME, Urls

DEFAULT_HOME_TITLE = "Portal Pembelajaran ASN"  # a site without its own index.md
# Where the engine puts its index of every tag (a marker the page carried, see handwritten).
TAG_INDEX_ELEMENT = '<div data-asn-tag-index=""></div>'
TAG_MARKER_TEXT = "<!-- material/tags -->"
_HEADING = re.compile(r"<h[1-6][\s>]")
# (kind, slug) -> published? (a draft or an entry left out of a subset bundle is not)
Published = Callable[[str, str], bool]


def render_page(page: ReadPage, resolver: Resolver, urls: Urls, published: Published,
                raw_html: bool = False) -> tuple[PageSource, list[str]]:
    """The published page, and the refusals met while publishing (none once ``check`` passed: the same
    resolver decides the same targets; a non-empty list stops the build all the same)."""
    refused: list[str] = []

    def url(tag: str, attr: str, raw: str) -> str | None:
        decision = resolver.resolve(raw, from_page=page.rel)
        if isinstance(decision, Link):
            return urls.link(page.rel, decision, published)
        refused.append(f"{page.source}: {decision.message}")
        return None

    body = _rewrite_urls(page.html, url) if raw_html else clean(page.html, url)
    positions = []
    for n in range(page.tag_indexes):  # after cleaning: content cannot forge the element that replaces it
        token = f"<p>{marker(n)}</p>"
        if token in body:  # a marker on a line of its own
            positions.append(len(_HEADING.findall(body, 0, body.find(token))))
            body = body.replace(token, TAG_INDEX_ELEMENT, 1)
        else:  # shown as an example inside code: the words come back as the reader wrote them
            body = body.replace(marker(n), html.escape(TAG_MARKER_TEXT), 1)
    meta = page.meta
    return PageSource(page.rel, page.title, body, list(page.toc), "page", page.source, meta.description, meta.tags,
                      hide=meta.hide, searchable=not meta.search_exclude, tag_indexes=tuple(positions)), refused


def publish_pages(read: dict[str, ReadPage], resolver: Resolver, urls: Urls, published: Published,
                  overview: OverviewRenderer, raw_html: bool = False) -> tuple[list[PageSource], list[str]]:
    """Every hand-written page as published, the home page with the portal's overview after its own
    part (its headings in the same contents); a site without ``index.md`` gets a home page of its own."""
    made: list[PageSource] = []
    refused: list[str] = []
    for page in read.values():
        source, bad = render_page(page, resolver, urls, published, raw_html)
        made.append(source)
        refused += bad
    home = next((p for p in made if p.src == HOME), None)
    if home is None:
        home = PageSource(HOME, DEFAULT_HOME_TITLE, "", [], "page")
        made.append(home)
    extra, toc = overview(page_ids(home.html))
    home.html = f"{home.html}\n{extra}"
    home.toc = [*home.toc, *toc]
    return made, refused


_URL_ATTR = re.compile(r"""(\s(?:href|src|poster)=)("([^"]*)"|'([^']*)')""")


def _rewrite_urls(page_html: str, url: Callable[[str, str, str], str | None]) -> str:
    """``raw_html_pages`` (a reviewed opt-out): the HTML stays as written, only its links are resolved."""

    def one(m: re.Match[str]) -> str:
        raw = html.unescape(m.group(3) if m.group(3) is not None else m.group(4))
        target = url("", "", raw)
        return f'{m.group(1)}"{html.escape(target if target is not None else raw, quote=True)}"'

    return _URL_ATTR.sub(one, page_html)
