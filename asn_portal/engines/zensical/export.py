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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from asn_portal.model.project import Project
from asn_portal.render.pages import PageSource
from asn_portal.render.publish import TAG_INDEX_ELEMENT
from asn_portal.site.assembly import SiteParts
from asn_portal.site.assets import ASSET_DIR, PAGE_ASSETS, page_assets, search_assets
from asn_portal.site.plain import PlainSiteError, plain_site
from asn_portal.site.search import search_index
from asn_portal.trust.urls import (
    PAGE_SUFFIXES,
    Urls,
    is_page,
)

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


def write_pages(parts: SiteParts, target: Path) -> tuple[list[str], int]:
    """Pages, materials, generated files and the portal's assets under ``target/docs`` (materials named
    like a page under ``target/overrides``); the files written (relative to ``target``) and the number
    of materials."""
    written: list[str] = []
    docs = target / DOCS_DIR
    for folder in (DOCS_DIR, OVERRIDES_DIR):  # both named in the config, so both exist
        (target / folder).mkdir(parents=True, exist_ok=True)

    def put(rel: str, text: str) -> None:
        out = docs / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="\n")
        written.append(f"{DOCS_DIR}/{rel}")

    for page in parts.pages.values():
        put(page_file(page.src), page_markdown(page))
    for published, source in parts.copies.items():  # only what the resolver accepted
        rel = f"{OVERRIDES_DIR if is_page(published) else DOCS_DIR}/{published}"
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, out)
        written.append(rel)
    for path, text in {**parts.texts, **page_assets(shim=False), **search_assets()}.items():
        put(path, text)  # redirects, listing chunks, catalog.json, the feed; the portal's styles and scripts
    return written, len(parts.copies)


def nav(parts: SiteParts) -> list[Any]:
    """The site's navigation (site/nav.py), each page by the Markdown file written for it."""
    return [page_file(src) if title is None else {title: page_file(src)} for title, src in parts.nav
            if src in parts.pages]


def site_config(settings: dict[str, Any], parts: SiteParts) -> dict[str, Any]:
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
    config["nav"] = nav(parts)
    return config


def export_project(project: Project, config_file: Path, target: Path) -> Exported:
    """Write the portal as a plain project in ``target`` (created; it must be empty or absent)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(f"{target}: folder tujuan harus kosong atau belum ada.")
    try:
        plain = plain_site(project, config_file)
    except PlainSiteError as error:
        raise ExportError(str(error)) from None
    checked, parts, settings, options = plain.checked, plain.parts, plain.settings, plain.options
    files, materials = write_pages(parts, target)
    search_bytes = 0
    if options.get("indonesian_search", True) is not False:
        index = search_index(parts.pages.values(), checked.catalog.without_drafts(), Urls(True))
        search_bytes = index.write(target / DOCS_DIR / "search")
    config = site_config(settings, parts)
    (target / "mkdocs.yml").write_text(
        "# Dibuat oleh `asn-portal export`: jangan disunting, ekspor ulang dari proyek aslinya.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return Exported(target, len(parts.pages), materials, search_bytes, files)
