"""Markdown fields -> safe HTML.

Rendered here, not by the site's Markdown, so that YAML text can never inject script: the result
is sanitised with nh3 (the Rust ammonia sanitiser; a maintained allow-list beats a hand-written
one). ``kursus:slug`` links and ``materials/`` images are rewritten to relative URLs on the way.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote
from xml.etree import ElementTree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.extensions.toc import slugify as toc_slugify
from markdown.treeprocessors import Treeprocessor

from .models import LINK_PREFIXES

# (kind, slug) -> relative href, or None when the entry is not published (then: plain text)
EntryLink = Callable[[str, str], "str | None"]
# "materials/..." -> relative href of the published copy
MaterialLink = Callable[[str], "str | None"]

_ENTRY = re.compile(r"^(kursus|faktor|artikel):([a-z0-9]+(?:-[a-z0-9]+)*)(#[\w-]*)?$")
_HEADINGS = {f"h{i}" for i in range(2, 7)}
_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h2", "h3",
         "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup",
         "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
               "code": {"class"},  # "language-python" from fenced code: styling only
               "td": {"align"}, "th": {"align"}, "ol": {"start"}, **{h: {"id"} for h in _HEADINGS}}


class _LinkRewriter(Treeprocessor):
    def __init__(self, md: markdown.Markdown, entry_link: EntryLink, material_link: MaterialLink) -> None:
        super().__init__(md)
        self.entry_link = entry_link
        self.material_link = material_link

    def run(self, root: ElementTree.Element) -> None:
        for el in root.iter():
            if el.tag == "a":
                self._link(el)
            elif el.tag == "img":
                src = unquote(el.get("src", ""))
                if _is_material(src):
                    el.set("src", self.material_link(posixpath.normpath(src)) or "")

    def _link(self, el: ElementTree.Element) -> None:
        href = el.get("href", "")
        m = _ENTRY.match(href)
        if m:
            target = self.entry_link(LINK_PREFIXES[m.group(1)], m.group(2))
            if target is None:  # left out of this build (subset bundle): keep the words, drop the link
                el.tag = "span"
                el.attrib.clear()
            else:
                el.set("href", target + (m.group(3) or ""))
        elif _is_material(unquote(href)):
            el.set("href", self.material_link(posixpath.normpath(unquote(href))) or "")


class _Rewrite(Extension):
    def __init__(self, entry_link: EntryLink, material_link: MaterialLink) -> None:
        super().__init__()
        self.entry_link = entry_link
        self.material_link = material_link

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_LinkRewriter(md, self.entry_link, self.material_link), "asn_links", 5)


def _is_material(url: str) -> bool:
    return url.startswith("materials/")


def render_markdown(text: str, entry_link: EntryLink, material_link: MaterialLink, id_prefix: str = "",
                    reserved: frozenset[str] = frozenset()) -> str:
    """Markdown -> sanitised HTML. Headings start at h2 (the page title is the h1).

    ``reserved``: ids the page's own headings take; a heading here gets another one, so the page's
    table of contents and permalinks keep pointing at the page's sections.
    """

    def slugify(value: str, sep: str) -> str:
        slug = id_prefix + toc_slugify(value, sep)
        return f"{slug}_1" if slug in reserved else slug

    md = markdown.Markdown(extensions=[
        "tables", "fenced_code", "sane_lists", "def_list",
        _Rewrite(entry_link, material_link),
        TocExtension(baselevel=2, slugify=slugify),
    ])
    html = md.convert(text)
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener")


# Link targets in Markdown: inline "](target)" or "](<target with spaces>)", and reference
# definitions "[id]: target". One pattern for checking (validate) and for publishing (below).
MD_TARGET = re.compile(r"\]\(\s*(?:<([^>\n]+)>|([^)\s]+))|^\s{0,3}\[[^\]]+\]:\s*(?:<([^>\n]+)>|(\S+))",
                       re.MULTILINE)


def target_of(match: re.Match[str]) -> str:
    """The target a person means: angle brackets dropped, %20 and the like decoded."""
    return unquote(next(g for g in match.groups() if g is not None).strip())


def material_paths(text: str) -> set[str]:
    """``materials/...`` files a Markdown text links or embeds (so they get published)."""
    found = set()
    for match in MD_TARGET.finditer(text):
        target = target_of(match).split("#")[0]
        if target.startswith("materials/"):
            found.add(posixpath.normpath(target))
    return found
