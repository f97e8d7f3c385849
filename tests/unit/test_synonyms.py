"""``content/sinonim.yml``: what `asn-portal check` says about it (located, in Indonesian, with the fix),
and what search makes of it. No build: the check and the synonym table are plain functions."""

from __future__ import annotations

from typing import Any

import pytest

from asn_portal.cli import main
from asn_portal.content.synonyms import MAX_ENTRIES, read_synonyms
from asn_portal.model.problems import ProblemList
from asn_portal.model.project import Project
from asn_portal.search.words import synonym_table


def check(project: Any, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["-f", str(project.root / "mkdocs.yml"), "check"])
    return code, capsys.readouterr().err.splitlines()


def test_check_reports_each_bad_line_where_it_stands(project: Any, capsys: pytest.CaptureFixture[str]) -> None:
    project.minimal()
    project.write("content/sinonim.yml", """\
        diklat: pelatihan
        e learning: pembelajaran daring
        Diklat: kursus
        yang: itu
        pbj: [pengadaan barang/jasa, 12]
        """)
    code, lines = check(project, capsys)
    assert code == 1
    problems = [line for line in lines if line.startswith("content/sinonim.yml:")]
    assert problems[0].startswith("content/sinonim.yml:2:1: 'e learning' harus satu kata"), problems
    assert "`pbj: pengadaan barang/jasa`" in problems[0]  # the fix to copy
    assert problems[1].startswith("content/sinonim.yml:3:1: kata 'Diklat' sudah tertulis sebagai 'diklat'")
    assert problems[2].startswith("content/sinonim.yml:4:1: 'yang' adalah kata umum yang diabaikan pencarian")
    assert problems[3].startswith("content/sinonim.yml:5:30: sinonim 'pbj' harus berupa teks berisi kata")
    assert len(problems) == 4


def test_check_reports_yaml_errors_and_a_list_instead_of_pairs(project: Any,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    project.minimal()
    project.write("content/sinonim.yml", "- diklat\n- pelatihan\n")
    code, lines = check(project, capsys)
    assert code == 1
    assert any(line.startswith("content/sinonim.yml:1:1: berkas sinonim harus berisi pasangan `kata: sinonim`")
               for line in lines), lines
    project.write("content/sinonim.yml", "diklat: pelatihan\ndiklat: kursus\n")
    code, lines = check(project, capsys)
    assert code == 1 and any(line.startswith("content/sinonim.yml:2:1:") for line in lines), lines


def test_a_long_list_is_refused(project: Any) -> None:
    """The list travels with a reader's first search: it stays small."""
    project.write("content/sinonim.yml", "".join(f"kata{i}: sinonim\n" for i in range(MAX_ENTRIES + 1)))
    problems = ProblemList()
    assert read_synonyms(Project.at(project.root), problems) == {}
    assert "batasnya 500" in problems.errors[0].message
    long = "[satu dua tiga empat lima enam, a b c d e f, g h i j k l, m n o p q r, s t u v w x]"
    project.write("content/sinonim.yml", "".join(f"kata{i}: {long}\n" for i in range(80)))
    problems = ProblemList()
    assert len(read_synonyms(Project.at(project.root), problems)) == 66
    assert problems.errors[0].format().startswith("content/sinonim.yml:67:1: sinonim di berkas ini lebih dari 2000")


def test_no_file_no_synonyms_and_the_shipped_list_is_valid(project: Any) -> None:
    problems = ProblemList()
    assert read_synonyms(Project.at(project.root), problems) == {}
    assert not problems.errors
    from devtools import ROOT

    shipped = read_synonyms(Project.at(ROOT), problems)
    assert not problems.errors, [p.format() for p in problems.errors]
    for word in ("diklat", "online", "pbj", "password", "pasword", "webinar", "skp", "latsar", "pka", "pkp"):
        assert word in shipped, word


def test_search_gets_folded_words_without_stop_words() -> None:
    table = synonym_table({"PBJ": ("Pengadaan Barang/Jasa",), "webinar": ("seminar yang daring", "dan")})
    assert table == {"pbj": [["pengadaan", "barang", "jasa"]], "webinar": [["seminar", "daring"]]}


def test_serve_takes_a_saved_synonyms_file_and_reports_its_errors(project: Any, tmp_path: Any) -> None:
    """`asn-portal serve`: a save of content/sinonim.yml reaches the index's manifest, and a broken one
    is reported located, as `check` reports it."""
    from asn_portal.engines.mkdocs.live import LiveSite

    project.minimal()
    site = LiveSite(project.root / "mkdocs.yml", tmp_path / "served")
    assert not site.build().errors
    manifest = tmp_path / "served" / "search" / "manifest.js"
    assert '"syn":{}' in manifest.read_text(encoding="utf-8")
    project.write("content/sinonim.yml", "diklat: pelatihan\n")
    assert not site.rebuild().errors
    assert '"syn":{"diklat":[["pelatihan"]]}' in manifest.read_text(encoding="utf-8")
    project.write("content/sinonim.yml", "diklat: pelatihan\ne learning: daring\n")
    errors = site.rebuild().errors
    assert errors and errors[0].startswith("content/sinonim.yml:2:1: 'e learning' harus satu kata"), errors
