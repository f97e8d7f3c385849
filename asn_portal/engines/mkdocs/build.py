"""Run MkDocs builds for the CLI (and the bundle) with clean messages instead of tracebacks."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class SiteError(Exception):
    """A build failed; the message is ready for a person to read."""


def load(config_file: Path, **overrides: Any) -> MkDocsConfig:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        return load_config(str(config_file), **overrides)
    except ConfigurationError as exc:
        raise SiteError(f"Konfigurasi {config_file.name} tidak valid:\n{exc}") from exc


def build_site(config_file: Path, *, strict: bool = False, **overrides: Any) -> Path:
    """Build into ``site_dir`` (or the override); content errors raise SiteError before writing."""
    config = load(config_file, strict=strict, **overrides)
    run_build(config)
    return Path(config.site_dir)


def build_offline(config_file: Path, site_dir: Path, chosen: tuple[tuple[str, str], ...] = ()) -> None:
    """Build for file:// into ``site_dir``: the plugin's typed ``offline`` option, and ``subset`` when
    only ``chosen`` (kind, slug) entries and what they link belong in the kit."""
    config = load(config_file, site_dir=str(site_dir))
    plugin = config.plugins.get("asn-portal")
    if plugin is None:
        raise SiteError(f"plugin 'asn-portal' tidak aktif di {config_file.name}. Tambahkan '- asn-portal' "
                        "di bagian plugins.")
    plugin.config["offline"] = True
    plugin.config["subset"] = [f"{kind}:{slug}" for kind, slug in chosen]
    run_build(config)


def run_build(config: MkDocsConfig) -> None:
    """Build a loaded config; MkDocs errors become one SiteError with the real message."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    errors = _ErrorCollector()
    logger = logging.getLogger("mkdocs")
    _show_warnings(logger)
    logger.addHandler(errors)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as exc:
        # MkDocs logs the real error and raises a generic Abort: give the person the real one.
        cause = exc.__context__
        message = str(cause) if isinstance(cause, MkDocsException) else "\n".join(errors.messages) or str(exc)
        raise SiteError(message) from exc
    except MkDocsException as exc:
        raise SiteError(str(exc)) from exc
    finally:
        logger.removeHandler(errors)


def serve_site(config_file: Path, *, dev_addr: str | None = None) -> None:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, MkDocsException

    logger = logging.getLogger("mkdocs")
    _show_warnings(logger)
    logger.addHandler(_ServeErrors())  # during serve a failed rebuild is reported, the server stays up
    address = dev_addr or "127.0.0.1:8000"
    print(f"Pratinjau: http://{address}/ (dimuat ulang otomatis saat content/ atau materials/ berubah; "
          "Ctrl+C untuk berhenti)", flush=True)
    try:
        serve(str(config_file), dev_addr=dev_addr, livereload=True, open_in_browser=False)
    except (MkDocsException, Abort) as exc:
        raise SiteError(str(exc)) from exc


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _ServeErrors(logging.StreamHandler):  # type: ignore[type-arg]
    def __init__(self) -> None:
        super().__init__()
        self.setLevel(logging.ERROR)
        self.setFormatter(logging.Formatter("GALAT - %(message)s"))


class _WarningsOnly(logging.Filter):
    """Errors reach the person once, through SiteError; warnings are shown as they come."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno == logging.WARNING


def _show_warnings(logger: logging.Logger) -> None:
    """MkDocs' warnings, and the plugin's own notices (logger "asn_portal", which ``--strict`` does not count)."""
    for each in (logger, logging.getLogger("asn_portal")):
        if not any(getattr(h, "asn_portal", False) for h in each.handlers):
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("PERINGATAN - %(message)s"))
            handler.addFilter(_WarningsOnly())
            handler.asn_portal = True  # type: ignore[attr-defined]
            each.addHandler(handler)
        each.setLevel(logging.WARNING)
