"""The field reference in CONTRIBUTING.md, written from the model so it cannot drift.

    python -m asn_portal.reference [CONTRIBUTING.md]   # rewrites the marked block
"""

from __future__ import annotations

import sys
from pathlib import Path

from asn_portal.model.registry import KINDS, Field, FieldType

START = "<!-- asn-portal:referensi-kolom:mulai (dibuat otomatis: python -m asn_portal.reference) -->"
END = "<!-- asn-portal:referensi-kolom:selesai -->"


def _rows(fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    rows = []
    for f in fields:
        kind = f.type.words
        if f.choices:
            kind += ": " + " \\| ".join(f"`{c}`" for c in f.choices)
        if f.type is FieldType.REFS:
            kind += f" ({KINDS[f.ref].label.lower()})"
        if f.min_items:
            kind += f", minimal {f.min_items}"
        if f.max_items:
            kind += f", paling banyak {f.max_items}"
        rows.append(f"| `{prefix}{f.name}` | {'ya' if f.required else 'tidak'} | {kind} | {f.help} |")
        if f.fields:
            rows += _rows(f.fields, f"{prefix}{f.name}{'[]' if f.type is FieldType.OBJECT_LIST else ''}.")
    return rows


def field_reference() -> str:
    parts = [START]
    for spec in KINDS.values():
        parts += ["", f"### {spec.label}: `content/{spec.folder}/<slug>.yml`", "",
                  "| Kolom | Wajib | Jenis | Keterangan |", "|---|---|---|---|", *_rows(spec.fields)]
    parts += ["", END]
    return "\n".join(parts)


def update(path: Path) -> bool:
    """Rewrite the marked block; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    new = head + field_reference() + tail
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "CONTRIBUTING.md")
    print(f"{target}: {'diperbarui' if update(target) else 'sudah terbaru'}")
