"""The catalog's pages rendered on every core (issue 27): what one process renders, in its order.

The entry pages (one per course or article: the bulk) are handed out in consecutive chunks to whichever
process asks next (``workers.Claims``). The listings (index and portal pages, the continuation pages, the
chunk scripts that hold every card again, catalog.json and the feed) need the catalog but no entry page, so
the last worker renders them first and then takes chunks like the others: the calling process, which has
the engine's work after this, does not render them alone, and nobody waits at the end. Chunks come back
with the materials they link and are put in catalog order, so pages and materials are merged in the order
one process makes them: index and portal pages, the entries, then the listings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asn_portal.model.registry import Entry
from asn_portal.model.workers import Claims, run_shares, usable_jobs
from asn_portal.render.source import PageSource

if TYPE_CHECKING:
    from asn_portal.render.pages import PageRenderer

PARALLEL_FROM = 200  # entries: below this, starting workers costs more than it saves
ENTRIES_PER_CLAIM = 16  # entry pages a process takes at a time (a few milliseconds each)


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
class Chunk:
    """Consecutive entry pages one process rendered, from entry ``start``, and the materials they link."""

    start: int
    pages: list[PageSource]
    materials: dict[str, str]


@dataclass
class Part:
    """One process's chunks of entry pages and (the last) the listings."""

    chunks: list[Chunk]
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
    claims = Claims(len(entries), ENTRIES_PER_CLAIM)
    before = dict(renderer.materials_used)  # this process notes its own chunks as it goes: merged below instead

    def part(share: int) -> Part:
        found = listings(renderer) if share == jobs - 1 else None
        return Part(list(claimed_chunks(renderer, entries, claims)), found)

    parts = run_shares(part, jobs)
    found = parts[-1].listings
    assert found is not None
    chunks = sorted((chunk for each in parts for chunk in each.chunks), key=lambda chunk: chunk.start)
    renderer.materials_used = before
    renderer.materials_used.update(found.front_materials)
    for chunk in chunks:
        renderer.materials_used.update(chunk.materials)
    renderer.materials_used.update(found.back_materials)
    pages = [*found.front, *(page for chunk in chunks for page in chunk.pages), *found.back]
    return pages, found.scripts, found.machine


def claimed_chunks(renderer: PageRenderer, entries: list[Entry], claims: Claims) -> Iterator[Chunk]:
    """The entry pages of every chunk this process claims, each with the materials it links."""
    while taken := claims.claim():
        made, used = renderer.noting_materials(lambda: [renderer.fresh_entry_page(entries[n]) for n in taken])
        yield Chunk(taken.start, made, used)


def listings(renderer: PageRenderer) -> Listings:
    front, front_used = renderer.noting_materials(renderer.front_pages)
    (back, scripts, machine), back_used = renderer.noting_materials(
        lambda: (renderer.back_pages(), renderer.scripts(), renderer.machine()))
    return Listings(front, back, scripts, machine, front_used, back_used)
