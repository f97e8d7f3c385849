"""A YAML syntax error, told as a contributor needs it: where the mistake really is, and what to write.

PyYAML notices many mistakes only lines later (a missing space after ':', an unclosed quote) and
says so in English; this finds the line a person would point at and says it in Indonesian.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml
from yaml.error import Mark

from asn_portal.model.problems import ProblemList

_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[^\s:#'\"][^:#]*?:\s+)(\S.*?)\s*$")


def _quoted_example(line: str) -> str:
    """``key: value`` with the value quoted, to show how to write it; '' when the line is no such pair."""
    m = _KEY_VALUE.match(line)
    if not m:
        return ""
    value = m.group(2)
    if len(value) > 1 and value[0] in "'\"" and value[-1] == value[0]:
        value = value[1:-1]  # 'it's' -> it's
    quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    return m.group(1).strip() + " " + quoted


_KEY_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(?=[^\s:/])")
_KEY_NBSP = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):\u00a0")
_BLOCK_START = re.compile(r"^(\s*)(?:-\s+)?[\w-]+:\s*[|>][-+0-9]*\s*(?:#.*)?$")
_NBSP_AFTER_COLON = "sesudah ':' ada spasi tak terlihat (non-breaking space). Ketik ulang spasinya"
_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[\w-]+:\s+)?([\"'])")


def _earlier_cause(lines: list[str], upto: int) -> tuple[int, int, str] | None:
    """The first line up to ``upto`` (0-based) with a typical cause of a later parse error.

    PyYAML notices a missing space after ':' or an unclosed quote only lines later, where a person
    would not look. Lines inside block scalars (``body: |``) are text and are skipped.
    """
    block_indent = -1
    for index, line in enumerate(lines[: upto + 1]):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent >= 0 and (not line.strip() or indent > block_indent):
            continue
        block_indent = -1
        if _BLOCK_START.match(line):
            block_indent = indent
            continue
        if line.startswith("\u00a0") or line.lstrip(" ").startswith("\u00a0"):
            return index, indent + 1, ("baris ini diawali spasi tak terlihat (non-breaking space, biasanya dari "
                                       "Word). Hapus lalu ketik ulang spasinya.")
        for pattern, why in ((_KEY_NBSP, _NBSP_AFTER_COLON), (_KEY_NO_SPACE, "sesudah ':' harus ada spasi")):
            m = pattern.match(line)
            if m and not line.lstrip().startswith("#"):
                colon = m.start(2) + len(m.group(2))  # 0-based index of ':'
                value = line[colon + 1:].strip(" \u00a0")
                return index, colon + 2, f"{why}. Tulis: {m.group(2)}: {value}"
        quote = _QUOTED_VALUE.match(line)
        if quote and index < upto:
            mark, body = quote.group(1), line[quote.end():]
            closed = body.replace("\\\"", "").count('"') if mark == '"' else body.replace("''", "").count("'")
            if closed == 0:
                return index, quote.end(), (f"tanda kutip dibuka di sini tetapi tidak ditutup ({mark}). Tambahkan "
                                            f"{mark} di akhir nilai, di baris yang sama.")
    return None


@dataclass(frozen=True)
class _Mark:
    line: int  # 0-based, as an editor counts
    column: int


def syntax_error(exc: yaml.MarkedYAMLError, lines: list[str], rel: str, problems: ProblemList,
                 at: Callable[[Mark], tuple[int, int]]) -> None:
    """Report ``exc``; ``at`` turns a PyYAML mark into the (line, column) an editor shows."""

    def editor(mark: Mark | None) -> _Mark | None:
        if mark is None:
            return None
        line, col = at(mark)
        return _Mark(line - 1, col - 1)

    context, problem = exc.context or "", exc.problem or ""
    mark = editor(exc.problem_mark or exc.context_mark)
    cause = _earlier_cause(lines, mark.line) if mark else None
    if cause is not None:
        problems.error(rel, cause[0] + 1, cause[1], f"YAML tidak valid: {cause[2]}")
        return
    text = lines[mark.line] if mark and mark.line < len(lines) else ""
    example = _quoted_example(text)
    write_as = f" Tulis: {example}" if example else ""
    lead = re.match(r"^[ \t-]*", text)
    tab = lead.group(0).find("\t") if lead else -1
    if mark and (tab >= 0 or text[mark.column:mark.column + 1] == "\t"):
        tab_col = tab + 1 if tab >= 0 else mark.column + 1
        problems.error(rel, mark.line + 1, tab_col,
                       "karakter tab dipakai untuk indentasi. Ganti tab dengan spasi (2 spasi per tingkat).")
        return
    opens = False  # for an unclosed quote or bracket a person points at where it opens, not where the file ends
    if "escape" in problem or "hexdecimal" in problem:
        hint = ("garis miring terbalik '\\' di dalam tanda kutip ganda memulai kode khusus. Pakai tanda kutip "
                "tunggal ('...') atau garis miring biasa '/', misalnya 'materials/berkas.pdf'.")
    elif "quoted scalar" in context:
        opens = True
        hint = "tanda kutip dibuka di sini tetapi tidak ditutup. Tutup dengan tanda kutip yang sama."
    elif "flow sequence" in context:
        opens = True
        hint = ("kurung siku '[' dibuka di sini tetapi tidak ditutup. Tambahkan ']' di akhir daftar, "
                "misalnya: factors: [alpha, beta].")
    elif "flow mapping" in context:
        opens = True
        hint = ("kurung kurawal '{' dibuka di sini tetapi tidak ditutup. Tambahkan '}' di akhir, "
                "misalnya: {path: materials/berkas.pdf, title: Judul}.")
    elif "second occurrence" in problem or "duplicate anchor" in context + problem:
        hint = "nama anchor '&...' sudah dipakai di atas. Pakai nama lain atau tulis nilainya langsung."
    elif "alias" in context or "alias" in problem or "anchor" in context:
        opens = "scanning" in context
        hint = ("tanda '*' atau '&' di awal nilai dibaca sebagai alias YAML. Bila itu teks biasa, beri tanda kutip."
                + write_as)
    elif "mapping values are not allowed" in problem:
        before = text[:mark.column] if mark else ""
        if ": " in before or before.rstrip().endswith(":"):
            hint = "tanda ': ' muncul di tengah nilai. Beri tanda kutip pada nilainya." + (
                write_as or ' Contoh: title: "Bagian A: Pengantar".')
        else:
            hint = ("baris ini terbaca sebagai lanjutan nilai baris sebelumnya. Samakan indentasinya dengan kunci "
                    "setingkat dan pastikan baris sebelumnya lengkap 'kunci: nilai'.")
    elif "cannot start any token" in problem:
        char = text[mark.column:mark.column + 1] if mark else ""
        hint = f"karakter '{char}' tidak boleh mengawali nilai. Beri tanda kutip pada nilainya." + write_as
    elif "expected key" in problem:
        before = text[:mark.column].rstrip() if mark else ""
        if before.endswith(("'", '"')):
            hint = ("ada teks sesudah tanda kutip penutup. Bila tanda kutip termasuk teks, apit seluruh nilai "
                    "dengan tanda kutip jenis lain." + write_as)
        else:
            hint = ("baris ini tidak sejajar dengan kunci di atasnya atau bukan 'kunci: nilai'. Periksa jumlah spasi "
                    "di awal baris dan tanda ':'.")
    elif "'-' indicator" in problem or "block sequence entries" in problem:
        hint = "butir daftar harus diawali '- ' dan sejajar dengan butir lain di daftar yang sama."
    elif "expected ':'" in problem:
        hint = "kunci di baris ini tidak diikuti ':'. Tulis 'kunci: nilai'."
    elif "document" in problem:
        hint = ("satu berkas hanya boleh berisi satu entri. Hapus '---' atau '...' dan teks sesudahnya, "
                "atau pindahkan ke berkas lain.")
    elif "nesting depth" in problem:
        hint = "susunan daftar atau pemetaan bertingkat terlalu dalam. Sederhanakan isinya."
    elif text.split(":", 1)[-1].strip()[:1] in ("|", ">", "[", "{", "!", "%", "@", "`"):
        hint = ("nilai ini diawali karakter yang punya arti khusus di YAML. Beri tanda kutip pada seluruh nilai."
                + (write_as or ' Contoh: summary: "| SKP | JP |".'))
    else:
        hint = ("penulisan YAML tidak valid. Periksa tanda kutip, titik dua dan indentasi di baris ini dan baris "
                "sebelumnya.")
    if opens and exc.context_mark:
        mark = editor(exc.context_mark)
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else None
    problems.error(rel, line, col, f"YAML tidak valid: {hint}")
