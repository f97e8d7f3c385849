"""Markdown fields -> safe HTML.

Rendered here, not by the site's Markdown, so that YAML text can never inject script. Markdown is
converted first and every link target is decided afterwards on the HTML, by the one sanitiser
(``sanitize.clean``) asking the caller's hook: a link written inline, by reference (wherever the
definition stands), as an autolink or in raw HTML is the same ``href`` there, so ``check`` and the
publisher can never read a text differently.

Each text is converted once per build (``Conversions``): ``check`` converts every field and the page
renderer reuses it. Heading ids depend on where a text is shown (a prefix, the page's own heading
ids), so a conversion keeps placeholders for them and ``Converted.with_ids`` fills them in.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict

import markdown
from markdown.extensions.toc import TocExtension, unique
from markdown.extensions.toc import slugify as toc_slugify

from asn_portal.trust.sanitize import UrlHook, clean

EXTENSIONS = ("tables", "fenced_code", "sane_lists", "def_list")
# The permalink's title when the site's toc settings give none: the toc extension's own is English
# ("Permanent link"), and screen readers read it out on every heading.
PERMALINK_TITLE = "Tautan permanen"


class TocEntry(TypedDict):
    """One heading in a table of contents, as the toc extension lists it (before nesting)."""

    level: int
    id: str
    name: str  # the heading's text as HTML
# A heading id until the page is known: unguessable, so a text cannot forge one.
_ID_TOKEN = f"asn{secrets.token_hex(8)}h"
_ID_PLACEHOLDER = re.compile(_ID_TOKEN + r"(\d+)_")


@dataclass(frozen=True)
class Converted:
    """One Markdown text as HTML, not yet sanitised, with its headings' ids still placeholders."""

    html: str
    slugs: tuple[str, ...]  # each heading's slug, in document order
    definitions: tuple[str, ...]  # targets of every reference definition, used or not

    def with_ids(self, id_prefix: str = "", reserved: frozenset[str] = frozenset()) -> str:
        """The HTML with its heading ids, as the toc extension gives them for this prefix.

        ``reserved``: ids the page's own headings take; a heading here gets another one, so the page's
        table of contents and permalinks keep pointing at the page's sections.
        """
        if not self.slugs:
            return self.html
        used: set[str] = set()
        counters: dict[str, int] = {}
        ids = []
        for slug in self.slugs:
            wanted = id_prefix + slug
            ids.append(unique(f"{wanted}_1" if wanted in reserved else wanted, used, counters))
        return _ID_PLACEHOLDER.sub(lambda m: ids[int(m.group(1))], self.html)


class _Converter:
    """One Markdown instance for many texts: making one took most of a short text's conversion."""

    def __init__(self) -> None:
        self.slugs: list[str] = []
        self.md = markdown.Markdown(extensions=[*EXTENSIONS, TocExtension(baselevel=2, slugify=self._slugify)])

    def _slugify(self, value: str, sep: str) -> str:
        self.slugs.append(toc_slugify(value, sep))
        return f"{_ID_TOKEN}{len(self.slugs) - 1}_"

    def __call__(self, text: str) -> Converted:
        self.slugs = []
        html = self.md.reset().convert(text)
        return Converted(html, tuple(self.slugs), tuple(url for url, _ in self.md.references.values()))


def convert(text: str) -> Converted:
    return _Converter()(text)


class Conversions:
    """Every Markdown text of one build, converted once (a conversion is the costly part)."""

    def __init__(self) -> None:
        self.done: dict[str, Converted] = {}
        self._converter: _Converter | None = None

    def __call__(self, text: str) -> Converted:
        found = self.done.get(text)
        if found is None:
            if self._converter is None:
                self._converter = _Converter()
            found = self.done[text] = self._converter(text)
        return found

    def clear(self) -> None:
        self.done.clear()


def to_html(text: str, id_prefix: str = "", reserved: frozenset[str] = frozenset()) -> str:
    """Markdown -> HTML, not yet sanitised. Headings start at h2 (the page title is the h1)."""
    return convert(text).with_ids(id_prefix, reserved)


def render_markdown(text: str, url: UrlHook, id_prefix: str = "", reserved: frozenset[str] = frozenset(),
                    converted: Callable[[str], Converted] = convert) -> str:
    """Markdown -> sanitised HTML, every ``href``/``src`` as ``url`` decides."""
    return clean(converted(text).with_ids(id_prefix, reserved), url)
