"""``rebuild.plan_changes``: what a save changes in the served site, decided from two builds' parts
alone (no MkDocs, no files). The served site itself is compared with clean builds in
test_serve_incremental.py and test_serve_cases.py; this names each rule on hand-made parts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from asn_portal.engines.mkdocs.rebuild import ChangePlan, plan_changes
from asn_portal.render.source import PageSource
from asn_portal.site.assembly import SiteParts


def page(src: str, kind: str = "course", title: str = "Judul", **more: Any) -> PageSource:
    return PageSource(src=src, title=title, html=f"<p>{src}</p>", toc=[], kind=kind, **more)


HOME = page("index.md", kind="page", title="Beranda")
TAGS = page("tag.md", kind="page", title="Tag", tag_indexes=(0,))
A, B, C = page("kursus/a.md", title="A"), page("kursus/b.md", title="B"), page("kursus/c.md", title="C")
LISTING = page("kursus/index.md", kind="index", title="Kursus")
MORE = page("kursus/halaman-2.md", kind="index", title="Kursus", in_nav=False)  # a listing's continuation


def site(*pages: PageSource, texts: dict[str, str] | None = None, copies: dict[str, str] | None = None) -> SiteParts:
    texts = texts or {}
    return SiteParts({p.src: p for p in pages}, texts, set(), copies or {})


def plan(old: SiteParts, new: SiteParts, changed: set[str] | None = None, tags_on: bool = True,
         touched: tuple[tuple[str, str], ...] = ()) -> ChangePlan:
    return plan_changes(old, new, changed or set(), tags_on, touched)


BASE = site(HOME, TAGS, LISTING, MORE, A, B)


def test_the_same_parts_change_nothing() -> None:
    assert plan(BASE, site(HOME, TAGS, LISTING, MORE, A, B)) == ChangePlan()


def test_a_changed_page_is_built_again_and_the_sitemap_kept() -> None:
    changed = plan(BASE, site(HOME, TAGS, LISTING, MORE, replace(A, html="<p>baru</p>"), B))
    assert changed == ChangePlan(build=["kursus/a.md"])


def test_pages_that_come_go_or_move_are_added_removed_and_in_the_sitemap() -> None:
    changed = plan(BASE, site(HOME, TAGS, LISTING, MORE, C, A))
    assert (changed.added, changed.removed, changed.build) == (["kursus/c.md"], ["kursus/b.md"], ["kursus/c.md"])
    assert changed.sitemap and not changed.full_build
    assert plan(BASE, site(HOME, TAGS, LISTING, MORE, B, A)).sitemap  # moved (a title changed the order)


@pytest.mark.parametrize("new", [
    site(HOME, TAGS, LISTING, MORE, A, B, page("tentang.md", kind="page")),  # a hand-written page came
    site(TAGS, LISTING, MORE, A, B),  # or went
    site(HOME, TAGS, replace(LISTING, title="Semua kursus"), MORE, A, B),  # a listed page's title changed
    site(HOME, TAGS, MORE, A, B),  # a listing in the navigation went
], ids=["page-added", "page-removed", "title-changed", "listing-removed"])
def test_what_every_page_s_navigation_shows_is_a_full_build(new: SiteParts) -> None:
    assert plan(BASE, new) == ChangePlan(full_build=True)


def test_a_continuation_page_or_an_entry_s_title_is_not_in_the_navigation() -> None:
    assert not plan(BASE, site(HOME, TAGS, LISTING, A, B)).full_build
    assert not plan(BASE, site(HOME, TAGS, LISTING, MORE, replace(A, title="A baru"), B)).full_build


def test_a_tagged_page_that_changed_builds_the_tag_indexes_last() -> None:
    old = site(HOME, TAGS, LISTING, MORE, replace(A, tags=("kinerja",)), B)
    new = site(HOME, TAGS, LISTING, MORE, replace(A, tags=("kinerja", "etika")), replace(B, html="<p>b</p>"))
    changed = plan(old, new)
    assert changed.build == ["kursus/a.md", "kursus/b.md", "tag.md"]
    assert changed.later == ["tag.md"]
    assert plan(old, new, tags_on=False).later == []  # Material's tags plugin off: no tag index to fill
    untagged = plan(BASE, site(HOME, TAGS, LISTING, MORE, A, replace(B, html="<p>b</p>")))
    assert untagged.later == [] and untagged.build == ["kursus/b.md"]
    went = plan(old, site(HOME, TAGS, LISTING, MORE, B))  # a tagged page that went counts too
    assert went.later == ["tag.md"] and went.removed == ["kursus/a.md"]


def test_generated_files_are_written_when_new_or_different_and_deleted_when_gone() -> None:
    old = site(HOME, A, texts={"catalog.json": "{}", "feed.xml": "<feed/>", "lama.js": "1"},
               copies={"materi/a.pdf": "/p/materials/a.pdf", "materi/b.pdf": "/p/materials/b.pdf",
                       "materi/c.pdf": "/p/materials/c.pdf"})
    new = site(HOME, A, texts={"catalog.json": "{\"a\": 1}", "feed.xml": "<feed/>", "baru.js": "2",
                               "materi/c.pdf": "teks"},
               copies={"materi/a.pdf": "/p/materials/a.pdf", "materi/b.pdf": "/p/materials/B.pdf"})
    changed = plan(old, new, changed={"/p/materials/a.pdf"})
    assert changed.gone_files == ["lama.js"]
    # catalog.json changed, baru.js is new, a.pdf's source changed on disk, b.pdf copies another file,
    # c.pdf was a copy and is a text now; feed.xml is the same
    assert changed.fresh_files == ["baru.js", "catalog.json", "materi/a.pdf", "materi/b.pdf", "materi/c.pdf"]
    assert plan(old, new).fresh_files == ["baru.js", "catalog.json", "materi/b.pdf", "materi/c.pdf"]


def test_neighbours_of_a_changed_entry_give_search_their_text_again() -> None:
    new = site(HOME, TAGS, LISTING, MORE, replace(A, html="<p>baru</p>"), B)
    touched = (("course", "a"), ("course", "b"), ("course", "hilang"))
    # a is built again (search takes it then), hilang has no page any more: only b is taken again
    assert plan(BASE, new, touched=touched).search_again == ["kursus/b.md"]
