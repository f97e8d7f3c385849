"""Do once what is the same on every page (issue 27): Material's site navigation, tabs, our header around
the page title and language strings rendered once per build, and the theme's templates compiled once per
installed version.

Most pages of a portal (courses, articles: MkDocs' ``NOT_IN_NAV``) are no item of the navigation, yet
Material prints the whole navigation and the tabs on each. For such a page the two partials write the same
HTML on every page whose links come out the same, so each is rendered once per *key* and reused:

- the page: nothing in the navigation is active and no item equals the page (checked on every page, not
  assumed from ``NOT_IN_NAV``), so the templates take the same branches whatever the page; a page in the
  navigation is rendered as Material does;
- relative links: MkDocs' ``url`` filter writes each address relative to the page's URL. The key holds
  the filter's own result (``normalize_url``) for every address the partials can link to (the nav's
  items, the home page, the logo: ``_internals.NAV_LINKS``, checked against Material's templates), so two
  pages share HTML exactly when every link is written the same;
- everything else the partials read (``_internals.NAV_CONTEXT_NAMES``): ``features`` is in the key,
  ``config`` and ``nav`` by identity, ``lang`` prints config-only strings (below); the names Material's
  macros read from the page's context when a branch did not set them (``_internals.NAV_UNSET_NAMES``) must
  be unset there, or the environment's own global.

The wrappers (a ``{% call %}`` around Material's own template, reached under ``material-original/``) are
put in front of the theme's loader only where the name still resolves to Material's file: a site's
custom_dir that overrides a partial, or one the navigation includes (items, logo, icons, language), keeps
its own, rendered on every page; so does every page of a site where another plugin or a hook handles each
page while it is rendered (``_pages_seen_by_others``). ``ASN_PORTAL_THEME_CACHE=0`` leaves the environment
as MkDocs made it (tests/build/test_once.py compares both sites byte for byte).

Our own header partial (theme/partials/header.html) prints the page's title between two parts that are
the same on such pages: the logo and menu button before it, the colour schemes, languages, plan link,
search box and repository after it. It puts them through the same cache (``asn_once.header``) when every
partial they include is Material's or ours (``_internals.HEADER_TEMPLATES``); the languages' links are in
the key too (``links``). Each part asks the key of the same page: the last one is kept (``links_key``).

Language strings: ``lang.t(key)`` depends on the key and ``config`` only (Material's language.html reads
nothing else and imports the language files without context), so each key is rendered once per build.

The render cache lives on the build's environment (new in every ``on_env``; `serve`'s partial rebuilds
empty it: rebuild.py); forked workers inherit it.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import stat
import sys
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
import jinja2.bccache
import mkdocs
from jinja2.utils import missing
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_theme_dir, normalize_url

import asn_portal
from asn_portal.engines.mkdocs import _internals, editlinks, parallel

SWITCH = "ASN_PORTAL_THEME_CACHE"  # "0": the theme renders every page in full, compiled templates in memory only
ORIGINAL = "material-original"  # Material's own templates, whatever overrides them
GLOBAL = "asn_once"
WRAPPERS = {
    "partials/nav.html": '{%- call asn_once("nav") -%}{%- include "material-original/partials/nav.html" -%}'
                         '{%- endcall -%}',
    "partials/tabs.html": '{%- call asn_once("tabs") -%}{%- include "material-original/partials/tabs.html" -%}'
                          '{%- endcall -%}',
}
LANGUAGE = "partials/language.html"
LANGUAGE_WRAPPER = "{%- macro t(key) -%}{{ asn_once.t(key) }}{%- endmacro -%}"

Key = tuple[Any, ...]


def enabled() -> bool:
    return os.environ.get(SWITCH, "1") != "0"


def install(env: jinja2.Environment, config: MkDocsConfig) -> None:
    """The build's environment gets compiled templates from the cache and, unless switched off, the
    wrappers that render the navigation, tabs and language strings once."""
    if env.bytecode_cache is None:
        env.bytecode_cache = theme_bytecode()
    material = _material_dir(config)
    if not enabled() or material is None or env.loader is None or _pages_seen_by_others(config):
        return
    once = Once(env, config)
    wrapped = {LANGUAGE: LANGUAGE_WRAPPER} if _is_material(env, LANGUAGE, material) else {}
    if LANGUAGE in wrapped and _navigation_is_materials(env, config, material):
        wrapped |= {name: source for name, source in WRAPPERS.items() if _is_material(env, name, material)}
        once.header = all(_is_theirs_or_ours(env, name, material) for name in _internals.HEADER_TEMPLATES)
    if not wrapped:
        return
    prefixed = jinja2.PrefixLoader({ORIGINAL: jinja2.FileSystemLoader(material)})
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(wrapped), env.loader, prefixed])
    env.globals[GLOBAL] = once


def forget(env: jinja2.Environment) -> None:
    """`serve` writes a save's pages with the last full build's environment: nothing rendered before is kept."""
    once = env.globals.get(GLOBAL)
    if isinstance(once, Once):
        once.clear()


class Once:
    """One build's rendered navigation and tabs (by key) and language strings (by key of the string)."""

    def __init__(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        self.env = env
        self.config = config
        self.html: dict[Key, str] = {}
        self.strings: dict[str, str] = {}
        self.kept: dict[int, object] = {}  # what a key names by id() stays alive, so no id is reused
        self.language: Any = None
        # our header partial's parts around the page title go through here too (its includes are ours)
        self.header = False
        self.last: tuple[Any, Any, Key | None] | None = None  # the page and navigation last keyed, and the key

    def clear(self) -> None:
        self.html.clear()
        self.strings.clear()
        self.kept.clear()
        self.last = None

    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, part: str, caller: Callable[[], str]) -> str:
        key = self.key(context)
        if key is None:
            return caller()
        html = self.html.get((part, *key))
        if html is None:
            html = self.html[(part, *key)] = caller()
        return html

    def key(self, context: jinja2.runtime.Context) -> Key | None:
        """What the navigation, tabs and header parts of this page's context depend on, or None: render in full."""
        page, nav, config = (context.get(name) for name in ("page", "nav", "config"))
        features = context.get("features")
        if page is None or nav is None or config is not self.config or not _strings(features):
            return None
        if any(_set_by_page(context, name) for name in _internals.NAV_UNSET_NAMES):
            return None
        links = self.links_key(context.environment, nav, page)
        return None if links is None else (*links, tuple(features))

    def links_key(self, env: jinja2.Environment, nav: Any, page: Any) -> Key | None:
        """The navigation and its links as written on this page; each part of a page asks the same, so the
        last page's answer is kept (``clear`` forgets it: `serve` renders a page again after a save)."""
        last = self.last
        if last is not None and last[0] is page and last[1] is nav:
            return last[2]
        links = self.links(env, nav, page)
        key = None if links is None else (id(nav), tuple(normalize_url(link, page=page) for link in links))
        self.kept[id(nav)] = nav
        self.last = (page, nav, key)
        return key

    def links(self, env: jinja2.Environment, nav: Any, page: Any) -> list[str] | None:
        """Every address the partials may pass to ``url`` (more is harmless: it only splits keys), or
        None when the page is in the navigation or an item is active."""
        extra, theme = env.getattr(self.config, "extra"), env.getattr(self.config, "theme")
        homepage = getattr(nav, "homepage", None)
        links = [str(env.getattr(extra, "homepage")), str(env.getattr(theme, "logo")),
                 str(homepage.url) if homepage is not None else ""]
        alternates = env.getattr(extra, "alternate")  # the header's language choices (partials/alternate.html)
        if isinstance(alternates, (list, tuple)):  # (a tuple: mkdocs.yml's !!python/tuple, or a hook)
            links += [str(env.getattr(alternate, "link")) for alternate in alternates]
        for item in _items(getattr(nav, "items", [])):
            # `nav_item == page`, `page in nav_item.pages` and `active` are what the templates ask of the page
            if getattr(item, "active", False) or item == page or page == item or getattr(item, "pages", None):
                return None
            url = getattr(item, "url", None)
            if url is not None:
                links.append(str(url))
        return links

    def t(self, key: Any) -> Any:
        """Material's ``lang.t(key)``: its own macro, called once per key (language.html reads only config)."""
        if not isinstance(key, str):
            return self._language().t(key)
        text = self.strings.get(key)
        if text is None:
            text = self.strings[key] = self._language().t(key)
        return text

    def _language(self) -> Any:
        if self.language is None:  # Material's language.html as base.html imports it (it reads only config)
            template = self.env.get_template(f"{ORIGINAL}/{LANGUAGE}")
            self.language = template.make_module({"config": self.config})
        return self.language


def _set_by_page(context: jinja2.runtime.Context, name: str) -> bool:
    """Whether the page's context gives ``name`` a value (the environment's own globals, the same on
    every page, do not count: MkDocs' gettext ``_``)."""
    value = context.resolve_or_missing(name)
    return value is not missing and value is not context.environment.globals.get(name, missing)


def _items(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or [])


def _strings(value: object) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)


def _material_dir(config: MkDocsConfig) -> str | None:
    if config.theme.name != "material":
        return None
    return os.path.realpath(get_theme_dir("material"))


def _is_material(env: jinja2.Environment, name: str, material: str) -> bool:
    """Whether the environment's loader finds Material's own file for ``name`` (no override wins)."""
    assert env.loader is not None
    try:
        _, filename, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return False
    return filename is not None and os.path.realpath(filename).startswith(material + os.sep)


def _pages_seen_by_others(config: MkDocsConfig) -> bool:
    """Whether another plugin or a hook handles each page while it is rendered: it may change what the theme
    prints from one page to the next (``config``, the navigation), which a key cannot see, so every page is
    rendered in full, as parallel.py renders them in one process. (Material's search, its indexer on or off,
    changes nothing the theme prints.)"""
    return bool(parallel.gathering_plugins(config, search_is_ours=True))


def _is_theirs_or_ours(env: jinja2.Environment, name: str, material: str) -> bool:
    return _is_material(env, name, material) or _is_material(env, name, editlinks.THEME_DIR)


def _navigation_is_materials(env: jinja2.Environment, config: MkDocsConfig, material: str) -> bool:
    """Every template the navigation and tabs render is Material's, and no theme folder in front of
    Material's has icons of its own (the items' and logo's icons are templates too)."""
    if not all(_is_material(env, name, material) for name in _internals.MATERIAL_NAV_TEMPLATES):
        return False
    for folder in config.theme.dirs:
        if os.path.realpath(folder) == material:
            return True
        if folder != editlinks.THEME_DIR and os.path.isdir(os.path.join(folder, ".icons")):
            return False
    return False


# -- compiled templates ------------------------------------------------------------------------------------

class ThemeBytecode(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in memory for the process and, when ``directory`` is set, on disk for the
    next one. Jinja's key is the template's name and source checksum (an edited template is compiled
    again); the folder's name holds the versions that make the code (``cache_folder``). Jinja writes each
    file beside and renames it into place, so two builds at once never read half a file; a file it cannot
    read (cut short, another version) is compiled again."""

    def __init__(self, directory: str | None) -> None:
        super().__init__(directory or "", "%s.jinja")
        self.on_disk = directory is not None
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self.on_disk:
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
        if self.on_disk:
            with contextlib.suppress(OSError):  # a full or read-only disk: this process still has it in memory
                super().dump_bytecode(bucket)


_BYTECODE: dict[str | None, ThemeBytecode] = {}


def theme_bytecode() -> ThemeBytecode:
    """The process's cache of compiled templates, on disk in the user's cache folder when it can be."""
    folder = cache_folder() if enabled() else None
    if folder not in _BYTECODE:
        _BYTECODE[folder] = ThemeBytecode(folder)
    return _BYTECODE[folder]


def cache_folder(environ: dict[str, str] | None = None) -> str | None:
    """``$XDG_CACHE_HOME/asn-portal/jinja/<versions>`` (else ``~/.cache``), created for this user alone;
    None when it cannot be (memory only)."""
    environ = dict(os.environ) if environ is None else environ
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # relative would be inside whatever folder the build runs in
        return None
    versions = (f"jinja{jinja2.__version__}-{sys.implementation.cache_tag}-material{_version('mkdocs-material')}"
                f"-mkdocs{getattr(mkdocs, '__version__', _version('mkdocs'))}-asn{asn_portal.__version__}")
    folder = os.path.join(base, "asn-portal", "jinja", versions)
    try:
        os.makedirs(folder, mode=stat.S_IRWXU, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    # Compiled code is run as it is read: only from a folder that is this user's and no one else may write.
    others = hasattr(os, "getuid") and info.st_uid != os.getuid()
    if not stat.S_ISDIR(info.st_mode) or others or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "0"
