"""Read catalog files: bytes -> located YAML tree, reporting every problem with its line.

Nothing here knows about courses or factors; ``validate`` gives the tree its meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

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


Tree = Union[Node, None]
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


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
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        col = tab.end() - tab.start()
        problems.error(rel, line, col, "karakter tab dipakai untuk indentasi. Ganti tab dengan spasi (2 spasi per tingkat).")
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, rel, problems)
        return None
    except yaml.YAMLError as exc:  # errors without a position (rare: e.g. reader errors)
        problems.error(rel, 1, None, f"YAML tidak dapat dibaca: {exc}")
        return None
    if root is None:
        return None
    return _Converter(rel, problems).convert(root)


def _syntax_error(exc: yaml.MarkedYAMLError, rel: str, problems: ProblemList) -> None:
    context = exc.context or ""
    # For an unclosed quote or bracket a person points at where it opens, not where the file ends.
    opens = any(w in context for w in ("quoted scalar", "flow sequence", "flow mapping"))
    mark = exc.context_mark if opens and exc.context_mark else exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else None
    problem = exc.problem or ""
    if "quoted scalar" in context:
        hint = "tanda kutip dibuka di sini tetapi tidak ditutup. Tutup dengan tanda kutip yang sama."
    elif "flow sequence" in context:
        hint = "kurung siku '[' dibuka di sini tetapi tidak ditutup dengan ']'."
    elif "flow mapping" in context:
        hint = "kurung kurawal '{' dibuka di sini tetapi tidak ditutup dengan '}'."
    elif "mapping values are not allowed" in problem:
        hint = ("tanda ': ' muncul di tengah nilai. Beri tanda kutip pada nilainya, "
                'misalnya: judul: "Bagian A: Pengantar".')
    elif "tab" in problem:
        hint = "karakter tab tidak boleh dipakai untuk indentasi. Ganti dengan spasi."
    elif "expected <block end>" in problem or "could not find expected ':'" in problem:
        hint = "indentasi atau susunan baris tidak sesuai. Periksa jumlah spasi dan tanda ':' di baris ini."
    else:
        hint = f"penulisan YAML tidak valid ({problem or context}). Periksa tanda kutip, titik dua dan indentasi."
    problems.error(rel, line, col, f"YAML tidak valid: {hint}")


class _Converter:
    """Walks composed nodes once; a fresh constructor per file keeps no cache between files."""

    def __init__(self, rel: str, problems: ProblemList) -> None:
        self.rel, self.problems = rel, problems
        self.constructor = SafeConstructor()
        self.count = 0

    def convert(self, node: yaml.Node) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge()
        return _convert(self, node)


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
    return Node(_scalar(cv.constructor, node), line, col, end_line, raw=str(node.value), style=node.style)


def _scalar(constructor: SafeConstructor, node: yaml.Node) -> Any:
    try:
        value = constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, ConstructorError):
        # PyYAML raises ValueError (not YAMLError) for impossible dates such as 2026-13-45.
        return InvalidDate(str(node.value)) if node.tag == PREFIX + "timestamp" else str(node.value)
    return value


class _TooLarge(Exception):
    pass


@dataclass
class Source:
    """A read catalog file: its tree (None when unusable) and its lines, for locating text."""

    rel: str
    tree: Tree
    lines: list[str]


def read_file(path: Path, rel: str, problems: ProblemList) -> Source:
    """Read one catalog file; problems are appended, ``tree`` is None when nothing usable was read."""
    before = len(problems.items)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(rel, 1, None, f"berkas tidak dapat dibaca: {exc.strerror}.")
        return Source(rel, None, [])
    text = decode(data, rel, problems)
    if text is None:
        return Source(rel, None, [])
    try:
        tree = parse(text, rel, problems)
    except _TooLarge:
        problems.error(rel, 1, None, "berkas terlalu besar atau memakai alias YAML berlebihan. "
                       "Tulis nilainya langsung tanpa alias (&/*).")
        tree = None
    if tree is None and len(problems.items) == before:
        problems.error(rel, 1, None, "berkas kosong. Salin templat dari CONTRIBUTING.md lalu isi kolomnya.")
    return Source(rel, tree, text.split("\n"))
