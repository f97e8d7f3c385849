"""What each page gives search: a title, a label, an excerpt and the text to index.

Entry pages (the bulk of a catalog) are described from their fields, walked through the kind's
Field declarations (each field's type gives its own text), so their HTML is never parsed again.
Other pages (index, home, hand-written) give the text of their HTML, without what is marked
``data-search-exclude`` (the cards of an index page), as Material's own indexer leaves it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from asn_portal.model.fieldbase import TitleOf
from asn_portal.model.fieldlists import field_text
from asn_portal.model.registry import Entry

EXCERPT_CHARS = 220
_SKIP_TAGS = frozenset({"script", "style", "template"})
_BLOCK = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "div",
                    "blockquote", "pre", "tr", "ul", "ol", "dl", "table", "figcaption"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})



@dataclass(frozen=True)
class SearchDoc:
    url: str  # from the site root, as MkDocs writes page.url ("kursus/x/" or "kursus/x.html")
    title: str
    label: str  # "Kursus · Dasar · 8 JP": shown above the title in a result
    excerpt: str  # plain text shown under the title
    body: str  # plain text indexed beside the title


def entry_doc(entry: Entry, url: str, title_of: TitleOf) -> SearchDoc:
    facts = entry.facts()
    parts = [facts, *field_text(entry, entry.spec.fields, title_of)]
    summary = getattr(entry, "summary", "") or ""
    return SearchDoc(url, entry.title, facts, _excerpt(str(summary)), "\n".join(p for p in parts if p))


def html_doc(url: str, title: str, html: str) -> SearchDoc:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    body = " ".join(" ".join(parser.parts).split())
    excerpt = body[len(title):].lstrip() if body.startswith(title) else body
    return SearchDoc(url, title, "", _excerpt(excerpt), body)  # no label: not an entry


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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if self.skipping:
            self.skipping.append(tag)
            return
        names = {name for name, _ in attrs}
        classes = dict(attrs).get("class") or ""
        if tag in _SKIP_TAGS or "data-search-exclude" in names or "headerlink" in classes.split():
            self.skipping.append(tag)
        elif tag in _BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)
