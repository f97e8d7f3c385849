"""Shared fixtures: small projects written into tmp folders, the shipped sample built once per test worker
(its site served, its kit unpacked, the plan's and the phone's variants), a real Chromium and Node.js.
The helpers behind them are in tests/support and devtools; test modules import those, never this file."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devtools import ROOT
from devtools.browser import CHROMIUM, CHROMIUM_ARGS, browser_available
from devtools.loopback import serve
from tests.support.phone import Sites
from tests.support.phone import phone_sites as make_phone_sites
from tests.support.plan import PLAN_SITE, PlanSite
from tests.support.project import ProjectBuilder
from tests.support.sites import SampleKit, SampleSite, copy_sample, unpacked_bundle


@pytest.fixture
def project(tmp_path: Path) -> ProjectBuilder:
    return ProjectBuilder(tmp_path / "portal")


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A copy of the shipped project (content, materials, mkdocs.yml) to build without touching the repo."""
    return copy_sample(tmp_path / "sample")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; skipped without it unless CI requires it."""
    if not browser_available():
        if os.environ.get("ASN_PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}, padahal ASN_PORTAL_REQUIRE_BROWSER=1")
        pytest.skip(f"Chromium tidak ditemukan di {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js, which runs the search engine against a built index without a browser (tests/js/)."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("ASN_PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail("Node.js tidak ditemukan, padahal ASN_PORTAL_REQUIRE_BROWSER=1")
        pytest.skip("Node.js tidak ditemukan")
    return found


# -- the shipped sample, unmodified, built once per test worker ---------------------------------------
# A module that builds the sample as it is (same mkdocs.yml, same content) uses these; a module that
# changes the sample first (another option, an added page) keeps its own build.

@pytest.fixture(scope="session")
def sample_http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SampleSite]:
    """The checkout's sample built (strict) with ``site_url`` set to the address it is served at, so
    Material's instant navigation takes over its links as on a published site."""
    from asn_portal.engines.mkdocs.build import build_site

    out = tmp_path_factory.mktemp("sample-http") / "site"
    with serve(out, build=lambda url: build_site(ROOT / "mkdocs.yml", strict=True, site_url=url,
                                                 site_dir=str(out))) as url:
        yield SampleSite(url, out)


@pytest.fixture(scope="session")
def sample_kit(tmp_path_factory: pytest.TempPathFactory) -> SampleKit:
    """``asn-portal bundle`` of the checkout's sample, and the kit unpacked beside it."""
    where = tmp_path_factory.mktemp("sample-kit")
    situs = unpacked_bundle(ROOT, where)
    return SampleKit(where / "zip" / "portal-asn.zip", situs.parent)


@pytest.fixture(scope="session")
def phone_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    """The sample with a wide table page, served, and its kit with 4 cards a page (tests/support/phone.py)."""
    with make_phone_sites(tmp_path_factory.mktemp("phone")) as sites:
        yield sites


# -- the sample with a public site_url, for the plan and HR recap tests (tests/support/plan.py) ---------

@pytest.fixture(scope="session")
def plan_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("plan") / "sample", PLAN_SITE)
    return root


@pytest.fixture(scope="session")
def plan_courses(plan_sample: Path) -> list[Any]:
    from asn_portal.content.validate import Project, load_catalog

    catalog, _ = load_catalog(Project.at(plan_sample))
    return catalog.sorted("course")[:3]


@pytest.fixture(scope="session")
def plan_http(plan_sample: Path, plan_courses: list[Any]) -> Iterator[PlanSite]:
    from asn_portal.engines.mkdocs.build import build_site

    site = build_site(plan_sample / "mkdocs.yml", site_dir=str(plan_sample.parent / "http-site"))
    with serve(site) as url:
        yield PlanSite(url, True, plan_courses, plan_sample)


@pytest.fixture(scope="session")
def plan_file(plan_sample: Path, plan_courses: list[Any]) -> PlanSite:
    return PlanSite(unpacked_bundle(plan_sample, plan_sample.parent).as_uri() + "/", False, plan_courses, plan_sample)
