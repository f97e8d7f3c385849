"""The portal's own styles and scripts, as every output publishes them (under ``ASSET_DIR``)."""

from __future__ import annotations

from asn_portal import packaged_text
from asn_portal.render.scripts import PAGE_SCRIPTS, SEARCH_SCRIPTS, bundle_named

ASSET_DIR = "assets/asn-portal"
STYLES = ("portal.css", "learning.css", "plan.css")
PAGE_ASSETS = (*STYLES, *PAGE_SCRIPTS)  # what every page lists (the engine's extra_css / extra_javascript)
WORKER_SHIM = "worker-shim.js"  # offline only: Material's search worker from file:// (engines/mkdocs/offline.py)
STEMMER = "stemmer-id.js"  # loaded on the first query, as it is (Snowball's Indonesian stemmer)


def page_assets(*, shim: bool = True) -> dict[str, str]:
    """Published path -> text of what every page loads (the scripts bundled from assets/src at every
    build), and the offline worker shim."""
    files = {f"{ASSET_DIR}/{name}": packaged_text("assets", name) for name in (*STYLES, *(WORKER_SHIM,) * shim)}
    files.update({f"{ASSET_DIR}/{name}": bundle_named(name) for name in PAGE_SCRIPTS})
    return files


def search_assets() -> dict[str, str]:
    """Published path -> text of what search loads on the first query: the stemmer and the engine."""
    files = {f"{ASSET_DIR}/{STEMMER}": packaged_text("assets", STEMMER)}
    files.update({f"{ASSET_DIR}/{name}": bundle_named(name) for name in SEARCH_SCRIPTS})
    return files
