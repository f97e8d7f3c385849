"""Offline (file://) build settings for the bundle: no network, no server, search still works.

Chromium cannot start a Web Worker or fetch JSON from file://. Material already loads
``search/search_index.js`` (``var __index = ...``) there; our worker shim runs its search
worker in a hidden iframe instead of the CDN shim Material's own offline plugin adds.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

SHIM = "assets/asn-portal/worker-shim.js"
# Features that need a server or the network: instant navigation fetches pages with XHR.
ONLINE_FEATURES = ("navigation.instant", "navigation.instant.prefetch", "navigation.instant.progress",
                   "content.action.edit", "content.action.view")


def configure_offline(config: MkDocsConfig) -> None:
    """Adjust a MkDocs config for file://: plain .html links, no edit buttons, nothing that calls a server."""
    config.use_directory_urls = False
    config.repo_url = None  # no repository facts fetched, no edit buttons
    config.edit_uri = None
    config.edit_uri_template = None
    theme = config.theme
    theme["font"] = False  # system fonts: no Google Fonts request
    theme["features"] = [f for f in theme.get("features", []) if f not in ONLINE_FEATURES]
    for key in ("analytics", "alternate", "consent"):  # each would call a server from the page
        config.extra.pop(key, None)
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [SHIM, *[p for p in polyfills if p != SHIM]]


def parse_subset(items: list[str]) -> list[tuple[str, str]]:
    """The ``subset`` plugin option, ``["course:slug", ...]``, as (kind, slug) pairs."""
    return [(kind, slug) for kind, _, slug in (item.partition(":") for item in items)]


def write_search_script(site_dir: Path) -> None:
    """``search_index.js`` (``var __index = ...``): Material reads it from file://, where fetch fails."""
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        data = index.read_text(encoding="utf-8")
        index.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
