"""The validated catalog: entries keyed by kind, and the cross-references between them.

Knows no kind by name: listing order comes from each entry class's ``sort_key``, references from
the REFS fields its ``KindSpec`` declares.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping

from asn_portal.model.registry import KINDS, Entry


class Catalog:
    def __init__(self, entries: Mapping[str, Mapping[str, Entry]] | None = None) -> None:
        given = entries or {}
        unknown = set(given) - set(KINDS)
        if unknown:
            raise ValueError(f"kinds not in the registry: {sorted(unknown)}")
        self._by_kind: dict[str, dict[str, Entry]] = {kind: dict(given.get(kind, {})) for kind in KINDS}
        self._backlinks: dict[tuple[str, str], dict[str, set[str]]] | None = None
        self._sorted: dict[str, list[Entry]] = {}
        self._positions: dict[str, dict[str, int]] = {}  # kind -> slug -> place in its listing

    # -- lookups -----------------------------------------------------------------------------
    def of_kind(self, kind: str) -> dict[str, Entry]:
        return self._by_kind[kind]

    def add(self, entry: Entry) -> None:
        self._by_kind[entry.kind][entry.slug] = entry
        self._backlinks = None
        self._sorted.pop(entry.kind, None)
        self._positions.pop(entry.kind, None)

    def get(self, kind: str, slug: str) -> Entry | None:
        table = self._by_kind.get(kind)
        return table.get(slug) if table is not None else None

    def sorted(self, kind: str) -> list[Entry]:
        """A kind's entries in listing order (a factor's order, newest article first, courses by title)."""
        if kind not in self._sorted:
            self._sorted[kind] = sorted(self._by_kind[kind].values(), key=lambda e: e.sort_key())
        return self._sorted[kind]

    def entries(self) -> Iterator[Entry]:
        for kind in KINDS:
            yield from self.sorted(kind)

    def slugs(self) -> dict[str, set[str]]:
        return {kind: set(table) for kind, table in self._by_kind.items()}

    # -- cross-references --------------------------------------------------------------------
    def referring(self, entry: Entry, kind: str) -> list[Entry]:
        """Entries of ``kind`` that point at ``entry``, so every link also works the other way."""
        if self._backlinks is None:
            index: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
            for source in self.entries():
                for target in source.refs():
                    index[target][source.kind].add(source.slug)
            self._backlinks = index
        slugs = self._backlinks.get((entry.kind, entry.slug), {}).get(kind, set())
        return self._in_order(kind, slugs)

    def linked(self, entry: Entry, kind: str) -> list[Entry]:
        """Entries of ``kind`` that ``entry`` itself names (its fields and its own Markdown)."""
        return self._in_order(kind, {s for k, s in entry.refs() if k == kind})

    def related(self, entry: Entry, kind: str) -> list[Entry]:
        """Entries of ``kind`` linked with ``entry`` in either direction."""
        both = {e.slug for e in self.linked(entry, kind)} | {e.slug for e in self.referring(entry, kind)}
        return self._in_order(kind, both)

    def _in_order(self, kind: str, slugs: Iterable[str]) -> list[Entry]:
        # Positions are computed once per kind: every page lists related entries, so sorting per
        # call would be quadratic in the size of the catalog.
        if kind not in self._positions:
            self._positions[kind] = {e.slug: i for i, e in enumerate(self.sorted(kind))}
        table, order = self._by_kind[kind], self._positions[kind]
        return sorted((table[s] for s in slugs if s in table), key=lambda e: order[e.slug])

    # -- derived catalogs --------------------------------------------------------------------
    def subset(self, chosen: Iterable[tuple[str, str]]) -> Catalog:
        """One training event's kit: the chosen entries plus what they link to; links to the rest
        render as plain text."""
        keep = set(chosen)
        for kind, slug in list(keep):
            entry = self.get(kind, slug)
            if entry is not None:
                keep |= entry.refs()
        return self._where(lambda e: (e.kind, e.slug) in keep)

    def without_drafts(self) -> Catalog:
        return self._where(lambda e: not e.draft)

    def _where(self, keep: Callable[[Entry], bool]) -> Catalog:
        return Catalog({kind: {s: e for s, e in table.items() if keep(e)} for kind, table in self._by_kind.items()})
