"""The engine's files of what the site assembly made: pages as empty sources, generated texts, copies."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from asn_portal.site.assembly import SiteParts
from asn_portal.site.nav import NavItem

log = get_plugin_logger(__name__)


def part_file(parts: SiteParts, config: MkDocsConfig, path: str) -> File:
    """The engine's file of one generated file of the site: copied, verbatim or a text MkDocs may take
    as a page."""
    if path in parts.copies:
        return CopiedFile.generated(config, path, abs_src_path=parts.copies[path])
    if path in parts.verbatim:
        return CopiedFile.generated(config, path, content=parts.texts[path])
    return File.generated(config, path, content=parts.texts[path])


class CopiedFile(File):
    """Copied as it is, even a ``.md`` or ``.html`` file (materials, redirects): never a page."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


def mkdocs_nav(items: list[NavItem]) -> list[str | dict[str, str]]:
    """The site's navigation (site/nav.py) as mkdocs.yml writes it."""
    return [src if title is None else {title: src} for title, src in items]


def theme_paths_taken(files: Files, config: MkDocsConfig) -> None:
    """A file in docs_dir at the path of a theme file silently replaces it (MkDocs prefers docs_dir):
    a contributed ``assets/javascripts/bundle.*.js`` would run on every page."""
    docs_dir = os.path.abspath(config.docs_dir)
    for file in files:
        src = file.abs_src_path
        inside = src is not None and os.path.abspath(src).startswith(docs_dir + os.sep)
        if inside and any(os.path.isfile(os.path.join(d, file.src_uri)) for d in config.theme.dirs
                          if os.path.abspath(d) != docs_dir):
            raise PluginError(f"{file.src_uri}: berkas di {os.path.basename(docs_dir)}/ memakai path berkas tema "
                              "dan akan menggantikannya. Pindahkan atau ganti namanya.")


def replace(files: Files, file: File, quiet: bool = False) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        if not quiet:  # a theme file we replace on purpose (Material's search worker) is no surprise
            log.warning(f"{file.src_uri}: berkas di docs_dir diganti oleh halaman yang dibuat asn-portal.")
        files.remove(existing)
    files.append(file)
