"""The `asn-portal serve` server: MkDocs' live-reload server around a ``LiveSite``.

MkDocs' server brings the browser reload (a page long-polls for the site's version) and serves the
built folder; here it watches with the operating system's file events instead of polling every
0.5 s, rebuilds through ``LiveSite.rebuild`` (only what a save changed), and while the last save had
errors adds the banner to every HTML page it sends.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.livereload import LiveReloadServer

from asn_portal.engines.mkdocs import _internals
from asn_portal.engines.mkdocs.build import SiteError, load, show_warnings
from asn_portal.engines.mkdocs.live import LiveSite, Outcome
from asn_portal.render.banner import error_banner, with_banner

DEFAULT_ADDRESS = "127.0.0.1:8000"
_WRITES = {"created", "modified", "deleted", "moved", "closed"}  # "closed": after writing; reads are not here


class PreviewServer(LiveReloadServer):
    def __init__(self, live: LiveSite, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.live = live
        try:  # native file events (inotify...): a save is seen at once, not at the next poll
            from watchdog.observers import Observer

            self.observer = Observer()  # type: ignore[assignment]
        except ImportError:  # pragma: no cover - MkDocs' polling observer stays
            pass
        self.error_handler = self._error_page

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """As MkDocs' ``watch``, but only writes count: native events also report every file the rebuild
        itself opens and reads, which would start the next rebuild, and so on forever."""
        import watchdog.events

        def changed(event: watchdog.events.FileSystemEvent) -> None:
            if event.is_directory or event.event_type not in _WRITES:
                return
            _internals.want_rebuild(self)

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed  # type: ignore[method-assign]
        watched = path if recursive or os.path.isdir(path) else os.path.dirname(path)
        _internals.watch(self, path, handler, watched, recursive)

    def show(self) -> None:
        """The site being built is ready to be seen (what MkDocs' build loop does once the builder returns)."""
        _internals.show_built(self)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = _internals.inject_js(self, content, epoch)
        banner = self.live.banner()
        return with_banner(content, banner) if banner else content

    def _error_page(self, code: int) -> bytes | None:
        page = self.live.site_dir / f"{code}.html"
        if code == 404 and page.is_file():
            banner = self.live.banner()
            return with_banner(page.read_bytes(), banner) if banner else page.read_bytes()
        if self.live.errors:  # no good build yet: the errors are the page
            return ("<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                    "content=\"width=device-width,initial-scale=1\"><title>Galat konten</title></head><body>"
                    f"{error_banner(self.live.errors)}</body></html>").encode()
        return None


def parse_address(text: str | None) -> tuple[str, int]:
    host, _, port = (text or DEFAULT_ADDRESS).rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise SiteError(f"alamat pratinjau '{text}' tidak valid. Tulis ALAMAT:PORT, misalnya {DEFAULT_ADDRESS}.")
    return host.strip("[]"), int(port)


class AddressError(Exception):
    """The preview's address cannot be opened (port in use, not this computer's address): a usage error."""


def _shown(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _bind(host: str, port: int) -> None:
    """Binds ``host:port`` as the server will (address family, SO_REUSEADDR), then lets it go."""
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        family = socket.AF_INET  # a name such as localhost: the server binds it as IPv4 too
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        if os.name != "nt":  # as the server; on Windows SO_REUSEADDR would let a busy port pass
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))


def _free(host: str, port: int) -> bool:
    try:
        _bind(host, port)
    except OSError:
        return False
    return True


def check_address(host: str, port: int) -> None:
    """Raises ``AddressError`` with one Indonesian line if the preview could not listen on ``host:port``."""
    try:
        _bind(host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE or getattr(exc, "winerror", None) == 10048:
            why = "sedang dipakai program lain (mungkin pratinjau lain masih berjalan)"
        elif exc.errno == errno.EACCES:  # Windows also says so for the ports it keeps for itself
            why = ("tidak boleh dipakai: port di bawah 1024 perlu hak administrator" if port < 1024
                   else "tidak diizinkan sistem operasi")
        else:
            why = ("tidak dikenal" if isinstance(exc, socket.gaierror) else "bukan alamat komputer ini"
                   if exc.errno == errno.EADDRNOTAVAIL else f"tidak dapat dibuka ({exc.strerror or exc})")
            raise AddressError(f"alamat pratinjau {_shown(host, port)} {why}; pakai misalnya: asn-portal serve "
                               f"-a {DEFAULT_ADDRESS}") from None
        spare = next((p for p in range(max(port, 1023) + 1, min(port + 20, 65535) + 1) if _free(host, p)), 8001)
        raise AddressError(f"alamat pratinjau {_shown(host, port)} {why}; pakai port lain, misalnya: asn-portal serve "
                           f"-a {_shown(host, spare)}") from None


def report(outcome: Outcome) -> None:
    """What a person sees in the terminal after each build."""
    seconds = f"{outcome.seconds:.2f}".replace(".", ",")
    if outcome.errors:
        for message in outcome.errors:
            print(f"GALAT - {message}", flush=True)
        print("Situs terakhir yang benar tetap tampil (dengan pesan galat di atas halaman). Perbaiki lalu "
              "simpan lagi.", flush=True)
    elif not outcome.full and not outcome.changed:
        return  # nothing the site is made of changed
    elif outcome.full:
        print(f"Dibangun penuh dalam {seconds} detik ({outcome.pages} halaman).", flush=True)
    else:
        print(f"Diperbarui dalam {seconds} detik: {outcome.pages} halaman ditulis ulang.", flush=True)


def serve(config_file: Path, dev_addr: str | None = None) -> None:
    host, port = parse_address(dev_addr)
    check_address(host, port)  # before building: a busy port is one line at once, not a traceback later
    show_warnings()
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)  # one line per rebuild is ours
    site_url = load(config_file).site_url
    mount_path = urlsplit(site_url or "/").path
    url = _internals.serve_url(host, port, mount_path)
    with tempfile.TemporaryDirectory(prefix="asn-portal-") as folder:
        live = LiveSite(config_file, Path(folder), serve_url=url)
        print("Membangun situs pratinjau...", flush=True)
        report(live.build())
        check_address(host, port)  # again: another program may have taken the port while the site was built
        def rebuild() -> None:  # never raises: MkDocs' server would stop answering until a restart
            try:
                report(live.rebuild(finish=False))
                server.show()  # the pages are written: browsers reload now, search's shards follow
                failed = live.finish()
            except Exception as exc:
                failed = live.fail(exc)
            if failed:
                report(Outcome(failed))
                server.show()

        server = PreviewServer(live, builder=rebuild, host=host, port=port, root=folder, mount_path=mount_path)
        for place in live.watched():
            if place.exists():
                server.watch(str(place), recursive=place.is_dir())
        print(f"Pratinjau: {url} (dimuat ulang otomatis saat content/ atau materials/ berubah; Ctrl+C untuk "
              "berhenti)", flush=True)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            print("Pratinjau berhenti.", flush=True)
        finally:
            server.shutdown()
