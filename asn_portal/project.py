"""Find a portal project (the folder with mkdocs.yml) and read the plugin's folder options.

The CLI uses this to check content without loading MkDocs or its theme.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .validate import Project

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


def plugin_options(config_file: Path) -> dict[str, Any]:
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
    plugins = data.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also accepts "plugins: {name: options}"
        plugins = [{name: options} for name, options in plugins.items()]
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, dict) and isinstance(item.get(PLUGIN), dict):
            return dict(item[PLUGIN])
    return {}


def load_project(start: Path, explicit: str | None = None) -> tuple[Project, Path]:
    config_file = find_config(start, explicit)
    options = plugin_options(config_file)
    project = Project.at(config_file.parent, options.get("content_dir", "content"),
                         options.get("materials_dir", "materials"))
    return project, config_file
