"""Where each page is published and the relative link between any two of them.

Every link is relative, so a site works at a domain root, under a sub-path and from file://.
``directory_urls`` follows MkDocs: ``kursus/x/`` online, ``kursus/x.html`` in the offline bundle.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from asn_portal.model.registry import KINDS
from asn_portal.trust.resolver import Link
from asn_portal.trust.sanitize import safe_id

# What MkDocs reads as a page (mkdocs.utils.markdown_extensions; letter case matters there too).
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
HOME = "index.md"
CONTRIBUTORS = "kontributor/index.md"
PLAN = "rencana/index.md"  # the reader's learning plan
RECAP = "rekap/index.md"  # HR gathers participants' records offline


@dataclass(frozen=True)
class PortalPage:
    """A page the portal writes besides entries and listings: where it is published and its title in
    the navigation. One table read by the renderer, the reserved-address check and every nav."""

    src: str
    title: str


# In navigation order, after the kinds' listings: the reader's plan, credit, and last the page HR
# uses (in the navigation, out of the reader's way).
PORTAL_PAGES = (PortalPage(PLAN, "Rencana Belajar"), PortalPage(CONTRIBUTORS, "Kontributor"),
                PortalPage(RECAP, "Rekap Kepegawaian"))
# A long listing continues on kursus/halaman-2.md, kursus/halaman-3.md ...: these slugs are reserved.
LIST_PAGE_PREFIX = "halaman-"
LIST_PAGE_SLUG = re.compile(re.escape(LIST_PAGE_PREFIX) + "[0-9]+")
# The whole listing of a long kind as scripts the index page loads on demand (lists.py).
LIST_CHUNK_DIR = "assets/asn-portal/lists"


# Addresses `serve` and a default mkdocs.yml use: a record naming them would send HR nowhere.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0", ""})


def public_site(site_url: str | None) -> str | None:
    """The published site's address (ending in "/") for links in records readers hand in; None when
    ``site_url`` is unset or local."""
    if not site_url:
        return None
    try:
        parts = urlsplit(site_url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or (parts.hostname or "") in LOCAL_HOSTS:
        return None
    return site_url if site_url.endswith("/") else site_url + "/"


def is_page(src: str) -> bool:
    return src.endswith(PAGE_SUFFIXES)


def entry_src(kind: str, slug: str) -> str:
    return f"{KINDS[kind].url_dir}/{slug}.md"


def index_src(kind: str) -> str:
    return f"{KINDS[kind].url_dir}/index.md"


def list_page_src(kind: str, number: int) -> str:
    """Page ``number`` (from 1) of a kind's listing; the first is its index page."""
    return index_src(kind) if number == 1 else f"{KINDS[kind].url_dir}/{LIST_PAGE_PREFIX}{number}.md"


def list_chunk_path(kind: str, part: str, number: int) -> str:
    """One chunk script of a kind's listing: ``part`` is "cards" (markup) or "data" (what filters read)."""
    return f"{LIST_CHUNK_DIR}/{KINDS[kind].url_dir}-{part}-{number}.js"


class Urls:
    def __init__(self, directory_urls: bool) -> None:
        self.directory_urls = directory_urls

    def dest(self, src: str, page: bool | None = None) -> str:
        """The published file of a page (``.md``) or of any other file (unchanged).

        ``page=False`` marks a file copied as it is even when its name ends in ``.md`` (a material).
        """
        if page is None:
            page = is_page(src)
        if not page:
            return src
        stem = posixpath.splitext(src)[0]
        if posixpath.basename(stem) in ("index", "README"):
            return posixpath.join(posixpath.dirname(stem), "index.html")
        return f"{stem}/index.html" if self.directory_urls else f"{stem}.html"

    def href(self, from_src: str, to_src: str, anchor: str = "", page: bool | None = None) -> str:
        """Relative link from page ``from_src`` to page or file ``to_src`` (``page=False``: a plain file)."""
        if page is None:
            page = is_page(to_src)
        here = posixpath.dirname(self.dest(from_src))
        target = self.dest(to_src, page)
        rel = _relative(target, here)
        if self.directory_urls and page and posixpath.basename(rel) == "index.html":
            rel = posixpath.dirname(rel)
            rel = "./" if rel in ("", ".") else rel + "/"
        return rel + (f"#{anchor}" if anchor else "")

    def link(self, from_src: str, link: Link, published: Callable[[str, str], bool]) -> str | None:
        """The href an accepted link gets on page ``from_src``; None for an entry this build leaves out
        (a draft, or outside a subset bundle: the words stay, unlinked)."""
        anchor = safe_id(link.anchor.lstrip("#")) if link.anchor else ""  # the target's id got the same prefix
        if link.kind == "entry":
            if not published(link.entry_kind, link.value):
                return None
            return self.href(from_src, entry_src(link.entry_kind, link.value), anchor)
        if link.kind == "material":  # copied as it is, even a .md file: never linked as a page
            return quote(self.href(from_src, link.published, page=False)) + link.anchor
        if link.kind == "page":
            return self.href(from_src, link.value, anchor)
        if link.kind == "anchor":
            return "#" + safe_id(link.value[1:]) if len(link.value) > 1 else link.value
        return link.value  # web, mail


def _relative(target: str, start: str) -> str:
    """``posixpath.relpath`` for two normalised paths from the site root (no ``..``, no leading
    ``/``): the same answer without its absolute-path work, which took a twentieth of a build."""
    to, at = target.split("/"), start.split("/") if start else []
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."
