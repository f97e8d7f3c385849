"""Packaging stopped midway (SIGTERM from a cancelled CI job, Ctrl+C) leaves nothing half-written: no
temporary file beside the output, no build folder in the temp dir, no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from devtools import ROOT
from tests.support.project import ProjectBuilder

pytestmark = pytest.mark.slow  # exhaustive: run by .ci/run's slow step (pyproject markers)

STAGES = [("bundle", signal.SIGTERM, "build"), ("bundle", signal.SIGINT, "write"), ("kolibri", signal.SIGTERM, "write"),
          ("zim", signal.SIGINT, "build")]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> ProjectBuilder:
    p = ProjectBuilder(tmp_path_factory.mktemp("henti") / "portal").minimal()
    p.write("materials/besar.zip", os.urandom(40 << 20))  # zipping it takes a while: time to stop it
    p.article("besar", extra="materials: [materials/besar.zip]\n")
    return p


def _until(check: object, timeout: float = 60) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if check():  # type: ignore[operator]
                return True
        except OSError:  # a file gone between listing and reading it
            pass
        time.sleep(0.02)
    return False


@pytest.mark.parametrize(("command", "sig", "stage"), STAGES, ids=[f"{c}-{s.name}-{t}" for c, s, t in STAGES])
def test_a_stopped_package_leaves_nothing_behind(project: ProjectBuilder, tmp_path: Path, command: str,
                                                 sig: signal.Signals, stage: str) -> None:
    if command == "zim":
        pytest.importorskip("libzim")
    temp, out = tmp_path / "tmp", tmp_path / "dist"
    temp.mkdir()
    out.mkdir()
    suffix = ".zim" if command == "zim" else ".zip"
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.Popen([sys.executable, "-m", "asn_portal.cli", "-f", str(project.root / "mkdocs.yml"), command,
                            "-o", str(out / f"paket{suffix}")], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    try:
        if stage == "build":  # the offline build under way in its temporary folder
            seen = _until(lambda: any(p.name.startswith("asn-portal-") for p in temp.iterdir()))
            time.sleep(0.2)
        else:  # the package being written beside its name
            seen = _until(lambda: any(p.name.startswith(".paket") and (p.is_dir() or p.stat().st_size)
                                      for p in out.iterdir()))
        assert seen, f"the {stage} stage was not seen"
        run.send_signal(sig)
        _, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert run.returncode == 130 and "dihentikan" in err, (run.returncode, err)
    assert list(temp.iterdir()) == []
    # nothing, or (a signal landing after the rename) the whole package under its own name: never a part
    left = list(out.iterdir())
    assert left in ([], [out / f"paket{suffix}"]), left
    if left and suffix == ".zip":
        with zipfile.ZipFile(left[0]) as zf:
            assert zf.testzip() is None
