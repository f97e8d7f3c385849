"""How one build renders the catalog: the engine's settings the core needs, as one plain value.

The MkDocs adapter, the Zensical export and every other output make one ``RenderOptions`` from their
own configuration (``site.assembly``); the renderer reads nothing else of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from asn_portal.model.planrules import PlanRules
from asn_portal.render.lists import DEFAULT_PAGE_SIZE
from asn_portal.render.readers import Site


@dataclass(frozen=True)
class RenderOptions:
    directory_urls: bool = True  # kursus/x/ (a web server) or kursus/x.html (file://, the kit)
    updated: Mapping[str, dt.date] = field(default_factory=dict)  # source file -> date of its last commit
    rules: PlanRules = field(default_factory=PlanRules)  # what the plan and recap count by
    toc: Mapping[str, Any] | None = None  # the site's toc settings: headings look as its Markdown writes them
    page_size: int = DEFAULT_PAGE_SIZE  # cards an index page shows before it continues (lists.py)
    # The published site's address and its directory_urls, for the addresses in readers' records.
    public: tuple[str, bool] | None = None
    site: Site = field(default_factory=Site)  # name, author and address for JSON-LD, catalog.json, the feed
    # Processes that render the entry pages of a large catalog (model/workers.py; 0: every CPU): the pages
    # are the one process's, byte for byte.
    jobs: int = 1
