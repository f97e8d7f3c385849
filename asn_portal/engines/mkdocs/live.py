"""`asn-portal serve` on MkDocs: the first build in full, then after each save only what changed.

The core decides what a save changed: ``FileChecks`` checks again only the files whose bytes (or the
resolver's answers to them) changed, ``RenderMemo`` renders again only the entries that changed and
their neighbours, and the listing, home, plan and contributors pages and the generated files are
compared with the last build's. Only the pages whose core output differs go through MkDocs' own page
machinery again (``_populate_page`` and ``_build_page``, the functions a full build runs, so the bytes
are those of a full build), then search's shards that changed and, when pages came or went, the
sitemap. What the incremental path cannot follow (mkdocs.yml, hand-written pages, the theme, a title
in the navigation) is a full build. A save with errors leaves the last good site as it is; the
located messages go to the terminal and, as a banner, onto every page served (``preview.py``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_build_date

from asn_portal.content.filechecks import FileChecks, Signature, files_state
from asn_portal.content.validate import check_project
from asn_portal.engines.mkdocs.build import SiteError, load, run_build
from asn_portal.engines.mkdocs.rebuild import FullBuildNeededError, write_changes
from asn_portal.model.project import ProjectNotFoundError, load_project
from asn_portal.render.banner import error_banner
from asn_portal.render.memo import RenderMemo

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from asn_portal.engines.mkdocs.plugin import PortalPlugin


@dataclass
class Outcome:
    """What one build or rebuild did."""

    errors: list[str] = field(default_factory=list)  # located problems; the site stayed as it was
    full: bool = False  # a full build (the first, or a change the incremental path does not follow)
    pages: int = 0  # pages written again
    changed: int = 0  # files that changed since the last good build
    seconds: float = 0.0


class LiveSite:
    """One project previewed into ``site_dir``, as `serve` builds it (drafts shown)."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str | None = None) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.config: MkDocsConfig | None = None
        self.plugin: PortalPlugin | None = None
        self.state: dict[str, Signature | None] = {}
        self.errors: list[str] = []
        self.checks = FileChecks()
        self.memo = RenderMemo()
        self._config_signature: object = None
        self._day = ""  # the day of the last full build
        self._stale = True  # the next rebuild must be full: no good build yet, or one broke off midway
        self._plugins: dict[str, dict[str, object]] = {}
        self._rest: Callable[[], None] | None = None  # search's shards, when a rebuild was told not to finish

    def banner(self) -> str | None:
        return error_banner(self.errors) if self.errors else None

    def watched(self) -> list[Path]:
        """What a change to calls for a rebuild: mkdocs.yml, the content, materials and pages folders and
        the site's theme overrides (read from mkdocs.yml itself before the first build, so a save made
        while it runs is seen)."""
        places = [self.config_file]
        project = self.plugin.project if self.plugin is not None else None
        if project is None:
            try:
                project = load_project(self.config_file.parent, str(self.config_file))[0]
            except (ProjectNotFoundError, OSError, ValueError):
                project = None
        if project is not None:
            places += [project.content_dir, project.materials_dir, project.pages_dir]
        if self.config is not None and self.config.theme.custom_dir:
            places.append(Path(self.config.theme.custom_dir))
        return places

    # -- builds --------------------------------------------------------------------------------
    def build(self) -> Outcome:
        """A full build, keeping each file's check and the rendered entries for the saves that follow."""
        start = time.perf_counter()
        state = files_state(*self.watched())  # before: a save during the build is a change after it
        outcome = self._full()
        if not outcome.errors:
            self.state = state
        return self._done(outcome, start)

    def rebuild(self, finish: bool = True) -> Outcome:
        """After files changed on disk: only what they change, or a full build when needed. ``finish``
        False leaves search's shards to ``finish()``, so a server can show the pages first."""
        start = time.perf_counter()
        now = files_state(*self.watched())
        changed = {path for path in now.keys() | self.state.keys() if now.get(path) != self.state.get(path)}
        if not self._matters(changed) and not self._stale and not self.errors:
            return self._done(Outcome(), start)  # an editor's swap or backup file: nothing reads it
        outcome = self._attempt(changed)
        if not outcome.errors:
            self.state = now
        outcome.changed = len(changed)
        if finish:
            outcome.errors = outcome.errors or self.finish()
        return self._done(outcome, start)

    def finish(self) -> list[str]:
        """What the last rebuild left: search's shards. A failure is the banner (returned), never raised."""
        rest, self._rest = self._rest, None
        try:
            if rest is not None:
                rest()
        except Exception as exc:  # the server must keep answering whatever went wrong
            return self.fail(exc)
        return []

    def fail(self, error: Exception) -> list[str]:
        """A failure no check foresaw: its message is the banner, and the next rebuild is full."""
        self._stale = True
        self.errors = _failure(error)
        return self.errors

    def _attempt(self, changed: set[str]) -> Outcome:
        """The rebuild a change calls for; any failure becomes its message (and the banner), and the next
        rebuild is full."""
        try:
            # MkDocs dates every page with the build's day (the sitemap's lastmod): a new day is a full build
            if (self._stale or self.plugin is None or get_build_date() != self._day
                    or not self._incremental_can_follow(changed)):
                return self._full()
            try:
                return self._incremental(changed)
            except FullBuildNeededError:
                return self._full()
        except Exception as exc:  # the server must keep answering whatever went wrong
            self._stale = True
            return Outcome(_failure(exc))

    def _done(self, outcome: Outcome, start: float) -> Outcome:
        self.errors = outcome.errors
        outcome.seconds = time.perf_counter() - start
        return outcome

    def _matters(self, changed: set[str]) -> bool:
        """Anything but editors' own files (``.name.swp``, ``.#name``, ``name~``) outside materials/ (where a
        file is published whatever its name, if a page links it)."""
        if self.plugin is None or self.plugin.project is None:
            return bool(changed)
        materials = str(self.plugin.project.materials_dir) + os.sep
        return any(path.startswith(materials) or (not os.path.basename(path).startswith(".")
                   and not path.endswith("~")) for path in changed)

    def _incremental_can_follow(self, changed: set[str]) -> bool:
        """Everything under the content and materials folders but the pages folder: ``check_project`` reads
        again whatever the catalog is made of (files, names, folders, links)."""
        assert self.plugin is not None and self.plugin.project is not None
        project = self.plugin.project
        inside = (str(project.content_dir) + os.sep, str(project.materials_dir) + os.sep)
        pages = str(project.pages_dir) + os.sep
        return all(path.startswith(inside) and not path.startswith(pages) for path in changed)

    def _full(self) -> Outcome:
        from mkdocs.exceptions import MkDocsException

        try:
            config = load(self.config_file, site_dir=str(self.site_dir))
        except SiteError as exc:
            self._stale = True
            return Outcome(_lines(exc), full=True)
        if self.serve_url:
            config.site_url = self.serve_url  # as `mkdocs serve` does: instant navigation on this address
        plugin = config.plugins.get("asn-portal")
        if plugin is None:
            return Outcome([f"plugin 'asn-portal' tidak aktif di {self.config_file.name}."], full=True)
        signature = files_state(self.config_file)
        if signature != self._config_signature:  # other options: what was kept may not hold any more
            self.checks, self.memo = FileChecks(), RenderMemo()
        plugin.checks, plugin.memo = self.checks, self.memo
        plugin.checked = None  # MkDocs keeps the plugin: not the last build's check
        try:
            run_build(config, serving=True, serve_url=self.serve_url)
        except Exception as exc:  # a build that breaks off is a message, whatever broke it
            self._stale = True
            checked = plugin.checked
            if checked is not None and checked.problems.errors:  # located, as an incremental check gives them
                return Outcome([p.format() for p in checked.problems.errors], full=True)
            return Outcome(_lines(exc) if isinstance(exc, (SiteError, MkDocsException)) else _failure(exc), full=True)
        self.config, self.plugin, self._stale, self._day = config, plugin, False, get_build_date()
        self._config_signature = signature
        self._keep_plugins()
        return Outcome(full=True, pages=len(plugin.parts.pages))

    def _incremental(self, changed: set[str]) -> Outcome:
        plugin, config = self.plugin, self.config
        assert plugin is not None and config is not None
        self._lend_plugins()
        assert plugin.project is not None
        checked = check_project(plugin.project, self.checks)
        if checked.problems.errors:
            return Outcome([p.format() for p in checked.problems.errors])
        plugin.checked, plugin.catalog = checked, checked.catalog  # serve shows drafts
        old = plugin.parts
        try:
            parts = plugin.site_parts(config)
        except PluginError as exc:  # a hand-written page's links refused against the new catalog
            return Outcome(_lines(exc))
        written, self._rest = write_changes(plugin, config, old, parts, changed, self.site_dir, self.serve_url)
        self._keep_plugins()
        return Outcome(pages=written)

    # MkDocs keeps one instance of a plugin that has start-up events for the whole process, and every build
    # gives it new state: another site built in this process (a test's clean build) would take this one's.
    # So what the plugins hold after this site's build is kept here and lent back before each rebuild.
    def _keep_plugins(self) -> None:
        assert self.config is not None
        self._plugins = {name: dict(vars(each)) for name, each in self.config.plugins.items()}

    def _lend_plugins(self) -> None:
        assert self.config is not None and self.plugin is not None
        for name, each in self.config.plugins.items():
            vars(each).update(self._plugins.get(name, {}))
        self.plugin.checks, self.plugin.memo = self.checks, self.memo


def _failure(error: Exception) -> list[str]:
    """A failure no check foresaw, in words (no traceback): the last good site stays until a save mends it."""
    return [f"pratinjau gagal diperbarui ({type(error).__name__}: {error}). Halaman yang tampil adalah hasil "
            "terakhir yang berhasil; jalankan 'asn-portal check' untuk lokasi masalahnya, perbaiki, lalu simpan lagi."]


def _lines(error: Exception) -> list[str]:
    """An error's message as the lines a person reads (terminal and banner alike)."""
    return [line for line in str(error).splitlines() if line.strip()]


__all__ = ["LiveSite", "Outcome"]
