"""What ``serve`` keeps of the last render: entry pages and cards whose inputs did not change.

An entry's page and its card show the entry and the entries it is related to (both ways: the ones it
names and the ones naming it, ``Catalog.related``), nothing else of the catalog. So after a save,
the entries whose objects changed (``FileChecks`` keeps an unchanged file's entry as the same object),
came or went, and their neighbours in the old and the new catalog are rendered again; every other
entry page and card is reused. Pages that show the whole catalog (index pages, home, plan,
contributors, catalog.json, the feed) are rendered again every time, from the kept cards. The
equivalence test (tests/build/test_serve_incremental.py) compares the outcome with a clean build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from markupsafe import Markup

from asn_portal.content.catalog import Catalog
from asn_portal.model.registry import KINDS, Entry

if TYPE_CHECKING:
    from asn_portal.render.pages import PageSource

Key = tuple[str, str]  # kind, slug
T = TypeVar("T")


class RenderMemo:
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        # each with the materials its render linked: they are copied whenever it is reused
        self._pages: dict[Key, tuple[PageSource, dict[str, str]]] = {}
        self._cards: dict[tuple[str, str, str], tuple[Markup, dict[str, str]]] = {}  # kind, slug, its page
        self._values: dict[tuple[str, str, str], object] = {}  # what, kind, slug: an entry's part of a page
        self.touched: set[Key] = set()  # entries rendered again in this render

    def start(self, catalog: Catalog) -> set[Key]:
        """A render of ``catalog`` begins: forget what depends on entries that changed since the last."""
        old, self.catalog = self.catalog, catalog
        if old is None:
            self._pages.clear()
            self._cards.clear()
            self._values.clear()
            self.touched = set()
            return self.touched
        changed: set[Key] = set()
        for kind in KINDS:
            before, after = old.of_kind(kind), catalog.of_kind(kind)
            changed.update((kind, slug) for slug, entry in after.items() if before.get(slug) is not entry)
            changed.update((kind, slug) for slug in before if slug not in after)
        self.touched = changed | neighbours(old, changed) | neighbours(catalog, changed)
        for key in self.touched:
            self._pages.pop(key, None)
        self._cards = {k: v for k, v in self._cards.items() if (k[0], k[1]) not in self.touched}
        self._values = {k: v for k, v in self._values.items() if (k[1], k[2]) not in self.touched}
        return self.touched

    def page(self, entry: Entry, render: Callable[[], tuple[PageSource, dict[str, str]]]
             ) -> tuple[PageSource, dict[str, str]]:
        key = (entry.kind, entry.slug)
        if key not in self._pages:
            self._pages[key] = render()
        return self._pages[key]

    def card(self, entry: Entry, src: str, render: Callable[[], tuple[Markup, dict[str, str]]]
             ) -> tuple[Markup, dict[str, str]]:
        key = (entry.kind, entry.slug, src)
        if key not in self._cards:
            self._cards[key] = render()
        return self._cards[key]


    def value(self, what: str, entry: Entry, make: Callable[[Entry], T]) -> T:
        """An entry's part of a page that shows them all (its object in catalog.json, in the plan's data)."""
        key = (what, entry.kind, entry.slug)
        if key not in self._values:
            self._values[key] = make(entry)
        return self._values[key]  # type: ignore[return-value]


def kept(memo: RenderMemo | None, what: str, make: Callable[[Entry], T]) -> Callable[[Entry], T]:
    """``make``, or ``make`` through ``memo`` when `serve` keeps the last render."""
    if memo is None:
        return make
    return lambda entry: memo.value(what, entry, make)


def neighbours(catalog: Catalog, keys: Iterable[Key]) -> set[Key]:
    found: set[Key] = set()
    for kind, slug in keys:
        entry = catalog.get(kind, slug)
        if entry is None:
            continue
        for other in KINDS:
            found.update((e.kind, e.slug) for e in catalog.related(entry, other))
    return found
