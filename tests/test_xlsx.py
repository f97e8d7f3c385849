"""The reader's XLSX writer (assets/src/xlsx.mjs), run by Node.js and read back with openpyxl: what a
spreadsheet sees is each cell's type, so the NIP must arrive as text with its 18 digits, a number as a
number, a date as a date, and a text that looks like a formula as text. tests/js/xlsx.test.mjs checks
the bytes (ZIP headers, CRC-32, the XML of each cell)."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

openpyxl = pytest.importorskip("openpyxl")

XLSX_MJS = ROOT / "asn_portal" / "assets" / "src" / "xlsx.mjs"
NIP = "198503122010012005"
TITLE = "Pelatihan Dasar—Kepemimpinan é"
SCRIPT = """
import { writeFileSync } from "node:fs";
import { workbook } from %(module)s;
const sheets = [
  { name: "Rekap 2026", widths: [30, 22, 12, 14], rows: [
    [{ text: "Rekap Pengembangan Kompetensi", bold: true }],
    ["NIP", %(nip)s, 8, { date: "2026-03-09" }],
    ["=1+1", %(title)s, true, "  spasi"],
  ] },
  { name: "Rekap 2026", rows: [["Lembar kedua"]] },
];
writeFileSync(process.argv[1], workbook(sheets));
"""


@pytest.fixture(scope="module")
def book(node: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("xlsx") / "rekap.xlsx"
    script = SCRIPT % {"module": f'"{XLSX_MJS.as_uri()}"', "nip": f'"{NIP}"', "title": f'"{TITLE}"'}
    subprocess.run([node, "--input-type=module", "-e", script, str(path)], check=True, timeout=30)
    return openpyxl.load_workbook(path)


def test_sheet_names_keep_their_order_and_are_made_unique(book: Any) -> None:
    assert book.sheetnames == ["Rekap 2026", "Rekap 2026 (2)"]
    assert book["Rekap 2026 (2)"]["A1"].value == "Lembar kedua"


def test_the_nip_is_a_text_cell_with_all_18_digits(book: Any) -> None:
    cell = book["Rekap 2026"]["B2"]
    assert cell.data_type == "s"
    assert cell.value == NIP


def test_numbers_dates_and_formula_lookalikes_keep_their_types(book: Any) -> None:
    sheet = book["Rekap 2026"]
    number, date, formula = sheet["C2"], sheet["D2"], sheet["A3"]
    assert (number.data_type, number.value) == ("n", 8)
    assert date.is_date and date.value == datetime(2026, 3, 9)
    assert date.number_format == "dd-mm-yyyy"
    assert (formula.data_type, formula.value) == ("s", "=1+1")  # "f" would be a formula


def test_text_headings_and_columns(book: Any) -> None:
    sheet = book["Rekap 2026"]
    heading = sheet["A1"]
    assert (heading.data_type, heading.value, heading.font.b) == ("s", "Rekap Pengembangan Kompetensi", True)
    assert sheet["B2"].font.b is False
    assert sheet["B3"].value == TITLE
    assert sheet["C3"].value == "Ya"
    assert sheet["D3"].value == "  spasi"
    assert sheet.column_dimensions["A"].width == 30
    assert sheet.column_dimensions["B"].width == 22
