"""What machines read of the catalog: JSON-LD on entry pages, ``catalog.json`` and ``feed.xml`` (Atom).

Generic: each kind says what it gives (``CATALOG_FIELDS``, ``IN_FEED``, ``jsonld(url, publisher)`` and
``feed_date()``, declared with their defaults on ``model.registry.Entry`` and filled in by its entry class
in ``asn_portal/kinds/<kind>/``); this module asks the registry.
Every output follows from the catalog and the dates passed in, never from the clock, so a bundle's
bytes stay reproducible.

Addresses: absolute on the published site when ``site_url`` is a public address
(``urls.public_site``), else relative: from the site root in ``catalog.json`` and ``feed.xml`` (Atom
wants absolute links; without a public address a link is the page's path relative to the feed, which
sits at the site root), and the page's own address in its JSON-LD.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from asn_portal.content.catalog import Catalog
from asn_portal.model.registry import KINDS, SLUG_PATTERN, Entry, Field, KindSpec
from asn_portal.trust.urls import HOME, Urls, entry_src

CATALOG_FILE = "catalog.json"
FEED_FILE = "feed.xml"
CATALOG_SCHEMA_FILE = "schemas/catalog.schema.json"  # in the site and in the repository
GENERATED_FILES = (CATALOG_FILE, FEED_FILE, CATALOG_SCHEMA_FILE)
CATALOG_VERSION = 1
DRAFT = "https://json-schema.org/draft/2020-12/schema"
FEED_SIZE = 50  # the newest entries the feed carries (all of them when there are fewer)
# A course has no date of its own: the feed takes the date of its file's last commit (content/history.py);
# without one (a bundle, which reads no Git, or a file never committed) the oldest date the build knows,
# so an undated course never passes a dated one; with no date at all, this fixed one.
UNDATED = dt.date(2000, 1, 1)
TAG_AUTHORITY = "tag:asn-portal,2026:"  # ids of a site without a public address (RFC 4151 tag: URIs)
ATOM = "http://www.w3.org/2005/Atom"
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Site:
    """The site as mkdocs.yml names it: ``site_name``, ``site_author``; ``public``: the published
    address and its directory_urls (``urls.public_site``), None when it has none."""

    name: str = ""
    author: str | None = None
    public: tuple[str, bool] | None = None

    def publisher(self) -> dict[str, object]:
        """The portal as an ``Organization``: named from site_author, else site_name."""
        return {"@type": "Organization", "name": self.author or self.name or "Portal Pembelajaran ASN"}


def script_json(data: object) -> str:
    """JSON to put inside a ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u003c`` ... so no
    contributed text can close the element or open a comment (every non-ASCII character escaped too)."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return re.sub("[<>&]", lambda m: _SCRIPT_UNSAFE[m.group(0)], text)


def jsonld_block(entry: Entry, url: str, site: Site) -> str:
    """The ``<script type="application/ld+json">`` of an entry page (HTML, to append to the page's final
    HTML); "" for a kind without JSON-LD. Inert as JSON-LD and as JavaScript (see below)."""
    node = entry.jsonld(url, site.publisher())
    if node is None:
        return ""
    # An array of one node, not the bare object: Material's instant navigation re-creates every inline
    # script of the content without its attributes and runs it as JavaScript. An array of JSON literals
    # is an expression that does nothing; a bare object would be a block whose "key": fails to parse.
    return f'\n<script type="application/ld+json">{script_json([node])}</script>\n'


def page_url(entry: Entry, urls: Urls, site: Site, from_src: str = HOME) -> str:
    """An entry page's address: absolute on the public site, else relative to ``from_src``."""
    src = entry_src(entry.kind, entry.slug)
    if site.public is not None:
        address, directory_urls = site.public
        return address + Urls(directory_urls).href(HOME, src)
    return urls.href(from_src, src)


def plain(value: object) -> Any:
    """A field's value as JSON: dates as TTTT-BB-HH, lists, objects without their unset fields."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if getattr(value, f.name) is not None}
    return value


EntryText = Callable[[Entry], str]


def catalog_fields(spec: KindSpec) -> tuple[Field, ...]:
    """The declarations of the fields ``catalog.json`` lists for a kind (its ``CATALOG_FIELDS``)."""
    names = spec.entry_class.CATALOG_FIELDS
    declared = {f.name: f for f in spec.fields}
    return tuple(declared[name] for name in names)


def catalog_entry(entry: Entry, urls: Urls, site: Site) -> dict[str, object]:
    found: dict[str, object] = {"kind": entry.kind, "slug": entry.slug, "title": entry.title,
                                "summary": entry.summary, "url": page_url(entry, urls, site)}
    for field in catalog_fields(entry.spec):
        value = getattr(entry, field.name)
        if value is not None:
            found[field.name] = plain(value)
    return found


def catalog_json(catalog: Catalog, urls: Urls, site: Site, text_of: EntryText | None = None) -> str:
    """``catalog.json``: every published entry, kinds in registry order, each in its listing's order.
    ``text_of``: an entry's object as JSON text (`serve` keeps them; ``entry_json`` by default)."""
    text = text_of or (lambda e: entry_json(e, urls, site))
    entries = [text(e) for kind in KINDS for e in catalog.sorted(kind)]
    if not entries:
        return json.dumps({"version": CATALOG_VERSION, "entries": []}, ensure_ascii=False, indent=1) + "\n"
    # as json.dumps(..., indent=1) writes the whole: each entry two levels in
    listed = ",\n".join("  " + t.replace("\n", "\n  ") for t in entries)
    return f'{{\n "version": {CATALOG_VERSION},\n "entries": [\n{listed}\n ]\n}}\n'


def entry_json(entry: Entry, urls: Urls, site: Site) -> str:
    """An entry's object in catalog.json (JSON keeps line breaks inside strings escaped: every line
    break here is the layout's)."""
    return json.dumps(catalog_entry(entry, urls, site), ensure_ascii=False, indent=1)


# -- the catalog's JSON Schema, from the registry ---------------------------------------------------------

def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {"type": "object", "properties": {f.name: _field(f) for f in fields},
            "required": [f.name for f in fields if f.required], "additionalProperties": False}


def _field(field: Field) -> dict[str, Any]:
    out = field.type.schema(field, None, _object)
    if field.min_items:
        out["minItems"] = field.min_items
    out["description"] = field.help
    return out


def catalog_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``catalog.json``: one entry shape per registered kind."""
    shapes = []
    for spec in KINDS.values():
        fields = catalog_fields(spec)
        properties: dict[str, Any] = {
            "kind": {"const": spec.name},
            "slug": {"type": "string", "pattern": SLUG_PATTERN},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "url": {"type": "string", "description": "Alamat halaman: absolut bila situs punya alamat publik, "
                                                     "selain itu relatif terhadap akar situs."},
            **{f.name: _field(f) for f in fields},
        }
        required = ["kind", "slug", "title", "summary", "url", *(f.name for f in fields if f.required)]
        shapes.append({"title": spec.label, "type": "object", "properties": properties, "required": required,
                       "additionalProperties": False})
    return {
        "$schema": DRAFT,
        "$id": f"https://asn-portal.invalid/{CATALOG_SCHEMA_FILE}",
        "title": "Katalog portal pembelajaran ASN (catalog.json)",
        "description": "Semua entri yang diterbitkan situs ini, untuk dibaca mesin.",
        "type": "object",
        "properties": {"version": {"const": CATALOG_VERSION},
                       "entries": {"type": "array", "items": {"oneOf": shapes}}},
        "required": ["version", "entries"],
        "additionalProperties": False,
    }


def catalog_schema_text() -> str:
    return json.dumps(catalog_schema(), ensure_ascii=False, indent=2) + "\n"


# -- the Atom feed -----------------------------------------------------------------------------------------

def dated(catalog: Catalog, updated: Mapping[str, dt.date]) -> list[tuple[dt.date, Entry]]:
    """Every published entry with the date the feed gives it (see ``UNDATED``), newest first."""
    entries = list(catalog.entries())
    own = {(e.kind, e.slug): day for e in entries if (day := e.feed_date()) is not None}
    known = [*own.values(), *(updated[e.source] for e in entries if e.source in updated)]
    fallback = min(known, default=UNDATED)
    found = [(own.get((e.kind, e.slug)) or updated.get(e.source) or fallback, e) for e in entries]
    order = list(KINDS)
    return sorted(found, key=lambda d: (-d[0].toordinal(), order.index(d[1].kind), d[1].slug))


def xml_text(value: str) -> str:
    """``value`` without what XML 1.0 forbids (C0 controls but tab and line ends, U+FFFE/U+FFFF, lone
    surrogates): a vertical tab from Word's Shift+Enter would make the document ill-formed."""
    return _NOT_XML.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = xml_text(text)
    return el


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def feed_xml(catalog: Catalog, urls: Urls, site: Site, updated: Mapping[str, dt.date] | None = None,
             size: int = FEED_SIZE) -> str:
    """``feed.xml``: the ``size`` newest entries of every kind with a page date (articles by their
    date, courses by their last commit), newest first."""
    newest = [(d, e) for d, e in dated(catalog, updated or {}) if e.kind in _feed_kinds()][:size]
    site_tag = TAG_AUTHORITY + quote(site.name or "portal", safe="")
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "id"})
    _sub(feed, "title", site.name or "Portal Pembelajaran ASN")
    _sub(feed, "subtitle", "Kursus dan artikel terbaru")
    _sub(feed, "id", site.public[0] if site.public else site_tag)
    _sub(feed, "updated", _stamp(newest[0][0] if newest else UNDATED))
    author = _sub(feed, "author")
    _sub(author, "name", str(site.publisher()["name"]))
    if site.public is not None:
        _sub(feed, "link", rel="alternate", type="text/html", href=site.public[0])
        _sub(feed, "link", rel="self", type="application/atom+xml", href=site.public[0] + FEED_FILE)
    for date, entry in newest:
        item = _sub(feed, "entry")
        url = page_url(entry, urls, site)
        _sub(item, "title", entry.title)
        _sub(item, "id", url if site.public else f"{site_tag}/{entry.spec.url_dir}/{entry.slug}")
        _sub(item, "updated", _stamp(date))
        _sub(item, "link", rel="alternate", type="text/html", href=url)
        _sub(item, "summary", entry.summary)
        _sub(item, "category", term=entry.kind, label=entry.spec.label)
        writer = getattr(entry, "author", None)
        if writer is not None and getattr(writer, "name", None):
            _sub(_sub(item, "author"), "name", str(writer.name))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _feed_kinds() -> frozenset[str]:
    """Kinds the feed carries: those with a page of their own in JSON-LD terms (courses, articles)."""
    return frozenset(spec.name for spec in KINDS.values() if spec.entry_class.IN_FEED)


def reader_files(catalog: Catalog, urls: Urls, site: Site, updated: Mapping[str, dt.date] | None = None,
                 text_of: EntryText | None = None) -> dict[str, str]:
    """Published path -> text of the files machines read: catalog.json, its schema, feed.xml."""
    return {CATALOG_FILE: catalog_json(catalog, urls, site, text_of), CATALOG_SCHEMA_FILE: catalog_schema_text(),
            FEED_FILE: feed_xml(catalog, urls, site, updated)}


__all__ = ["CATALOG_FILE", "CATALOG_SCHEMA_FILE", "FEED_FILE", "GENERATED_FILES", "Site", "catalog_json",
           "catalog_schema", "catalog_schema_text", "feed_xml", "jsonld_block", "reader_files", "script_json",
           "xml_text"]
