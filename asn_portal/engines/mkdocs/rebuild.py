"""Writing what a save changed into the served site, through MkDocs' own page machinery.

``write_changes`` gets the parts of the last build and of this one (``plugin.site_parts``, the same
call a full build's ``on_files`` makes) and brings the site on disk from one to the other: pages whose
core output differs are populated and built again with ``_populate_page`` and ``_build_page`` (what
``mkdocs.commands.build.build`` runs for each page, with the navigation and theme environment that
build made), pages that came or went are added to or removed from MkDocs' files, generated files and
materials are written or deleted, search's shards are written where they changed and the sitemap
when the set of pages changed. Material's tag indexes are filled again when a tagged page changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.structure.files import Files, InclusionLevel

from asn_portal.trust.urls import entry_src

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from asn_portal.engines.mkdocs.plugin import PortalPlugin, SiteParts
    from asn_portal.render.pages import PageSource


class FullBuildNeededError(Exception):
    """The change reaches what every page shows (a title in the navigation): build everything."""


def _listed(page: PageSource) -> bool:
    return page.kind == "page" or (page.kind == "index" and page.in_nav)


def write_changes(plugin: PortalPlugin, config: MkDocsConfig, old: SiteParts, parts: SiteParts,
                  changed_paths: set[str], site_dir: Path, serve_url: str | None) -> tuple[int, Callable[[], None]]:
    """Bring ``site_dir`` from the build of ``old`` to that of ``parts``: the number of pages built, and
    what is left to do, search's shards (at 5,000 courses they take longer than the pages: the caller
    may show the pages first).
    ``serve_url``: the address served at (MkDocs then builds the pages it keeps for `serve` only)."""
    files, nav, env = plugin.files, plugin.nav, plugin.env
    assert files is not None and nav is not None and env is not None
    added = [src for src in parts.pages if src not in old.pages]
    removed = [src for src in old.pages if src not in parts.pages]
    differ = [src for src in parts.pages if src in old.pages and old.pages[src] != parts.pages[src]]
    for src in [*added, *removed]:
        if _listed(parts.pages.get(src) or old.pages[src]):
            raise FullBuildNeededError
    if any(_listed(parts.pages[src]) and parts.pages[src].title != old.pages[src].title for src in differ):
        raise FullBuildNeededError
    tags = _tags_plugin(config)
    removed_urls = []
    for src in removed:
        file = files.get_file_from_path(src)
        if file is not None:
            removed_urls.append(file.page.url if file.page is not None else file.url)
            files.remove(file)
            _delete(Path(file.abs_dest_path), site_dir)
            plugin.search.drop(src)
    for src in added:
        files.append(plugin.page_file(config, parts.pages[src]))
    _write_generated(config, files, old, parts, changed_paths, site_dir)
    # MkDocs' files in the order a full build has them: search, the sitemap and tag lists follow it
    ours = set(parts.pages)
    ordered = Files([*(f for f in files if f.src_uri not in ours),
                     *(f for f in (files.get_file_from_path(src) for src in parts.pages) if f is not None)])
    plugin.files = files = ordered
    rebuild = [*differ, *added]
    tagged = tags is not None and any(page.tags for parts_ in (old, parts) for src in [*rebuild, *removed]
                                      if (page := parts_.pages.get(src)) is not None)
    listings = [src for src, page in parts.pages.items() if page.tag_indexes] if tagged else []
    if listings:
        assert tags is not None
        for url in removed_urls:
            tags.mappings.data.pop(url, None)
        tags.listings.data = set()
        rebuild += [src for src in listings if src not in rebuild]
    plugin.pages = {src: parts.pages[src] for src in rebuild}
    plugin.handed_over = set()
    plugin.parts = parts
    plugin.search.catalog_is(plugin.catalog, plugin.synonyms)
    pages = {src: _page(files, src) for src in rebuild}
    for page in pages.values():
        _populate_page(page, config, files)
    export = _fill_tag_indexes(tags, config, files, env) if listings else None
    inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
    doc_files = files.documentation_pages(inclusion=inclusion)
    later = listings  # the tag index lists every tagged page: it follows with search
    for src, page in pages.items():
        if src not in later:
            _build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
    # An entry's search text names the titles of its neighbours: theirs is taken again even when their
    # page did not change.
    assert plugin.memo is not None
    for kind, slug in plugin.memo.touched:
        src = entry_src(kind, slug)
        if src in parts.pages and src not in pages:
            plugin.search.add(_page(files, src))
    if list(old.pages) != list(parts.pages):  # pages came, went or moved (entries are in title order)
        _build_theme_template("sitemap.xml", env, files, config, nav)
    order = [f.src_uri for f in doc_files]

    def finish() -> None:
        for src in later:
            _build_page(pages[src], config, doc_files, nav, env, excluded=pages[src].file.inclusion.is_excluded())
        if export is not None:
            export()
        if plugin.search_id:
            plugin.search.write(site_dir, order, keep=True, atomic=True)

    return len(pages), finish


def _fill_tag_indexes(tags: Any, config: MkDocsConfig, files: Files, env: Any) -> Callable[[], None] | None:
    """Material's tag lists filled again (its ``on_env``), with the mappings in the order a full build
    reads the pages; its export (tags.json, every tagged page) is returned to be written afterwards."""
    order = [f.page.url for f in files.documentation_pages() if f.page is not None]
    tags.mappings.data = {url: tags.mappings.data[url] for url in order if url in tags.mappings.data}
    export = tags.config.export
    tags.config.export = False
    try:
        tags.on_env(env, config=config, files=files)
    finally:
        tags.config.export = export
    if not export:
        return None
    from material.plugins.tags.structure.mapping.storage import MappingStorage

    path = os.path.normpath(os.path.join(config.site_dir, tags.config.export_file))
    mappings = list(tags.mappings)
    return lambda: MappingStorage(tags.config).save(path, mappings)


def _page(files: Files, src: str) -> Any:
    file = files.get_file_from_path(src)
    assert file is not None and file.page is not None, src
    return file.page


def _tags_plugin(config: MkDocsConfig) -> Any:
    tags = config.plugins.get("material/tags") or config.plugins.get("tags")
    if tags is None or not getattr(tags.config, "enabled", False) or not hasattr(tags, "mappings"):
        return None
    return tags


def _write_generated(config: MkDocsConfig, files: Files, old: SiteParts, parts: SiteParts,
                     changed_paths: set[str], site_dir: Path) -> None:
    """Listing chunks, catalog.json, feed.xml, redirects and materials: written when new or different,
    deleted when gone."""
    before = {*old.texts, *old.copies}
    after = {*parts.texts, *parts.copies}
    for path in sorted(before - after):
        gone = files.get_file_from_path(path)
        if gone is not None:
            files.remove(gone)
        _delete(site_dir / path, site_dir)
    for path in sorted(after):
        if path in parts.texts:
            fresh = path not in old.texts or old.texts[path] != parts.texts[path] or path in old.copies
        else:
            source = parts.copies[path]
            fresh = old.copies.get(path) != source or source in changed_paths
        if not fresh:
            continue
        file = parts.file(config, path)
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
