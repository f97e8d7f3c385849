"""A SCORM 1.2 package of one entry (``asn-portal scorm --course SLUG``) for an LMS such as Moodle.

Layout inside the zip (no top folder: an LMS reads ``imsmanifest.xml`` at the zip's root):
    imsmanifest.xml   schema "ADL SCORM" 1.2, one organization with one item, whose one SCO resource
                      launches the entry's page and lists every other file of the package
    ...               the offline (file://) build of that entry and what it links, as ``bundle --course``
                      builds it (subset), without the files that only matter online

The page reports to the LMS itself (``assets/src/scorm.mjs``, part of every page's script: it does
nothing without an LMS): status, and the score of the final quiz against ``MASTERY`` percent, which
the manifest also gives as ``adlcp:masteryscore``. Written atomically, and reproducibly: the same
content gives the same bytes (``bundle.write_zip``).
"""

from __future__ import annotations

import html
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from asn_portal.engines.mkdocs.build import SiteError
from asn_portal.kit.bundle import build_kit_site, prepare_output, refuse_clashes, write_zip
from asn_portal.model.registry import KINDS, KindSpec
from asn_portal.render.readers import xml_text
from asn_portal.trust.urls import Urls, entry_src

MANIFEST = "imsmanifest.xml"
MASTERY = 70  # percent right for "passed": the same number as MASTERY in assets/src/scorm.mjs
WORK = "scorm"  # fixed folder the package is assembled in
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


@dataclass
class ScormReport:
    path: Path
    launch: str  # the SCO's href inside the zip
    pages: int
    materials: int
    files: int  # with the manifest
    size: int


def scorm_kinds() -> list[KindSpec]:
    """The kinds a SCORM package can be made of (``--course SLUG``): those readers plan and take."""
    return [spec for spec in KINDS.values() if spec.plannable and spec.subset_option]


def default_output(slug: str) -> Path:
    return Path("dist") / f"scorm-{slug}.zip"


def href(path: str) -> str:
    """A path inside the package as a manifest href: a relative URI, so percent-encoded."""
    return quote(path, safe="/-._~")


def manifest(kind: str, slug: str, title: str, launch: str, files: list[str]) -> str:
    """The imsmanifest.xml text: one organization, one item, one SCO with ``launch`` and every file."""
    ident = f"asn-portal-{kind}-{slug}"
    title = xml_text(title)  # a title may hold what XML forbids (U+000B from Word): the LMS would refuse
    listed = "".join(f"      <file href={quoteattr(href(name))}/>\n" for name in files)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier={quoteattr(ident)} version="1.0"\n'
        '          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"\n'
        '          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">\n'
        "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n"
        '  <organizations default="ORG-1">\n    <organization identifier="ORG-1">\n'
        f"      <title>{escape(title)}</title>\n"
        '      <item identifier="ITEM-1" identifierref="SCO-1" isvisible="true">\n'
        f"        <title>{escape(title)}</title>\n"
        f"        <adlcp:masteryscore>{MASTERY}</adlcp:masteryscore>\n"
        "      </item>\n    </organization>\n  </organizations>\n"
        "  <resources>\n"
        f'    <resource identifier="SCO-1" type="webcontent" adlcp:scormtype="sco" href={quoteattr(href(launch))}>\n'
        f"{listed}"
        "    </resource>\n  </resources>\n</manifest>\n"
    )


def mark_launched(root: Path, slug: str) -> None:
    """Every page names the course the package launches (``<meta name="asn-scorm-course">`` in the theme's
    head, before any content): only that course's final quiz reports to the LMS (assets/src/scorm.mjs)."""
    mark = f'<meta name="asn-scorm-course" content="{html.escape(slug)}">'
    for page in root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(_HEAD.sub(lambda m: m.group(0) + mark, text, count=1), encoding="utf-8")


def make_scorm(config_file: Path, output: Path, kind: str, slug: str, title: str) -> ScormReport:
    """Build the offline subset of one entry in a temporary folder, add the manifest, write the zip atomically."""
    output = prepare_output(output)
    with tempfile.TemporaryDirectory(prefix="asn-portal-scorm-") as tmp:
        root = Path(tmp) / WORK
        build_kit_site(config_file, root, ((kind, slug),), "Paket SCORM")
        launch = Urls(False).dest(entry_src(kind, slug))
        if not (root / launch).is_file():
            raise SiteError(f"Paket SCORM tidak dibuat: halaman {launch} tidak ada di hasil build.")
        files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        refuse_clashes("Paket SCORM", [*files, MANIFEST])
        mark_launched(root, slug)
        (root / MANIFEST).write_bytes(manifest(kind, slug, title, launch, files).encode("utf-8"))
        write_zip(root, output)
        pages = sum(1 for name in files if name.endswith(".html"))
        materials = sum(1 for name in files if name.startswith("materi/"))
    size = output.stat().st_size
    return ScormReport(output, launch, pages, materials, len(files) + 1, size)
