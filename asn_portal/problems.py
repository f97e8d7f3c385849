"""Problems found in content: located, sortable, printable as ``path:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding. Sorted by file, then line and column, so reports are stable."""

    path: str
    line: int
    col: int | None
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)
    # Dotted field path such as ``modules.0.jp``; shared with the JSON Schema checks.
    field_path: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

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
        self.items.append(Problem(path, line, col, message, Severity.ERROR, field_path))

    def warning(self, path: str, line: int, col: int | None, message: str, field_path: str = "") -> None:
        self.items.append(Problem(path, line, col, message, Severity.WARNING, field_path))

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.is_error)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if not p.is_error)

    def sorted(self) -> list[Problem]:
        return sorted(self.items)


class ContentError(Exception):
    """Raised when content has errors; carries every problem so callers can print them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_report(self.problems))


def format_report(problems: list[Problem]) -> str:
    errors = [p for p in problems if p.is_error]
    lines = [p.format() for p in sorted(problems)]
    if errors:
        lines.append(f"{len(errors)} galat ditemukan. Perbaiki lalu jalankan `asn-portal check` lagi.")
    return "\n".join(lines)
