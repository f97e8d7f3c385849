"""A generated page's headings, written as python-markdown's ``toc`` extension writes them.

Generated pages reach MkDocs as finished HTML: converting their Markdown again cost a fifth of a
build. So their headings get here what the site's ``toc`` settings (``mdx_configs``) gave them
there: an id unique in the page (reserved ids prefixed, ``sanitize.safe_id``), the permalink or
anchor link, and an entry in the page's table of contents.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import TocExtension, escape_cdata, strip_tags, unique
from markdown.util import parseBoolValue
from markupsafe import Markup, escape

from asn_portal.trust.markup import PERMALINK_TITLE, TocEntry
from asn_portal.trust.sanitize import safe_id


@dataclass(frozen=True)
class TocSettings:
    """The ``toc`` options that shape a heading's HTML, with python-markdown's defaults."""

    slugify: Callable[..., str]
    separator: str
    permalink: bool | str
    permalink_class: str
    permalink_title: str
    permalink_leading: bool
    anchorlink: bool
    anchorlink_class: str
    base_level: int
    toc_top: int
    toc_bottom: int

    @classmethod
    def of(cls, config: Mapping[str, Any] | None = None) -> TocSettings:
        c = {**TocExtension().getConfigs(), "permalink_title": PERMALINK_TITLE, **(config or {})}
        permalink = parseBoolValue(c["permalink"], False)
        depth = c["toc_depth"]
        top, bottom = (int(x) for x in depth.split("-")) if isinstance(depth, str) and "-" in depth \
            else (1, int(depth))
        return cls(c["slugify"], c["separator"], c["permalink"] if permalink is None else permalink,
                   c["permalink_class"], c["permalink_title"], bool(parseBoolValue(c["permalink_leading"], False)),
                   bool(parseBoolValue(c["anchorlink"])), c["anchorlink_class"], int(c["baselevel"]) - 1,
                   top, bottom)


def _attributes(**values: str) -> str:
    # python-markdown's serializer writes attributes in lexical order
    return "".join(f' {k}="{escape(v)}"' for k, v in sorted(values.items()))


class Headings:
    """The headings of one page, in document order. Called from templates: ``h(2, "Materi")``."""

    def __init__(self, settings: TocSettings, taken: Iterable[str] = ()) -> None:
        self.settings = settings
        self.used = set(taken)  # ids already in the page (for the home overview: the hand-written part's)
        self.counters: dict[str, int] = {}
        self.toc: list[TocEntry] = []

    def __call__(self, level: int, text: str, suffix: str = "") -> Markup:
        """``text`` is escaped (plain text) unless it is Markup; ``suffix`` (Markup) follows it."""
        s = self.settings
        inner = escape(" ".join(text.split()) if not isinstance(text, Markup) else text)
        if suffix:
            inner = Markup(f"{inner} {escape(suffix)}")
        level = min(level + s.base_level, 6)
        name = strip_tags(inner)
        anchor = unique(safe_id(s.slugify(html.unescape(name), s.separator)), self.used, self.counters)
        if s.toc_top <= level <= s.toc_bottom:
            self.toc.append({"level": level, "id": anchor, "name": name})
        body = str(inner)
        if s.anchorlink:
            body = f"<a{_attributes(**{'class': s.anchorlink_class, 'href': '#' + anchor})}>{body}</a>"
        if s.permalink is not False:
            symbol = "&para;" if s.permalink is True else escape_cdata(s.permalink)
            extra = {"title": s.permalink_title} if s.permalink_title else {}
            link = f"<a{_attributes(**{'class': s.permalink_class, 'href': '#' + anchor}, **extra)}>{symbol}</a>"
            body = link + body if s.permalink_leading else body + link
        return Markup(f"<h{level}{_attributes(id=anchor)}>{body}</h{level}>")


# An id attribute anywhere (no scan back to its tag: that made this a twentieth of a build); a text
# that merely reads ` id="x"` would add an anchor the engine then does not warn about, nothing more.
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")


def page_ids(page_html: str) -> set[str]:
    """Every id an HTML text gives an element (the anchors a link may point at)."""
    return {html.unescape(m.group(1) if m.group(1) is not None else m.group(2)) for m in _ID.finditer(page_html)}
