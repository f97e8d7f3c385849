"""Search files written after the build: Material's index shaped for catalog pages, and result labels.

Material indexes every heading as its own document. An entry page is one short topic whose
sections ("Tujuan pembelajaran", "Modul", ...) are scaffolding, so a query whose words sit in
two of them would match no single document. Entry pages become one document each.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path

INDEX = Path("search") / "search_index.json"


def merge_entry_sections(site_dir: Path, entry_urls: Collection[str]) -> None:
    path = site_dir / INDEX
    if not path.is_file() or not entry_urls:
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    pages: dict[str, dict[str, str]] = {}
    kept = []
    for doc in data.get("docs", []):
        base, _, anchor = doc.get("location", "").partition("#")
        if base in entry_urls and anchor and base in pages:
            page = pages[base]
            page["text"] = f"{page['text']}<h2>{doc.get('title', '')}</h2>{doc.get('text', '')}"
            continue
        if base in entry_urls and not anchor:
            pages[base] = doc
        kept.append(doc)
    data["docs"] = kept
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def write_search_facts(target: Path, facts: dict[str, str]) -> None:
    """``search-facts.js``: page URL -> "Kursus · Dasar · 8 JP", shown beside search results.

    A script, not JSON, so it also loads from file://; kept out of the index so the labels do
    not change what matches.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(dict(sorted(facts.items())), ensure_ascii=False, separators=(",", ":"))
    target.write_text(f"window.asnSearchFacts = {data};\n", encoding="utf-8")
