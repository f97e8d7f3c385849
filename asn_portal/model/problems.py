"""Problems found in content: located, sortable, printable as ``path:line:col: message``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

# C0 and C1 controls and the line/paragraph separators some terminals and CI logs treat as breaks
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding. Sorted by file, then line and column, so reports are stable."""

    path: str
    line: int
    col: int | None
    message: str
    severity: Severity = Severity.ERROR
    # Dotted field path such as ``modules.0.jp``; shared with the JSON Schema checks.
    field_path: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col or 0, self.message)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_json(self) -> dict[str, Any]:
        """``asn-portal check --format json``: one object per problem."""
        return {"file": self.path, "line": self.line, "column": self.col, "severity": self.severity.value,
                "field": self.field_path, "message": self.message}

    def github_annotation(self) -> str:
        """``--format github``: a workflow command GitHub shows at the line in a pull request."""

        def esc(text: str, prop: bool = False) -> str:
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return text.replace(":", "%3A").replace(",", "%2C") if prop else text

        level = "error" if self.is_error else "warning"
        col = f",col={self.col}" if self.col else ""
        return f"::{level} file={esc(self.path, True)},line={self.line}{col}::{esc(self.message)}"

    def location(self) -> str:
        col = f":{self.col}" if self.col else ""
        return f"{self.path}:{self.line}{col}"

    def format(self) -> str:
        prefix = "" if self.is_error else "peringatan: "
        return f"{self.location()}: {prefix}{self.message}"


class ProblemList:
    """Collects problems while loading; every check appends, nothing stops at the first one."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, path: str, line: int, col: int | None, message: str, field_path: str = "") -> None:
        self.items.append(Problem(printable(path), line, col, printable(message), Severity.ERROR, field_path))

    def warning(self, path: str, line: int, col: int | None, message: str, field_path: str = "") -> None:
        self.items.append(Problem(printable(path), line, col, printable(message), Severity.WARNING, field_path))

    @property
    def errors(self) -> list[Problem]:
        return sort_problems(p for p in self.items if p.is_error)

    @property
    def warnings(self) -> list[Problem]:
        return sort_problems(p for p in self.items if not p.is_error)

    def sorted(self) -> list[Problem]:
        return sort_problems(self.items)


def printable(text: str) -> str:
    """Contributed text quoted in a message, made unable to forge a report line or steer a terminal:
    line breaks, escape and other control characters are shown as \\xNN."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def format_report(problems: list[Problem]) -> str:
    errors = [p for p in problems if p.is_error]
    lines = [p.format() for p in sort_problems(problems)]
    if errors:
        lines.append(f"{len(errors)} galat ditemukan. Perbaiki lalu jalankan `asn-portal check` lagi.")
    return "\n".join(lines)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)
