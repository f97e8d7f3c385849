"""Helpers the tests and the benchmarks share: the browser they drive, the loopback server that serves a
built site to it, and the synthetic catalog. Imported as ``devtools`` from the repository root (pytest's
``pythonpath``, ``python -m benchmarks...``); not part of the shipped package."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the checkout: mkdocs.yml, content/, materials/
