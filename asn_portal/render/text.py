"""Indonesian words the portal prints: dates, sizes, file types, labels. No locale needed."""

from __future__ import annotations

import datetime as dt
import posixpath

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
FILE_TYPES = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "Dokumen", ".xls": "Excel", ".xlsx": "Excel",
    ".ods": "Lembar kerja", ".csv": "CSV", ".ppt": "PowerPoint", ".pptx": "PowerPoint", ".odp": "Presentasi",
    ".txt": "Teks", ".md": "Teks", ".png": "Gambar", ".jpg": "Gambar", ".jpeg": "Gambar", ".gif": "Gambar",
    ".svg": "Gambar", ".webp": "Gambar", ".mp4": "Video", ".webm": "Video", ".mp3": "Audio", ".zip": "Arsip ZIP",
}


def date_id(day: dt.date) -> str:
    """27 November 2026 — written out so no installed locale is needed."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def size_id(size: int) -> str:
    """Human file size with an Indonesian decimal comma: 1,2 MB."""
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    text = f"{value:.1f}".replace(".", ",")
    return f"{text.removesuffix(',0')} {unit}"


def file_type(path: str) -> str:
    ext = posixpath.splitext(path)[1].lower()
    return FILE_TYPES.get(ext, ext.lstrip(".").upper() or "Berkas")


_HTML_SPECIAL = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;"}
_MD_SPECIAL = set("\\`*_{}[]()#+-.!|~^=:")


def md_text(text: str) -> str:
    """Plain text made safe for a Markdown line: HTML-escaped, Markdown punctuation neutralised.

    Numeric character references keep punctuation literal in every Markdown extension.
    """
    out = []
    for ch in " ".join(text.split()):
        if ch in _HTML_SPECIAL:
            out.append(_HTML_SPECIAL[ch])
        elif ch in _MD_SPECIAL:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)
