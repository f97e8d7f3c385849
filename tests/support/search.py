"""The built search index read back: its documents from the shards, and queries answered by the engine
(assets/src/search-engine.mjs) run in Node.js by tests/js/search-node.js."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from devtools import ROOT

HARNESS = ROOT / "tests" / "js" / "search-node.js"


def shard_docs(site: Path) -> dict[str, list[str]]:
    """Result data of every document in the built index: url -> [url, title, label, excerpt]."""
    docs: dict[str, list[str]] = {}
    for path in (site / "search" / "d").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        payload = json.loads(text[text.index(",") + 1: text.rindex(")")])
        docs.update({d[0]: d for d in payload})
    return docs


def ask(node: str, site: Path, queries: list[str]) -> list[dict[str, Any]]:
    """Each query answered by one engine (shards loaded by one query stay for the next, as in a tab)."""
    out = subprocess.run([node, str(HARNESS), str(site)], input="\n".join(queries), text=True,
                         capture_output=True, check=True, timeout=120).stdout
    return list(json.loads(out))


def ask_fresh(node: str, site: Path, query: str) -> dict[str, Any]:
    return ask(node, site, [query])[0]


def index_site(tmp: Path, docs: list[Any], synonyms: dict[str, tuple[str, ...]] | None = None) -> Path:
    """A bare site with just an index of ``docs`` (SearchDoc) and the folder the engine's relative
    paths start from."""
    from asn_portal.search.shards import SearchIndex
    from asn_portal.search.words import synonym_table

    index = SearchIndex()
    index.synonyms = synonym_table(synonyms or {})
    for doc in docs:
        index.add(doc)
    index.write(tmp / "search")
    (tmp / "assets" / "javascripts" / "workers").mkdir(parents=True)
    return tmp
