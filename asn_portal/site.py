"""Run MkDocs builds for the CLI (and the bundle) with clean messages instead of tracebacks."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .offline import Offline

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class SiteError(Exception):
    """A build failed; the message is ready for a person to read."""


def load(config_file: Path, **overrides: Any) -> Any:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        return load_config(str(config_file), **overrides)
    except ConfigurationError as exc:
        raise SiteError(f"Konfigurasi {config_file.name} tidak valid:\n{exc}") from exc


def build_site(config_file: Path, *, strict: bool = False, **overrides: Any) -> Path:
    """Build into ``site_dir`` (or the override); content errors raise SiteError before writing."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    _quiet_mkdocs()
    config = load(config_file, strict=strict, **overrides)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, Abort) as exc:
        raise SiteError(str(exc)) from exc
    return Path(config.site_dir)


def build_offline(config_file: Path, site_dir: Path, offline: Offline) -> None:
    """Build for file:// into ``site_dir`` with the portal plugin in offline mode."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    _quiet_mkdocs()
    config = load(config_file, site_dir=str(site_dir))
    plugin = config.plugins.get("asn-portal")
    if plugin is None:
        raise SiteError(f"plugin 'asn-portal' tidak aktif di {config_file.name}. Tambahkan '- asn-portal' "
                        "di bagian plugins.")
    plugin.offline = offline
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, Abort) as exc:
        raise SiteError(str(exc)) from exc


def serve_site(config_file: Path, *, dev_addr: str | None = None) -> None:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        serve(str(config_file), dev_addr=dev_addr, livereload=True, open_in_browser=False)
    except (MkDocsException, Abort) as exc:
        raise SiteError(str(exc)) from exc


def _quiet_mkdocs() -> None:
    """Show MkDocs' warnings and errors as in `mkdocs build`, without its INFO chatter."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
