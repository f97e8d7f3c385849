"""Markdown fields -> safe HTML.

Rendered here, not by the site's Markdown, so that YAML text can never inject script. Markdown is
converted first and every link target is decided afterwards on the HTML, by the one sanitiser
(``sanitize.clean``) asking the caller's hook: a link written inline, by reference (wherever the
definition stands), as an autolink or in raw HTML is the same ``href`` there, so ``check`` and the
publisher can never read a text differently.
"""

from __future__ import annotations

import markdown
from markdown.extensions.toc import TocExtension
from markdown.extensions.toc import slugify as toc_slugify

from .sanitize import UrlHook, clean

EXTENSIONS = ("tables", "fenced_code", "sane_lists", "def_list")


def to_html(text: str, id_prefix: str = "", reserved: frozenset[str] = frozenset()) -> str:
    """Markdown -> HTML, not yet sanitised. Headings start at h2 (the page title is the h1)."""
    return convert(text, id_prefix, reserved)[0]


def convert(text: str, id_prefix: str = "", reserved: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """(HTML not yet sanitised, targets of every reference definition, used or not).

    ``reserved``: ids the page's own headings take; a heading here gets another one, so the page's
    table of contents and permalinks keep pointing at the page's sections.
    """

    def slugify(value: str, sep: str) -> str:
        slug = id_prefix + toc_slugify(value, sep)
        return f"{slug}_1" if slug in reserved else slug

    md = markdown.Markdown(extensions=[*EXTENSIONS, TocExtension(baselevel=2, slugify=slugify)])
    html = md.convert(text)
    return html, [url for url, _ in md.references.values()]


def render_markdown(text: str, url: UrlHook, id_prefix: str = "", reserved: frozenset[str] = frozenset()) -> str:
    """Markdown -> sanitised HTML, every ``href``/``src`` as ``url`` decides."""
    return clean(to_html(text, id_prefix, reserved), url)
