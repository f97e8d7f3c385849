"""Edit buttons that open the right file: ``edit_uri`` derived from the repository, branch and docs_dir.

MkDocs fills in ``edit/master/docs/`` for any github.com or gitlab.com ``repo_url``: the branch is
guessed, the portal's ``content/pages`` folder is lost and GitLab's ``-/edit/`` is missing, so every
button is a 404. When a site sets neither ``edit_uri`` nor ``edit_uri_template``, the plugin sets
``edit_uri`` from :func:`derive` instead; a host we do not know gets no button rather than a 404.

The branch (:func:`branch`) is the one the site is published from, first found of:

1. the plugin option ``edit_branch``;
2. GitLab CI's ``CI_DEFAULT_BRANCH`` (Pages are published from the default branch);
3. GitHub Actions: ``GITHUB_BASE_REF`` in a pull-request build (the branch it merges into: a preview
   must not send readers to a branch that disappears once merged), else ``GITHUB_REF_NAME`` when
   ``GITHUB_REF_TYPE`` is ``branch`` (a push build: the branch being published). A tag build says
   nothing about a branch and falls through;
4. Git's ``origin/HEAD`` (local, no network; a CI checkout often lacks it);
5. ``main``.

No MkDocs imports: the plugin passes plain values in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
from urllib.parse import quote, urlsplit

THEME_DIR = str(Path(__file__).resolve().parent / "theme")  # template overrides (Indonesian footer)
DEFAULT_BRANCH = "main"
GIT_TIMEOUT = 5.0  # seconds; both commands only read the local repository
# What MkDocs puts in edit_uri by itself when a site leaves it unset (github/gitlab, bitbucket).
MKDOCS_DEFAULTS = ("edit/master/docs/", "src/default/docs/")


def configure(config: MkDocsConfig, root: Path, explicit_branch: str | None, offline: bool) -> None:
    """The Indonesian footer's partials, and edit links to each page's source where mkdocs.yml names a
    repository but no edit address (none in the offline kit)."""
    dirs = config.theme.dirs  # our partials right after the site's custom_dir: its overrides still win
    if THEME_DIR not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, THEME_DIR)
    if config.repo_url and not offline and not user_set(config, "edit_uri", "edit_uri_template"):
        config.edit_uri = derive(config.repo_url, Path(config.docs_dir), root, explicit_branch, os.environ)


def branch(explicit: str | None, env: Mapping[str, str], git_root: Path | None) -> str:
    """The branch edit links open (order in the module docstring)."""
    for candidate in (explicit, env.get("CI_DEFAULT_BRANCH"), github_branch(env)):
        if candidate and candidate.strip():
            return candidate.strip()
    head = origin_head(git_root) if git_root is not None else None
    return head or DEFAULT_BRANCH


def github_branch(env: Mapping[str, str]) -> str | None:
    """The branch of a GitHub Actions build: a pull request's target, else a pushed branch."""
    base = env.get("GITHUB_BASE_REF", "").strip()
    if base:
        return base
    if env.get("GITHUB_REF_TYPE") == "branch":
        return env.get("GITHUB_REF_NAME", "").strip() or None
    return None


def origin_head(folder: Path) -> str | None:
    """``main`` from ``refs/remotes/origin/HEAD -> refs/remotes/origin/main``; None without it."""
    ref = _git(folder, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD")
    prefix = "refs/remotes/origin/"
    if ref is None or not ref.startswith(prefix) or ref == prefix:
        return None
    return ref[len(prefix):]


def repo_root(folder: Path) -> Path | None:
    """The top of the Git work tree holding ``folder``; None outside one (or without git)."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    return Path(top) if top else None


def docs_path(docs_dir: Path, config_dir: Path) -> str | None:
    """docs_dir relative to the repository root ("content/pages"), "" when they are the same folder.

    The root is Git's work tree top when mkdocs.yml sits in a checkout, else mkdocs.yml's folder.
    None when docs_dir lies outside it (no file in the repository to open).
    """
    root = repo_root(config_dir) or config_dir
    try:
        rel = docs_dir.resolve().relative_to(root.resolve())
    except ValueError:
        return None
    path = rel.as_posix()
    return "" if path == "." else path


def edit_uri(repo_url: str, docs_path: str, branch: str) -> str | None:
    """``edit_uri`` for MkDocs (joined to ``repo_url``); None for a host whose edit URLs we don't know.

    GitHub: ``edit/<branch>/<docs_path>/``; GitLab (gitlab.com or a host named *gitlab*):
    ``-/edit/<branch>/<docs_path>/``. It stays relative, so MkDocs' urljoin removes the ``..`` of an
    entry page's ``../courses/x.yml``; a ``repo_url`` ending in ``.git`` is stepped out of
    (``../portal/edit/…``) so the link opens the project page, not ``portal.git/edit/…``.
    """
    parts = urlsplit(repo_url.strip())
    host = (parts.hostname or "").lower()
    if host in ("github.com", "www.github.com"):
        action = "edit"
    elif host == "gitlab.com" or "gitlab" in host:
        action = "-/edit"
    else:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2:  # not a project address (owner/name at least)
        return None
    uri = f"{action}/{quote(branch, safe='/')}/"
    if docs_path.strip("/"):
        uri += quote(docs_path.strip("/"), safe="/") + "/"
    if segments[-1].endswith(".git"):
        name = segments[-1][: -len(".git")]
        if not name:
            return None
        uri = f"../{quote(name, safe='')}/{uri}"
    return uri


def user_set(config: MkDocsConfig, *keys: str) -> bool:
    """Whether the site's own configuration (mkdocs.yml, INHERIT, overrides) gave one of ``keys``.

    MkDocs fills its defaults during validation, so the loaded values tell it apart from what
    the site wrote; without them (a future MkDocs), a value other than MkDocs' default counts.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # "user_configs ... will be removed"
        loaded = getattr(config, "user_configs", None)
    if loaded is None:
        return any(config.get(k) not in (None, *MKDOCS_DEFAULTS) for k in keys)
    return any(layer.get(k) is not None for layer in loaded for k in keys)


def derive(repo_url: str, docs_dir: Path, config_dir: Path, explicit_branch: str | None,
           env: Mapping[str, str]) -> str | None:
    """The ``edit_uri`` a site with only ``repo_url`` set should have (None: no edit button)."""
    path = docs_path(docs_dir, config_dir)
    if path is None:
        return None
    return edit_uri(repo_url, path, branch(explicit_branch, env, config_dir))


def _git(folder: Path, *args: str) -> str | None:
    """stdout of a local git command, stripped; None on any failure (no git, not a repo, timeout)."""
    git = shutil.which("git")
    if git is None or not folder.is_dir():
        return None
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run([git, "-C", str(folder), *args], capture_output=True, text=True, check=False,
                              timeout=GIT_TIMEOUT, stdin=subprocess.DEVNULL, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout.strip()
    return out if done.returncode == 0 and out else None
