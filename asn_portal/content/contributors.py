"""Credit for authors: who wrote what, from which unit. Any kind whose entries have an ``author`` counts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify as toc_slugify

from asn_portal.content.catalog import Catalog
from asn_portal.model.registry import Author, Entry


@dataclass
class Contributor:
    name: str
    anchor: str
    units: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # in listing order


def author_anchor(name: str) -> str:
    return "penulis-" + (toc_slugify(name, "-") or "tanpa-nama")


def authored(catalog: Catalog) -> list[tuple[Entry, Author]]:
    """Every entry that names an author, with that author, in listing order."""
    return [(entry, author) for entry in catalog.entries() if (author := entry.credited()) is not None]


def contributors(catalog: Catalog) -> list[Contributor]:
    """Every author with their units and entries, most entries first."""
    people: dict[str, Contributor] = {}
    for entry, author in authored(catalog):
        person = people.setdefault(author.name, Contributor(author.name, author_anchor(author.name)))
        person.entries.append(entry)
        if author.unit and author.unit not in person.units:
            person.units.append(author.unit)
    return sorted(people.values(), key=lambda p: (-len(p.entries), p.name.casefold()))


def units(catalog: Catalog) -> list[tuple[str, int, int]]:
    """(unit, entries, authors), most entries first."""
    written: dict[str, int] = defaultdict(int)
    authors: dict[str, set[str]] = defaultdict(set)
    for _, author in authored(catalog):
        if author.unit:
            written[author.unit] += 1
            authors[author.unit].add(author.name)
    return sorted(((u, n, len(authors[u])) for u, n in written.items()), key=lambda t: (-t[1], t[0].casefold()))
