"""What each page gives search: a title, a label, an excerpt and the text to index, by field.

Entry pages (the bulk of a catalog) are described from their fields, walked through the kind's
Field declarations (each field's type gives its own text), so their HTML is never parsed again; the
summary and the titles of nested items (modules, practices) are also given as fields of their own,
which rank above the body. Other pages (index, home, hand-written) give the text of their HTML, their
headings as a field, without what is marked ``data-search-exclude`` (the cards of an index page) and
without the portal's own interface: forms, buttons, what is ``hidden`` until a script shows it and the
generated line an index page opens with.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from asn_portal.model.fieldbase import TitleOf
from asn_portal.model.fieldlists import field_text
from asn_portal.model.registry import Entry

EXCERPT_CHARS = 220
_SKIP_TAGS = frozenset({"script", "style", "template"})
_BLOCK = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "div",
                    "blockquote", "pre", "tr", "ul", "ol", "dl", "table", "figcaption"})
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# The portal's interface, never content: a filter's labels, buttons, an empty state shown by a script;
# and the line a generated page opens with ("12 kursus ... ketik kata yang dicari": ``asn-summary``,
# a class the sanitiser takes off contributed HTML, and an entry's own summary comes from its fields).
_INTERFACE = frozenset({"form", "button", "select", "textarea", "noscript"})
_INTERFACE_CLASSES = frozenset({"asn-summary", "headerlink"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})



@dataclass(frozen=True)
class SearchDoc:
    url: str  # from the site root, as MkDocs writes page.url ("kursus/x/" or "kursus/x.html")
    title: str
    label: str  # "Kursus · Dasar · 8 JP": shown above the title in a result
    excerpt: str  # plain text shown under the title
    body: str  # plain text indexed beside the title
    summary: str = ""  # what the page says about itself in a sentence (an entry's summary)
    headings: str = ""  # titles inside the page: modules, practices, sections


def entry_doc(entry: Entry, url: str, title_of: TitleOf) -> SearchDoc:
    facts = entry.facts()
    parts = [facts, *field_text(entry, entry.spec.fields, title_of)]
    summary = str(getattr(entry, "summary", "") or "")
    return SearchDoc(url, entry.title, facts, _excerpt(summary), "\n".join(p for p in parts if p), summary,
                     "\n".join(_nested_titles(entry)))


def _nested_titles(entry: Entry) -> Iterator[str]:
    """The titles of the items of an entry's list fields (a course's modules, a factor's practices)."""
    for declared in entry.spec.fields:
        items = getattr(entry, declared.name, None)
        if isinstance(items, list | tuple):
            for item in items:
                title = getattr(item, "title", None)
                if isinstance(title, str):
                    yield title


def html_doc(url: str, title: str, html: str) -> SearchDoc:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    body = " ".join(" ".join(parser.parts).split())
    excerpt = body[len(title):].lstrip() if body.startswith(title) else body
    headings = "\n".join(" ".join(h.split()) for h in parser.headings)
    return SearchDoc(url, title, "", _excerpt(excerpt), body, headings=headings)  # no label: not an entry


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text.rfind(" ", 0, EXCERPT_CHARS)
    return text[: cut if cut > EXCERPT_CHARS // 2 else EXCERPT_CHARS].rstrip(" ,.;:") + " …"


class _TextParser(HTMLParser):
    """Text of an HTML fragment, skipping excluded subtrees and permalink signs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []  # open tags of the subtree being skipped
        self.headings: list[str] = []
        self.heading: str | None = None  # the open heading's tag, while its text is collected

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if self.skipping:
            self.skipping.append(tag)
            return
        if _skipped(tag, attrs):
            self.skipping.append(tag)
            return
        if tag in _BLOCK:
            self.parts.append(" ")
        if tag in _HEADINGS:
            self.heading = tag
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self.parts.append(" ")
        if tag == self.heading:
            self.heading = None

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)
            if self.heading:
                self.headings[-1] += data


def _skipped(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    names = {name for name, _ in attrs}
    classes = (dict(attrs).get("class") or "").split()
    return (tag in _SKIP_TAGS or tag in _INTERFACE or "data-search-exclude" in names or "hidden" in names
            or not _INTERFACE_CLASSES.isdisjoint(classes))
