"""Every link and image of a page, pointed at the book's own files.

The core writes relative links between published pages (``directory_urls=False``: ``../kursus/x.html``).
In the book a link stays a link only where it can be followed: to a page the book holds (an anchor only
when that page has the id), or to the web (a reader follows it in a browser when online). A link to a
page the book leaves out (the plan, the HR recap, a listing's next pages), to a redirect or to a file
the book does not pack becomes its text; a material that is not packed says it is on the portal.
Nothing is loaded from the network: an image on the web becomes a link to it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from asn_portal.engines.epub.quiz import BOOK_LINK
from asn_portal.engines.epub.xhtml import Element, Node

_WEB = re.compile(r"^(https?|mailto):", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
ON_PORTAL = " (berkas tersedia di portal)"


@dataclass
class BookFiles:
    """Where the site's files are in the book (paths inside the EPUB's content folder)."""

    pages: dict[str, str]  # published page ("kursus/x.html") -> its XHTML file ("isi/kursus/x.xhtml")
    images: dict[str, str]  # published material shown in the book -> its file
    materials: set[str]  # every published material (those not packed are named, not linked)
    ids: dict[str, set[str]] = field(default_factory=dict)  # XHTML file -> the ids in it


def href_to(target: str, out_file: str) -> str:
    """The relative href from the file ``out_file`` to ``target`` (both paths in the book)."""
    path, _, fragment = target.partition("#")
    rel = path if not path else posixpath.relpath(path, posixpath.dirname(out_file) or ".")
    return quote(rel, safe="/") + (f"#{fragment}" if fragment else "")


@dataclass
class _Place:
    base: str  # the published page the nodes were written for: their relative links start there
    out: str  # the book file they go into
    book: BookFiles


def resolve(nodes: list[Node], base: str, out: str, book: BookFiles) -> list[Node]:
    """``nodes`` (written for the published page ``base``) with their links for the book file ``out``."""
    return _nodes(nodes, _Place(base, out, book), in_link=False)


def _nodes(nodes: list[Node], place: _Place, in_link: bool) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node.tag == "a":
            out.extend(_link(node, place, in_link))
        elif node.tag == "img":
            out.extend(_image(node, place, in_link))
        else:
            out.append(Element(node.tag, node.attrs, _nodes(node.children, place, in_link)))
    return out


def _target(href: str, place: _Place) -> tuple[str, str]:
    """(published path from the site root, fragment) of a relative href on the page ``place.base``."""
    path, _, fragment = href.partition("#")
    if not path:
        return place.base, fragment
    return posixpath.normpath(posixpath.join(posixpath.dirname(place.base), unquote(path))), fragment


def _link(element: Element, place: _Place, in_link: bool) -> list[Node]:
    href = element.attrs.get("href", "")
    children = _nodes(element.children, place, in_link=True)
    attrs = {name: value for name, value in element.attrs.items() if name != "href"}
    if in_link or not href:
        return children  # a link inside a link is not allowed; a link to nowhere is text
    if href.startswith(BOOK_LINK):  # ours: a quiz and its key
        return [Element("a", {**attrs, "href": href_to(href[len(BOOK_LINK):], place.out)}, children)]
    if _WEB.match(href):
        return [Element("a", {**attrs, "href": href}, children)]
    if _SCHEME.match(href):
        return children
    path, fragment = _target(href, place)
    book = place.book
    if path in book.pages:
        return [Element("a", {**attrs, "href": _page_href(book.pages[path], fragment, place)}, children)]
    if path in book.images:  # a picture among a module's materials: shown where it is named
        alt = "".join(c if isinstance(c, str) else c.text() for c in element.children).strip()
        return [*children, Element("br"), _img(book.images[path], alt, place.out)]
    if path in book.materials:
        return [*children, ON_PORTAL]
    return children


def _page_href(file: str, fragment: str, place: _Place) -> str:
    """The href of a page of the book; its fragment only when that page has the id."""
    if fragment not in place.book.ids.get(file, set()):
        return href_to(file, place.out)
    return f"#{fragment}" if file == place.out else href_to(f"{file}#{fragment}", place.out)


def _img(file: str, alt: str, out: str) -> Element:
    return Element("img", {"class": "gambar", "src": href_to(file, out), "alt": alt})


def _image(element: Element, place: _Place, in_link: bool) -> list[Node]:
    src = element.attrs.get("src", "")
    alt = element.attrs.get("alt", "")
    if _WEB.match(src):  # never loaded: a link the reader may follow when online
        text = f"gambar: {src}"
        return [text] if in_link else [Element("a", {"href": src}, [text])]
    path, _ = _target(src, place) if src and not _SCHEME.match(src) else ("", "")
    if path in place.book.images:
        image = _img(place.book.images[path], alt, place.out)
        for name in ("width", "height", "title", "id", "class"):
            if name in element.attrs:
                image.attrs[name] = element.attrs[name]
        return [image]
    return [f"{alt or 'gambar'}{ON_PORTAL}"] if src else [alt]
