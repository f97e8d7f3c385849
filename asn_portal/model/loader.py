"""Read catalog files: bytes -> located YAML tree, reporting every problem with its line.

Nothing here knows about courses or factors; ``validate`` gives the tree its meaning.
"""

from __future__ import annotations

import bisect
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.error import Mark
from yaml.reader import ReaderError

from asn_portal.model.problems import ProblemList
from asn_portal.model.yamlerrors import syntax_error

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


class Lines:
    """Editor positions of a text. PyYAML (YAML 1.1) also breaks lines at U+0085, U+2028 and U+2029,
    which editors show inside a line; positions are taken from a mark's character index so that a
    problem points at the line an editor shows."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.plain = not any(ch in text for ch in "\x85\u2028\u2029")

    def at(self, mark: Mark) -> tuple[int, int]:
        """1-based (line, column) of a PyYAML mark."""
        if self.plain:
            return mark.line + 1, mark.column + 1
        row = bisect.bisect_right(self.starts, mark.index) - 1
        return row + 1, mark.index - self.starts[row] + 1


def parse(text: str, rel: str, problems: ProblemList) -> Tree:
    """Compose YAML into a located tree; report syntax errors, tabs, duplicate keys and tags."""
    lines = Lines(text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        syntax_error(exc, text.split("\n"), rel, problems, lines.at)
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
    return _Converter(rel, problems, lines).convert(root)


class _Converter:
    """Walks composed nodes once; a fresh constructor per file keeps no cache between files."""

    def __init__(self, rel: str, problems: ProblemList, lines: Lines) -> None:
        self.rel, self.problems, self.at = rel, problems, lines.at
        self.constructor = SafeConstructor()
        self.count = 0
        self.active: set[int] = set()  # nodes being converted: an alias to one of them never ends

    def convert(self, node: yaml.Node) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLargeError()
        if id(node) in self.active:
            raise _CyclicAliasError(*self.at(node.start_mark))
        self.active.add(id(node))
        try:
            return _convert(self, node)
        finally:
            self.active.discard(id(node))


def _convert(cv: _Converter, node: yaml.Node) -> Node:
    rel, problems = cv.rel, cv.problems
    line, col = cv.at(node.start_mark)
    end_line = cv.at(node.end_mark)[0]
    if node.tag not in ALLOWED_TAGS:
        shown = node.tag.replace(PREFIX, "!!")
        problems.error(rel, line, col, f"tag YAML '{shown}' tidak diizinkan. Hapus tag itu dan tulis nilainya "
                                       "sebagai teks biasa.")
        return Node(REJECTED, line, col, end_line)
    if isinstance(node, yaml.MappingNode):
        result = Node({}, line, col, end_line)
        for key_node, value_node in node.value:
            kline, kcol = cv.at(key_node.start_mark)
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
                return Lines(text).at(token.start_mark)
    except yaml.YAMLError:
        pass
    return 1, None


class _TooLargeError(Exception):
    pass


class _CyclicAliasError(Exception):
    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.line, self.col = line, col


def parse_capped(text: str, rel: str, problems: ProblemList) -> Tree:
    """``parse`` with its limits reported: an alias bomb, a self-referring alias, nesting too deep.
    Every YAML the portal reads from content comes through here (catalog files and page front matter)."""
    try:
        return parse(text, rel, problems)
    except _TooLargeError:
        line, col = _first_alias(text)
        problems.error(rel, line, col, "alias YAML (*nama) di sini membuat isi berkas berlipat ganda terlalu besar. "
                       "Tulis nilainya langsung tanpa alias (&/*).")
    except _CyclicAliasError as exc:
        problems.error(rel, exc.line, exc.col, "alias YAML di nilai ini merujuk ke dirinya sendiri sehingga tidak "
                                               "berujung. Tulis nilainya langsung tanpa alias (&/*).")
    except RecursionError:
        problems.error(rel, 1, None, "susunan daftar atau pemetaan bertingkat terlalu dalam. Sederhanakan isinya.")
    return None


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
    tree = parse_capped(text, rel, problems)
    if tree is None and len(problems.items) == before:
        keys = f"Tulis kolom wajibnya: {', '.join(k + ': ...' for k in required)}, atau s" if required else "S"
        problems.error(rel, 1, None, f"berkas kosong. {keys}alin templat dari CONTRIBUTING.md lalu isi kolomnya.")
    return Source(rel, tree, text.split("\n"))
