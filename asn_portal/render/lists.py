"""Long listings: an index page shows one page of cards, the rest is on demand.

A kind with more entries than a page holds gets (see ARCHITECTURE.md, "Long listings"):

- its index page with the first page of cards, and continuation pages ``kursus/halaman-2.md`` ...
  linked below the cards, so every entry is reachable without JavaScript;
- chunk scripts under ``assets/asn-portal/lists/`` that register themselves with
  ``window.asnPortalList(list, part, number, payload)`` (assets/src/lists.mjs injects them as plain
  ``<script src>``: no fetch, so they load from file:// too). "cards" chunks hold the card markup
  exactly as the page renders it (the kind's one card macro, escaped by Jinja); "data" chunks hold
  only what the filter reads (the cards' ``data-*`` attributes, as JSON strings), so filtering a
  large catalog loads a fraction of the markup.

Knows nothing of MkDocs or of templates: pages.py hands in rendered cards.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

DEFAULT_PAGE_SIZE = 50  # cards an index page renders before "Tampilkan lebih banyak"
CARD_CHUNK_PAGES = 4  # pages of cards in one "cards" chunk (about 350 KB of course cards at 50)
DATA_CHUNK_CARDS = 5  # "cards" chunks in one "data" chunk
NEAR_PAGES = 2  # page links either side of the current page; first and last are always linked
_OWN_ATTRIBUTE = "data-asn-"  # the portal's own data (plan facts): not something a filter reads


@dataclass
class Paging:
    """One page of a long listing, as listing.j2 renders its links."""

    number: int  # from 1
    count: int  # pages
    total: int  # entries
    size: int  # cards a page holds
    index: str  # href of page 1
    prev: str | None
    next: str | None
    links: list[tuple[int | None, str | None]]  # (number, href); href None: this page; number None: a gap
    card_chunk: int = 0
    data_chunk: int = 0
    card_hrefs: list[str] = field(default_factory=list)  # page 1 only: the chunk scripts, in order
    data_hrefs: list[str] = field(default_factory=list)

    @property
    def first(self) -> int:
        return (self.number - 1) * self.size + 1

    @property
    def last(self) -> int:
        return min(self.number * self.size, self.total)


def parts(total: int, size: int) -> int:
    """Pages (or chunks) of ``size`` entries that hold ``total``: at least one, an empty listing too."""
    return max(1, -(-total // size))


def paging(number: int, total: int, size: int, href: Callable[[int], str]) -> Paging:
    """Page ``number`` of ``total`` entries; ``href(n)`` links page n from this one."""
    count = parts(total, size)
    shown = sorted({1, count, *range(max(1, number - NEAR_PAGES), min(count, number + NEAR_PAGES) + 1)})
    links: list[tuple[int | None, str | None]] = []
    for n in shown:
        if links and links[-1][0] is not None and n - (links[-1][0] or 0) > 1:
            links.append((None, None))
        links.append((n, None if n == number else href(n)))
    return Paging(number, count, total, size, href(1), href(number - 1) if number > 1 else None,
                  href(number + 1) if number < count else None, links)


def chunk_sizes(size: int) -> tuple[int, int]:
    """Entries in one "cards" chunk and in one "data" chunk, for a page size."""
    cards = size * CARD_CHUNK_PAGES
    return cards, cards * DATA_CHUNK_CARDS


def script(list_name: str, part: str, number: int, payload: object) -> str:
    """A chunk file: one call that registers its payload. JSON with every non-ASCII character
    escaped, so no line separator or markup-looking text can end the string early."""
    args = ", ".join(json.dumps(v, ensure_ascii=True, sort_keys=True) for v in (list_name, part, number, payload))
    return f"window.asnPortalList({args});\n"


def card_chunks(list_name: str, cards: Sequence[str], chunk: int) -> list[str]:
    """The "cards" chunk scripts: each the markup of ``chunk`` cards, as the page would hold it."""
    return [script(list_name, "cards", n, "\n".join(cards[start:start + chunk]))
            for n, start in enumerate(range(0, max(len(cards), 1), chunk))]


def data_chunks(list_name: str, cards: Sequence[str], chunk: int) -> list[str]:
    """The "data" chunk scripts: per ``data-*`` attribute of the cards, one column of values."""
    found = []
    for n, start in enumerate(range(0, max(len(cards), 1), chunk)):
        rows = [filter_attributes(card) for card in cards[start:start + chunk]]
        names = sorted({name for row in rows for name in row})
        columns = {name: [row.get(name, "") for row in rows] for name in names}
        found.append(script(list_name, "data", n, {"count": len(rows), "columns": columns}))
    return found


class _FirstTag(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.attrs is None:
            self.attrs = {name: value or "" for name, value in attrs}


@functools.lru_cache(maxsize=32768)  # `serve` lists the same cards again after every save
def filter_attributes(card: str) -> dict[str, str]:
    """The ``data-*`` attributes of a card's own element (unescaped), without the portal's
    ``data-asn-*``: what the filter compares ("search" -> its words, "level" -> "dasar"...)."""
    parser = _FirstTag()
    end = card.find(">")  # Jinja escapes ">" inside attribute values: the first one ends the start tag
    parser.feed(card if end < 0 else card[:end + 1])
    parser.close()
    return {name[5:]: value for name, value in (parser.attrs or {}).items()
            if name.startswith("data-") and not name.startswith(_OWN_ATTRIBUTE)}
