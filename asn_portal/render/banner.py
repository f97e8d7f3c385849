"""The banner `serve` puts on every previewed page while the last save has errors.

The site on disk stays the last good build (what a full build of that content gives); the server adds
this to the HTML it sends, so a contributor sees on the page itself what to fix, located at file:line.
Its look is inline: it must show even when the theme's styles are what broke.
"""

from __future__ import annotations

from html import escape

SHOWN = 12  # messages listed; the terminal has all of them
_STYLE = ("position:relative;z-index:10;margin:0;padding:.75rem 1rem;background:#b71c1c;color:#fff;"
          "font:1rem/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;overflow-wrap:anywhere")
_CODE = "font:.9rem/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;color:#fff"


def error_banner(messages: list[str]) -> str:
    """The banner for located problems (``path:line:col: message``), each escaped."""
    items = "".join(f'<li><code style="{_CODE}">{escape(m)}</code></li>' for m in messages[:SHOWN])
    more = (f"<p style=\"margin:.25rem 0 0\">… dan {len(messages) - SHOWN} galat lain (lihat terminal).</p>"
            if len(messages) > SHOWN else "")
    return (f'<div data-asn-preview-error role="alert" style="{_STYLE}">'
            '<p style="margin:0 0 .25rem"><strong>Simpanan terakhir belum tampil: ada galat di konten.</strong> '
            "Halaman ini versi terakhir yang benar. Perbaiki galat di bawah lalu simpan lagi; pratinjau memuat "
            "ulang sendiri.</p>"
            f'<ul style="margin:0;padding-left:1.25rem">{items}</ul>{more}</div>')


def with_banner(html: bytes, banner: str) -> bytes:
    """``html`` with ``banner`` first in its body (or first of all when it has no body tag)."""
    start = html.find(b"<body")
    end = html.find(b">", start) + 1 if start >= 0 else 0
    return html[:end] + banner.encode("utf-8") + html[end:]
