"""The one offline guard every package shares (bundle, ZIM, Kolibri, SCORM): nothing in it loads from the network.

A package is opened where there is no network, or inside Kolibri or an LMS, where a request to another site
would reach it for every learner (a tracker). So the built site is read before it is packed: every HTML
attribute that makes a browser fetch on its own (``src``, ``srcset``, ``poster``, ``data``, ``background``,
``href`` of ``link`` for styles, icons and preloads, SVG ``href``/``xlink:href``, a ``meta`` refresh,
``url()``, ``image-set()`` and ``@import`` in ``style`` attributes, ``<style>`` and ``.css`` files). Any
address with a host (``https://``, ``http://``, ``//``) refuses the package. Where the check saw the same
address in content it names that ``file:line`` (the contributor's source), else the built file and line
(a theme override's). Links (``<a href>``) are never fetched by themselves and stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from asn_portal.engines.mkdocs.build import SiteError
from asn_portal.model.problems import Problem

# attributes a browser fetches by itself, on any element (SVG <image href>, <use href>: below)
_FETCHED = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "codebase", "archive",
                      "manifest", "xlink:href", "imagesrcset", "ping"})
_FETCHED_HREF = frozenset({"link", "image", "use", "feimage", "script"})
# <link rel=...> values that load (canonical, alternate, prev and next only name a page)
_LOADING_RELS = frozenset({"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
                           "prerender", "icon", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon",
                           "manifest"})
_REMOTE = re.compile(r"^[\s\x00-\x1f]*(?:(?:https?|ftp|wss?):|[\\/]{2})", re.I)
_CSS_URL = re.compile(r"(?:url|image-set|image|src)\(\s*([\"']?)([^\"')]*)\1|@import\s+([\"'])([^\"']*)\3", re.I)
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.I)
SHOWN = 10  # places a refusal lists


@dataclass(frozen=True)
class RemoteLoad:
    file: str  # inside the built site
    line: int
    what: str  # "<img src>", "url() in style"
    url: str


def remote_loads(site: Path) -> list[RemoteLoad]:
    """Every network load in the built site's pages and style sheets, in file order."""
    found: list[RemoteLoad] = []
    for path in sorted(site.rglob("*")):
        if path.suffix.lower() not in (".html", ".htm", ".css", ".svg") or not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        found += loads_in(rel, path.read_text(encoding="utf-8", errors="replace"))
    return found


def loads_in(rel: str, text: str) -> list[RemoteLoad]:
    """The network loads of one page or style sheet (``rel`` ending in .css), named ``rel``."""
    if rel.lower().endswith(".css"):
        return [RemoteLoad(rel, line, "CSS", url) for line, url in css_urls(text, 1)]
    scan = _Scan(rel)
    scan.feed(text)
    scan.close()
    return scan.found


def is_remote(url: str) -> bool:
    """A URL with a host of its own: the browser would ask another machine for it."""
    return bool(_REMOTE.match(url))


def css_urls(text: str, first_line: int) -> list[tuple[int, str]]:
    """(line, url) of each remote ``url()``, ``image-set()`` or ``@import`` in CSS text."""
    out = []
    for m in _CSS_URL.finditer(text):
        url = m.group(2) if m.group(2) is not None else m.group(4)
        if url is not None and is_remote(url):
            out.append((first_line + text.count("\n", 0, m.start()), url))
    return out


class _Scan(HTMLParser):
    def __init__(self, rel: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rel = rel
        self.found: list[RemoteLoad] = []
        self._style_line: int | None = None

    def _add(self, what: str, url: str) -> None:
        if is_remote(url):
            self.found.append(RemoteLoad(self.rel, self.getpos()[0], what, url))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            for url in _urls_of(tag, name, value, values):
                self._add(f"<{tag} {name}>", url)
        if tag == "style":
            self._style_line = self.getpos()[0]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._style_line = None

    def handle_data(self, data: str) -> None:
        if self._style_line is not None:
            for line, url in css_urls(data, self.getpos()[0]):
                self.found.append(RemoteLoad(self.rel, line, "<style>", url))


def _urls_of(tag: str, name: str, value: str, attrs: dict[str, str]) -> list[str]:
    """The URLs an attribute makes the browser fetch by itself."""
    if name in ("srcset", "imagesrcset"):
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    if name in _FETCHED or (name == "href" and tag in _FETCHED_HREF and (
            tag != "link" or _LOADING_RELS & set(attrs.get("rel", "").lower().split()))):
        return [value]
    if name == "style":
        return [url for _, url in css_urls(value, 0)]
    if tag == "meta" and name == "content" and attrs.get("http-equiv", "").lower() == "refresh":
        return [m.group(1).strip() for m in _REFRESH.finditer(value)]
    return []


def refuse_remote_loads(kit: str, site: Path, warnings: list[Problem]) -> None:
    """Raise SiteError (Indonesian, located) when the built ``site`` would load anything from the network:
    the check's ``file:line`` of each address content wrote, then the built files' others, each once."""
    loads = remote_loads(site)
    if not loads:
        return
    located: dict[str, None] = {}
    built: dict[tuple[str, str], list[RemoteLoad]] = {}
    for load in loads:
        sources = [w.location() for w in warnings if f"({load.url})" in w.message]
        for where in sources:
            located[f"  {where}: {load.what} memuat {load.url}"] = None
        if not sources:
            built.setdefault((load.what, load.url), []).append(load)
    places = list(located)
    for (what, url), found in built.items():
        others = f" dan {len(found) - 1} berkas lain" if len(found) > 1 else ""
        places.append(f"  {found[0].file}:{found[0].line}{others} (hasil build; dari tema atau overrides/): "
                      f"{what} memuat {url}")
    more = f"\n  ... dan {len(places) - SHOWN} tempat lain" if len(places) > SHOWN else ""
    raise SiteError(f"{kit} tidak dibuat: isinya akan memuat berkas dari internet, padahal paket luring dibuka tanpa "
                    "jaringan (dan di Kolibri atau LMS, permintaan itu sampai ke situs lain untuk setiap peserta):\n"
                    + "\n".join(places[:SHOWN]) + more + "\nSimpan berkasnya di materials/ dan tautkan dari sana, atau "
                    "jadikan tautan biasa yang dipilih pembaca: [judul](https://...).")


__all__ = ["RemoteLoad", "css_urls", "is_remote", "loads_in", "refuse_remote_loads", "remote_loads"]
