"""``asn-portal check``: exit codes, the three report formats, and no traceback whatever the input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from asn_portal.cli import main

ROOT = Path(__file__).resolve().parent.parent
C = "content/courses/kursus-satu.yml"
A = "content/articles/artikel-satu.yml"
ORGANIZER = "organizer: BKPSDM Uji\n"  # without it a course gets a warning (SIASN asks for the organizer)


def check(project, *extra: str) -> int:
    return main(["-f", str(project.root / "mkdocs.yml"), "check", *extra])


@pytest.fixture
def broken(project):
    """Two files with one error each: jp quoted (course line 6) and an impossible date (article line 5)."""
    project.minimal()
    project.course("kursus-satu", jp='"12"', extra=ORGANIZER)
    project.article("artikel-satu", date="2026-13-45", extra="factors: [alpha]\ncourses: [kursus-satu]\n")
    return project


def test_check_prints_every_error_as_path_line_col_and_exits_1(broken, capsys):
    assert check(broken) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[0].startswith(f"{A}:5:7: tanggal '2026-13-45' tidak ada di kalender")
    assert lines[1].startswith(f"{C}:6:5: 'jp' harus berupa bilangan bulat")
    assert lines[2] == "2 galat ditemukan. Perbaiki lalu jalankan `asn-portal check` lagi."
    assert len(lines) == 3
    assert out == ""


def test_check_passes_on_the_shipped_sample(capsys):
    assert main(["-f", str(ROOT / "mkdocs.yml"), "check"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Semua berkas valid (")
    assert "galat" not in out + err


def test_check_finds_mkdocs_yml_in_a_parent_folder(broken, monkeypatch, capsys):
    monkeypatch.chdir(broken.root / "content" / "courses")
    assert main(["check"]) == 1
    assert f"{C}:6:5:" in capsys.readouterr().err


def test_check_warnings_only_exits_0(project, capsys):
    project.minimal()
    project.write("content/courses/catatan.txt", "bukan entri")
    assert check(project) == 0
    out, _ = capsys.readouterr()
    assert "content/courses/catatan.txt:1: peringatan: berkas diabaikan" in out
    assert "Semua berkas valid (4 entri diperiksa)." in out


def test_no_mkdocs_yml_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "mkdocs.yml tidak ditemukan" in err
    assert "-f PATH/mkdocs.yml" in err


def test_explicit_config_that_does_not_exist_exits_2(tmp_path, capsys):
    assert main(["-f", str(tmp_path / "tidak-ada.yml"), "check"]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err


def test_mkdocs_yml_that_is_not_a_mapping_exits_2(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text("- site_name: x\n", encoding="utf-8")
    assert main(["-f", str(tmp_path / "mkdocs.yml"), "check"]) == 2
    assert "harus berupa pemetaan" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "words"), [
    pytest.param(["periksa"], "pilihan tidak dikenal", id="unknown-command"),
    pytest.param(["check", "--format", "xml"], "pilihan tidak dikenal", id="unknown-format"),
    pytest.param(["check", "--tidak-ada"], "argumen tidak dikenal", id="unknown-option"),
])
def test_usage_errors_exit_2_in_indonesian(broken, monkeypatch, capsys, argv, words):
    monkeypatch.chdir(broken.root)
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Penggunaan:" in err


def test_no_command_prints_help_and_exits_2(broken, monkeypatch, capsys):
    monkeypatch.chdir(broken.root)
    assert main([]) == 2
    assert "Penggunaan:" in capsys.readouterr().out


def test_format_json(broken, capsys):
    assert check(broken, "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert isinstance(report, list)
    assert [{k: item[k] for k in ("file", "line", "column", "field")} for item in report] == [
        {"file": A, "line": 5, "column": 7, "field": "date"},
        {"file": C, "line": 6, "column": 5, "field": "jp"},
    ]
    assert "hapus tanda kutip: jp: 12" in report[1]["message"]
    assert {item["severity"] for item in report} == {"error"}


def test_format_json_of_a_valid_project_is_an_empty_list(project, capsys):
    project.minimal()
    project.course("kursus-satu", extra=ORGANIZER)
    assert check(project, "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_format_json_keeps_missing_column_as_null(project, capsys):
    project.minimal()
    project.course("kursus-satu", extra=ORGANIZER)
    valid = (project.root / "content" / "courses" / "kursus-satu.yml").read_text(encoding="utf-8")
    project.write("content/courses/Baru.yml", valid)
    assert check(project, "--format", "json") == 1
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["file"], item["line"], item["column"]) == ("content/courses/Baru.yml", 1, None)


def test_format_github(broken, capsys):
    broken.write("content/factors/catatan.md", "x")
    assert check(broken, "--format", "github") == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"::error file={A},line=5,col=7::tanggal '2026-13-45' tidak ada di kalender")
    assert lines[1].startswith(f"::error file={C},line=6,col=5::'jp' harus berupa bilangan bulat")
    assert lines[2] == "::warning file=content/factors/catatan.md,line=1::berkas diabaikan: bukan entri *.yml."
    assert len(lines) == 3


def test_plugin_options_in_mapping_form_are_read(tmp_path, capsys):
    """MkDocs accepts ``plugins:`` as a mapping; the content_dir option must still be used."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  search: {}\n  asn-portal:\n"
                                         "    content_dir: isi\n", encoding="utf-8")
    (tmp_path / "isi" / "courses").mkdir(parents=True)
    (tmp_path / "isi" / "courses" / "kursus.yml").write_text("title: [x\n", encoding="utf-8")
    assert main(["-f", str(tmp_path / "mkdocs.yml"), "check"]) == 1
    assert "isi/courses/kursus.yml:1:8: YAML tidak valid" in capsys.readouterr().err


def alias_bomb(levels: int = 9, width: int = 10) -> str:
    """'Billion laughs': each line repeats the previous alias ``width`` times (10**9 values when expanded)."""
    names = "abcdefghijklmnop"[:levels]
    lines = [f"a: &a [{', '.join(['x'] * width)}]"]
    lines += [f"{name}: &{name} [{', '.join([f'*{prev}'] * width)}]" for prev, name in pairwise(names)]
    return "\n".join(lines) + "\n"


BAD_FILES = [
    pytest.param(bytes(range(256)) * 64, ":2:118:", id="binary-garbage"),  # 0x0a ends line 1, 0x80 is bad
    pytest.param(alias_bomb().encode(), ":2:8:", id="billion-laughs"),  # where its first alias stands
    pytest.param(b"title: &t [*t]\n", ":1:8:", id="alias-to-itself"),
    pytest.param(b"title: " + b"[" * 800 + b"]" * 800 + b"\n", ":1:", id="deep-nesting"),
    pytest.param(b"title: x\x00\n", ":1:9:", id="nul-byte"),
    pytest.param(b"\xff\xfe" + "title: x\n".encode("utf-16-le"), ":1:1:", id="utf-16"),
]


@pytest.mark.parametrize(("data", "where"), BAD_FILES)
def test_check_never_prints_a_traceback(project, data, where):
    project.minimal()
    project.write(C, data)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "asn_portal.cli", "-f", str(project.root / "mkdocs.yml"), "check"],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    first = result.stderr.splitlines()[0]
    assert first.startswith(C + ":") and where in first, result.stderr


@pytest.mark.parametrize(("typed", "shown"), [
    (".venv/bin/asn-portal", ".venv/bin/asn-portal"), ("asn-portal", "asn-portal"),
    ("/usr/lib/python3/dist-packages/pytest", "asn-portal")])
def test_the_next_steps_name_the_command_as_it_was_typed(monkeypatch: pytest.MonkeyPatch, typed: str,
                                                         shown: str) -> None:
    """A bare `asn-portal` is "command not found" until the virtual environment is activated."""
    from asn_portal.scaffold import invoked_as

    monkeypatch.setattr(sys, "argv", [typed, "new", "course", "x"])
    assert invoked_as() == shown
