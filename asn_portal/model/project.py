"""Find a portal project (the folder with mkdocs.yml) and read the plugin's folder options.

The CLI uses this to check content without loading MkDocs or its theme.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from asn_portal.model.planrules import PlanRules, PlanRulesError

T = TypeVar("T")
# (name, options) of Markdown extensions, as mkdocs.yml lists them
Extensions = tuple[tuple[str, dict[str, Any]], ...]
MAX_CATALOG_FILE_SIZE = 1_000_000  # bytes; a 50 MB summary took 811 MB and 22 s to build


@dataclass(frozen=True)
class Project:
    """Where a project's content lives and the plugin options that decide what may be published.

    ``root`` is the folder holding mkdocs.yml; ``pages_dir`` is MkDocs' ``docs_dir``.
    """

    root: Path
    content_dir: Path
    materials_dir: Path
    pages_dir: Path
    allow_active_materials: bool = False  # html/svg/js materials served from the site's own address
    raw_html_pages: bool = False  # hand-written pages keep raw HTML unsanitised
    max_catalog_file_size: int = MAX_CATALOG_FILE_SIZE
    # (name, options) of the site's Markdown extensions, so `check` reads pages as the build does
    markdown_extensions: Extensions = field(default=())

    @classmethod
    def at(cls, root: Path, content: str = "content", materials: str = "materials", pages: str | None = None, *,
           allow_active_materials: bool = False, raw_html_pages: bool = False,
           max_catalog_file_size: int = MAX_CATALOG_FILE_SIZE, markdown_extensions: Extensions = ()) -> Project:
        root = root.resolve()
        pages_dir = root / pages if pages is not None else root / content / "pages"
        return cls(root, root / content, root / materials, pages_dir, allow_active_materials, raw_html_pages,
                   max_catalog_file_size, markdown_extensions)

    @property
    def materials_prefix(self) -> str:
        """How content writes the materials folder: "materials" (``materials/x.pdf``)."""
        return self.rel(self.materials_dir)

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def folder_problems(self) -> list[str]:
        """Configured folders that lie outside the project (mkdocs.yml is reviewer-owned, but a typo
        such as ``content_dir: ..`` must not make the whole disk content)."""
        found = []
        for name, folder in (("content_dir", self.content_dir), ("materials_dir", self.materials_dir),
                             ("docs_dir", self.pages_dir)):
            rel = os.path.normpath(os.path.relpath(folder, self.root))
            if rel == "." or rel.startswith(".."):
                found.append(f"{name} '{self.rel(folder)}' harus berupa subfolder di dalam folder proyek.")
        return found

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
PLUGIN = "asn-portal"


class ProjectNotFoundError(Exception):
    pass


def find_config(start: Path, explicit: str | None = None) -> Path:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ProjectNotFoundError(f"berkas konfigurasi '{explicit}' tidak ditemukan.")
        return path.resolve()
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    raise ProjectNotFoundError("mkdocs.yml tidak ditemukan di folder ini maupun folder induknya. "
                          "Jalankan perintah dari folder proyek portal, atau pakai -f PATH/mkdocs.yml.")


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name:... for Markdown extensions; ignore them."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_LenientLoader) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{config_file.name}:{mark.line + 1}:{mark.column + 1}" if mark else config_file.name
        raise ProjectNotFoundError(f"{where}: YAML tidak valid. Periksa indentasi (spasi, bukan tab), tanda kutip "
                                   "dan ':' di baris ini.") from exc
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise ProjectNotFoundError(f"{config_file.name} tidak dapat dibaca (simpan sebagai UTF-8).") from exc
    if not isinstance(data, dict):
        raise ProjectNotFoundError(f"{config_file.name} harus berupa pemetaan 'kunci: nilai', "
                                   "misalnya 'site_name: ...'.")
    return data


def plugin_options(data: dict[str, Any]) -> dict[str, Any]:
    plugins = data.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also accepts "plugins: {name: options}"
        plugins = [{name: options} for name, options in plugins.items()]
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, dict) and isinstance(item.get(PLUGIN), dict):
            return dict(item[PLUGIN])
    return {}


def load_project(start: Path, explicit: str | None = None) -> tuple[Project, Path]:
    config_file = find_config(start, explicit)
    data = read_config(config_file)
    options = plugin_options(data)
    extensions = _extensions(data.get("markdown_extensions"))
    project = Project.at(config_file.parent, str(options.get("content_dir", "content")),
                         str(options.get("materials_dir", "materials")), str(data.get("docs_dir", "docs")),
                         allow_active_materials=_option(options, "allow_active_materials", bool, False),
                         raw_html_pages=_option(options, "raw_html_pages", bool, False),
                         max_catalog_file_size=_option(options, "max_catalog_file_size", int, MAX_CATALOG_FILE_SIZE),
                         markdown_extensions=extensions)
    problems = project.folder_problems()
    try:  # what the plan counts by: told for every command, check included, as the build tells it
        PlanRules.from_options(options)
    except PlanRulesError as error:
        problems.append(str(error))
    if problems:
        raise ProjectNotFoundError(f"{config_file.name}: " + " ".join(problems))
    return project, config_file


def _option(options: dict[str, Any], name: str, kind: type[T], default: T) -> T:
    """A plugin option as the plugin's typed config would accept it, or a clear message."""
    value = options.get(name, default)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ProjectNotFoundError(f"opsi '{name}' plugin asn-portal harus berupa "
                                   f"{'true atau false' if kind is bool else 'bilangan bulat'}, bukan {value!r}.")
    return value


def _extensions(value: object) -> Extensions:
    """``markdown_extensions`` as MkDocs reads it: names, or one-key mappings of name to options."""
    found: list[tuple[str, dict[str, Any]]] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            found.append((item, {}))
        elif isinstance(item, dict) and len(item) == 1:
            name, options = next(iter(item.items()))
            found.append((str(name), options if isinstance(options, dict) else {}))
    return tuple(found)
