"""The EPUB container: the package document (OPF), the navigation document, the stylesheet, and the zip.

The zip is written so that the same content gives the same bytes: ``mimetype`` first and stored (the
EPUB's magic number), the other entries sorted, every entry with the same fixed time and mode, one
compression level. It is written beside the output and renamed into place, so a reader never sees half
a book and a failed or interrupted run leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from asn_portal.engines.epub.links import href_to
from asn_portal.engines.epub.xhtml import xml_attr, xml_text

CONTENT_DIR = "EPUB"  # the publication's folder inside the zip
OPF_FILE = "package.opf"
NAV_FILE = "nav.xhtml"
STYLE_FILE = "gaya.css"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: the same for every entry and run
CONTAINER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
             f'<rootfiles><rootfile full-path="{CONTENT_DIR}/{OPF_FILE}" '
             'media-type="application/oebps-package+xml"/></rootfiles>\n</container>\n')
# System fonts only (no web font to load or embed); sizes relative, so the reader's own setting rules.
STYLE = """body { font-family: serif; line-height: 1.5; margin: 0 0.5em; }
h1, h2, h3, h4 { font-family: sans-serif; line-height: 1.25; page-break-after: avoid; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; } h3 { font-size: 1.1em; }
img { max-width: 100%; height: auto; }
img.gambar { display: block; margin: 0.5em 0; }
table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 0.2em 0.4em; }
dt { font-weight: bold; } dd { margin: 0 0 0.4em 1em; }
.asn-meta, .asn-kind { color: #555; font-size: 0.9em; }
.asn-badge { border: 1px solid #999; border-radius: 0.3em; padding: 0 0.3em; font-size: 0.85em; }
.asn-cards, .asn-links { padding-left: 1.2em; }
.asn-card__title { font-weight: bold; margin-bottom: 0; }
.kuis { border-left: 0.2em solid #888; padding-left: 0.6em; margin: 1em 0; }
.kuis-tanya { font-weight: bold; margin-bottom: 0.2em; }
ul.kuis-pilihan { list-style: none; padding-left: 0.5em; margin-top: 0; }
.kuis-kunci, .kunci-kembali { font-style: italic; }
"""


@dataclass
class TocItem:
    title: str
    file: str | None  # None: a group's heading (its pages are the children)
    children: list[TocItem] = field(default_factory=list)


@dataclass
class Metadata:
    identifier: str  # urn:uuid:...
    title: str
    modified: str  # CCYY-MM-DDThh:mm:ssZ
    creator: str | None = None


MEDIA_TYPES = {".xhtml": "application/xhtml+xml", ".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp"}


def package_document(meta: Metadata, files: list[str], spine: list[str]) -> str:
    """The OPF: ``files`` (every file of the content folder but the OPF) and the reading order."""
    ids = {path: f"f{number}" for number, path in enumerate(sorted(files), start=1)}
    items = []
    for path in sorted(files):
        properties = ' properties="nav"' if path == NAV_FILE else ""
        media = MEDIA_TYPES[os.path.splitext(path)[1].lower()]
        items.append(f'<item id="{ids[path]}" href="{xml_attr(href_to(path, OPF_FILE))}" '
                     f'media-type="{media}"{properties}/>')
    creator = f"<dc:creator>{xml_text(meta.creator)}</dc:creator>\n" if meta.creator else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id-buku" '
            'xml:lang="id">\n<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f'<dc:identifier id="id-buku">{xml_text(meta.identifier)}</dc:identifier>\n'
            f"<dc:title>{xml_text(meta.title)}</dc:title>\n{creator}<dc:language>id</dc:language>\n"
            f'<meta property="dcterms:modified">{meta.modified}</meta>\n</metadata>\n'
            "<manifest>\n" + "\n".join(items) + "\n</manifest>\n<spine>\n"
            + "\n".join(f'<itemref idref="{ids[path]}"/>' for path in spine) + "\n</spine>\n</package>\n")


def _toc_list(items: list[TocItem]) -> str:
    rows = []
    for item in items:
        label = (f'<a href="{xml_attr(href_to(item.file, NAV_FILE))}">{xml_text(item.title)}</a>'
                 if item.file else f"<span>{xml_text(item.title)}</span>")
        rows.append(f"<li>{label}{_toc_list(item.children) if item.children else ''}</li>")
    return "<ol>\n" + "\n".join(rows) + "\n</ol>"


def nav_document(toc: list[TocItem], start: str, back: str | None) -> str:
    """The EPUB 3 navigation document: the table of contents and the landmarks (start, back matter). It
    stays out of the spine: a reader shows its own contents from it."""
    # Spine documents only: a landmark to this document (outside the spine) fails epubcheck (RSC-011).
    marks = [f'<li><a epub:type="bodymatter" href="{xml_attr(href_to(start, NAV_FILE))}">Awal</a></li>']
    if back:
        marks.append(f'<li><a epub:type="backmatter" href="{xml_attr(href_to(back, NAV_FILE))}">Kunci jawaban</a></li>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            'lang="id" xml:lang="id">\n<head>\n<meta charset="UTF-8"/>\n<title>Daftar isi</title>\n'
            f'<link rel="stylesheet" type="text/css" href="{STYLE_FILE}"/>\n</head>\n<body>\n'
            f'<nav epub:type="toc" id="daftar-isi">\n<h1>Daftar isi</h1>\n{_toc_list(toc)}\n</nav>\n'
            '<nav epub:type="landmarks" hidden="hidden">\n<h2>Penanda</h2>\n<ol>\n' + "\n".join(marks)
            + "\n</ol>\n</nav>\n</body>\n</html>\n")


def write_epub(output: Path, files: dict[str, bytes]) -> int:
    """The EPUB at ``output`` (atomically) from the content folder's ``files``; its size in bytes."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(temp, "w") as archive:
            _entry(archive, "mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
            entries = {"META-INF/container.xml": CONTAINER.encode(),
                       **{f"{CONTENT_DIR}/{path}": data for path, data in files.items()}}
            for name in sorted(entries):
                _entry(archive, name, entries[name], zipfile.ZIP_DEFLATED)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; a book is meant to be shared
        os.replace(temp, output)
    except BaseException:  # an error or Ctrl+C: no temporary file left behind
        Path(temp).unlink(missing_ok=True)
        raise
    return output.stat().st_size


def _entry(archive: zipfile.ZipFile, name: str, data: bytes, compression: int) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.create_system = 3  # unix, whatever system writes it, so the bytes do not depend on it
    info.external_attr = 0o100644 << 16
    level = 9 if compression == zipfile.ZIP_DEFLATED else None
    archive.writestr(info, data, compress_type=compression, compresslevel=level)
