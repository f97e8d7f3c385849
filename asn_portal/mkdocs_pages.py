"""MkDocs side of the trust boundary for hand-written pages (``docs_dir``).

- ``LinkTree``: a Markdown extension on the site's own Markdown that hands every link of a
  hand-written page to the resolver before MkDocs resolves ``.md`` links, so ``kursus:slug``
  and ``materials/...`` work there as in YAML fields.
- ``PageGuard``: sanitises a hand-written page's HTML with the same sanitiser as YAML fields, gives
  reserved ids a prefix (in the page and in its table of contents) and escapes front matter.
- ``GeneratedPage``, ``page_ids``, ``toc_entries``: for the generated HTML MkDocs does not convert
  itself (generated pages, the home page's overview).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any
from xml.etree import ElementTree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from .headings import TocEntry
from .resolver import Link, Refusal, Resolver
from .sanitize import URL_ATTRIBUTES, clean, safe_id
from .urls import Urls, entry_src

# (kind, slug) -> published? (a draft or an entry left out of a subset bundle is not)
Published = Callable[[str, str], bool]


class _LinkTree(Treeprocessor):
    def __init__(self, md: markdown.Markdown, guard: PageGuard) -> None:
        super().__init__(md)
        self.guard = guard

    def run(self, root: ElementTree.Element) -> None:
        src = self.guard.current
        if src is None:
            return  # a generated page: its HTML was built from sanitised parts already
        for el in root.iter():
            for attr in ("href", "src"):
                raw = el.get(attr)
                if raw is not None and (el.tag, attr) in URL_ATTRIBUTES:
                    target = self.guard.markdown_target(src, raw)
                    if target is None:  # the words stay, the link goes (MkDocs expects every <a> to have href)
                        el.tag = "span"
                        el.attrib.clear()
                    else:
                        el.set(attr, target)


class LinkTree(Extension):
    """Registered in ``on_config``; runs before MkDocs' own link resolution ("relpath", priority 0)."""

    def __init__(self, guard: PageGuard) -> None:
        super().__init__()
        self.guard = guard

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_LinkTree(md, self.guard), "asn_portal_links", 1)


class PageGuard:
    """State for the hand-written pages of one build."""

    def __init__(self, resolver: Resolver, published: Published, urls: Urls) -> None:
        self.resolver = resolver
        self.published = published
        self.urls = urls
        self.current: str | None = None  # source of the hand-written page being converted
        self.refused: list[str] = []  # "page: message" for targets refused while building

    # -- while Markdown converts (tree links, before MkDocs resolves .md links) ----------------
    def markdown_target(self, src: str, raw: str) -> str | None:
        decision = self.resolver.resolve(raw, from_page=src)
        if isinstance(decision, Refusal):
            self.refused.append(f"{src}: {decision.message}")
            return None
        if decision.kind == "entry":
            if not self.published(decision.entry_kind, decision.value):
                return None  # the words stay, the link goes
            return _relative(src, entry_src(decision.entry_kind, decision.value)) + decision.anchor
        if decision.kind == "material":
            return _relative(src, decision.published) + decision.anchor  # MkDocs finds the copied file
        return raw  # web, mail, anchor; page links are MkDocs' to resolve and check

    # -- after conversion (the page's final HTML) ----------------------------------------------
    def content(self, src: str, page_html: str, site_files: set[str]) -> str:
        """The page's HTML sanitised."""

        def url(tag: str, attr: str, raw: str) -> str | None:
            return self._published_url(src, raw, site_files)

        return clean(page_html, url)

    def _published_url(self, src: str, raw: str, site_files: set[str]) -> str | None:
        """A URL in a hand-written page's HTML: MkDocs' own relative URLs to built files pass, anything
        else is what the resolver says (raw HTML is not touched by MkDocs)."""
        if self._built_file(src, raw, site_files):
            return raw  # MkDocs already resolved it (a Markdown link to another page or file)
        decision = self.resolver.resolve(raw, from_page=src)
        if isinstance(decision, Link):
            return self.urls.link(src, decision, self.published)
        self.refused.append(f"{src}: {decision.message}")
        return None

    def _built_file(self, src: str, raw: str, site_files: set[str]) -> bool:
        path = raw.split("#")[0].split("?")[0]
        if not path or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^/", path):
            return False
        here = posixpath.dirname(self.urls.dest(src))
        target = posixpath.normpath(posixpath.join(here, path))
        if target.startswith("../"):
            return False
        return target in site_files or posixpath.join(target, "index.html") in site_files


def _relative(src: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(src) or ".")


def safe_toc(items: Iterable[AnchorLink]) -> None:
    """Reserved ids renamed in a page's table of contents too, so its links keep working."""
    for item in items:
        item.id = safe_id(item.id)
        safe_toc(item.children)


class GeneratedPage(Page):
    """A generated page: the plugin hands its HTML over in ``on_page_content``, so there is nothing
    to convert (MkDocs would make a Markdown instance with every extension per page to convert "")."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def toc_entries(items: Iterable[AnchorLink]) -> list[TocEntry]:
    """A table of contents as the flat list of headings it was nested from."""
    flat: list[TocEntry] = []
    for item in items:
        flat.append({"level": item.level, "id": item.id, "name": item.title})
        flat += toc_entries(item.children)
    return flat


# An id attribute anywhere (no scan back to its tag: that made this a twentieth of a build); a text
# that merely reads ` id="x"` would add an anchor MkDocs then does not warn about, nothing more.
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")


def page_ids(page_html: str) -> set[str]:
    """Every id an HTML text gives an element (the anchors a link may point at)."""
    return {html.unescape(m.group(1) or m.group(2)) for m in _ID.finditer(page_html)}


def escape_meta(meta: MutableMapping[str, Any], escape_tag: Callable[[str], str]) -> None:
    """Material prints front matter (title, description, tags...) into the page raw: escape it."""
    for key, value in list(meta.items()):
        if key == "tags" and isinstance(value, list):
            meta[key] = [escape_tag(str(v)) for v in value]
        elif isinstance(value, str):
            meta[key] = html.escape(value, quote=True)
        elif isinstance(value, list):
            meta[key] = [html.escape(v, quote=True) if isinstance(v, str) else v for v in value]


def safe_slugify(original: Callable[..., str]) -> Callable[..., str]:
    """The site's heading slugify, with reserved ids (``## __config``) given a prefix."""

    def slugify(value: str, separator: str, *args: Any, **kwargs: Any) -> str:
        return safe_id(original(value, separator, *args, **kwargs))

    slugify.asn_portal_safe = True  # type: ignore[attr-defined]
    return slugify
