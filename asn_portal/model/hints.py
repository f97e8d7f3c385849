"""Suggestions for contributors: the option a person most likely meant, written so they can copy it."""

from __future__ import annotations

import difflib
import posixpath
import re
import unicodedata


def closest(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if not match:
        lowered = {o.lower(): o for o in options}
        return lowered.get(word.lower())
    return match[0]


def suggest(word: str, options: list[str] | tuple[str, ...]) -> str:
    best = closest(word, options)
    return f" Mungkin maksudnya '{best}'?" if best else ""


def slugify(text: str) -> str:
    """The slug a person most likely meant: "Evaluasi Kinerja" -> evaluasi-kinerja."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "judul-entri"


def suggest_material(text: str, prefix: str = "materials") -> str:
    """The ``materials/...`` path a person most likely meant, keeping their subfolders."""
    path = text.replace("\\", "/").strip()
    if prefix != "materials" and path.startswith("materials/"):  # the usual name, in a site that renamed it
        path = f"{prefix}/" + path[len("materials/"):]
    if f"{prefix}/" in path:  # /materials/x, ../materials/x, C:/proyek/materials/x: keep what follows
        path = f"{prefix}/" + path.split(f"{prefix}/", 1)[1]
    elif path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        path = posixpath.basename(path)  # a file elsewhere on this computer: copy it into materials/
    while path.startswith(("./", "../", "/")):
        path = path.split("/", 1)[1] if "/" in path else ""
    norm = posixpath.normpath(path) if path else ""
    if norm.startswith(f"{prefix}/"):
        norm = norm[len(prefix) + 1:]
    if not norm or norm.startswith("..") or norm in (".", prefix):
        return f"{prefix}/nama-berkas.pdf"
    return f"{prefix}/" + norm
