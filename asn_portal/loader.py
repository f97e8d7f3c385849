"""Read catalog files: bytes -> located YAML tree, reporting every problem with its line.

Nothing here knows about courses or factors; ``validate`` gives the tree its meaning.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.reader import ReaderError

from .problems import ProblemList

try:  # libyaml parses about 9x faster; the pure-Python loader gives the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PREFIX = "tag:yaml.org,2002:"
SCALAR_TAGS = {PREFIX + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
ALLOWED_TAGS = SCALAR_TAGS | {PREFIX + "seq", PREFIX + "map"}
MAX_NODES = 100_000  # guards against alias bombs ("billion laughs")


@dataclass
class InvalidDate:
    """A scalar YAML resolved as a timestamp but that names no real day (2026-13-45)."""

    text: str

    def __str__(self) -> str:
        return self.text


class Rejected:
    """Stands for a value already reported as unusable (a forbidden tag), so no follow-up errors."""


REJECTED = Rejected()


@dataclass
class Node:
    """A YAML value with where it stands. ``value`` is a Python scalar, a list or a dict of Nodes."""

    value: Any
    line: int  # 1-based
    col: int  # 1-based
    end_line: int
    raw: str = ""  # scalar text as written, so "1.0" or "2026-01-01" can be quoted back
    style: str | None = None
    key_line: int = 0
    key_col: int = 0
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_seq(self) -> bool:
        return isinstance(self.value, list)

    def plain(self) -> Any:
        """The value with Nodes unwrapped (for code that needs no positions)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


Tree = Optional[Node]  # noqa: UP045 - a runtime alias must work on Python 3.10 too


def decode(data: bytes, rel: str, problems: ProblemList) -> str | None:
    """UTF-8 (with or without BOM, LF or CRLF) or an error at the line of the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.error(
            rel, line, col,
            "berkas bukan UTF-8 (byte tidak dikenal). Simpan ulang berkas dengan encoding UTF-8, "
            "misalnya di VS Code: 'Save with Encoding' -> 'UTF-8'.",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str, rel: str, problems: ProblemList) -> Tree:
    """Compose YAML into a located tree; report syntax errors, tabs, duplicate keys and tags."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, text.split("\n"), rel, problems)
        return None
    except ReaderError as exc:  # control characters such as NUL: point at the first one
        pos = min(exc.position, len(text))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        problems.error(rel, line, col, "berkas berisi karakter kontrol yang tidak diizinkan "
                                       f"(kode {exc.character:#06x}). Hapus karakter itu (biasanya terbawa "
                                       "saat menyalin dari aplikasi lain) lalu simpan ulang berkas.")
        return None
    except yaml.YAMLError as exc:  # errors without a position (rare)
        problems.error(rel, 1, None, f"YAML tidak dapat dibaca. Periksa isi berkas (detail parser: {exc}).")
        return None
    if root is None:
        return None
    return _Converter(rel, problems).convert(root)


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


def _syntax_error(exc: yaml.MarkedYAMLError, lines: list[str], rel: str, problems: ProblemList) -> None:
    context, problem = exc.context or "", exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
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
        mark = exc.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else None
    problems.error(rel, line, col, f"YAML tidak valid: {hint}")


class _Converter:
    """Walks composed nodes once; a fresh constructor per file keeps no cache between files."""

    def __init__(self, rel: str, problems: ProblemList) -> None:
        self.rel, self.problems = rel, problems
        self.constructor = SafeConstructor()
        self.count = 0
        self.active: set[int] = set()  # nodes being converted: an alias to one of them never ends

    def convert(self, node: yaml.Node) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLargeError()
        if id(node) in self.active:
            raise _CyclicAliasError(node.start_mark.line + 1, node.start_mark.column + 1)
        self.active.add(id(node))
        try:
            return _convert(self, node)
        finally:
            self.active.discard(id(node))


def _convert(cv: _Converter, node: yaml.Node) -> Node:
    rel, problems = cv.rel, cv.problems
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    end_line = node.end_mark.line + 1
    if node.tag not in ALLOWED_TAGS:
        shown = node.tag.replace(PREFIX, "!!")
        problems.error(rel, line, col, f"tag YAML '{shown}' tidak diizinkan. Hapus tag itu dan tulis nilainya "
                                       "sebagai teks biasa.")
        return Node(REJECTED, line, col, end_line)
    if isinstance(node, yaml.MappingNode):
        result = Node({}, line, col, end_line)
        for key_node, value_node in node.value:
            kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.tag == PREFIX + "merge":
                problems.error(rel, kline, kcol, "penggabungan '<<: *alias' tidak didukung. Tulis setiap kolom "
                                                 "langsung di sini.")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in SCALAR_TAGS:
                problems.error(rel, kline, kcol, "kunci harus berupa teks sederhana, misalnya 'title:'.")
                continue
            key = str(key_node.value)
            if key in result.keys:
                first = result.keys[key][0]
                problems.error(rel, kline, kcol,
                               f"kunci '{key}' ditulis dua kali (pertama di baris {first}). Hapus salah satunya.")
                continue
            child = cv.convert(value_node)
            child.key_line, child.key_col = kline, kcol
            result.keys[key] = (kline, kcol)
            result.value[key] = child
        return result
    if isinstance(node, yaml.SequenceNode):
        return Node([cv.convert(v) for v in node.value], line, col, end_line)
    return Node(_scalar(cv.constructor, node), line, col, end_line, raw=str(node.value),
                style=getattr(node, "style", None))


def _scalar(constructor: SafeConstructor, node: yaml.Node) -> Any:
    try:
        value = constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, ConstructorError):
        # PyYAML raises ValueError (not YAMLError) for impossible dates such as 2026-13-45.
        return InvalidDate(str(node.value)) if node.tag == PREFIX + "timestamp" else str(node.value)
    return value


def _first_alias(text: str) -> tuple[int, int | None]:
    """Where the first ``*alias`` stands: an alias bomb is pointed at where it starts to explode."""
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AliasToken):
                return token.start_mark.line + 1, token.start_mark.column + 1
    except yaml.YAMLError:
        pass
    return 1, None


class _TooLargeError(Exception):
    pass


class _CyclicAliasError(Exception):
    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.line, self.col = line, col


@dataclass
class Source:
    """A read catalog file: its tree (None when unusable) and its lines, for locating text."""

    rel: str
    tree: Tree
    lines: list[str]


def read_file(path: Path, rel: str, problems: ProblemList, required: tuple[str, ...] = (),
              max_size: int | None = None) -> Source:
    """Read one catalog file; problems are appended, ``tree`` is None when nothing usable was read.

    ``required`` names the keys an empty file should get, to say what to write. A symbolic link or
    a file over ``max_size`` bytes is refused before it is opened."""
    before = len(problems.items)
    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
            problems.error(rel, 1, None, "bukan berkas biasa (tautan simbolik atau berkas khusus) sehingga tidak "
                                         "dibaca. Ganti dengan berkas YAML biasa.")
            return Source(rel, None, [])
        if max_size is not None and st.st_size > max_size:
            problems.error(rel, 1, None, f"berkas terlalu besar ({st.st_size:,} byte; batasnya {max_size:,} byte)."
                           .replace(",", ".") + " Pindahkan teks panjang ke berkas materi (PDF) atau pecah menjadi "
                                                "beberapa entri.")
            return Source(rel, None, [])
        data = path.read_bytes()
    except OSError as exc:
        problems.error(rel, 1, None, f"berkas tidak dapat dibaca: {exc.strerror}.")
        return Source(rel, None, [])
    text = decode(data, rel, problems)
    if text is None:
        return Source(rel, None, [])
    try:
        tree = parse(text, rel, problems)
    except _TooLargeError:
        line, col = _first_alias(text)
        problems.error(rel, line, col, "alias YAML (*nama) di sini membuat isi berkas berlipat ganda terlalu besar. "
                       "Tulis nilainya langsung tanpa alias (&/*).")
        tree = None
    except _CyclicAliasError as exc:
        problems.error(rel, exc.line, exc.col, "alias YAML di nilai ini merujuk ke dirinya sendiri sehingga tidak "
                                               "berujung. Tulis nilainya langsung tanpa alias (&/*).")
        tree = None
    except RecursionError:
        problems.error(rel, 1, None, "susunan daftar atau pemetaan bertingkat terlalu dalam. Sederhanakan isinya.")
        tree = None
    if tree is None and len(problems.items) == before:
        keys = f"Tulis kolom wajibnya: {', '.join(k + ': ...' for k in required)}, atau s" if required else "S"
        problems.error(rel, 1, None, f"berkas kosong. {keys}alin templat dari CONTRIBUTING.md lalu isi kolomnya.")
    return Source(rel, tree, text.split("\n"))
