"""A page's content waits packed as the core wrote it, never unpacked, only while no other plugin or hook handles
``on_page_content`` (parked.py ``hold``); a hook that does gets every page's HTML and what it returns is what
the site shows."""

from __future__ import annotations

from tests.support.project import ProjectBuilder

HOOK = """
def on_page_content(html, page, config, files):
    if page.file.src_uri == "kursus/kursus-satu.md":
        assert 'id="faktor-yang-didukung"' in html, html[:200]
        return html + '<p data-kait="ya">Ditambahkan kait</p>'
    return html
"""


def test_a_hook_reading_page_content_gets_the_portal_pages_html_and_its_change_is_published(
        project: ProjectBuilder) -> None:
    from asn_portal.engines.mkdocs.build import build_site

    project.minimal()
    plain = build_site(project.root / "mkdocs.yml")
    course = (plain / "kursus" / "kursus-satu" / "index.html").read_text(encoding="utf-8")
    assert 'id="faktor-yang-didukung"' in course and "data-kait" not in course
    project.write("kait.py", HOOK)
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config + "hooks:\n  - kait.py\n")
    site = build_site(project.root / "mkdocs.yml")
    hooked = (site / "kursus" / "kursus-satu" / "index.html").read_text(encoding="utf-8")
    assert '<p data-kait="ya">Ditambahkan kait</p>' in hooked
    assert hooked.replace('<p data-kait="ya">Ditambahkan kait</p>', "") == course
