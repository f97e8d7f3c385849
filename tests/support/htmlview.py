"""A tiny read-only DOM on top of html.parser, enough to look at built pages as a reader would.

Text is unescaped (``convert_charrefs``), so ``node.text`` is what a browser shows, and attribute
values are the decoded strings a browser would use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None = None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    # -- reading -----------------------------------------------------------------------------
    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.attrs

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def text(self) -> str:
        """All text inside, whitespace collapsed: what a reader sees."""
        return " ".join(self.raw_text.split())

    @property
    def raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.raw_text for c in self.children)

    @property
    def own_text(self) -> str:
        """Text of this element without the text of its child elements (e.g. a heading's permalink)."""
        return " ".join("".join(c for c in self.children if isinstance(c, str)).split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None,
                 where: Callable[[Node], bool] | None = None, **attrs: str) -> list[Node]:
        found = []
        for node in self.iter():
            if node is self:
                continue
            if tag is not None and node.tag != tag:
                continue
            if cls is not None and cls not in node.classes:
                continue
            if any(node.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            if where is not None and not where(node):
                continue
            found.append(node)
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node | None:
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find(tag, cls, **attrs)
        assert found is not None, f"no <{tag} class={cls} {attrs}> found"
        return found

    def next_sibling(self, tag: str) -> Node | None:
        """The first following sibling element with this tag."""
        assert self.parent is not None
        siblings = [c for c in self.parent.children if isinstance(c, Node)]
        for node in siblings[siblings.index(self) + 1:]:
            if node.tag == tag:
                return node
        return None

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, dict(attrs), self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def load(path: Path) -> Node:
    return parse(path.read_text(encoding="utf-8"))


def content(page: Node) -> Node:
    """The page's article: what Material shows between the navigation bars."""
    return page.one("article", cls="md-content__inner")


def title(page: Node) -> str:
    return page.one("title").text


def h1(page: Node) -> str:
    return content(page).one("h1").own_text


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith("/"))


def resolve(page: Path, url: str) -> Path | None:
    """The built file a relative link from ``page`` opens (a folder opens its index.html)."""
    if not is_local(url):
        return None
    path = unquote(urlsplit(url).path)
    if not path:
        return page.resolve()
    target = (page.parent / path).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def links(page: Path, within: Node | None = None) -> dict[Path, list[str]]:
    """Built files the <a> links of a page (or of one part of it) lead to, with the link texts."""
    root = within if within is not None else load(page)
    found: dict[Path, list[str]] = {}
    for a in root.find_all("a"):
        href = a.get("href")
        if href is None:
            continue
        target = resolve(page, href)
        if target is not None and target != page.resolve():
            found.setdefault(target, []).append(a.text)
    return found
