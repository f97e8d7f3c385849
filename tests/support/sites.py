"""Built sites and kits: ``asn-portal bundle`` of a project unzipped, and the shared sample's site and kit."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from devtools import ROOT

LOCAL_SITE_URL = '!ENV [SITE_URL, "http://127.0.0.1:8000/"]'  # the shipped mkdocs.yml's site_url


def copy_sample(target: Path, site_url: str | None = None) -> Path:
    """The shipped project (content, materials, mkdocs.yml) copied into ``target`` to build without touching
    the repository; ``site_url``: the published address written in place of the local default."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("content", "materials"):
        shutil.copytree(ROOT / name, target / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if site_url is not None:
        assert LOCAL_SITE_URL in config
        config = config.replace(LOCAL_SITE_URL, site_url)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def unpacked_bundle(project: Path, where: Path) -> Path:
    """``asn-portal bundle`` of ``project``, unzipped under ``where``: the kit's ``situs`` folder."""
    from asn_portal.cli import main

    out = where / "zip" / "portal-asn.zip"
    assert main(["-f", str(project / "mkdocs.yml"), "bundle", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        zf.extractall(where / "x")
    return where / "x" / "portal-asn" / "situs"


@dataclass
class SampleSite:
    """The shipped sample as built and served once per test worker (tests/conftest.py: ``sample_http``)."""

    url: str  # the served address, ends with "/"
    site: Path  # the built folder


@dataclass
class SampleKit:
    """The shipped sample's kit, made and unpacked once per test worker (tests/conftest.py: ``sample_kit``)."""

    zip: Path  # portal-asn.zip as ``asn-portal bundle`` wrote it
    top: Path  # the unpacked portal-asn folder: BUKA-PORTAL.html, BACA-SAYA.txt, situs/

    @property
    def situs(self) -> Path:
        return self.top / "situs"
