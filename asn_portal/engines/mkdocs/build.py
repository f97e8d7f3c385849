"""Run MkDocs builds for the CLI (and the bundle) with clean messages instead of tracebacks."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from asn_portal.model.problems import Problem

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class SiteError(Exception):
    """A build failed; the message is ready for a person to read."""


def load(config_file: Path, **overrides: Any) -> MkDocsConfig:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    errors = _ErrorCollector()  # MkDocs logs what is wrong with a setting, then raises a bare Abort
    logger = logging.getLogger("mkdocs")
    logger.addHandler(errors)
    try:
        return load_config(str(config_file), **overrides)
    except ConfigurationError as exc:
        raise SiteError(f"Konfigurasi {config_file.name} tidak valid:\n{exc}") from exc
    except MkDocsException as exc:
        found = "\n".join(errors.messages) or str(exc)
        raise SiteError(f"Konfigurasi {config_file.name} tidak valid:\n{found}") from exc
    finally:
        logger.removeHandler(errors)


def build_site(config_file: Path, *, strict: bool = False, **overrides: Any) -> Path:
    """Build into ``site_dir`` (or the override); content errors raise SiteError before writing."""
    return Path(build_config(config_file, strict=strict, **overrides).site_dir)


def build_config(config_file: Path, *, strict: bool = False, jobs: int | None = None,
                 **overrides: Any) -> MkDocsConfig:
    """``build_site``, returning the built config. ``jobs``: processes the build may use (the plugin's
    ``jobs``; None: as mkdocs.yml says, by default every CPU)."""
    config = load(config_file, strict=strict, **overrides)
    plugin = config.plugins.get("asn-portal")
    if jobs is not None and plugin is not None:
        plugin.config["jobs"] = jobs
    run_build(config)
    return config


def processes_used(config: MkDocsConfig) -> int:
    """How many processes rendered the pages of the build of ``config`` (1 without the plugin)."""
    plugin = config.plugins.get("asn-portal")
    return int(getattr(plugin, "page_jobs", 1))


def build_offline(config_file: Path, site_dir: Path, chosen: tuple[tuple[str, str], ...] = ()) -> list[Problem]:
    """Build for file:// into ``site_dir``: the plugin's typed ``offline`` option, and ``subset`` when
    only ``chosen`` (kind, slug) entries and what they link belong in the kit. Returns the check's warnings."""
    config = load(config_file, site_dir=str(site_dir))
    plugin = config.plugins.get("asn-portal")
    if plugin is None:
        raise SiteError(f"plugin 'asn-portal' tidak aktif di {config_file.name}. Tambahkan '- asn-portal' "
                        "di bagian plugins.")
    plugin.config["offline"] = True
    plugin.config["subset"] = [f"{kind}:{slug}" for kind, slug in chosen]
    run_build(config)
    return plugin.checked.problems.warnings if plugin.checked is not None else []


def run_build(config: MkDocsConfig, *, serving: bool = False, serve_url: str | None = None) -> None:
    """Build a loaded config; MkDocs errors become one SiteError with the real message. ``serving``: as
    `serve` builds (drafts shown), ``serve_url`` the address it serves at."""
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    errors = _ErrorCollector()
    logger = logging.getLogger("mkdocs")
    show_warnings()
    logger.addHandler(errors)
    try:
        config.plugins.on_startup(command="serve" if serving else "build", dirty=False)
        try:
            build(config, serve_url=serve_url)
        finally:
            config.plugins.on_shutdown()
    except Abort as exc:
        # MkDocs logs the real error and raises a generic Abort: give the person the real one.
        cause = exc.__context__
        message = str(cause) if isinstance(cause, MkDocsException) else "\n".join(errors.messages) or str(exc)
        raise SiteError(message) from exc
    except MkDocsException as exc:
        raise SiteError(str(exc)) from exc
    except TemplateError as exc:  # a site's own template failed on a page (TemplateNotFound is an OSError too)
        raise SiteError(_page_error(errors.messages, exc)) from exc
    except OSError as exc:  # two published paths that cannot both be (a file where a folder must go...)
        where = f" ({exc.filename})" if exc.filename else ""
        raise SiteError(f"situs tidak dapat ditulis: {exc.strerror or exc}{where}. Jalankan 'asn-portal check'; bila "
                        "tidak ada galat, laporkan masalah ini ke pengelola portal beserta pesannya.") from exc
    finally:
        logger.removeHandler(errors)


_BUILDING_PAGE = re.compile(r"Error building page '(.+?)':\s*(.*)", re.S)


def _page_error(messages: list[str], error: Exception) -> str:
    """The page MkDocs was building when ``error`` happened (from its own log record), in Indonesian."""
    for message in reversed(messages):
        found = _BUILDING_PAGE.match(message)
        if found:
            return f"halaman {found[1]} tidak dapat dibangun: {found[2] or error}"
    return f"halaman tidak dapat dibangun: {error}"


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _WarningsOnly(logging.Filter):
    """Errors reach the person once, through SiteError; warnings are shown as they come."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno == logging.WARNING


def show_warnings() -> None:
    """MkDocs' warnings, and the plugin's own notices (logger "asn_portal", which ``--strict`` does not count)."""
    for each in (logging.getLogger("mkdocs"), logging.getLogger("asn_portal")):
        if not any(getattr(h, "asn_portal", False) for h in each.handlers):
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("PERINGATAN - %(message)s"))
            handler.addFilter(_WarningsOnly())
            handler.asn_portal = True  # type: ignore[attr-defined]
            each.addHandler(handler)
        each.setLevel(logging.WARNING)
