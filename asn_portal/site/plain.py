"""The site of a project read straight from its ``mkdocs.yml``, without an engine: for outputs that
write every file themselves (the Zensical export, the EPUB). Checks the project as ``asn-portal check``
does, then assembles it as a build would (drafts left out, no Git dates: the bytes follow from the
content alone)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn_portal.content.validate import Checked, check_project
from asn_portal.model.planrules import PlanRules, PlanRulesError
from asn_portal.model.problems import format_report
from asn_portal.model.project import Project, plugin_options, read_config
from asn_portal.model.workers import jobs_setting, usable_jobs
from asn_portal.render.lists import DEFAULT_PAGE_SIZE
from asn_portal.render.options import RenderOptions
from asn_portal.render.readers import Site
from asn_portal.site.assembly import AssemblyError, SiteParts, assemble
from asn_portal.trust.markup import PERMALINK_TITLE
from asn_portal.trust.urls import public_site


class PlainSiteError(Exception):
    """The project cannot be assembled; the message is for the person running the command."""


@dataclass
class PlainSite:
    checked: Checked
    parts: SiteParts
    settings: dict[str, Any]  # mkdocs.yml as read
    options: dict[str, Any]  # the asn-portal plugin's options in it


def render_options(settings: dict[str, Any], options: dict[str, Any], directory_urls: bool,
                   toc: dict[str, Any] | None, *, public: bool = True) -> RenderOptions:
    """The settings the core renders by, from mkdocs.yml's own values and the plugin's options."""
    try:
        rules = PlanRules.from_options(options)
    except PlanRulesError as error:
        raise PlainSiteError(str(error)) from None
    site_url = settings.get("site_url") if isinstance(settings.get("site_url"), str) else None
    address = public_site(site_url) if site_url and public else None
    public_pair = (address, directory_urls) if address else None
    name, author = (settings.get(key) if isinstance(settings.get(key), str) else None
                    for key in ("site_name", "site_author"))
    # As the MkDocs adapter names the site for JSON-LD, catalog.json and the feed.
    return RenderOptions(directory_urls, {}, rules, toc, int(options.get("list_page_size", DEFAULT_PAGE_SIZE)),
                         public_pair, Site(name or "", author, public_pair), jobs_option(options))


def jobs_option(options: dict[str, Any]) -> int:
    """The plugin's ``jobs`` (processes; 0 or absent: every CPU), as the MkDocs adapter reads it."""
    try:
        return usable_jobs(jobs_setting(options.get("jobs", 0)))
    except ValueError as error:
        raise PlainSiteError(str(error)) from None


def plain_site(project: Project, config_file: Path, directory_urls: bool = True,
               chosen: Iterable[tuple[str, str]] = (), *, public: bool = True) -> PlainSite:
    """``chosen``: (kind, slug) pairs of a subset (and what they link), or every published entry."""
    settings = read_config(config_file)
    options = plugin_options(settings)
    toc = dict(next((o for name, o in project.markdown_extensions if name == "toc"), {}))
    toc.setdefault("permalink_title", PERMALINK_TITLE)  # as the MkDocs adapter sets it: in Indonesian
    checked = check_project(project, jobs=jobs_option(options))
    if checked.problems.errors:
        raise PlainSiteError("Konten tidak valid:\n" + format_report(checked.problems.errors))
    catalog = checked.catalog.without_drafts()
    chosen = tuple(chosen)
    if chosen:
        catalog = catalog.subset(chosen)
    try:
        parts = assemble(project, checked, catalog, render_options(settings, options, directory_urls, toc,
                                                                   public=public))
    except AssemblyError as error:
        raise PlainSiteError(str(error)) from None
    return PlainSite(checked, parts, settings, options)
