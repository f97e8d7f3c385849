"""What the theme does once per build (asn_portal/engines/mkdocs/once.py): the site is the same, byte for byte,
as the theme rendering every page in full; a site's own partials still win; compiled templates on disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import jinja2
import pytest

from asn_portal.engines.mkdocs import once
from asn_portal.engines.mkdocs.build import build_offline, build_site
from devtools.catalog import generate_project
from tests.support.project import ProjectBuilder
from tests.support.sites import copy_sample


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def assert_same_sites(cached: Path, full: Path) -> None:
    ours, theirs = files_of(cached), files_of(full)
    assert sorted(ours) == sorted(theirs)
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert differ == [], f"{len(differ)} files differ, first {differ[:5]}"


def counting_keys(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every key the cache computes (None: a page rendered in full), so a test knows the cache was used."""
    keys: list[object] = []
    real = once.Once.key

    def key(self: once.Once, context: object) -> object:
        keys.append(real(self, context))  # type: ignore[arg-type]
        return keys[-1]

    monkeypatch.setattr(once.Once, "key", key)
    return keys


def both_ways(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, config: Path, **overrides: object) -> tuple[Path, Path]:
    """The site built with the theme cache and without it (``ASN_PORTAL_THEME_CACHE=0``)."""
    keys = counting_keys(monkeypatch)
    sites = []
    for switch in ("1", "0"):
        monkeypatch.setenv(once.SWITCH, switch)
        sites.append(build_site(config, site_dir=str(tmp_path / f"site-{switch}"), **overrides))
    reused = [key for key in keys if key is not None]
    assert len(reused) > 2 * len(set(reused)), "the cache was not used"
    return sites[0], sites[1]


def test_the_sample_is_the_same_with_the_theme_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "sample")
    cached, full = both_ways(monkeypatch, tmp_path, project / "mkdocs.yml")
    assert_same_sites(cached, full)


@pytest.mark.parametrize("sequence", ["", " !!python/tuple"])  # (mkdocs.yml may write a tuple)
def test_the_header_with_languages_palette_and_repository_is_the_same_with_the_theme_cache(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sequence: str) -> None:
    """Every choice our header shows around the page title (a language menu whose links are relative to each
    page, colour schemes, the repository) is the same as rendered page by page, and reused."""
    project = copy_sample(tmp_path / "sample")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme:\n", "repo_url: https://example.org/asn\n"
        f"extra:\n  alternate:{sequence}\n    - name: Bahasa Indonesia\n      link: ./\n      lang: id\n"
        "    - name: English\n      link: kursus/penyusunan-skp/en/\n      lang: en\n"
        "theme:\n  palette:\n    - scheme: default\n    - scheme: slate\n", 1), encoding="utf-8")
    parts: list[str] = []
    real = once.Once.__call__

    def call(self: once.Once, context: object, part: str, caller: object) -> str:
        parts.append(part)
        return real(self, context, part, caller)  # type: ignore[arg-type]

    monkeypatch.setattr(once.Once, "__call__", jinja2.pass_context(call))
    cached, full = both_ways(monkeypatch, tmp_path, config)
    assert_same_sites(cached, full)
    assert parts.count("header-start") > 20 and parts.count("header-tools") > 20
    # (a link under one page's folder is written differently on its sibling pages, whose navigation links
    # are the same: the key holds the languages' links)
    page = (cached / "kursus" / "penyusunan-skp" / "index.html").read_text(encoding="utf-8")
    sibling = (cached / "kursus" / "penulisan-naskah-dinas" / "index.html").read_text(encoding="utf-8")
    assert '<a href="en/" hreflang="en"' in page and '<a href="../penyusunan-skp/en/" hreflang="en"' in sibling
    assert "md-header__source" in page and 'data-md-color-scheme="slate"' in page


def test_a_hook_that_changes_what_the_header_prints_on_each_page_is_seen_on_each_page(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A hook (or another plugin) that handles each page while it is rendered may change the configuration the
    header and navigation print, which no key sees: such a site renders every page in full."""
    project = copy_sample(tmp_path / "sample")
    (project / "bahasa.py").write_text(
        "def on_page_context(context, page, config, nav):\n"
        "    config.extra['alternate'] = [{'name': 'EN ' + page.title, 'link': '/en/', 'lang': 'en'}]\n"
        "    return context\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "theme:\n", "hooks:\n  - bahasa.py\nextra:\n  alternate: []\ntheme:\n", 1), encoding="utf-8")
    keys = counting_keys(monkeypatch)
    for switch in ("1", "0"):
        monkeypatch.setenv(once.SWITCH, switch)
        build_site(config, site_dir=str(tmp_path / f"site-{switch}"))
    assert keys == []  # nothing taken from the cache
    assert_same_sites(tmp_path / "site-1", tmp_path / "site-0")
    page = (tmp_path / "site-1" / "kursus" / "penyusunan-skp" / "index.html").read_text(encoding="utf-8")
    assert "EN Penyusunan Sasaran Kinerja Pegawai (SKP) yang Terukur" in page


def test_the_offline_sample_is_the_same_with_the_theme_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The bundle's build: file:// links, no directory URLs (offline.configure_offline)."""
    project = copy_sample(tmp_path / "sample")
    keys = counting_keys(monkeypatch)
    for switch in ("1", "0"):
        monkeypatch.setenv(once.SWITCH, switch)
        build_offline(project / "mkdocs.yml", tmp_path / f"site-{switch}")
    assert [key for key in keys if key is not None]
    assert_same_sites(tmp_path / "site-1", tmp_path / "site-0")


@pytest.mark.slow
@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_catalog_is_the_same_with_the_theme_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                    directory_urls: bool) -> None:
    generate_project(tmp_path / "catalog", 300)
    cached, full = both_ways(monkeypatch, tmp_path, tmp_path / "catalog" / "mkdocs.yml",
                             use_directory_urls=directory_urls)
    assert_same_sites(cached, full)


def test_a_sites_own_navigation_partial_wins(monkeypatch: pytest.MonkeyPatch, project: ProjectBuilder) -> None:
    project.minimal()
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    project.write("overrides/partials/nav.html", '<nav class="situs-sendiri">{{ page.url }}</nav>')
    monkeypatch.setenv(once.SWITCH, "1")
    site = project.build()
    for page, url in (("kursus/kursus-satu/index.html", "kursus/kursus-satu/"), ("artikel/index.html", "artikel/")):
        html = (site / page).read_text(encoding="utf-8")
        assert f'<nav class="situs-sendiri">{url}</nav>' in html  # rendered for each page, never reused
        assert "md-nav--primary" not in html


def test_compiled_templates_are_kept_in_a_private_folder_of_the_users_cache(tmp_path: Path) -> None:
    folder = once.cache_folder({"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert folder is not None and folder.startswith(str(tmp_path / "cache" / "asn-portal" / "jinja") + os.sep)
    assert "jinja" in os.path.basename(folder) and "material" in os.path.basename(folder)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert once.cache_folder({"XDG_CACHE_HOME": "relative/cache"}) is None  # never inside the project
    shared = tmp_path / "shared"
    (shared / "asn-portal" / "jinja").mkdir(parents=True)
    (shared / "asn-portal" / "jinja").chmod(0o777)
    name = os.path.basename(folder)
    (shared / "asn-portal" / "jinja" / name).mkdir(mode=0o777)
    os.chmod(shared / "asn-portal" / "jinja" / name, 0o777)
    assert once.cache_folder({"XDG_CACHE_HOME": str(shared)}) is None  # others could write code we would run


def test_a_template_compiled_once_is_read_back_by_another_process(tmp_path: Path) -> None:
    import jinja2

    folder = once.cache_folder({"XDG_CACHE_HOME": str(tmp_path)})
    loader = jinja2.DictLoader({"t.html": "{{ 1 + 2 }} halo"})
    first = jinja2.Environment(loader=loader, bytecode_cache=once.ThemeBytecode(folder))
    assert first.get_template("t.html").render() == "3 halo"
    written = [name for name in os.listdir(str(folder)) if name.endswith(".jinja")]
    assert len(written) == 1 and not [name for name in os.listdir(str(folder)) if name.endswith(".tmp")]
    (Path(str(folder)) / written[0]).write_bytes(b"cut short")  # half a file: compiled again, not an error
    second = jinja2.Environment(loader=loader, bytecode_cache=once.ThemeBytecode(folder))
    assert second.get_template("t.html").render() == "3 halo"
