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


@dataclass(frozen=True)
class _Said:
    """What PyYAML said about a mistake, and the line it points at, as the cases below read it."""

    context: str
    problem: str
    text: str  # the line of the mark ('' without one)
    mark: _Mark | None
    write_as: str  # ' Tulis: key: "value"', the line with its value quoted, when it is such a pair; else ''

    def before(self) -> str:
        """The line up to the mark."""
        return self.text[:self.mark.column] if self.mark else ""

    def char(self) -> str:
        """The character at the mark."""
        return self.text[self.mark.column:self.mark.column + 1] if self.mark else ""


@dataclass(frozen=True)
class _Case:
    """One kind of mistake: when PyYAML's words show it, the hint, and whether a person points at
    where something opens (an unclosed quote or bracket) rather than where PyYAML gave up."""

    when: Callable[[_Said], bool]
    hint: str | Callable[[_Said], str]
    opens: Callable[[_Said], bool] = lambda said: False


def _colon_inside(said: _Said) -> bool:
    before = said.before()
    return ": " in before or before.rstrip().endswith(":")


def _alias(said: _Said) -> bool:
    return "alias" in said.context or "alias" in said.problem or "anchor" in said.context


def _special_start(said: _Said) -> bool:
    return said.text.split(":", 1)[-1].strip()[:1] in ("|", ">", "[", "{", "!", "%", "@", "`")


# The first case whose ``when`` holds gives the hint: the order matters (a duplicate anchor is also an
# anchor; an escape error inside a quoted scalar is told as the escape). Each case matches words of
# PyYAML's (English) messages, from its scanner or its parser.
_CASES: tuple[_Case, ...] = (
    _Case(lambda said: "escape" in said.problem or "hexdecimal" in said.problem,
          "garis miring terbalik '\\' di dalam tanda kutip ganda memulai kode khusus. Pakai tanda kutip "
          "tunggal ('...') atau garis miring biasa '/', misalnya 'materials/berkas.pdf'."),
    _Case(lambda said: "quoted scalar" in said.context,
          "tanda kutip dibuka di sini tetapi tidak ditutup. Tutup dengan tanda kutip yang sama.",
          opens=lambda said: True),
    _Case(lambda said: "flow sequence" in said.context,
          "kurung siku '[' dibuka di sini tetapi tidak ditutup. Tambahkan ']' di akhir daftar, "
          "misalnya: factors: [alpha, beta].",
          opens=lambda said: True),
    _Case(lambda said: "flow mapping" in said.context,
          "kurung kurawal '{' dibuka di sini tetapi tidak ditutup. Tambahkan '}' di akhir, "
          "misalnya: {path: materials/berkas.pdf, title: Judul}.",
          opens=lambda said: True),
    _Case(lambda said: "second occurrence" in said.problem or "duplicate anchor" in said.context + said.problem,
          "nama anchor '&...' sudah dipakai di atas. Pakai nama lain atau tulis nilainya langsung."),
    _Case(_alias,
          lambda said: "tanda '*' atau '&' di awal nilai dibaca sebagai alias YAML. Bila itu teks biasa, beri "
                       "tanda kutip." + said.write_as,
          opens=lambda said: "scanning" in said.context),  # an alias being scanned: where it starts
    _Case(lambda said: "mapping values are not allowed" in said.problem and _colon_inside(said),
          lambda said: "tanda ': ' muncul di tengah nilai. Beri tanda kutip pada nilainya." + (
              said.write_as or ' Contoh: title: "Bagian A: Pengantar".')),
    _Case(lambda said: "mapping values are not allowed" in said.problem,
          "baris ini terbaca sebagai lanjutan nilai baris sebelumnya. Samakan indentasinya dengan kunci "
          "setingkat dan pastikan baris sebelumnya lengkap 'kunci: nilai'."),
    _Case(lambda said: "cannot start any token" in said.problem,
          lambda said: f"karakter '{said.char()}' tidak boleh mengawali nilai. Beri tanda kutip pada nilainya."
                       + said.write_as),
    _Case(lambda said: "expected key" in said.problem and said.before().rstrip().endswith(("'", '"')),
          lambda said: "ada teks sesudah tanda kutip penutup. Bila tanda kutip termasuk teks, apit seluruh nilai "
                       "dengan tanda kutip jenis lain." + said.write_as),
    _Case(lambda said: "expected key" in said.problem,
          "baris ini tidak sejajar dengan kunci di atasnya atau bukan 'kunci: nilai'. Periksa jumlah spasi "
          "di awal baris dan tanda ':'."),
    _Case(lambda said: "'-' indicator" in said.problem or "block sequence entries" in said.problem,
          "butir daftar harus diawali '- ' dan sejajar dengan butir lain di daftar yang sama."),
    _Case(lambda said: "expected ':'" in said.problem,
          "kunci di baris ini tidak diikuti ':'. Tulis 'kunci: nilai'."),
    _Case(lambda said: "document" in said.problem,
          "satu berkas hanya boleh berisi satu entri. Hapus '---' atau '...' dan teks sesudahnya, "
          "atau pindahkan ke berkas lain."),
    _Case(lambda said: "nesting depth" in said.problem,
          "susunan daftar atau pemetaan bertingkat terlalu dalam. Sederhanakan isinya."),
    _Case(_special_start,
          lambda said: "nilai ini diawali karakter yang punya arti khusus di YAML. Beri tanda kutip pada seluruh "
                       "nilai." + (said.write_as or ' Contoh: summary: "| SKP | JP |".')),
)
_ANY_OTHER = ("penulisan YAML tidak valid. Periksa tanda kutip, titik dua dan indentasi di baris ini dan baris "
              "sebelumnya.")


def _hint(said: _Said) -> tuple[str, bool]:
    """The hint for the first case that fits, and whether it points at where something opens."""
    for case in _CASES:
        if case.when(said):
            hint = case.hint(said) if callable(case.hint) else case.hint
            return hint, case.opens(said)
    return _ANY_OTHER, False


def _tab_column(text: str, mark: _Mark | None) -> int | None:
    """The 1-based column of a tab used as indentation (PyYAML's words for it vary), or None."""
    if mark is None:
        return None
    lead = re.match(r"^[ \t-]*", text)
    tab = lead.group(0).find("\t") if lead else -1
    if tab >= 0:
        return tab + 1
    return mark.column + 1 if text[mark.column:mark.column + 1] == "\t" else None


def syntax_error(exc: yaml.MarkedYAMLError, lines: list[str], rel: str, problems: ProblemList,
                 at: Callable[[Mark], tuple[int, int]]) -> None:
    """Report ``exc``; ``at`` turns a PyYAML mark into the (line, column) an editor shows."""

    def editor(mark: Mark | None) -> _Mark | None:
        if mark is None:
            return None
        line, col = at(mark)
        return _Mark(line - 1, col - 1)

    mark = editor(exc.problem_mark or exc.context_mark)
    # A cause lines earlier (a missing space after ':', an unclosed quote) is where the mistake really is.
    cause = _earlier_cause(lines, mark.line) if mark else None
    if cause is not None:
        problems.error(rel, cause[0] + 1, cause[1], f"YAML tidak valid: {cause[2]}")
        return
    text = lines[mark.line] if mark and mark.line < len(lines) else ""
    tab_col = _tab_column(text, mark)
    if mark and tab_col is not None:
        problems.error(rel, mark.line + 1, tab_col,
                       "karakter tab dipakai untuk indentasi. Ganti tab dengan spasi (2 spasi per tingkat).")
        return
    example = _quoted_example(text)
    said = _Said(exc.context or "", exc.problem or "", text, mark, f" Tulis: {example}" if example else "")
    hint, opens = _hint(said)
    # For an unclosed quote or bracket a person points at where it opens, not where the file ends.
    if opens and exc.context_mark:
        mark = editor(exc.context_mark)
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else None
    problems.error(rel, line, col, f"YAML tidak valid: {hint}")
