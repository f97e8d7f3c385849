"""The portal as a plain project for another generator (``asn-portal export --engine zensical DIR``).

Zensical loads no third-party plugin, runs no hooks, and its templates cannot call Python, so the core
does here everything the MkDocs plugin does during a build: it checks the project, renders every page
(generated and hand-written) to its final HTML, and writes each as a Markdown file whose body is that
HTML inside one ``<div>`` (a raw HTML block) with the title in front matter. A page is written where it is
published (``kursus/x.md`` as ``kursus/x/index.md``): Zensical resolves a page's relative links from its
source file, and the core wrote them from the published page. Beside the pages go the materials the
resolver accepted, the redirects, the long listings' chunk scripts, the portal's own scripts and styles,
and the portal's search index (``search/``), so the catalog filter and its word search work without any
plugin. The generator's own search box indexes the pages with its own index.

Measured with Zensical 0.0.73: it still post-processes the HTML (a permalink on every heading, links
rewritten to the same targets, attributes without a value such as ``data-search-exclude`` dropped),
and it empties ``site/`` and turns every ``.md`` file of ``docs_dir`` into a page. A material whose name
ends in ``.md`` therefore goes to the theme's ``custom_dir`` (``overrides/``), whose files it copies as
they are, never into ``docs/`` where it would be converted without the sanitiser.

Nothing here imports an engine: the written project is plain files and a ``mkdocs.yml`` (Zensical reads
it; plain MkDocs with Material builds it too).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from asn_portal import packaged_text
from asn_portal.content.validate import Checked, check_project
from asn_portal.model.problems import format_report
from asn_portal.model.project import Project, plugin_options, read_config
from asn_portal.model.registry import KINDS
from asn_portal.render.lists import DEFAULT_PAGE_SIZE
from asn_portal.render.pages import PageSource, Rendered, render_catalog
from asn_portal.render.planrules import PlanRules, PlanRulesError
from asn_portal.render.publish import TAG_INDEX_ELEMENT, publish_pages
from asn_portal.render.scripts import PAGE_SCRIPTS, SEARCH_SCRIPTS, bundle_named
from asn_portal.search.docs import entry_doc, html_doc
from asn_portal.search.shards import SearchIndex
from asn_portal.trust.urls import (
    HOME,
    PAGE_SUFFIXES,
    PORTAL_PAGES,
    Urls,
    entry_src,
    index_src,
    is_page,
    public_site,
)

# The portal's styles and scripts every page loads, as the MkDocs plugin lists them (engines/mkdocs/plugin.py
# PAGE_ASSETS; tests/test_engines.py keeps the two in step), and what the catalog filter loads when a reader
# first types: the stemmer as it is and the search engine bundled by render/scripts.py.
STYLES = ("portal.css", "learning.css", "plan.css")
PAGE_ASSETS = (*STYLES, *PAGE_SCRIPTS)
STEMMER = "stemmer-id.js"
ASSET_DIR = "assets/asn-portal"
DOCS_DIR = "docs"
OVERRIDES_DIR = "overrides"  # the theme's custom_dir: files copied as they are (materials named *.md)
# What the exported mkdocs.yml keeps of the project's own: plain values a generator reads without plugins.
KEPT_SETTINGS = ("site_name", "site_description", "site_author", "site_url", "copyright", "repo_url", "repo_name")
KEPT_THEME = ("language", "features", "palette", "font", "logo", "favicon", "icon")

# A relative href whose path ends like a page (a material named *.md): Zensical would turn it into a link
# to a page of that name, which does not exist.
_HREF = re.compile(r'(\shref=")([^"?#]*)')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _material_href(match: re.Match[str]) -> str:
    """``x.md`` as ``x.m%64``: the same file to a browser and a web server, no page link to Zensical."""
    path = match.group(2)
    if _SCHEME.match(path) or not path.endswith(PAGE_SUFFIXES):
        return match.group(0)
    return f"{match.group(1)}{path[:-1]}%{ord(path[-1]):02X}"


class ExportError(Exception):
    """The project cannot be exported; the message is for the person running the command."""


@dataclass
class Exported:
    target: Path
    pages: int
    materials: int
    search_bytes: int
    files: list[str] = field(default_factory=list)  # the files written besides the index, relative to target


def _rules(options: dict[str, Any]) -> PlanRules:
    try:
        return PlanRules.from_options(options)
    except PlanRulesError as error:
        raise ExportError(str(error)) from None


def render_site(project: Project, directory_urls: bool = True, *, options: dict[str, Any] | None = None,
                toc: dict[str, Any] | None = None, site_url: str | None = None) -> tuple[Checked, Rendered,
                                                                                           list[PageSource]]:
    """Check the project and render every page as a build would (drafts left out, no Git dates)."""
    options = options or {}
    checked = check_project(project)
    if checked.problems.errors:
        raise ExportError("Konten tidak valid:\n" + format_report(checked.problems.errors))
    catalog = checked.catalog.without_drafts()
    site = public_site(site_url) if site_url else None
    rendered = render_catalog(catalog, directory_urls, checked.resolver, {},
                              _rules(options), toc, checked.conversions,
                              int(options.get("list_page_size", DEFAULT_PAGE_SIZE)),
                              (site, directory_urls) if site else None)
    handwritten, refused = publish_pages(checked.read_pages, checked.resolver, Urls(directory_urls),
                                         lambda kind, slug: catalog.get(kind, slug) is not None,
                                         rendered.overview, project.raw_html_pages)
    if refused:
        raise ExportError("Konten tidak valid:\n" + "\n".join(refused))
    return checked, rendered, [*rendered.pages, *handwritten]


def page_markdown(page: PageSource) -> str:
    """A page as Markdown a generator converts without changing it: front matter (JSON strings with
    every non-ASCII character escaped, which YAML reads as they are) and the core's HTML as one raw HTML
    block. Zensical's templates print the title and description raw (measured with 0.0.73: a title
    ``<img onerror=...>`` ran), so they are escaped here, as engines/mkdocs/pages.engine_meta does for Material."""
    meta: dict[str, Any] = {"title": html.escape(page.title, quote=True)}
    if page.description:
        meta["description"] = html.escape(page.description, quote=True)
    if page.hide:
        meta["hide"] = list(page.hide)
    if not page.in_nav or not page.searchable:
        meta["search"] = {"exclude": True}
    front = "\n".join(f"{key}: {json.dumps(value)}" for key, value in meta.items())
    body = page.html.replace(TAG_INDEX_ELEMENT, "")  # no tags plugin to fill Material's tag index
    body = _HREF.sub(_material_href, body)
    return f"---\n{front}\n---\n\n<div class=\"asn-page\">\n{body}\n</div>\n"


def page_file(src: str) -> str:
    """Where a page's Markdown goes: at its published place (``kursus/x.md`` -> ``kursus/x/index.md``)."""
    return Urls(True).dest(src).removesuffix(".html") + ".md"


def write_pages(pages: Iterable[PageSource], checked: Checked, rendered: Rendered, project: Project,
                target: Path) -> tuple[list[str], int]:
    """Pages, materials, redirects, chunk scripts and the portal's assets under ``target/docs`` (materials
    named like a page under ``target/overrides``); the files written (relative to ``target``) and the
    number of materials."""
    written: list[str] = []
    docs = target / DOCS_DIR
    for folder in (DOCS_DIR, OVERRIDES_DIR):  # both named in the config, so both exist
        (target / folder).mkdir(parents=True, exist_ok=True)

    def put(rel: str, text: str) -> None:
        out = docs / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="\n")
        written.append(f"{DOCS_DIR}/{rel}")

    for page in pages:
        put(page_file(page.src), page_markdown(page))
    materials = sorted({**checked.page_materials, **rendered.materials}.items())
    for source, published in materials:  # only what the resolver accepted
        rel = f"{OVERRIDES_DIR if is_page(published) else DOCS_DIR}/{published}"
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project.root / source, out)
        written.append(rel)
    for dest, redirect in sorted(rendered.redirects.items()):
        put(dest, redirect)
    for path, script in sorted(rendered.scripts.items()):
        put(path, script)
    for path, text in sorted(rendered.readers.items()):  # catalog.json, its schema, feed.xml
        put(path, text)
    for name in (*STYLES, STEMMER):
        put(f"{ASSET_DIR}/{name}", packaged_text("assets", name))
    for name in (*PAGE_SCRIPTS, *SEARCH_SCRIPTS):
        put(f"{ASSET_DIR}/{name}", bundle_named(name))
    return written, len(materials)


def search_index(pages: Iterable[PageSource], checked: Checked, urls: Urls) -> SearchIndex:
    """The portal's index of the published pages, as the MkDocs build makes it (engines/mkdocs/search.py):
    entry pages from their fields, other pages from their HTML."""
    catalog = checked.catalog.without_drafts()
    entries = {entry_src(e.kind, e.slug): e for e in catalog.entries()}

    def title_of(kind: str, slug: str) -> str | None:
        entry = catalog.get(kind, slug)
        return entry.title if entry is not None else None

    index = SearchIndex()
    for page in pages:
        if not page.in_nav or not page.searchable:
            continue
        url = urls.href(HOME, page.src)  # from the site root, as MkDocs writes page.url
        url = "" if url == "./" else url
        entry = entries.get(page.src)
        index.add(entry_doc(entry, url, title_of) if entry is not None else html_doc(url, page.title, page.html))
    return index


def nav(pages: Iterable[PageSource]) -> list[Any]:
    """Beranda, the kinds' listings, Rencana Belajar, Kontributor, then the hand-written pages (as
    engines/mkdocs/plugin.default_nav); single entries stay out of the sidebar."""
    srcs = {p.src for p in pages}
    kinds = sorted(KINDS.values(), key=lambda spec: spec.nav_order)
    named = [("Beranda", HOME), *((spec.label_plural, index_src(spec.name)) for spec in kinds),
             *((page.title, page.src) for page in PORTAL_PAGES)]
    items: list[Any] = [{title: page_file(src)} for title, src in named if src in srcs]
    generated = {src.split("/")[0] for _, src in named if src != HOME}
    items += [page_file(src) for src in sorted(p.src for p in pages if p.kind == "page")
              if src != HOME and src.split("/")[0] not in generated]
    return items


def site_config(settings: dict[str, Any], pages: list[PageSource]) -> dict[str, Any]:
    """The exported ``mkdocs.yml``: the project's plain settings, Material's theme, the portal's assets, no plugin."""
    config = {key: settings[key] for key in KEPT_SETTINGS if isinstance(settings.get(key), str)}
    config.setdefault("site_name", "Portal Pembelajaran ASN")
    theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {}
    assert isinstance(theme, dict)
    config["docs_dir"] = DOCS_DIR
    config["site_dir"] = "site"
    config["use_directory_urls"] = True
    config["theme"] = {"name": "material", "custom_dir": OVERRIDES_DIR,
                       **{key: theme[key] for key in KEPT_THEME if key in theme}}
    config["extra_css"] = [f"{ASSET_DIR}/{a}" for a in PAGE_ASSETS if a.endswith(".css")]
    config["extra_javascript"] = [f"{ASSET_DIR}/{a}" for a in PAGE_ASSETS if a.endswith(".js")]
    config["nav"] = nav(pages)
    return config


def export_project(project: Project, config_file: Path, target: Path) -> Exported:
    """Write the portal as a plain project in ``target`` (created; it must be empty or absent)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(f"{target}: folder tujuan harus kosong atau belum ada.")
    settings = read_config(config_file)
    options = plugin_options(settings)
    toc = dict(next((o for name, o in project.markdown_extensions if name == "toc"), {}))
    site_url = settings.get("site_url") if isinstance(settings.get("site_url"), str) else None
    checked, rendered, pages = render_site(project, True, options=options, toc=toc, site_url=site_url)
    files, materials = write_pages(pages, checked, rendered, project, target)
    search_bytes = 0
    if options.get("indonesian_search", True) is not False:
        search_bytes = search_index(pages, checked, Urls(True)).write(target / DOCS_DIR / "search")
    config = site_config(settings, pages)
    (target / "mkdocs.yml").write_text(
        "# Dibuat oleh `asn-portal export`: jangan disunting, ekspor ulang dari proyek aslinya.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return Exported(target, len(pages), materials, search_bytes, files)
