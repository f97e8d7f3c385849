"""When each catalog file last changed, from Git history on disk (no network).

Omitted, rather than guessed, outside a Git checkout, without the git program, or in a shallow
clone whose history cannot tell.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path


def last_updated(root: Path, folder: Path) -> dict[str, dt.date]:
    """``{"content/courses/x.yml": date}`` for files under ``folder`` (paths from ``root``)."""
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
    for line in log.splitlines():
        if line.startswith("\0"):
            day = dt.date.fromisoformat(line[1:].strip())
        elif line.strip() and day is not None:
            dates.setdefault(line.strip(), day)  # newest commit comes first
    return dates


def _git(git: str, root: Path, *args: str) -> str:
    return subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True, check=True,
                          timeout=60).stdout
