"""The validated catalog: entries by kind and the cross-references between them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import AnyEntry, Article, Course, Factor


@dataclass
class Catalog:
    factors: dict[str, Factor] = field(default_factory=dict)
    courses: dict[str, Course] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._backlinks: dict[tuple[str, str], dict[str, set[str]]] | None = None
        self._positions: dict[str, dict[str, int]] = {}  # kind -> slug -> place in its listing

    # -- lookups -----------------------------------------------------------------------------
    def of_kind(self, kind: str) -> dict[str, AnyEntry]:
        table: dict[str, dict[str, AnyEntry]] = {
            "factor": self.factors, "course": self.courses, "article": self.articles}  # type: ignore[dict-item]
        return table[kind]

    def get(self, kind: str, slug: str) -> AnyEntry | None:
        return self.of_kind(kind).get(slug)

    def entries(self) -> Iterable[AnyEntry]:
        yield from self.factors_in_order()
        yield from self.courses_sorted()
        yield from self.articles_newest_first()

    def factors_in_order(self) -> list[Factor]:
        return sorted(self.factors.values(), key=lambda f: (f.order, f.slug))

    def courses_sorted(self) -> list[Course]:
        return sorted(self.courses.values(), key=lambda c: (c.title.casefold(), c.slug))

    def articles_newest_first(self) -> list[Article]:
        return sorted(self.articles.values(), key=lambda a: (-a.date.toordinal(), a.slug))

    @property
    def total_jp(self) -> int:
        return sum(c.jp for c in self.courses.values())

    # -- cross-references --------------------------------------------------------------------
    def refs_of(self, entry: AnyEntry) -> set[tuple[str, str]]:
        """Everything an entry points to: declared fields plus links in its Markdown."""
        refs = set(entry.links)
        if isinstance(entry, (Course, Article)):
            refs |= {("factor", s) for s in entry.factors}
        if isinstance(entry, Article):
            refs |= {("course", s) for s in entry.courses}
        return {r for r in refs if r != (entry.kind, entry.slug)}

    def referring(self, entry: AnyEntry, kind: str) -> list[AnyEntry]:
        """Entries of ``kind`` that point at ``entry``, so every link also works the other way."""
        if self._backlinks is None:
            index: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
            for source in self.entries():
                for target in self.refs_of(source):
                    index[target][source.kind].add(source.slug)
            self._backlinks = index
        slugs = self._backlinks.get((entry.kind, entry.slug), {}).get(kind, set())
        found = [self.of_kind(kind)[s] for s in slugs if s in self.of_kind(kind)]
        order = self._position(kind)
        return sorted(found, key=lambda e: order[e.slug])

    def linked(self, entry: AnyEntry, kind: str) -> list[AnyEntry]:
        """Entries of ``kind`` that ``entry`` itself names (its fields and its own Markdown)."""
        table = self.of_kind(kind)
        order = self._position(kind)
        return sorted((table[s] for k, s in self.refs_of(entry) if k == kind and s in table),
                      key=lambda e: order[e.slug])

    def related(self, entry: AnyEntry, kind: str) -> list[AnyEntry]:
        """Entries of ``kind`` linked with ``entry`` in either direction."""
        both = {e.slug: e for e in [*self.linked(entry, kind), *self.referring(entry, kind)]}
        order = self._position(kind)
        return sorted(both.values(), key=lambda e: order[e.slug])

    def _position(self, kind: str) -> dict[str, int]:
        # Computed once per kind: every page lists related entries, so sorting per call would be
        # quadratic in the size of the catalog.
        if kind not in self._positions:
            self._positions[kind] = {e.slug: i for i, e in enumerate(self._sorted(kind))}
        return self._positions[kind]

    def _sorted(self, kind: str) -> list[AnyEntry]:
        if kind == "factor":
            return list(self.factors_in_order())
        if kind == "course":
            return list(self.courses_sorted())
        return list(self.articles_newest_first())

    # -- subsets (one training event's kit) --------------------------------------------------
    def subset(self, courses: Iterable[str] = (), factors: Iterable[str] = ()) -> Catalog:
        """The chosen entries plus what they link to; links to the rest render as plain text."""
        chosen: set[tuple[str, str]] = {("course", s) for s in courses} | {("factor", s) for s in factors}
        keep = set(chosen)
        for kind, slug in chosen:
            entry = self.get(kind, slug)
            if entry is not None:
                keep |= self.refs_of(entry)
        return Catalog(
            factors={s: e for s, e in self.factors.items() if ("factor", s) in keep},
            courses={s: e for s, e in self.courses.items() if ("course", s) in keep},
            articles={s: e for s, e in self.articles.items() if ("article", s) in keep},
        )

    def without_drafts(self) -> Catalog:
        return Catalog(
            factors={s: e for s, e in self.factors.items() if not e.draft},
            courses={s: e for s, e in self.courses.items() if not e.draft},
            articles={s: e for s, e in self.articles.items() if not e.draft},
        )
