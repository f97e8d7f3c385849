"""The Chromium the browser tests and benchmarks drive through Playwright: Debian's, no ``playwright install``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("ASN_PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def browser_available() -> bool:
    return Path(CHROMIUM).exists()


def keep_local(context: Any, *allowed: str) -> list[str]:
    """Every request of the Playwright ``context`` to an address not starting with one of ``allowed`` is
    aborted and listed in the returned list (filled as pages run): nothing leaves the machine unseen."""
    outside: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return outside
