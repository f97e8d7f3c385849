"""The Chromium the browser tests and benchmarks drive through Playwright: Debian's, no ``playwright install``."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("ASN_PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def browser_available() -> bool:
    return Path(CHROMIUM).exists()
