"""The site's navigation, for every output: Beranda, the kinds' listings (in ``nav_order``), the
portal's own pages (trust/urls.PORTAL_PAGES), then the hand-written pages; single entries stay out
(they are reached from the listings)."""

from __future__ import annotations

from collections.abc import Iterable

from asn_portal.model.registry import KINDS
from asn_portal.trust.urls import HOME, PORTAL_PAGES, index_src

NavItem = tuple[str | None, str]  # (title, or None for the page's own title; the page's src)


def site_nav(handwritten: Iterable[str]) -> list[NavItem]:
    """``handwritten``: the src of every hand-written page (``tentang.md``); those inside a folder the
    portal writes (a kind's or a portal page's) are not listed again."""
    kinds = sorted(KINDS.values(), key=lambda spec: spec.nav_order)
    named: list[NavItem] = [("Beranda", HOME), *((spec.label_plural, index_src(spec.name)) for spec in kinds),
                            *((page.title, page.src) for page in PORTAL_PAGES)]
    generated = {src.split("/")[0] for _, src in named if src != HOME}
    return named + [(None, src) for src in sorted(handwritten) if src != HOME and src.split("/")[0] not in generated]
