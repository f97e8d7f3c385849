"""What a file that content names may be: where it is, what type it is, and whether it travels.

Every check here uses ``lstat`` and directory listings, never ``open`` or ``resolve``: a symbolic
link is reported, never followed, so its target is never read (nor printed into a CI log).
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path

# Document and media types a reader downloads or views; the browser runs none of them as script.
MATERIAL_TYPES = frozenset({
    ".pdf", ".doc", ".docx", ".dot", ".dotx", ".rtf", ".odt", ".ott", ".xls", ".xlsx", ".ods", ".csv", ".tsv",
    ".ppt", ".pptx", ".pps", ".ppsx", ".odp", ".odg", ".txt", ".md", ".epub",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff", ".ico",
    ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".wav", ".flac", ".aac",
    ".mp4", ".m4v", ".webm", ".ogv", ".mov", ".mkv", ".avi", ".srt", ".vtt",
    ".zip", ".7z", ".rar", ".gz", ".tgz",
})
# Served from the site's own address, these run script there (or may, depending on the browser).
ACTIVE_TYPES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml", ".xsl",
                          ".xslt", ".js", ".mjs", ".cjs", ".wasm", ".swf", ".css", ".php", ".jsp", ".asp"})
# Windows refuses these names with any extension ("con.pdf" too); a kit must extract there. Windows
# reads the superscript digits ¹ ² ³ as 1 2 3 in them ("com¹.pdf" is the port COM1).
_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"{d}{i}" for d in ("com", "lpt") for i in "0123456789¹²³"),
                              "conin$", "conout$"})
_WINDOWS_BAD = re.compile(r'[<>:"|?*\\\x00-\x1f]')
# A kit is unpacked to something like C:\Users\nama\Downloads\portal-asn\situs\ (about 50 characters);
# Windows paths stop at 260.
MAX_SITE_PATH = 160


def file_type_problem(name: str, allow_active: bool) -> str | None:
    """Why a file of this name may not be published, or None."""
    ext = posixpath.splitext(name)[1].lower()
    if ext in ACTIVE_TYPES:
        if allow_active:
            return None
        return (f"berkas {ext} dapat menjalankan skrip dari alamat situs sehingga tidak diterbitkan. Simpan sebagai "
                "PDF atau gambar PNG/JPG, atau minta peninjau mengaktifkan opsi allow_active_materials.")
    if ext not in MATERIAL_TYPES:
        shown = ext or "tanpa ekstensi"
        return (f"jenis berkas '{shown}' tidak termasuk yang diizinkan. Pakai salah satu: "
                "PDF, dokumen Office/OpenDocument, CSV, TXT, gambar (PNG, JPG, GIF, WEBP), audio, video atau ZIP.")
    return None


def windows_problem(path: str) -> str | None:
    """Why a site path (``materi/a/b.pdf``) would not extract on Windows, or None."""
    if len(path) > MAX_SITE_PATH:
        return f"path terlalu panjang ({len(path)} karakter; paling banyak {MAX_SITE_PATH}). Persingkat nama berkas."
    for part in path.split("/"):
        bad = _WINDOWS_BAD.search(part)
        if bad:
            shown = bad.group(0) if bad.group(0).isprintable() else f"kode {ord(bad.group(0)):#04x}"
            return (f"nama '{part}' memuat karakter '{shown}' yang tidak boleh ada di nama berkas Windows. "
                    "Ganti namanya.")
        if part.endswith((".", " ")):
            return f"nama '{part}' diakhiri titik atau spasi, yang dibuang Windows. Ganti namanya."
        if part.split(".")[0].lower().rstrip(" ") in _WINDOWS_DEVICES:
            return f"nama '{part}' adalah nama perangkat yang dicadangkan Windows. Pakai nama lain."
    return None


def is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def symlinks_under(folder: Path) -> Iterator[Path]:
    """Every symbolic link at or below ``folder`` (files and folders), without following any."""
    if is_link(folder):
        yield folder
        return
    if not folder.is_dir():
        return
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(top, name)
            if is_link(path):
                yield path
        dirs[:] = sorted(d for d in dirs if not is_link(Path(top, d)))


class FileLookup:
    """Finds files inside one folder by exact letter case, never through a symbolic link.

    Directory listings are cached: a catalog links the same folders many times.
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self._listings: dict[Path, dict[str, os.stat_result] | None] = {}

    def _listing(self, folder: Path) -> dict[str, os.stat_result] | None:
        if folder not in self._listings:
            try:
                with os.scandir(folder) as it:
                    self._listings[folder] = {e.name: e.stat(follow_symlinks=False) for e in it}
            except OSError:
                self._listings[folder] = None
        return self._listings[folder]

    def find(self, parts: list[str]) -> tuple[str, os.stat_result | None, str]:
        """Walk ``parts`` below the base: ("file", stat, "") for a regular file, otherwise
        (what, None, detail) with what in "missing", "case", "link", "folder", "special"."""
        folder = self.base
        if is_link(folder):
            return "link", None, ""
        for i, part in enumerate(parts):
            listing = self._listing(folder)
            if listing is None:
                return "missing", None, ""
            st = listing.get(part)
            if st is None:
                twin = next((n for n in listing if n.lower() == part.lower()), None)
                return ("case", None, twin) if twin else ("missing", None, "")
            if stat.S_ISLNK(st.st_mode):
                return "link", None, "/".join(parts[: i + 1])
            last = i == len(parts) - 1
            if last:
                if stat.S_ISDIR(st.st_mode):
                    return "folder", None, ""
                if not stat.S_ISREG(st.st_mode):
                    return "special", None, ""
                return "file", st, ""
            if not stat.S_ISDIR(st.st_mode):
                return "missing", None, ""
            folder = folder / part
        return "folder", None, ""

    def names_near(self, parts: list[str]) -> list[str]:
        """Regular file names in the folder ``parts`` would be in (for "did you mean")."""
        folder = self.base.joinpath(*parts[:-1])
        listing = self._listing(folder) or {}
        return sorted(n for n, st in listing.items() if stat.S_ISREG(st.st_mode))


def name_key(path: str) -> str:
    """One key for names a file system may take as the same file: NFC, then case folding (Windows and
    macOS ignore letter case; macOS also normalises Unicode)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", path).casefold())


def folders_of(name: str) -> list[str]:
    """The folders a path passes through: ``a/b/c.pdf`` -> ``a``, ``a/b``."""
    parts = name.split("/")
    return ["/".join(parts[:depth]) for depth in range(1, len(parts))]


def same_file_names(names: list[str]) -> list[tuple[str, str]]:
    """Pairs of names that ``name_key`` takes as one (the first seen, then the other): two different
    files, or a file and a folder another name passes through (``arsip/a.pdf`` and ``arsip/A.pdf/x``),
    at any depth; a folder is written with its ``/`` (a name ending in ``/`` is a folder). Two folders
    that differ so merge and lose nothing."""
    files: dict[str, str] = {}
    folders: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for name in names:
        if name.endswith("/"):
            folders.setdefault(name_key(name.rstrip("/")), name.rstrip("/"))
            continue
        first = files.setdefault(name_key(name), name)
        if first != name:
            pairs.append((first, name))
        for folder in folders_of(name):
            folders.setdefault(name_key(folder), folder)
    pairs.extend((files[key], folder + "/") for key, folder in folders.items() if key in files)
    return pairs
