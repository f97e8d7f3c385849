"""The core's HTML reduced to what an EPUB 3 content document may hold and an e-reader can use.

The site's pages carry what only a browser with JavaScript uses: forms, buttons, hidden elements a script
shows, empty slots a script fills (``data-asn-*``), JSON-LD, permalink anchors. None of it works in a
book, and some of it epubcheck refuses (a script needs the ``scripted`` property; ``align`` is obsolete
in HTML5), so the tree keeps an allow-list of elements and attributes: what is left out with its content
is what only a script gives meaning to; an unknown element gives way to its children (a ``label``'s
text stays).
"""

from __future__ import annotations

import re

from asn_portal.engines.epub.xhtml import Element, Node

KEEP = frozenset({
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code",
    "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "nav",
    "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
DROP = frozenset({
    "script", "style", "form", "input", "button", "select", "option", "optgroup", "textarea", "iframe",
    "noscript", "template", "object", "embed", "canvas", "svg", "math", "map", "area", "dialog", "meter",
    "progress", "output", "datalist", "link", "meta", "base", "head", "title", "source", "track", "param",
})
MEDIA = frozenset({"audio", "video"})  # no player in the book: a link to where it plays (links.py decides)
# What invites the reader to a browser tool the book leaves out (the home page's box for the plan).
WEB_ONLY_CLASSES = frozenset({"asn-plan-cta"})
GLOBAL = frozenset({"id", "class", "title", "lang", "dir", "aria-label"})
ATTRIBUTES = {
    "a": {"href"}, "img": {"src", "alt", "width", "height"}, "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope", "abbr"}, "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "type", "reversed"}, "li": {"value"}, "details": {"open"}, "time": {"datetime"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
}
_INTEGER = re.compile(r"^-?[0-9]+$")
_VALUES = {  # attributes whose value HTML5 restricts: anything else would fail epubcheck
    "width": re.compile(r"^[0-9]+$"), "height": re.compile(r"^[0-9]+$"), "colspan": re.compile(r"^[1-9][0-9]*$"),
    "rowspan": re.compile(r"^[0-9]+$"), "span": re.compile(r"^[1-9][0-9]*$"), "start": _INTEGER,
    "value": _INTEGER, "type": re.compile(r"^[1aAiI]$"), "scope": re.compile(r"^(row|col|rowgroup|colgroup)$"),
    "dir": re.compile(r"^(ltr|rtl|auto)$"), "style": re.compile(r"^text-align: (left|right|center)$"),
}
_BOOLEAN = frozenset({"reversed", "open"})
_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")


def clean(nodes: list[Node], ids: set[str] | None = None) -> list[Node]:
    """``nodes`` as the book keeps them; ``ids``: the ids already on the document (a repeated id is dropped)."""
    taken = set() if ids is None else ids
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        else:
            out.extend(_element(node, taken))
    return out


def _element(element: Element, ids: set[str]) -> list[Node]:
    if _dropped(element):
        return []
    if element.tag in MEDIA:
        return [_media_link(element)]
    children = clean(element.children, ids)
    if element.tag not in KEEP:
        return children  # label, fieldset, legend, font ...: their text stays
    if not _has_text(children) and any(name.startswith("data-asn-") for name in element.attrs):
        return []  # an empty slot a script fills (plan status, progress, badges)
    return [Element(element.tag, _attributes(element, ids), children)]


def _dropped(element: Element) -> bool:
    return (element.tag in DROP or "hidden" in element.attrs  # what a script would show
            or (element.tag == "a" and "headerlink" in element.classes())  # a permalink: no use in a book
            or not WEB_ONLY_CLASSES.isdisjoint(element.classes()))


def _has_text(nodes: list[Node]) -> bool:
    return any(isinstance(node, Element) or node.strip() for node in nodes)


def _attributes(element: Element, ids: set[str]) -> dict[str, str]:
    allowed = GLOBAL | ATTRIBUTES.get(element.tag, set())
    attrs = dict(element.attrs)
    if "align" in attrs and "style" not in attrs and element.tag in ("td", "th"):  # obsolete in HTML5
        attrs["style"] = f"text-align: {attrs['align']}"
    kept: dict[str, str] = {}
    for name, value in attrs.items():
        if name not in allowed:
            continue
        if name == "style":
            match = _ALIGN.match(value)
            value = f"text-align: {match.group(1)}" if match else ""
        if name in _BOOLEAN:
            value = name  # the XHTML form of a boolean attribute
        pattern = _VALUES.get(name)
        if pattern is not None and not pattern.match(value):
            continue
        if name == "id" and (not value or value in ids):
            continue
        kept[name] = value
    if "id" in kept:
        ids.add(kept["id"])
    return kept


def _media_link(element: Element) -> Element:
    """A video or audio as a link to its file (kept when it is on the web, plain text when it is a material)."""
    sources = [element.attrs.get("src", "")] + [child.attrs.get("src", "") for child in element.children
                                                 if isinstance(child, Element) and child.tag == "source"]
    src = next((s for s in sources if s), "")
    noun = "video" if element.tag == "video" else "audio"
    return Element("a", {"href": src}, [f"{noun}: {src}"]) if src else Element("span", {}, [f"({noun})"])
