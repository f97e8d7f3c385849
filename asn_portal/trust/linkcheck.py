"""Check contributed Markdown the way the build publishes it, and say where each problem is.

The text is converted and sanitised by the same functions the publisher uses (``markup.to_html``,
``sanitize.clean``); the hook given to the sanitiser asks the same resolver. So every target that
would be published was checked, and ``check`` cannot read a link differently from the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from asn_portal.trust.resolver import Link, Refusal, Resolver
from asn_portal.trust.sanitize import clean, removals

# (line, column or None, message, is_error)
Report = Callable[[int, "int | None", str, bool], None]


@dataclass
class Locator:
    """Finds where a piece of text stands in lines ``first``..``last`` of a file (1-based)."""

    lines: list[str]
    first: int
    last: int
    cursor: tuple[int, int] = (0, 0)  # links are found in order: a link written twice is found twice

    removed: tuple[int, int] = (0, 0)  # what cleaning drops is found in order too, apart from links

    def __post_init__(self) -> None:
        self.cursor = self.removed = (self.first, 0)

    def next_removal(self, needle: str) -> tuple[int, int | None]:
        """Where the next thing cleaning drops stands (``<tag``, an attribute's name, a class), after the
        last one found and in any letter case (``onClick``, ``<foreignObject>``): each at its own line."""
        if needle.startswith("<"):
            pattern = re.compile(re.escape(needle) + r"(?=[\s/>]|$)", re.I)
        else:  # as a name written in a tag, not the same word in the text around it
            pattern = re.compile(r"(?<=[\s\"'])" + re.escape(needle) + r"(?=[\s=/>\"']|$)", re.I)
        for start_line, start_col in (self.removed, (self.first, 0)):
            for number in range(start_line, min(self.last, len(self.lines)) + 1):
                m = pattern.search(self.lines[number - 1], start_col if number == start_line else 0)
                if m:
                    self.removed = (number, m.end())
                    return number, m.start() + 1
        return self.find(needle)

    def find(self, *needles: str, advance: bool = False) -> tuple[int, int | None]:
        """Line and column of the first needle found; a link target is looked for where a link
        writes it (``](x``, ``]: x``, ``="x"``) before anywhere in the text."""
        start_line, start_col = self.cursor if advance else (self.first, 0)
        for needle in (n for n in needles if n):
            forms = [f"]({needle}", f"](<{needle}", f"]: {needle}", f"]:{needle}", f'="{needle}', f"='{needle}",
                     f"={needle}", f"<{needle}>", needle] if advance else [needle]
            for form in forms:
                for number in range(start_line, min(self.last, len(self.lines)) + 1):
                    at = self.lines[number - 1].find(form, start_col if number == start_line else 0)
                    if at >= 0:
                        col = at + form.index(needle) + 1
                        if advance:
                            self.cursor = (number, col)
                        return number, col
        return self.first, None


@dataclass
class Inspection:
    """What one text links to, as the resolver accepted it."""

    links: list[Link] = field(default_factory=list)

    @property
    def entries(self) -> set[tuple[str, str]]:
        return {(link.entry_kind, link.value) for link in self.links if link.kind == "entry"}

    @property
    def materials(self) -> dict[str, str]:
        return {link.value: link.published for link in self.links if link.kind == "material"}


def inspect_html(html: str, resolver: Resolver, locate: Locator, report: Report, from_page: str | None = None,
                 sanitised: bool = True, definitions: Iterable[str] = ()) -> Inspection:
    """Run ``html`` through the sanitiser with a hook that records every decision and reports refusals.

    ``sanitised=False`` (a site that opted into raw HTML pages): removals are not reported, targets still are.
    ``definitions``: reference definitions the text holds; one no link uses publishes nothing, but is
    checked all the same, so it cannot wait for a later edit to point somewhere it must not.
    """
    found = Inspection()

    def refused(raw: str, decision: Refusal) -> None:
        line, col = locate.find(raw, unquote(raw), quote(raw, safe="/:#?&=%@+~"), raw.replace("&", "&amp;"),
                                advance=True)
        report(line, col, decision.message, True)

    for removal in removals(html):
        if removal.url:
            decision = resolver.resolve(removal.url, from_page)
            if isinstance(decision, Refusal):
                refused(removal.url, decision)
        elif sanitised:
            line, col = locate.next_removal(removal.needle)
            report(line, col, f"HTML dibuang dari halaman: {removal.message} Tulis teks biasa atau Markdown saja.",
                   False)

    seen: list[str] = []

    def hook(tag: str, attr: str, raw: str) -> str | None:
        seen.append(raw)
        decision = resolver.resolve(raw, from_page)
        if isinstance(decision, Refusal):
            refused(raw, decision)
            return None
        found.links.append(decision)
        if decision.kind == "web" and (tag, attr) != ("a", "href"):
            # Not refused (a contract allows it), but said: the reader's browser asks another site for it
            # on every visit, and every offline package refuses to be made with it (kit/network.py).
            line, col = locate.find(raw, advance=True)
            report(line, col, f"<{tag}> memuat berkas dari internet ({raw}): peramban pembaca memintanya ke situs "
                              "lain setiap kali halaman dibuka, dan paket luring (zip, ZIM, Kolibri, SCORM) tidak "
                              "dapat dibuat selama ada. Simpan berkasnya di materials/ dan tautkan dari sana.", False)
        return None  # the published URL is the renderer's business, not the check's

    clean(html, hook)
    for raw in definitions:
        if raw not in seen:
            decision = resolver.resolve(raw, from_page)
            if isinstance(decision, Refusal):
                refused(raw, decision)
    return found
