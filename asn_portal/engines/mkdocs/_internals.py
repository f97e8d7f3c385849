"""Every private name of MkDocs and Material the adapter uses, in one place.

Each was read from, and is proven on, the versions pyproject.toml pins (MkDocs 1.6.1, ProperDocs 1.6.7's
copy of it, Material 9.8.2); ``tests/test_internals.py`` checks their signatures and attributes on
whichever engine the test run has, so an upgrade that moves one fails there, by name, instead of deep
inside `serve`. Why each is needed:

- ``populate_page``, ``build_page``, ``build_theme_template``: `serve` writes the pages a save changed
  with the same functions a full build runs, so the bytes equal a clean build's (rebuild.py);
- ``serve_url``: the address MkDocs itself would print and serve at (preview.py);
- ``build_module``'s ``_build_page``, looked up by MkDocs' ``build`` at each call: a parallel build
  (parallel.py) has workers render most pages and MkDocs' own loop render the rest (``skip_pages``);
- the live-reload server's conditions and watch tables: our server asks for a rebuild on native file
  events and shows the built site before search's shards are written (preview.py);
- the plugin collection's table of handlers by event: a page's HTML stays packed from the core to the
  theme when no other plugin or hook handles ``on_page_content`` (parked.py);
- Material's tag plugin storage: its tag lists and ``tags.json`` rebuilt for the pages that changed;
- Material's search index hook: its own indexer switched off, ours answers (search.py); its page handler
  in the plugins' event table, run only where it has something to strip;
- what Material's navigation and tabs templates read and link to: once.py renders them once for every
  page with the same links, keyed by exactly these.
"""

from __future__ import annotations

import threading
import types
from collections.abc import Callable
from typing import Any

import mkdocs.commands.build as build_module
from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.livereload import LiveReloadServer, _serve_url

populate_page = _populate_page  # (page, config, files, dirty=False)
build_page = _build_page  # (page, config, doc_files, nav, env, dirty=False, excluded=False)
build_theme_template = _build_theme_template  # (template_name, env, files, config, nav)
serve_url = _serve_url  # (host, port, path)


def skip_pages(skipped: Callable[[Any], bool]) -> Callable[[], None]:
    """From now on MkDocs' build loop leaves the pages ``skipped`` says (built elsewhere) to their builder;
    returns what puts MkDocs' own function back."""
    original = build_module._build_page

    def build_unless_skipped(page: Any, *args: Any, **kwargs: Any) -> None:
        if not skipped(page):
            original(page, *args, **kwargs)

    build_module._build_page = build_unless_skipped

    def restore() -> None:
        build_module._build_page = original
    return restore

# LiveReloadServer attributes our subclass reads or sets (mkdocs/livereload/__init__.py).
LIVERELOAD_ATTRIBUTES = ("_rebuild_cond", "_want_rebuild", "_watched_paths", "_watch_refs", "_epoch_cond",
                         "_visible_epoch", "_wanted_epoch", "observer")


def want_rebuild(server: LiveReloadServer) -> None:
    """What MkDocs' own file handler does on a change: the builder runs once the events settle."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def watch(server: LiveReloadServer, path: str, handler: Any, watched: str, recursive: bool) -> None:
    """Register ``handler`` for ``watched`` as MkDocs' ``watch`` does (it keeps the schedule to unwatch)."""
    server._watched_paths[path] = 1
    server._watch_refs[path] = server.observer.schedule(handler, watched, recursive=recursive)


def show_built(server: LiveReloadServer) -> None:
    """The site being built is ready to be seen (what MkDocs' build loop does once the builder returns)."""
    cond: threading.Condition = server._epoch_cond
    with cond:
        server._visible_epoch = server._wanted_epoch
        cond.notify_all()


def inject_js(server: LiveReloadServer, content: bytes, epoch: int) -> bytes:
    """MkDocs' own live-reload script added to a served page (the base class's method)."""
    injected: bytes = LiveReloadServer._inject_js_into_html(server, content, epoch)  # type: ignore[no-untyped-call]
    return injected


# -- Material ----------------------------------------------------------------------------------------------

def tag_mappings(tags: Any) -> dict[str, Any]:
    """Material's tags plugin: page URL -> the page's tag mapping (``tags.mappings.data``)."""
    data: dict[str, Any] = tags.mappings.data
    return data


def set_tag_mappings(tags: Any, data: dict[str, Any]) -> None:
    tags.mappings.data = data


def reset_tag_listings(tags: Any) -> None:
    """The tag listings Material fills while rendering pages, emptied before they are filled again."""
    tags.listings.data = set()


def tags_export(tags: Any, path: str) -> Callable[[], None]:
    """Writes ``tags.json`` as Material's ``on_post_build`` would, with the mappings as they are now."""
    from material.plugins.tags.structure.mapping.storage import MappingStorage

    mappings = list(tags.mappings)
    return lambda: MappingStorage(tags.config).save(path, mappings)


def event_handlers(plugins: Any, event: str) -> list[Callable[..., Any]]:
    """The handlers of ``event`` ("page_content") of every plugin and hook, in the order MkDocs calls them."""
    return list(plugins.events[event])


def silence_material_indexer(search: Any, plugins: Any) -> None:
    """Material's search plugin adds every page to its index from the page context: that hook is emptied.
    Its ``on_page_context`` then only strips ``data-search-*`` attributes from the page's HTML, a regular
    expression over all of it (2 % of a build's CPU): the handler in ``plugins``' event table is swapped for
    one that runs it only on a page that has such an attribute (a bound method of the plugin still, so
    parallel.py knows whose it is)."""
    from material.plugins.search.plugin import SearchPlugin

    search.search_index.add_entry_from_context = lambda page: None
    material = SearchPlugin.on_page_context

    def on_page_context(plugin: Any, context: Any, *, page: Any, **kwargs: Any) -> Any:
        if SEARCH_ATTRIBUTE in (page.content or ""):
            return material(plugin, context, page=page, **kwargs)
        return None  # what Material's handler returns: the context unchanged

    handlers = plugins.events["page_context"]
    for n, handler in enumerate(handlers):
        if getattr(handler, "__func__", None) is material and getattr(handler, "__self__", None) is search:
            handlers[n] = types.MethodType(on_page_context, search)


SEARCH_ATTRIBUTE = "data-search-"  # what Material's handler strips: r'\s?data-search-\w+="[^"]+"'


# Material's templates the primary navigation and tabs render for a page that is not in the navigation
# (partials/toc.html only for the page that is), and the language partial whose ``lang.t`` they print.
MATERIAL_NAV_TEMPLATES = ("partials/nav.html", "partials/nav-item.html", "partials/tabs.html",
                          "partials/tabs-item.html", "partials/logo.html", "partials/source.html",
                          "partials/language.html")
# The page context's names they read (Jinja's undeclared variables) ...
NAV_CONTEXT_NAMES = frozenset({"config", "features", "lang", "nav", "page"})
# ... and the names a macro sets in some branches only: in another it reads them from the page's context.
NAV_UNSET_NAMES = frozenset({"checked", "first", "icon", "indeterminate", "index", "is_pruned", "is_section",
                             "tabindex", "toc"})
# What they pass to MkDocs' ``url`` filter: the home page, the logo, navigation items.
NAV_LINKS = frozenset({"config.extra.homepage | d", "config.theme.logo", "first.url", "index.url", "nav_item.url"})
# Our header partial's parts around the page's title (theme/partials/header.html) and what they include,
# theirs or ours: once.py renders those parts once per key too, when every one of them is ...
HEADER_TEMPLATES = ("partials/header.html", "partials/logo.html", "partials/palette.html",
                    "partials/javascripts/palette.html", "partials/alternate.html", "partials/search.html",
                    "partials/source.html")
# ... and the key holds what they pass to ``url``: the home page, the logo, navigation items, languages.
HEADER_LINKS = frozenset({"config.extra.homepage | d", "config.theme.logo", "item.url", "alt.link"})
