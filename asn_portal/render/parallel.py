"""The catalog's pages rendered on every core (issue 27): what one process renders, in its order.

The entry pages (one per course or article: the bulk) are shared out in contiguous slices of the catalog.
The listings (index and portal pages, the continuation pages, the chunk scripts that hold every card
again, catalog.json and the feed) need the catalog but no entry page, so the last worker renders them as
well, after a smaller slice of entries (``LISTINGS_COST``): the calling process, which has the engine's
work after this, no longer renders them alone. The materials each part links are merged in the order one
process links them: index and portal pages, the entries, then the listings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asn_portal.model.workers import run_shares, usable_jobs, weighted_shares
from asn_portal.render.source import PageSource

if TYPE_CHECKING:
    from asn_portal.render.pages import PageRenderer

PARALLEL_FROM = 200  # entries: below this, starting workers costs more than it saves
# The listings cost about this share of rendering the entry pages (profiled at 5,000 courses: 4.7 s against
# 10.8 s); only the balance between the processes depends on it.
LISTINGS_COST = 0.4


@dataclass
class Listings:
    """Every page and file that lists entries, with the materials linked before and after the entry pages."""

    front: list[PageSource]  # index and portal pages
    back: list[PageSource]  # continuation pages
    scripts: dict[str, str]  # long listings' chunks
    machine: dict[str, str]  # catalog.json, feed.xml
    front_materials: dict[str, str] = field(default_factory=dict)
    back_materials: dict[str, str] = field(default_factory=dict)


@dataclass
class Part:
    """One process's slice of entry pages, the materials they link, and (the last) the listings."""

    entries: list[PageSource]
    materials: dict[str, str]
    listings: Listings | None = None


def render_jobs(renderer: PageRenderer, requested: int) -> int:
    """Processes worth starting: one for `serve`'s memo (it keeps renders in this process) or a small catalog."""
    entries = sum(1 for _ in renderer.catalog.entries())
    if renderer.memo is not None or entries < PARALLEL_FROM:
        return 1
    return min(usable_jobs(requested), entries)


def render_shared(renderer: PageRenderer, jobs: int) -> tuple[list[PageSource], dict[str, str], dict[str, str]]:
    """Pages (in the order one process returns them), chunk scripts and machine-readable files; the renderer's
    ``materials_used`` as one process leaves it."""
    entries = list(renderer.catalog.entries())
    ranges = weighted_shares(len(entries), jobs, len(entries) * LISTINGS_COST)

    def part(share: int) -> Part:
        made, used = renderer.noting_materials(
            lambda: [renderer.fresh_entry_page(e) for e in entries[ranges[share].start:ranges[share].stop]])
        return Part(made, used, listings(renderer) if share == jobs - 1 else None)

    parts = run_shares(part, jobs)
    found = parts[-1].listings
    assert found is not None
    renderer.materials_used.update(found.front_materials)
    for each in parts:
        renderer.materials_used.update(each.materials)
    renderer.materials_used.update(found.back_materials)
    pages = [*found.front, *(page for each in parts for page in each.entries), *found.back]
    return pages, found.scripts, found.machine


def listings(renderer: PageRenderer) -> Listings:
    front, front_used = renderer.noting_materials(renderer.front_pages)
    (back, scripts, machine), back_used = renderer.noting_materials(
        lambda: (renderer.back_pages(), renderer.scripts(), renderer.machine()))
    return Listings(front, back, scripts, machine, front_used, back_used)
