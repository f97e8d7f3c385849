"""MkDocs' check of links to #anchors still sees the portal's own pages, whose anchors are kept only when a page
MkDocs converts itself could link to them (the plugin's on_nav): a page a hook adds that links to a heading a
course page does not have is reported, one linking to a heading it has is not."""

from __future__ import annotations

import logging

import pytest

from tests.support.project import ProjectBuilder

HOOK = """
from pathlib import Path

from mkdocs.structure.files import File


def on_files(files, config):
    text = (Path(__file__).parent / "catatan.txt").read_text(encoding="utf-8")
    files.append(File.generated(config, "catatan.md", content=text))
    return files
"""


def test_a_link_to_a_missing_anchor_of_a_portal_page_is_reported(project: ProjectBuilder,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    from asn_portal.engines.mkdocs.build import build_site

    project.minimal()
    project.write("tautan.py", HOOK)
    project.write("catatan.txt", "# Catatan\n\n[ada](kursus/kursus-satu.md#faktor-yang-didukung) "
                                 "dan [tidak](kursus/kursus-satu.md#tidak-ada)\n")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config + "hooks:\n  - tautan.py\nvalidation:\n  anchors: warn\n")
    with caplog.at_level(logging.WARNING):
        site = build_site(project.root / "mkdocs.yml")
    said = "\n".join(record.getMessage() for record in caplog.records)
    assert "kursus/kursus-satu.md#tidak-ada" in said, said
    assert "#faktor-yang-didukung" not in said, said
    assert 'id="faktor-yang-didukung"' in (site / "kursus" / "kursus-satu" / "index.html").read_text(encoding="utf-8")
