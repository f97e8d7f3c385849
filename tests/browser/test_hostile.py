"""The refused half of the hostile corpus (tests/support/hostile_refused.py) against check and build, the kit
verifier's guards against entries that unpack outside the kit or as one, and the options that move or
loosen the rules (the materials folder's name, the documented opt-ins).

Every refused case lives in one project (one check, one failed build). A canary secret sits in the build's
environment and in a file beside the project; symbolic links in the corpus point at both. The sanitised
half, built into a site and a kit and opened in a real browser, is in test_hostile_site.py.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from asn_portal.content.validate import Project, load_catalog
from asn_portal.model.problems import Problem
from tests.support.hostile import (
    CANARIES,
    HOSTILE_KIT_ENTRIES,
    REFUSED,
    SANITISED_CHECKS,
    Case,
    cli,
    env,
    new_project,
    write_case,
)
from tests.support.project import ProjectBuilder

# -- refused ---------------------------------------------------------------------------------------------

@dataclass
class Refused:
    root: Path
    errors: list[Problem]
    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> Refused:
    p, secret = new_project(tmp_path_factory.mktemp("refused"))
    for case in REFUSED:
        write_case(p, case, secret)
    _, problems = load_catalog(Project.at(p.root))
    return Refused(p.root, problems.errors, cli(p.root, "check"), cli(p.root, "build"))


def test_the_corpus_is_large_and_names_what_it_covers() -> None:
    assert len(REFUSED) + len(SANITISED_CHECKS) >= 60
    assert len({c.name for c in REFUSED}) == len(REFUSED)
    assert all(c.covers and c.errors for c in REFUSED)


@pytest.mark.parametrize("case", REFUSED, ids=[c.name for c in REFUSED])
def test_refused_case_is_an_error_at_its_line(refused: Refused, case: Case) -> None:
    for path, line, words in case.errors:
        found = [e for e in refused.errors if e.path == path and e.line == line]
        assert found, f"{case.name}: no error at {path}:{line}; errors there: " + \
            "; ".join(e.format() for e in refused.errors if e.path == path)
        for word in words.split(" | "):
            assert any(word in e.message for e in found), f"{case.name}: {word!r} not in " + \
                "; ".join(e.format() for e in found)


def test_refused_corpus_has_no_other_error(refused: Refused) -> None:
    expected = {(path, line) for case in REFUSED for path, line, _ in case.errors}
    unexpected = [e.format() for e in refused.errors if (e.path, e.line) not in expected]
    assert unexpected == []


def test_check_and_build_refuse_alike_and_write_nothing(refused: Refused) -> None:
    assert refused.check.returncode == 1 and refused.build.returncode == 1
    for run in (refused.check, refused.build):
        assert "Traceback" not in run.stdout + run.stderr
    # the build failed before writing: no half-written site
    assert not (refused.root / "site").exists()
    located = {f"{e.path}:{e.line}" for e in refused.errors}
    assert all(where in refused.check.stderr for where in located)
    assert all(where in refused.build.stderr for where in located)


def test_no_secret_reaches_the_terminal(refused: Refused) -> None:
    for run in (refused.check, refused.build):
        for canary in CANARIES:
            assert canary not in run.stdout + run.stderr


# -- kits: sums that match, entries an unzip tool would turn into something else -------------------------

@pytest.mark.parametrize(("name", "entries", "words"), HOSTILE_KIT_ENTRIES, ids=[e[0] for e in HOSTILE_KIT_ENTRIES])
def test_verify_refuses_entries_that_unpack_outside_or_as_one(tmp_path: Path, name: str, entries: list[str],
                                                             words: str) -> None:
    """Sums that match do not make a kit safe: what an unzip tool would do with a name counts too."""
    import hashlib
    kit = tmp_path / "kit.zip"
    with zipfile.ZipFile(kit, "w") as zf:
        sums = ""
        for number, entry in enumerate(entries):
            data = f"isi {number}\n".encode()
            info = zipfile.ZipInfo(entry)
            if name == "symlink":
                info.create_system = 3
                info.external_attr = 0o120777 << 16
                data = b"../../../etc/passwd"
            zf.writestr(info, data)
            inner = entry.split("portal/", 1)[1] if entry.startswith("portal/") else entry
            sums += f"{hashlib.sha256(data).hexdigest()}  {inner}\n"
        zf.writestr("portal/SHA256SUMS.txt", sums)
    result = subprocess.run([sys.executable, "-m", "asn_portal.cli", "bundle", "--verify", str(kit)],
                            capture_output=True, text=True, timeout=60, env=env(), cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert words in result.stderr and "Traceback" not in result.stderr


def test_the_kits_last_guard_refuses_a_file_and_a_folder_as_one() -> None:
    """What check refuses first, the bundle refuses again before writing (every prefix compared)."""
    from asn_portal.engines.mkdocs.build import SiteError
    from asn_portal.kit.bundle import refuse_clashes
    with pytest.raises(SiteError) as refused:
        refuse_clashes("Bundel", ["situs/materi/x/Dok.pdf", "situs/materi/X/dok.PDF/lampiran.pdf", "situs/a.html"])
    assert str(refused.value) == ("Bundel tidak dibuat: situs/materi/x/Dok.pdf dan situs/materi/X/dok.PDF/ "
                                  "menjadi satu berkas saat diekstrak")
    refuse_clashes("Bundel", ["situs/materi/x/a.pdf", "situs/materi/X/b.pdf"])  # two folders merge: nothing lost


# -- options: the materials folder's name, and the documented opt-ins ------------------------------------

def test_a_renamed_materials_folder_is_the_one_links_use(project: ProjectBuilder) -> None:
    """``materials_dir: bahan``: content writes bahan/..., and materials/... is not a material any more."""
    project.minimal()
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - asn-portal\n", "  - asn-portal:\n      materials_dir: bahan\n"))
    project.write("bahan/modul.pdf", b"%PDF")
    project.article("pakai-bahan", extra="materials: [bahan/modul.pdf]\n")
    site = project.build()
    assert (site / "materi" / "modul.pdf").is_file()
    project.article("salah-folder", extra="materials: [materials/modul.pdf]\n")
    result = cli(project.root, "check")
    assert result.returncode == 1
    assert "content/articles/salah-folder.yml:9:" in result.stderr and "tidak diawali 'bahan/'" in result.stderr
    assert "misalnya bahan/modul.pdf" in result.stderr


def test_active_materials_need_the_opt_in(project: ProjectBuilder) -> None:
    project.minimal()
    project.write("materials/peta.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    project.article("peta", extra="materials: [materials/peta.svg]\n")
    assert "allow_active_materials" in cli(project.root, "check").stderr
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - asn-portal\n", "  - asn-portal:\n      allow_active_materials: true\n"))
    assert cli(project.root, "check").returncode == 0
    assert (project.build() / "materi" / "peta.svg").is_file()


def test_raw_html_pages_opt_out_keeps_a_pages_html(project: ProjectBuilder) -> None:
    """The documented opt-out: a page's raw HTML is published as written (and check says nothing)."""
    project.minimal()
    project.write("content/pages/mentah.md", '# Mentah\n\n<div class="x" onclick="hitung()">klik</div>\n')
    assert "onclick" in cli(project.root, "check").stdout
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - asn-portal\n", "  - asn-portal:\n      raw_html_pages: true\n"))
    assert "onclick" not in cli(project.root, "check").stdout
    assert 'onclick="hitung()"' in (project.build() / "mentah" / "index.html").read_text(encoding="utf-8")


def test_a_catalog_file_limit_is_configurable(project: ProjectBuilder) -> None:
    project.minimal()
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - asn-portal\n", "  - asn-portal:\n      max_catalog_file_size: 200\n"))
    result = cli(project.root, "check")
    assert result.returncode == 1 and "berkas terlalu besar" in result.stderr and "batasnya 200 byte" in result.stderr
