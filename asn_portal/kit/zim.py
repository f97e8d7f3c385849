"""The portal as one ZIM file for Kiwix (``asn-portal zim``), from the same offline build as the bundle.

The ZIM holds every file of the offline site (``.html`` links, nothing from the network) at the path it
has in the site, so the site's relative links work unchanged in Kiwix. The home page is the main entry;
Kiwix's own full-text search (Xapian, Indonesian stemming: indexing language ``ind``) replaces the portal's
search box. Metadata follow https://wiki.openzim.org/wiki/Metadata: Title, Description, Language, Creator,
Publisher, Date, Name and a 48×48 PNG Illustration, all from the built site and the kit's date, never the
clock unless the content has no date at all.

Reproducible where libzim allows: entries are added in sorted order with fixed metadata; libzim itself
writes a random UUID into the header (and so a different MD5 checksum at the end of the file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import mimetypes
import os
import re
import shutil
import struct
import sys
import tempfile
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn_portal.content.history import head_commit
from asn_portal.engines.mkdocs.build import load
from asn_portal.kit.bundle import _source_paths, build_kit_site, kit_day, prepare_output

LANGUAGE = "ind"  # ISO 639-3: the Language metadata and the indexing language (Xapian's Indonesian stemmer)
PUBLISHER = "asn-portal"
MAIN = "index.html"
ILLUSTRATION_SIZE = 48
TITLE_BYTES = 120  # a page's title in the ZIM, in bytes of UTF-8
TITLE_MAX = 30  # the openZIM metadata rules: Title at most 30 characters, Description at most 80
DESCRIPTION_MAX = 80
LONG_DESCRIPTION_MAX = 4000
NAME_MAX = 60
# Fixed types for what the site holds; anything else from Python's built-in table (never the system's).
MIME = {".html": "text/html", ".htm": "text/html", ".css": "text/css", ".js": "application/javascript",
        ".mjs": "application/javascript", ".json": "application/json", ".map": "application/json",
        ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
        ".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon", ".woff": "font/woff",
        ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf", ".txt": "text/plain",
        ".md": "text/markdown", ".csv": "text/csv", ".pdf": "application/pdf", ".xml": "application/xml",
        ".mp4": "video/mp4", ".webm": "video/webm", ".mp3": "audio/mpeg", ".ogg": "audio/ogg",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint",
        ".odt": "application/vnd.oasis.opendocument.text", ".zip": "application/zip"}
_BUILTIN_TYPES = mimetypes.MimeTypes()  # Python's own table only: the same answer on every machine
_TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)


class ZimUnavailableError(Exception):
    """libzim is not installed; the message (Indonesian) says how to install it."""


@dataclass
class ZimReport:
    path: Path
    pages: int
    materials: int
    entries: int
    size: int
    date: str  # YYYY-MM-DD, the Date metadata
    name: str  # the Name metadata


def require_libzim() -> None:
    """Raise ZimUnavailableError (Indonesian) when libzim cannot be imported."""
    try:
        import libzim.writer  # type: ignore[import-untyped]  # noqa: F401
    except ImportError as exc:
        raise ZimUnavailableError("paket libzim belum terpasang, jadi berkas ZIM tidak dapat dibuat. Pasang dengan: "
                                  "pip install libzim (dari folder proyek: .venv/bin/pip install -e '.[zim]'), "
                                  "lalu ulangi.") from exc


def make_zim(config_file: Path, output: Path, chosen: tuple[tuple[str, str], ...] = ()) -> ZimReport:
    """Build offline into a temporary folder and write the ZIM atomically (no partial file on failure).

    ``chosen``: (kind, slug) entries a one-event kit is built around; empty for the whole catalog."""
    require_libzim()
    output = prepare_output(output, ".zim")
    with tempfile.TemporaryDirectory(prefix="asn-portal-zim-") as tmp:
        site = Path(tmp) / "situs"
        build_kit_site(config_file, site, chosen, "ZIM")
        files = sorted((p for p in site.rglob("*") if p.is_file()), key=lambda p: p.relative_to(site).as_posix())
        # Metadata only from mkdocs.yml (the reviewers' file), never from a page content may write
        site_name, description, creator = _site_metadata(config_file)
        day = kit_day(head_commit(config_file.resolve().parent, _source_paths(config_file)))
        date = (day or dt.datetime.now(dt.timezone.utc).date()).isoformat()  # the clock only without any date
        name = zim_name(site_name, chosen)
        metadata = {"Title": _shorten(site_name, TITLE_MAX), "Description": _shorten(description, DESCRIPTION_MAX),
                    "Language": LANGUAGE, "Creator": creator, "Publisher": PUBLISHER, "Date": date, "Name": name,
                    "Source": "asn-portal"}
        if len(description) > DESCRIPTION_MAX:
            metadata["LongDescription"] = _shorten(description, LONG_DESCRIPTION_MAX)
        _write_zim(site, files, output, metadata, site_name)
        pages = sum(1 for p in files if p.suffix == ".html")
        materials = sum(1 for p in files if (site / "materi") in p.parents)
    return ZimReport(output, pages, materials, len(files), output.stat().st_size, date, name)


def _site_metadata(config_file: Path) -> tuple[str, str, str]:
    """Name, description and creator as mkdocs.yml gives them (site_name, site_description, site_author)."""
    config = load(config_file)
    name = (config.site_name or "").strip() or "Portal Pembelajaran ASN"
    return name, (config.site_description or "").strip() or name, (config.site_author or "").strip() or name


def mime_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return MIME.get(suffix) or _BUILTIN_TYPES.guess_type(path.name, strict=False)[0] or "application/octet-stream"


def zim_name(site_name: str, chosen: tuple[tuple[str, str], ...]) -> str:
    """The Name metadata (stable across versions of the same selection): ``<site>_id_all`` or
    ``<site>_id_<slugs>`` for a one-event kit (a hash when the slugs are too long)."""
    base = re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-")[:NAME_MAX] or "asn-portal"
    if not chosen:
        return f"{base}_id_all"
    selection = "-".join(slug for _, slug in chosen)
    if len(selection) > NAME_MAX:
        selection = "kit-" + hashlib.sha256(selection.encode("utf-8")).hexdigest()[:12]
    return f"{base}_id_{selection}"


def illustration_png(size: int = ILLUSTRATION_SIZE) -> bytes:
    """A square PNG written with zlib alone, always the same bytes: an open book, white on the portal's blue."""
    blue, white, shade = (0x1F, 0x4E, 0x9C), (0xFF, 0xFF, 0xFF), (0xC9, 0xD6, 0xEE)
    top, bottom, left, right, middle = size * 13 // 48, size * 37 // 48, size * 8 // 48, size * 40 // 48, size // 2
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter type 0
        for x in range(size):
            colour = blue
            if top <= y < bottom and left <= x < right:
                colour = white
                if x in (middle - 1, middle):
                    colour = blue  # the spine
                elif (y - top) % max(size // 8, 2) == max(size // 8, 2) - 1 and y < bottom - 2:
                    colour = shade  # lines of text
            row.extend(colour)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def page_title(text: str, site_name: str) -> str:
    """A page's title without the " - <site name>" the theme adds."""
    match = _TITLE.search(text)
    if not match:
        return ""
    title = html.unescape(re.sub(r"\s+", " ", match.group(1)))
    # what a reader cannot see (controls, bidi and other format characters) goes: Kiwix shows the title
    # in its lists, and libzim refuses to index a title that loses too much
    title = "".join(c for c in title if unicodedata.category(c) not in ("Cc", "Cf")).strip()
    suffix = f" - {site_name}"
    title = title[: -len(suffix)] if title.endswith(suffix) and len(title) > len(suffix) else title
    # libzim indexes titles with Xapian, whose terms stop at 245 bytes: a long title (one pasted word of
    # thousands of letters) crashes the writer, so a title is cut to TITLE_BYTES bytes of UTF-8
    data = title.encode("utf-8")
    if len(data) > TITLE_BYTES:
        title = data[: TITLE_BYTES - 3].decode("utf-8", "ignore").rstrip() + "…"
    return title


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…"


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """libzim prints its progress ("ZIM file is ready!") on the process's standard output even when not
    verbose; the command prints its own summary, so that output goes to the null device meanwhile."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no standard output to silence
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _write_zim(site: Path, files: list[Path], output: Path, metadata: dict[str, str], site_name: str) -> None:
    """The ZIM in a temporary folder next to ``output``, renamed into place once libzim has finished it."""
    from libzim.writer import (
        Creator,
        FileProvider,
        Hint,
        Item,
    )

    class SiteItem(Item):  # type: ignore[misc]
        def __init__(self, path: Path, zim_path: str, title: str, mimetype: str) -> None:
            super().__init__()
            self.path, self.zim_path, self.title, self.mimetype = path, zim_path, title, mimetype

        def get_path(self) -> str:
            return self.zim_path

        def get_title(self) -> str:
            return self.title

        def get_mimetype(self) -> str:
            return self.mimetype

        def get_contentprovider(self) -> Any:
            return FileProvider(str(self.path))

        def get_hints(self) -> dict[Any, bool]:
            front = self.mimetype == "text/html"
            return {Hint.FRONT_ARTICLE: front, Hint.COMPRESS: self.mimetype.startswith(_TEXT_TYPES)}

    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        partial = work / output.name
        creator = Creator(str(partial)).config_indexing(True, LANGUAGE).config_verbose(False)
        with _quiet_stdout(), creator:
            creator.set_mainpath(MAIN)
            for key in sorted(metadata):
                creator.add_metadata(key, metadata[key])
            creator.add_illustration(ILLUSTRATION_SIZE, illustration_png())
            for path in files:
                rel = path.relative_to(site).as_posix()
                mimetype = mime_type(path)
                title = page_title(path.read_text(encoding="utf-8", errors="replace"), site_name) \
                    if mimetype == "text/html" else ""
                creator.add_item(SiteItem(path, rel, title or rel, mimetype))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(partial, 0o666 & ~umask)
        os.replace(partial, output)
    finally:
        shutil.rmtree(work, ignore_errors=True)
