"""HTML as a small tree, and that tree as well-formed XHTML.

The core's HTML is already sanitised (nh3) or written by our own templates, so a forgiving tree builder
over Python's ``html.parser`` is enough: entity references are resolved by the parser, a stray end tag
is ignored, an unclosed element ends with its parent. An e-reader parses XHTML with an XML parser, which
stops at the first error, so the serializer closes every element, self-closes void elements, quotes and
escapes every attribute and drops the characters XML 1.0 forbids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

# HTML's void elements: never have children, written ``<br/>`` in XHTML.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr"})
# Characters outside XML 1.0's Char production (controls, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        """The element's text as a reader sees it (every descendant's text, in order)."""
        return "".join(node if isinstance(node, str) else node.text() for node in self.children)


Node = Element | str


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entity and character references resolved in the text
        self.root = Element("body")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag)
        for name, value in attrs:
            element.attrs.setdefault(name, value or "")  # the first of duplicates wins, as in a browser
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
        # an end tag nothing opened: ignored, as a browser does

    def handle_data(self, data: str) -> None:
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def parse(html: str) -> list[Node]:
    """The nodes of an HTML fragment (comments, doctypes and processing instructions left out)."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root.children


def walk(nodes: Iterable[Node]) -> Iterator[Element]:
    """Every element of ``nodes`` and below, in document order."""
    for node in nodes:
        if isinstance(node, Element):
            yield node
            yield from walk(node.children)


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(value: str) -> str:
    return xml_text(value).replace('"', "&quot;")


def serialize(nodes: Iterable[Node]) -> str:
    out: list[str] = []
    for node in nodes:
        _write(node, out)
    return "".join(out)


def _write(node: Node, out: list[str]) -> None:
    if isinstance(node, str):
        out.append(xml_text(node))
        return
    attrs = "".join(f' {name}="{xml_attr(value)}"' for name, value in node.attrs.items())
    if node.tag in VOID:
        out.append(f"<{node.tag}{attrs}/>")
        return
    out.append(f"<{node.tag}{attrs}>")
    for child in node.children:
        _write(child, out)
    out.append(f"</{node.tag}>")


def document(title: str, body: str, stylesheet: str, *, epub_type: str = "") -> str:
    """One XHTML content document (HTML5 syntax as XML, as EPUB 3 wants), in Indonesian."""
    typed = f' epub:type="{epub_type}"' if epub_type else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            'lang="id" xml:lang="id">\n<head>\n<meta charset="UTF-8"/>\n'
            f"<title>{xml_text(title)}</title>\n"
            f'<link rel="stylesheet" type="text/css" href="{xml_attr(stylesheet)}"/>\n</head>\n'
            f"<body{typed}>\n{body}\n</body>\n</html>\n")
