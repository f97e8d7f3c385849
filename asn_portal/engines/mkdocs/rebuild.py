"""Writing what a save changed into the served site, through MkDocs' own page machinery.

``write_changes`` gets the parts of the last build and of this one (``plugin.site_parts``, the same
call a full build's ``on_files`` makes) and brings the site on disk from one to the other: pages whose
core output differs are populated and built again with ``_populate_page`` and ``_build_page`` (what
``mkdocs.commands.build.build`` runs for each page, with the navigation and theme environment that
build made), pages that came or went are added to or removed from MkDocs' files, generated files and
materials are written or deleted, search's shards are written where they changed and the sitemap
when the set of pages changed. Material's tag indexes are filled again when a tagged page changed.

What to do is decided first, from the two parts alone: ``plan_changes`` gives a ``ChangePlan``, plain
data (tests/test_rebuild_plan.py); ``write_changes`` then applies it, in the order a full build's
effects depend on: MkDocs' files first, then the pages, and last, in what it returns to run after the
browser was told to reload, the tag indexes, tags.json and search's shards.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import Files, InclusionLevel

from asn_portal.engines.mkdocs import _internals, once
from asn_portal.engines.mkdocs.files import part_file
from asn_portal.trust.urls import entry_src

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from asn_portal.engines.mkdocs.plugin import PortalPlugin
    from asn_portal.render.pages import PageSource
    from asn_portal.site.assembly import SiteParts


class FullBuildNeededError(Exception):
    """The change reaches what every page shows (a title in the navigation): build everything."""


def _listed(page: PageSource) -> bool:
    return page.kind == "page" or (page.kind == "index" and page.in_nav)


@dataclass(frozen=True)
class ChangePlan:
    """What bringing the served site from one build's parts to the next takes, decided from the parts
    alone (no file read or written, nothing of MkDocs): pages by source path, generated files and
    materials by published path, each list in the order its effects run."""

    full_build: bool = False  # a title in the navigation changed, or a page came or went in it
    added: list[str] = field(default_factory=list)  # pages new in this build
    removed: list[str] = field(default_factory=list)  # pages gone (deleted, left out of search)
    build: list[str] = field(default_factory=list)  # pages populated and built again: changed, new, tag indexes
    later: list[str] = field(default_factory=list)  # of those, Material's tag indexes: built after the reload
    gone_files: list[str] = field(default_factory=list)  # generated files and materials deleted
    fresh_files: list[str] = field(default_factory=list)  # generated files and materials (re)written
    search_again: list[str] = field(default_factory=list)  # pages not built whose search text is taken again
    sitemap: bool = False  # pages came, went or moved: the sitemap is written again


def plan_changes(old: SiteParts, parts: SiteParts, changed_paths: set[str], tags_on: bool,
                 touched: Iterable[tuple[str, str]]) -> ChangePlan:
    """The plan from ``old`` to ``parts``. ``changed_paths``: files changed on disk (a material's copy
    is written again when its source changed); ``tags_on``: Material's tags plugin is on; ``touched``:
    the entries rendered again (``RenderMemo.touched``), whose neighbours' search text names them."""
    added = [src for src in parts.pages if src not in old.pages]
    removed = [src for src in old.pages if src not in parts.pages]
    differ = [src for src in parts.pages if src in old.pages and old.pages[src] != parts.pages[src]]
    if _navigation_changes(old, parts, added, removed, differ):
        return ChangePlan(full_build=True)
    build = [*differ, *added]
    # Material's tag index lists every tagged page: all of them are built again when a tagged page
    # changed, came or went, and last (it lists what the other pages' build gave the tags plugin).
    later = _tag_indexes(old, parts, [*build, *removed]) if tags_on else []
    build += [src for src in later if src not in build]
    gone_files, fresh_files = _generated_changes(old, parts, changed_paths)
    # An entry's search text names the titles of its neighbours: theirs is taken again even when their
    # page did not change.
    search_again = [src for src in (entry_src(kind, slug) for kind, slug in touched)
                    if src in parts.pages and src not in build]
    return ChangePlan(added=added, removed=removed, build=build, later=later, gone_files=gone_files,
                      fresh_files=fresh_files, search_again=search_again,
                      sitemap=list(old.pages) != list(parts.pages))  # entries are in title order


def _navigation_changes(old: SiteParts, parts: SiteParts, added: list[str], removed: list[str],
                        differ: list[str]) -> bool:
    """Whether every page's navigation changes: a listed page came or went, or its title changed."""
    if any(_listed(parts.pages.get(src) or old.pages[src]) for src in [*added, *removed]):
        return True
    return any(_listed(parts.pages[src]) and parts.pages[src].title != old.pages[src].title for src in differ)


def _tag_indexes(old: SiteParts, parts: SiteParts, changed: list[str]) -> list[str]:
    """The pages holding a tag index, when one of the ``changed`` pages carries tags (before or after)."""
    tagged = any(page.tags for parts_ in (old, parts) for src in changed if (page := parts_.pages.get(src)) is not None)
    return [src for src, page in parts.pages.items() if page.tag_indexes] if tagged else []


def _generated_changes(old: SiteParts, parts: SiteParts, changed_paths: set[str]) -> tuple[list[str], list[str]]:
    """Listing chunks, catalog.json, feed.xml, redirects and materials: those gone, and those new or
    different (a text whose content changed, a copy whose source changed on disk or is another file)."""
    before = {*old.texts, *old.copies}
    after = {*parts.texts, *parts.copies}
    fresh = []
    for path in sorted(after):
        if path in parts.texts:
            # a path that was a copy and is now a text (or the reverse) is written again
            is_fresh = path not in old.texts or old.texts[path] != parts.texts[path] or path in old.copies
        else:
            source = parts.copies[path]
            is_fresh = old.copies.get(path) != source or source in changed_paths
        if is_fresh:
            fresh.append(path)
    return sorted(before - after), fresh


def write_changes(plugin: PortalPlugin, config: MkDocsConfig, old: SiteParts, parts: SiteParts,
                  changed_paths: set[str], site_dir: Path, serve_url: str | None) -> tuple[int, Callable[[], None]]:
    """Bring ``site_dir`` from the build of ``old`` to that of ``parts``: the number of pages built, and
    what is left to do, search's shards (at 5,000 courses they take longer than the pages: the caller
    may show the pages first).
    ``serve_url``: the address served at (MkDocs then builds the pages it keeps for `serve` only)."""
    nav, env = plugin.nav, plugin.env
    assert plugin.files is not None and nav is not None and env is not None and plugin.memo is not None
    tags = _tags_plugin(config)
    plan = plan_changes(old, parts, changed_paths, tags is not None, plugin.memo.touched)
    if plan.full_build:
        raise FullBuildNeededError
    files, removed_urls = _update_files(plugin, config, plugin.files, parts, plan, site_dir)
    if plan.later:  # Material's tag lists start again, without the pages that went
        assert tags is not None  # the plan has tag indexes only with the tags plugin on
        for url in removed_urls:
            _internals.tag_mappings(tags).pop(url, None)
        _internals.reset_tag_listings(tags)
    once.forget(env)  # the pages' navigation as this save leaves it, never the last build's
    plugin.pages = {src: parts.pages[src] for src in plan.build}
    plugin.handed_over = set()
    plugin.parts = parts
    plugin.search.catalog_is(plugin.catalog, plugin.synonyms)
    pages = {src: _page(files, src) for src in plan.build}
    for page in pages.values():
        _internals.populate_page(page, config, files)
    export = _fill_tag_indexes(tags, config, files, env) if plan.later else None
    inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
    doc_files = files.documentation_pages(inclusion=inclusion)
    for src, page in pages.items():
        if src not in plan.later:
            _internals.build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
    for src in plan.search_again:
        plugin.search.add(_page(files, src))
    if plan.sitemap:
        _internals.build_theme_template("sitemap.xml", env, files, config, nav)
    order = [f.src_uri for f in doc_files]

    def finish() -> None:
        """After the browser is told to reload: the tag indexes, tags.json and search's shards."""
        for src in plan.later:
            _internals.build_page(pages[src], config, doc_files, nav, env,
                                  excluded=pages[src].file.inclusion.is_excluded())
        if export is not None:
            export()
        if plugin.search_id:
            plugin.search.write(site_dir, order, keep=True, atomic=True)

    return len(pages), finish


def _update_files(plugin: PortalPlugin, config: MkDocsConfig, files: Files, parts: SiteParts, plan: ChangePlan,
                  site_dir: Path) -> tuple[Files, list[str]]:
    """MkDocs' files brought to the plan: gone pages removed (and deleted from the site and search), new
    ones added, generated files written or deleted. Returns the files in the order a full build has
    them (search, the sitemap and the tag lists follow it), which the plugin keeps, and the addresses
    of the pages that went."""
    removed_urls = []
    for src in plan.removed:
        file = files.get_file_from_path(src)
        if file is not None:
            removed_urls.append(file.page.url if file.page is not None else file.url)
            files.remove(file)
            _delete(Path(file.abs_dest_path), site_dir)
            plugin.search.drop(src)
    for src in plan.added:
        files.append(plugin.page_file(config, parts.pages[src]))
    _write_generated(config, files, parts, plan, site_dir)
    ours = set(parts.pages)
    ordered = Files([*(f for f in files if f.src_uri not in ours),
                     *(f for f in (files.get_file_from_path(src) for src in parts.pages) if f is not None)])
    plugin.files = ordered
    return ordered, removed_urls


def _fill_tag_indexes(tags: Any, config: MkDocsConfig, files: Files, env: Any) -> Callable[[], None] | None:
    """Material's tag lists filled again (its ``on_env``), with the mappings in the order a full build
    reads the pages; its export (tags.json, every tagged page) is returned to be written afterwards."""
    order = [f.page.url for f in files.documentation_pages() if f.page is not None]
    mappings = _internals.tag_mappings(tags)
    _internals.set_tag_mappings(tags, {url: mappings[url] for url in order if url in mappings})
    export = tags.config.export
    tags.config.export = False
    try:
        tags.on_env(env, config=config, files=files)
    finally:
        tags.config.export = export
    if not export:
        return None
    return _internals.tags_export(tags, os.path.normpath(os.path.join(config.site_dir, tags.config.export_file)))


def _page(files: Files, src: str) -> Any:
    file = files.get_file_from_path(src)
    assert file is not None and file.page is not None, src
    return file.page


def _tags_plugin(config: MkDocsConfig) -> Any:
    tags = config.plugins.get("material/tags") or config.plugins.get("tags")
    if tags is None or not getattr(tags.config, "enabled", False) or not hasattr(tags, "mappings"):
        return None
    return tags


def _write_generated(config: MkDocsConfig, files: Files, parts: SiteParts, plan: ChangePlan, site_dir: Path) -> None:
    """The plan's generated files and materials deleted, then written."""
    for path in plan.gone_files:
        gone = files.get_file_from_path(path)
        if gone is not None:
            files.remove(gone)
        _delete(site_dir / path, site_dir)
    for path in plan.fresh_files:
        file = part_file(parts, config, path)
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(file)
        file.copy_file()


def _delete(path: Path, site_dir: Path) -> None:
    """A file of the site gone, and the folders it leaves empty (a full build would not have them)."""
    path.unlink(missing_ok=True)
    folder = path.parent
    root = site_dir.resolve()
    while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
