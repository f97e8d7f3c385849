"""The engine's private names the MkDocs adapter uses (asn_portal/engines/mkdocs/_internals.py): their
signatures and attributes as proven, checked on whichever engine the run has (MkDocs, ProperDocs), so an
upgrade that moves one fails here, by name."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.engine_smoke


def parameters(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


def test_the_build_functions_serve_runs_take_what_they_are_given() -> None:
    from asn_portal.engines.mkdocs import _internals

    assert parameters(_internals.populate_page)[:3] == ["page", "config", "files"]
    assert parameters(_internals.build_page)[:5] == ["page", "config", "doc_files", "nav", "env"]
    assert "excluded" in parameters(_internals.build_page)
    assert parameters(_internals.build_theme_template) == ["template_name", "env", "files", "config", "nav"]
    assert _internals.serve_url("127.0.0.1", 8000, "/asn/") == "http://127.0.0.1:8000/asn/"


def test_the_plugin_collection_lists_each_events_handlers_in_calling_order() -> None:
    from mkdocs.plugins import BasePlugin, CombinedEvent, PluginCollection, event_priority

    from asn_portal.engines.mkdocs import _internals

    class Early(BasePlugin):  # type: ignore[type-arg]
        @event_priority(50)
        def on_page_content(self, html: str, **kwargs: object) -> str:
            return html

    class Both(BasePlugin):  # type: ignore[type-arg]
        def _first(self, html: str, **kwargs: object) -> str:
            return html

        @event_priority(-100)
        def _last(self, html: str, **kwargs: object) -> str:
            return html

        on_page_content = CombinedEvent(_first, _last)

    plugins = PluginCollection()
    both, early = Both(), Early()
    plugins["both"] = both
    plugins["early"] = early
    handlers = _internals.event_handlers(plugins, "page_content")
    assert [(h.__self__, h.__name__) for h in handlers] == \
        [(early, "on_page_content"), (both, "_first"), (both, "_last")]  # type: ignore[attr-defined]
    assert _internals.event_handlers(PluginCollection(), "page_content") == []


def test_the_live_reload_server_has_the_attributes_preview_uses(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    from asn_portal.engines.mkdocs import _internals

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        missing = [name for name in _internals.LIVERELOAD_ATTRIBUTES if not hasattr(server, name)]
        assert missing == []
        assert parameters(LiveReloadServer._inject_js_into_html)[1:] == ["content", "epoch"]
        _internals.want_rebuild(server)
        assert server._want_rebuild is True
        _internals.show_built(server)
        assert server._visible_epoch == server._wanted_epoch
    finally:
        server.server_close()


def test_materials_tags_and_search_internals_are_where_they_were() -> None:
    from material.plugins.search.plugin import SearchIndex
    from material.plugins.tags.structure.listing.manager import ListingManager
    from material.plugins.tags.structure.mapping.manager import MappingManager
    from material.plugins.tags.structure.mapping.storage import MappingStorage

    from asn_portal.engines.mkdocs import _internals

    class Tags:  # the tags plugin after its on_config: a mapping and a listing manager
        def __init__(self) -> None:
            from material.plugins.tags.config import TagsConfig

            self.config = TagsConfig()
            self.config.load_dict({})
            self.mappings = MappingManager(self.config)
            self.listings = ListingManager(self.config, 6)

    tags = Tags()
    _internals.set_tag_mappings(tags, {"a/": "mapping"})
    assert _internals.tag_mappings(tags) == {"a/": "mapping"} and list(tags.mappings) == ["mapping"]
    _internals.reset_tag_listings(tags)
    assert list(tags.listings) == []
    assert parameters(MappingStorage.save)[1:] == ["path", "mappings"]
    assert parameters(SearchIndex.add_entry_from_context)[1:] == ["page"]


def _material_templates() -> tuple[object, str]:
    from mkdocs.theme import Theme

    theme = Theme(name="material")
    return theme.get_env(), next(d for d in theme.dirs if d.rstrip("/").endswith("material/templates"))


def _shown(node: object) -> str:
    """A Jinja expression as the templates write it, for the few forms Material passes to ``url``."""
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_shown(node.node)}.{node.attr}"
    if isinstance(node, nodes.Filter):
        return f"{_shown(node.node)} | {node.name}"
    return type(node).__name__


def _read_by(env: Any, templates: Iterable[str]) -> tuple[set[str], set[str], set[str]]:
    """What ``templates`` read from their context, pass to ``url`` and include (by literal name)."""
    import jinja2.meta
    from jinja2 import nodes

    names: set[str] = set()
    links: set[str] = set()
    included: set[str] = set()
    for name in templates:
        tree = env.parse(env.loader.get_source(env, name)[0])
        names |= jinja2.meta.find_undeclared_variables(tree)
        links |= {_shown(f.node) for f in tree.find_all(nodes.Filter) if f.name == "url"}
        included |= {ref for ref in jinja2.meta.find_referenced_templates(tree) if ref is not None}
    return names, links, included


def test_materials_navigation_reads_and_links_what_once_keys_it_by() -> None:
    """once.py renders the navigation and tabs once per key: the key must hold all they read from a page."""
    import jinja2.meta
    from jinja2 import nodes

    from asn_portal.engines.mkdocs import _internals

    env, _ = _material_templates()
    names, links, included = _read_by(env, _internals.MATERIAL_NAV_TEMPLATES)
    assert included <= {*_internals.MATERIAL_NAV_TEMPLATES, "partials/toc.html", "partials/languages/en.html"}
    assert names == _internals.NAV_CONTEXT_NAMES | _internals.NAV_UNSET_NAMES
    assert links == _internals.NAV_LINKS
    # the language files are imported without the page's context: lang.t(key) is the same on every page
    language = env.parse(env.loader.get_source(env, "partials/language.html")[0])  # type: ignore[attr-defined]
    assert [i.with_context for i in language.find_all(nodes.Import)] == [False, False]
    assert jinja2.meta.find_undeclared_variables(language) == {"config"}


def test_materials_silenced_search_strips_its_attributes_from_the_pages_that_have_them() -> None:
    """search.py switches Material's indexer off; its page handler still strips ``data-search-*`` attributes,
    now only where a page has one, and stays Material's plugin's own (parallel.py tells plugins apart by it)."""
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.plugins import PluginCollection

    from asn_portal.engines.mkdocs import _internals

    search = SearchPlugin()
    search.load_config({})
    search.search_index = SimpleNamespace()
    plugins = PluginCollection()
    plugins["material/search"] = search
    _internals.silence_material_indexer(search, plugins)
    [handler] = plugins.events["page_context"]
    assert getattr(handler, "__self__", None) is search
    marked = SimpleNamespace(content='<p data-search-exclude="">a</p><h2 data-search-boost="2">b</h2>')
    plain = SimpleNamespace(content="<p>a</p>")
    for page in (marked, plain, SimpleNamespace(content=None)):
        assert plugins.on_page_context({}, page=page, config=None, nav=None) == {}
    assert (marked.content, plain.content) == ('<p data-search-exclude="">a</p><h2>b</h2>', "<p>a</p>")
    assert search.search_index.add_entry_from_context(marked) is None


def test_our_headers_parts_read_and_link_what_once_keys_them_by() -> None:
    """once.py renders our header's parts around the page title once per key, as the navigation."""
    from mkdocs.theme import Theme

    from asn_portal.engines.mkdocs import _internals, editlinks

    theme = Theme(name="material")
    theme.dirs.insert(0, editlinks.THEME_DIR)
    names, links, included = _read_by(theme.get_env(), _internals.HEADER_TEMPLATES)
    assert {ref for ref in included if not ref.startswith(".icons/")} <= {*_internals.HEADER_TEMPLATES,
                                                                         "partials/tabs.html"}
    assert names <= _internals.NAV_CONTEXT_NAMES | _internals.NAV_UNSET_NAMES | {"asn_once"}
    assert links == _internals.HEADER_LINKS
