"""The portal as a Kolibri HTML5 app (``asn-portal kolibri``): one zip with ``index.html`` at its root.

Kolibri shows an HTML5 app from its zip in a sandboxed frame: the entry is ``index.html`` at the root,
links must be relative and nothing may come from the network. The offline build (the bundle's, for
file://) is exactly that: ``.html`` links, every script, style and material inside the site. Its home page
is ``index.html`` at the site's root, so the site itself is the app; Kolibri emulates localStorage per
learner, so the learning plan, progress and quizzes are kept per learner. The zip is the bundle's
reproducible zip (kit/bundle.py ``write_zip``) without the top folder.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn_portal.kit.bundle import build_kit_site, prepare_output, refuse_clashes, write_zip

ENTRY = "index.html"


@dataclass
class KolibriReport:
    path: Path
    pages: int
    materials: int
    files: int
    size: int


def make_kolibri(config_file: Path, output: Path, chosen: tuple[tuple[str, str], ...] = ()) -> KolibriReport:
    """Build offline into a temporary folder and write the app's zip atomically (no partial file).

    ``chosen``: (kind, slug) entries a one-event app is built around; empty for the whole catalog."""
    output = prepare_output(output)
    with tempfile.TemporaryDirectory(prefix="asn-portal-kolibri-") as tmp:
        site = Path(tmp) / "situs"
        build_kit_site(config_file, site, chosen, "Paket Kolibri")
        files = [p for p in site.rglob("*") if p.is_file()]
        refuse_clashes("Paket Kolibri", (p.relative_to(site).as_posix() for p in files))
        write_zip(site, output)
        pages = sum(1 for p in files if p.suffix == ".html")
        materials = sum(1 for p in files if (site / "materi") in p.parents)
    return KolibriReport(output, pages, materials, len(files), output.stat().st_size)
