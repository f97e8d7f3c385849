"""The packaging commands as one table (``PACKAGERS``): each row says what the CLI needs to make one
output from the project (or a one-event subset of it): its command, where it writes by default, how
to make it, and what to tell the person afterwards. ``cli.py`` builds every packaging subcommand and
runs every one the same way from this table; a new output is one row (and its own module). The makers
are imported when a command runs, so ``asn-portal check`` does not load libzim or the EPUB writer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn_portal.model.project import Project
from asn_portal.render.text import size_id

Chosen = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Packager:
    command: str  # asn-portal <command>
    help: str
    default: str  # the output when -o is not given
    what: str  # in messages: "berkas ZIM tidak dapat ditulis ke ..."
    suffix: str  # the output's file name must end so (checked before the slow build)
    make: Callable[[Project, Path, Path, Chosen], Any]  # (project, mkdocs.yml, output, chosen) -> report
    done: Callable[[Any], tuple[str, list[str]]]  # report -> (summary, warnings)
    ready: Callable[[], None] | None = None  # a check before the build, raising ValueError with the message

    @property
    def metavar(self) -> str:
        return "BERKAS" + self.suffix


def _bundle(project: Project, config_file: Path, output: Path, chosen: Chosen) -> Any:
    from asn_portal.kit.bundle import make_bundle

    return make_bundle(config_file, output, chosen)


def _bundle_done(r: Any) -> tuple[str, list[str]]:
    return (f"Bundel luring selesai: {r.pages} halaman, {r.materials} berkas materi, {r.files} berkas, "
            f"{size_id(r.size)}.\nZip: {r.path}\nTanggal paket: {r.kit_date}. Versi isi: {r.version}.", r.warnings)


def _zim(project: Project, config_file: Path, output: Path, chosen: Chosen) -> Any:
    from asn_portal.kit.zim import make_zim

    return make_zim(config_file, output, chosen)


def _zim_ready() -> None:
    from asn_portal.kit.zim import ZimUnavailableError, require_libzim

    try:
        require_libzim()
    except ZimUnavailableError as exc:
        raise ValueError(str(exc)) from None


def _zim_done(r: Any) -> tuple[str, list[str]]:
    return (f"Berkas ZIM selesai: {r.pages} halaman, {r.materials} berkas materi, {r.entries} entri, "
            f"{size_id(r.size)}.\nZIM: {r.path}\nTanggal: {r.date}. Nama: {r.name}.\n"
            "Buka dengan Kiwix (kiwix.org) atau sajikan dengan kiwix-serve.", [])


def _kolibri(project: Project, config_file: Path, output: Path, chosen: Chosen) -> Any:
    from asn_portal.kit.kolibri import make_kolibri

    return make_kolibri(config_file, output, chosen)


def _kolibri_done(r: Any) -> tuple[str, list[str]]:
    return (f"Aplikasi HTML5 Kolibri selesai: {r.pages} halaman, {r.materials} berkas materi, {r.files} berkas, "
            f"{size_id(r.size)}.\nZip: {r.path}\n"
            "Unggah ke Kolibri (Studio atau ricecooker) sebagai aplikasi HTML5; index.html ada di akar zip.", [])


class ContentError(Exception):
    """A packager could not use the project's content; the message (Indonesian, located) is for the person."""


def _epub(project: Project, config_file: Path, output: Path, chosen: Chosen) -> Any:
    from asn_portal.engines.epub import EpubError, make_epub

    try:
        return make_epub(project, config_file, output, chosen)
    except EpubError as error:
        raise ContentError(str(error)) from None


def _epub_done(r: Any) -> tuple[str, list[str]]:
    return (f"Buku EPUB selesai: {r.pages} halaman, {r.images} gambar, {size_id(r.size)}.\nEPUB: {r.path}\n"
            "Buka dengan aplikasi pembaca buku elektronik (misalnya Google Play Buku, Apple Books, KOReader); "
            "kuis tertulis sebagai teks dengan kunci jawaban di akhir buku.", [])


PACKAGERS = (
    Packager("bundle", "buat satu zip portal luring untuk ruang pelatihan tanpa internet", "dist/portal-asn.zip",
             "bundel", ".zip", _bundle, _bundle_done),
    Packager("zim", "buat satu berkas ZIM untuk dibaca di Kiwix (perlu paket libzim)", "dist/portal-asn.zim",
             "berkas ZIM", ".zim", _zim, _zim_done, _zim_ready),
    Packager("kolibri", "buat zip aplikasi HTML5 untuk Kolibri", "dist/portal-asn-kolibri.zip", "zip Kolibri", ".zip",
             _kolibri, _kolibri_done),
    Packager("epub", "buat buku EPUB 3 portal (atau sebagian) untuk pembaca buku elektronik dan ponsel",
             "dist/portal-asn.epub", "buku EPUB", ".epub", _epub, _epub_done),
)
