"""The portal's own pages (trust/urls.PORTAL_PAGES: the reader's plan, credit, HR's recap), rendered
from the table: ``portal_page`` finds the function of each page's src. Each takes the build's
``PageRenderer`` (its templates, catalog and options); kept apart from pages.py so that the catalog's
pages and these read on their own."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from asn_portal.content.contributors import authored, contributors, units
from asn_portal.model.planrules import DEVELOPMENT_FORMS, JP_MINUTES
from asn_portal.model.registry import KINDS, Entry
from asn_portal.render.memo import kept
from asn_portal.render.source import PageSource
from asn_portal.trust.urls import CONTRIBUTORS, HOME, PLAN, RECAP, PortalPage, Urls, entry_src

if TYPE_CHECKING:
    from asn_portal.render.pages import PageRenderer


def contributors_page(renderer: PageRenderer) -> PageSource:
    catalog = renderer.catalog
    body, toc = renderer.render_template("contributors.md.j2", CONTRIBUTORS, people=contributors(catalog),
                                         units=units(catalog), written=len(authored(catalog)))
    return PageSource(CONTRIBUTORS, "Kontributor", body, toc, "index")


def plannable(renderer: PageRenderer) -> list[Entry]:
    return [e for spec in KINDS.values() if spec.plannable for e in renderer.catalog.sorted(spec.name)]


def plan_page(renderer: PageRenderer) -> PageSource:
    """Rencana Belajar: the plannable entries as data for the reader's plan (assets/src/plan.mjs)."""
    entries = plannable(renderer)
    rules = renderer.rules
    data = kept(renderer.memo, "plan", partial(plan_data, renderer, PLAN))
    plan: dict[str, object] = {"target": rules.target_jp, "entries": [data(e) for e in entries],
                               "redirects": _redirects(entries), "jp_minutes": rules.minutes()}
    if renderer.public is not None:  # records name each course's address on the published site
        site, directory_urls = renderer.public
        online = Urls(directory_urls)
        plan["site"] = site
        plan["pages"] = {e.slug: online.href(HOME, entry_src(e.kind, e.slug)) for e in entries}
    body, toc = renderer.render_template("plan.md.j2", PLAN, plan=plan, target=rules.target_jp,
                                         forms=DEVELOPMENT_FORMS, recap_src=RECAP, jp_minutes=JP_MINUTES)
    # The plan and its record need the page's whole width: no navigation or contents beside them.
    return PageSource(PLAN, "Rencana Belajar", body, toc, "index", hide=("navigation", "toc"))


def recap_page(renderer: PageRenderer) -> PageSource:
    """Rekap Kepegawaian: HR drops participants' exported records and gets one table and one workbook
    (assets/src/recap*.mjs); nothing leaves the browser."""
    recap = {"target": renderer.rules.target_jp, "redirects": _redirects(plannable(renderer))}
    body, toc = renderer.render_template("recap.md.j2", RECAP, recap=recap, target=renderer.rules.target_jp,
                                         plan_src=PLAN)
    return PageSource(RECAP, "Rekap Kepegawaian", body, toc, "index", hide=("navigation", "toc"))


def plan_data(renderer: PageRenderer, from_src: str, entry: Entry) -> dict[str, object]:
    """An entry as a reader's plan keeps it, with its page's path from the site root."""
    return {**entry.plan_facts(), "url": renderer.urls.href(HOME, entry_src(entry.kind, entry.slug))}


def _redirects(entries: list[Entry]) -> dict[str, str]:
    """Renamed slugs (old -> new), which a reader's plan and HR's recap follow."""
    return {old: e.slug for e in entries for old in e.redirect_from}


PORTAL_RENDERERS: dict[str, Callable[[PageRenderer], PageSource]] = {
    CONTRIBUTORS: contributors_page, PLAN: plan_page, RECAP: recap_page}


def portal_page(renderer: PageRenderer, page: PortalPage) -> PageSource:
    return PORTAL_RENDERERS[page.src](renderer)
