"""The one sanitiser for contributed HTML: Markdown fields from YAML and hand-written pages.

nh3 (the Rust ammonia sanitiser) does the cleaning from an allow-list; its attribute filter hands
every ``href``/``src`` to the caller's ``UrlHook`` (which asks the resolver) and every ``id`` to
``safe_id``, so no contributed element can take the id of the theme's own (Material reads its
settings from the first ``id="__config"`` in the page). ``removals`` lists what cleaning drops,
so ``check`` can say it at ``file:line``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from asn_portal.model.registry import LINK_PREFIXES
from asn_portal.trust.domnames import DOM_NAMES

# (tag, attribute, value as written) -> the URL to publish, or None to drop the attribute
UrlHook = Callable[[str, str, str], "str | None"]

TAGS = frozenset({
    "a", "abbr", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code",
    "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby",
    "s", "samp", "section", "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "track", "u", "ul", "var", "video", "wbr",
})
_GENERIC = {"id", "class", "title", "lang", "dir", "data-search-exclude"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GENERIC,
    "a": {"href"}, "img": {"src", "alt", "width", "height", "loading"},
    "audio": {"src", "controls", "preload"}, "video": {"src", "poster", "controls", "width", "height", "preload"},
    "source": {"src", "type"}, "track": {"src", "kind", "srclang", "label"},
    "td": {"style", "colspan", "rowspan", "align"}, "th": {"style", "colspan", "rowspan", "align", "scope"},
    "col": {"span"}, "colgroup": {"span"}, "ol": {"start", "type", "reversed"}, "li": {"value"},
    "details": {"open"}, "time": {"datetime"},
}
URL_ATTRIBUTES = frozenset({("a", "href"), ("img", "src"), ("audio", "src"), ("video", "src"), ("video", "poster"),
                            ("source", "src"), ("track", "src")})
# Schemes that reach the hook, with the entry-link prefixes (kursus:); any other (javascript:,
# data:, ...) nh3 drops before it.
WEB_SCHEMES = frozenset({"http", "https", "mailto"})


def url_schemes() -> set[str]:
    return {*WEB_SCHEMES, *LINK_PREFIXES}
_DROP_WITH_CONTENT = {"script", "style"}
_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")
# Material's own ids all start with "__"; the portal's index pages use "asn-list-<kind>", its plan
# page "asn-plan-...".
_RESERVED_ID = re.compile(r"^(__|asn-list-|asn-plan-)")
# An element with an id is also a global of that name (DOM clobbering): the portal's scripts read
# window.asnLearning, window.asnPortalList..., Material its observables (document$, location$...).
_GLOBAL_ID = re.compile(r"^(asn[A-Z_$].*|.*\$|API|API_1484_11)$")
# Classes content may carry: what the Markdown extensions write, never the theme's (md-*) nor the
# portal's own (asn-*, which its scripts and styles give meaning to).
ADMONITION_TYPES = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
    "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
    "bug", "example", "quote", "cite", "inline", "end",
})
EXTENSION_CLASSES = frozenset({
    "admonition", "admonition-title", "footnote", "footnote-ref", "footnote-backref", "toc", "toclink",
    "headerlink", "codehilite", "highlight", "highlighttable", "linenos", "linenodiv", "lineno", "hll", "filename",
    "tabbed-set", "tabbed-alternate", "tabbed-labels", "tabbed-content", "tabbed-block", "tabbed-control",
    "task-list", "task-list-item", "task-list-control", "task-list-indicator", "arithmatex", "critic", "comment",
    "break", "twemoji", "emojione", "gemoji", "keys", "magiclink", "superfences-tabs", "superfences-content",
    "nocode", "table", "collapse", "language-text",
})
# fenced code's language-python, pymdownx.keys' key-ctrl, magiclink's magiclink-github; Pygments'
# token classes (k, nf, s2...)
_EXTENSION_CLASS = re.compile(r"^(language-[\w+#.-]+|key-[a-z0-9-]+|magiclink-[a-z-]+|[a-z][a-z0-9]{0,2})$")
ID_PREFIX = "isi-"
_ID_UNSAFE = re.compile(r"[^\w:.-]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def safe_id(value: str) -> str:
    """An id content may carry: letters, digits, "_", "-", ":" and "." (what headings, footnotes and
    attr_list write; anything else is "-", since the theme's scripts use ids in CSS selectors and its
    templates print them raw), and reserved ones (``__config``, a script's global, a name a form or element
    answers for itself: ``getAttribute``, ``submit``, ``target``) get a prefix."""
    value = _ID_UNSAFE.sub("-", value)
    reserved = _RESERVED_ID.match(value) or _GLOBAL_ID.match(value) or value in DOM_NAMES
    return ID_PREFIX + value if reserved else value


def allowed_class(name: str) -> bool:
    return name in EXTENSION_CLASSES or name in ADMONITION_TYPES or bool(_EXTENSION_CLASS.match(name))


def safe_classes(value: str) -> str | None:
    """The classes of ``value`` content may carry (None: none left, the attribute goes)."""
    kept = [name for name in value.split() if allowed_class(name)]
    return " ".join(kept) if kept else None


def url_scheme(value: str) -> str:
    """The scheme a browser would read (it drops tabs and newlines, and leading spaces)."""
    compact = re.sub(r"[\t\n\r]", "", value).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                     "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                                     "\x1d\x1e\x1f ")
    m = _SCHEME.match(compact)
    return m.group(1).lower() if m else ""  # "c" too: C:\x is a scheme to a browser and to nh3


def clean(html: str, url: UrlHook) -> str:
    """Sanitised HTML: allowed tags and attributes only, URLs as ``url`` decides, ids made safe."""

    def attribute(tag: str, name: str, value: str) -> str | None:
        if name == "id":
            return safe_id(value) or None  # an empty id names nothing
        if name == "class":
            return safe_classes(value)
        if name == "style":
            return value if _ALIGN.match(value) else None
        if (tag, name) in URL_ATTRIBUTES:
            return url(tag, name, value)
        return value

    return nh3.clean(html, tags=set(TAGS), clean_content_tags=set(_DROP_WITH_CONTENT), attributes=ATTRIBUTES,
                     attribute_filter=attribute, url_schemes=url_schemes(), link_rel="noopener")


@dataclass(frozen=True)
class Removal:
    """Something cleaning drops. ``needle``: text to look for in the source, to say the line."""

    message: str
    needle: str
    url: str = ""  # for a URL dropped for its scheme: the value, so the resolver can say why


def removals(html: str) -> list[Removal]:
    """What ``clean`` removes from ``html``, for reports. Cleaning itself never depends on this."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan.found


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []
        self._skip = 0  # inside <script>/<style>: their text goes too, reported once

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            if tag in _DROP_WITH_CONTENT:
                self.found.append(Removal(f"<{tag}> dibuang beserta isinya.", f"<{tag}"))
            else:
                self.found.append(Removal(f"tag <{tag}> dibuang (teks di dalamnya tetap tampil).", f"<{tag}"))
            return
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                why = " (atribut on... menjalankan skrip)" if name.startswith("on") else ""
                self.found.append(Removal(f"atribut '{name}' pada <{tag}> dibuang{why}.", name))
            elif name == "class" and any(not allowed_class(c) for c in (value or "").split()):
                dropped = ", ".join(c for c in (value or "").split() if not allowed_class(c))
                self.found.append(Removal(f"kelas '{dropped}' pada <{tag}> dibuang (kelas tema md-* dan portal asn-* "
                                          "tidak boleh dipakai konten).", dropped.split(", ")[0]))
            elif name == "style" and not _ALIGN.match(value or ""):
                self.found.append(Removal(f"atribut 'style' pada <{tag}> dibuang.", "style"))
            elif (tag, name) in URL_ATTRIBUTES and value and url_scheme(value) and \
                    url_scheme(value) not in url_schemes():
                self.found.append(Removal("", value, url=value))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
