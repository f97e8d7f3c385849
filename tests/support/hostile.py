"""The hostile corpus: what an attacker with a pull request sends, and what must come of it.

``REFUSED`` (tests/support/hostile_refused.py): each case is refused by ``check`` and the build with errors
at exact ``file:line``. The content that builds with its harm removed, and what check warns about or
accepts, is in tests/support/hostile_content.py; ``test_hostile_site`` checks each sanitised page.
All cases of a group live in one project, so a whole group costs one check and one build. This module
re-exports both halves, plants the canary secrets and writes the cases into a project.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from devtools import ROOT
from tests.support.hostile_content import (
    ACCEPTED_FILES,
    CONFIG_TAKEOVER,
    FORMULA_CELL,
    FORMULA_STARTS,
    FORMULA_TITLE,
    HIDDEN_CHARACTERS,
    HOSTILE_BODY,
    HOSTILE_KIT_ENTRIES,
    HOSTILE_PAGE,
    JSONLD_TEXT,
    OFFLINE_LEAK_THEME,
    OFFLINE_LEAKS_COURSE,
    OFFLINE_LEAKS_PAGE,
    PWN,
    REMOVALS_AT,
    REMOVALS_PAGE,
    SANITISED_CHECKS,
    SNIPPET_LINES,
    SNIPPET_PAGE,
    TITLE_PAGE,
)
from tests.support.hostile_refused import REFUSED, Case, Corpus, Link, article, course, factor
from tests.support.project import ProjectBuilder

__all__ = [
    "ACCEPTED_FILES", "CANARIES", "CANARY_ENV", "CANARY_ENV_VALUE", "CANARY_FILE_VALUE", "CONFIG_TAKEOVER",
    "FORMULA_CELL", "FORMULA_STARTS", "FORMULA_TITLE", "HIDDEN_CHARACTERS", "HOSTILE_BODY", "HOSTILE_KIT_ENTRIES",
    "HOSTILE_PAGE", "JSONLD_TEXT", "OFFLINE_LEAKS_COURSE", "OFFLINE_LEAKS_PAGE", "OFFLINE_LEAK_THEME", "PWN",
    "REFUSED", "REMOVALS_AT", "REMOVALS_PAGE", "SANITISED_CHECKS", "SNIPPET_LINES", "SNIPPET_PAGE", "TITLE_PAGE",
    "Case", "Corpus", "Link", "article", "cli", "course", "env", "factor", "new_project", "write_case",
]

CANARY_ENV = "ASN_PORTAL_CANARY"
CANARY_ENV_VALUE = "kanari-env-7f3a9c"  # in the build's environment
CANARY_FILE_VALUE = "kanari-berkas-52be1d"  # in rahasia.txt next to the project
CANARIES = (CANARY_ENV_VALUE, CANARY_FILE_VALUE)


# -- running the portal's commands with the canary in their environment ----------------------------------

def env() -> dict[str, str]:
    return {**os.environ, CANARY_ENV: CANARY_ENV_VALUE, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asn_portal.cli", "-f", str(root / "mkdocs.yml"), *args],
                          capture_output=True, text=True, timeout=300, env=env(), cwd=root)


# -- writing a case into a project ---------------------------------------------------------------

def write_case(p: ProjectBuilder, case: Case, secret: Path) -> None:
    for rel, content in case.files.items():
        path = p.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            path.symlink_to(content.target.replace("{secret}", str(secret)))
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def new_project(base: Path) -> tuple[ProjectBuilder, Path]:
    secret = base / "rahasia.txt"  # next to the project, where a link or a .. would reach
    secret.write_text(f"{CANARY_FILE_VALUE}\n", encoding="utf-8")
    p = ProjectBuilder(base / "portal").minimal()
    p.write("materials/panduan.pdf", b"%PDF-1.4\n")
    p.write("materials/sub/B.png", b"\x89PNG\r\n")
    return p, secret
