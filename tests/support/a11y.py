"""axe-core's check of a page loaded in Chromium, for any browser test that scans its own pages."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

BLOCKING = ("serious", "critical")


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the loaded page, one line per element:
    ``"color-contrast (serious): .md-tabs__link[href$='kursus/'] — <axe's summary>"``. Empty means it passes."""
    # Colours are judged as they settle: a button just clicked is still fading between two of them.
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    response = Axe().run(page).response
    found = []
    for rule in response["violations"]:
        if rule.get("impact") not in BLOCKING:
            continue
        for node in rule["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = " ".join(node.get("failureSummary", "").split())
            found.append(f"{rule['id']} ({rule['impact']}): {target} — {summary[:200]}")
    return found
