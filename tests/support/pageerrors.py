"""What a browser page reports as broken while a test drives it, collected the one way every browser test does."""

from __future__ import annotations

from typing import Any


def record_errors(page: Any, errors: list[str], *, console: bool = True, stack: bool = False) -> list[str]:
    """Append to ``errors`` each uncaught script error of ``page`` (with its stack when ``stack``: a test may
    keep only those thrown in the portal's scripts) and, with ``console``, each console error."""
    if console:
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{error} {error.stack}" if stack else str(error)))
    return errors
