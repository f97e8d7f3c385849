"""The values entries are made of besides plain text and numbers: a material, a quiz question, an author.
Plain frozen dataclasses that import nothing of the model, so field types, the registry and the kinds
can all use them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, kw_only=True)
class Material:
    title: str  # shown text; the file name or URL when no title is given
    url: str | None = None  # for internet materials
    path: str | None = None  # normalised "materials/..." path, as the resolver accepted it
    size: int | None = None  # bytes, for local files
    published: str | None = None  # "materi/..." where the copy is published


@dataclass(frozen=True, kw_only=True)
class Question:
    """A self-check question (kuis mandiri): ``answer`` is the 1-based number of the right choice."""

    question: str
    choices: tuple[str, ...]
    answer: int
    explanation: str | None = None


def question_rule(values: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    """An answer names one of the choices; no choice is written twice."""
    found: list[tuple[str, int | None, str]] = []
    choices = values.get("choices") or ()
    answer = values.get("answer")
    if isinstance(answer, int) and choices and answer > len(choices):
        found.append(("answer", None, f"'answer' {answer} tidak ada: pertanyaan ini hanya punya {len(choices)} "
                                      f"pilihan. Tulis nomor pilihan yang benar, 1 sampai {len(choices)}."))
    seen: dict[str, int] = {}
    for i, choice in enumerate(choices):
        key = " ".join(str(choice).split()).casefold()
        if key in seen:
            found.append(("choices", i, f"pilihan '{choice}' sama dengan pilihan nomor {seen[key] + 1}. Setiap "
                                        "pilihan harus berbeda; ubah atau hapus salah satunya."))
        seen.setdefault(key, i)
    return found


@dataclass(frozen=True, kw_only=True)
class Author:
    name: str
    unit: str | None = None
