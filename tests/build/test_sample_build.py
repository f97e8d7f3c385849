"""The shipped sample built as it is: every link of every page works, every published material is
the project's file, and MkDocs builds it strictly without warnings.

The sample is only crawled (its slugs are never named here), so content edits never break these tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.support.htmlview import is_local, load, resolve
from tests.support.richsite import FOLDERS, page_file


# -- the shipped sample: every link -----------------------------------------------------------
def crawl(site: Path) -> list[str]:
    """Every relative href/src of every built page, checked; returns the problems."""
    problems = []
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {n.get("id") or "" for n in load(path).iter() if n.has("id")}
        return ids[path]

    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page_path in pages:
        page = load(page_path)
        all_ids = [n.get("id") for n in page.iter() if n.has("id")]
        problems += [f"{page_path.relative_to(site)}: id {i!r} twice"
                     for i in sorted({i for i in all_ids if all_ids.count(i) > 1}, key=str)]
        for node in page.iter():
            for attr in ("href", "src"):
                url = node.get(attr)
                if url is None or urlsplit(url).scheme or urlsplit(url).netloc:
                    continue
                where = f"{page_path.relative_to(site)} <{node.tag} {attr}={url!r}>"
                if not is_local(url):
                    # Material's 404 page is served at any depth, so it links from the site root.
                    if page_path.name != "404.html":
                        problems.append(f"{where}: not relative")
                    continue
                target = resolve(page_path, url)
                assert target is not None
                if not target.is_file():
                    problems.append(f"{where}: {target} does not exist")
                    continue
                fragment = unquote(urlsplit(url).fragment)
                if fragment and target.suffix == ".html" and fragment not in ids_of(target):
                    problems.append(f"{where}: no id '{fragment}' in {target.relative_to(site.resolve())}")
    return problems


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_in_the_sample_site_works(sample_copy: Path, directory_urls: bool) -> None:
    from asn_portal.engines.mkdocs.build import build_site

    site = build_site(sample_copy / "mkdocs.yml", strict=True, use_directory_urls=directory_urls)
    assert crawl(site) == []
    # the search index points at pages that exist, too
    from tests.support.search import shard_docs

    locations = list(shard_docs(site))
    assert len(locations) > 30
    for location in locations:
        target = resolve(site / "index.html", urlsplit(location).path or "./")
        assert target is not None and target.is_file(), location
    # every published material is a byte-identical copy of the project's file
    published = [p for p in (site / "materi").rglob("*") if p.is_file()]
    assert published
    for copy in published:
        original = sample_copy / "materials" / copy.relative_to(site / "materi")
        assert copy.read_bytes() == original.read_bytes()
    # every entry of the catalog has its page
    for kind, folder in FOLDERS.items():
        for entry in (sample_copy / "content" / f"{kind}s").glob("*.yml"):
            assert page_file(site, folder, entry.stem, directory_urls).is_file()


# -- MkDocs itself ------------------------------------------------------------------------------
def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")}


def test_modules_set_no_mkdocs_2_warning() -> None:
    for module in ("asn_portal.engines.mkdocs.plugin", "asn_portal.engines.mkdocs.build", "asn_portal.cli"):
        code = f"import os, {module}; print(os.environ.get('NO_MKDOCS_2_WARNING', ''))"
        out = subprocess.run([sys.executable, "-c", code], env=clean_env(), capture_output=True, text=True,
                             check=True).stdout.strip()
        assert out, f"{module} does not set NO_MKDOCS_2_WARNING"


def test_sample_builds_strict_without_warnings(sample_copy: Path) -> None:
    cli = Path(sys.executable).with_name("asn-portal")
    command = [str(cli)] if cli.exists() else [sys.executable, "-c", "import sys; from asn_portal.cli import main; "
                                                                      "sys.exit(main())"]
    run = subprocess.run([*command, "build", "--strict"], cwd=sample_copy, env=clean_env(), capture_output=True,
                         text=True, timeout=120)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "WARNING" not in output
    assert "NO_MKDOCS_2_WARNING" not in output and "end of life" not in output
    assert (sample_copy / "site" / "index.html").is_file()
    env = {**clean_env(), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(sample_copy / "site-mkdocs")],
                         cwd=sample_copy, env=env, capture_output=True, text=True, timeout=120)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "WARNING" not in output
