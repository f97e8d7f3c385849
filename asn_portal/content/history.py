"""When each catalog file last changed, from Git history on disk (no network).

Omitted, rather than guessed, outside a Git checkout, without the git program, or in a shallow
clone whose history cannot tell.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


def last_updated(root: Path, folder: Path, warnings: list[str] | None = None) -> dict[str, dt.date]:
    """``{"content/courses/x.yml": date}`` for files under ``folder`` (paths from ``root``).

    A commit date that is no date (year 10000, a broken commit) means no date for its files: the
    build goes on, and ``warnings`` gets a line saying so."""
    git = shutil.which("git")
    if git is None:
        return {}
    try:
        shallow = _git(git, root, "rev-parse", "--is-shallow-repository")
        if shallow.strip() != "false":
            return {}
        rel = folder.resolve().relative_to(root.resolve()).as_posix()
        log = _git(git, root, "log", "--relative", "--name-only", "--no-renames", "--format=%x00%cs", "--", rel)
    except (subprocess.CalledProcessError, OSError, ValueError):
        return {}
    dates: dict[str, dt.date] = {}
    day: dt.date | None = None
    undated: set[str] = set()
    for line in log.splitlines():
        if line.startswith("\0"):
            day = _day(line[1:])
            if day is None and warnings is not None:
                warnings.append(f"tanggal commit Git '{line[1:].strip()[:40]}' tidak dapat dibaca; berkas yang diubah "
                                "commit itu tampil tanpa tanggal \"Terakhir diperbarui\".")
        elif line.strip():
            if day is None:
                undated.add(line.strip())
            elif line.strip() not in undated:
                dates.setdefault(line.strip(), day)  # newest commit comes first
    return dates


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class Commit:
    """The last commit that changed the content (``paths``), and whether the working tree still matches it."""

    short: str  # abbreviated hash, as `git rev-parse --short HEAD` prints it
    day: dt.date  # committer date (`%cs`)
    clean: bool  # no uncommitted or untracked changes under the given paths


def head_commit(root: Path, paths: Sequence[Path]) -> Commit | None:
    """The newest commit that touched ``paths`` (under ``root``), and whether they are all committed.

    Commits that change only code or CI do not change a kit's date or version: both follow the content.

    None outside a Git checkout, before the first commit, without the git program, or when git fails
    or takes too long: the caller then says nothing about Git rather than guess.
    """
    git = shutil.which("git")
    if git is None:
        return None
    try:
        specs = [":(literal)" + p.resolve().relative_to(root.resolve()).as_posix() for p in paths]
        short, _, day_text = _git(git, root, "log", "-1", "--format=%h %cs", "HEAD", "--", *specs,
                                  timeout=30).strip().partition(" ")
        if not short:
            return None
        day = dt.date.fromisoformat(day_text)
        status = _git(git, root, "status", "--porcelain", "--", *specs, timeout=30) if specs else ""
    except (subprocess.SubprocessError, OSError, ValueError):
        return None
    if not short:
        return None
    return Commit(short, day, not status.strip())


def _git(git: str, root: Path, *args: str, timeout: float = 60) -> str:
    return subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True, check=True,
                          timeout=timeout).stdout
