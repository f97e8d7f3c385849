"""Check one located YAML mapping against its ``Field`` declarations (``model.registry``).

Returns plain Python values ready for the model classes; every problem names the line a person
would point at and says what to write instead. Each value is checked by its field's type
(``model.fieldtypes``, ``model.fieldlists``); this checker is what they report to, and it decides
materials through the resolver.
"""

from __future__ import annotations

import posixpath
from typing import Any

from asn_portal.model.fieldbase import describe_value
from asn_portal.model.fieldtypes import is_web_url
from asn_portal.model.hints import closest, slugify, suggest
from asn_portal.model.loader import REJECTED, Node
from asn_portal.model.problems import ProblemList
from asn_portal.model.registry import Field, FieldType, Material
from asn_portal.trust.resolver import Refusal, Resolver, web_url_problem

__all__ = ["FieldChecker", "closest", "describe_value", "is_web_url", "slugify", "suggest"]

_TITLE = Field("title", FieldType.TEXT, "")  # a material's title


class FieldChecker:
    """Validates values of one file. ``resolver`` decides local materials."""

    def __init__(self, rel: str, problems: ProblemList, resolver: Resolver) -> None:
        self.rel = rel
        self.problems = problems
        self.resolver = resolver

    # -- reporting ---------------------------------------------------------------------------
    def error(self, node: Node, message: str, path: str, at_key: bool = False) -> None:
        line, col = (node.key_line, node.key_col) if at_key and node.key_line else (node.line, node.col)
        self.problems.error(self.rel, line, col, message, path)

    def warn(self, node: Node, message: str, path: str) -> None:
        self.problems.warning(self.rel, node.line, node.col, message, path)

    # -- mappings ----------------------------------------------------------------------------
    def mapping(self, node: Node, fields: tuple[Field, ...], path: str = "") -> dict[str, Any] | None:
        if node.value is REJECTED:
            return None  # the forbidden tag is already reported
        if not node.is_map:
            self._not_a_mapping(node, fields, path)
            return None
        misspelt = self._unknown_keys(node, [f.name for f in fields], path)
        values: dict[str, Any] = {}
        for spec in fields:
            child = node.value.get(spec.name)
            where = _join(path, spec.name)
            if child is not None and child.value is REJECTED:
                continue  # the forbidden tag is already reported
            if child is None or child.value is None:
                self._absent(node, child, spec, where, misspelt)
                continue
            value = self.value(child, spec, where)
            if value is not None:
                values[spec.name] = value
        return values

    def _not_a_mapping(self, node: Node, fields: tuple[Field, ...], path: str) -> None:
        """A scalar or a list where a mapping belongs; a scalar is shown as the mapping it likely means,
        its text under the first required key (``key: text`` -> ``key: {first: text}``)."""
        first = next((f.name for f in fields if f.required), "")
        example = (f" Tulis: {path.rsplit('.', 1)[-1]}: {{{first}: {node.raw}}}"
                   if path and first and node.raw and not node.is_seq else "")
        self.error(node, f"{path or 'berkas'} harus berupa pemetaan 'kunci: nilai', "
                         f"bukan {describe_value(node)}.{example}", path)

    def _unknown_keys(self, node: Node, names: list[str], path: str) -> set[str | None]:
        """Keys no field declares, each reported with the closest declared name; returns those closest
        names: a required key written with a typo is then not reported missing a second time."""
        misspelt: set[str | None] = set()  # None: a key close to no name
        for key, child in node.value.items():
            if key not in names:
                self.error(child, f"kunci '{key}' tidak dikenal.{suggest(key, names)} "
                                  f"Kunci yang boleh: {', '.join(names)}.", _join(path, key), at_key=True)
                misspelt.add(closest(key, names))
        return misspelt

    def _absent(self, node: Node, child: Node | None, spec: Field, where: str, misspelt: set[str | None]) -> None:
        """A field missing (``child`` None) or written empty: an error only when it is required."""
        if not spec.required or (child is None and spec.name in misspelt):
            return  # optional, or written with a typo that the unknown-key error names
        if child is None:
            # A missing key is pointed at the mapping that lacks it (its key line when nested).
            line = node.key_line or node.line
            self.problems.error(self.rel, line, None, f"kolom wajib '{spec.name}' belum ada. Tambahkan "
                                                      f"'{spec.name}: {_example(spec)}' ({spec.help})", where)
        else:
            self.error(child, f"kolom wajib '{spec.name}' kosong. Isi nilainya: '{spec.name}: ...' "
                              f"({spec.help})", where, at_key=True)

    # -- values: each field's type checks its own (model.fieldtypes, model.fieldlists) -----------
    def value(self, node: Node, spec: Field, path: str) -> Any:
        return spec.type.check(self, node, spec, path)

    def web_url_problem(self, text: str) -> str | None:
        return web_url_problem(text)

    # -- materials ---------------------------------------------------------------------------
    def material(self, node: Node, path: str) -> Material | None:
        if isinstance(node.value, str):
            return self.material_target(node, node.value, None, path)
        if not node.is_map:
            self.error(node, f"materi harus berupa URL, path 'materials/...', atau {{path: ..., title: ...}}, "
                             f"bukan {describe_value(node)}.", path)
            return None
        allowed = ("path", "url", "title")
        for key, child in node.value.items():
            if key not in allowed:
                self.error(child, f"kunci '{key}' tidak dikenal pada materi.{suggest(key, allowed)} "
                                  "Kunci yang boleh: path, url, title.", f"{path}.{key}", at_key=True)
        title_node = node.value.get("title")
        title = None
        if title_node is not None and title_node.value is not None and title_node.value is not REJECTED:
            title = FieldType.TEXT.check(self, title_node, _TITLE, f"{path}.title")
        target = [k for k in ("path", "url") if k in node.value]
        if len(target) != 1:
            self.error(node, "materi harus memiliki tepat satu dari 'path' (berkas di materials/) atau "
                             "'url' (alamat internet). Tulis misalnya {path: materials/berkas.pdf, title: Judul} "
                             "atau {url: https://..., title: Judul}.", path)
            return None
        child = node.value[target[0]]
        if child.value is REJECTED:
            return None  # the forbidden tag is already reported
        if not isinstance(child.value, str):
            self.error(child, f"'{target[0]}' materi harus berupa teks.", f"{path}.{target[0]}")
            return None
        if target[0] == "url" and not is_web_url(child.value):
            self.error(child, "'url' materi harus diawali https:// atau http://.", f"{path}.url")
            return None
        if target[0] == "path" and is_web_url(child.value):
            self.error(child, "alamat internet ditulis dengan 'url:', bukan 'path:'.", f"{path}.path")
            return None
        return self.material_target(child, child.value, title, f"{path}.{target[0]}")

    def material_target(self, node: Node, text: str, title: str | None, path: str) -> Material | None:
        text = text.strip()
        if is_web_url(text):
            problem = web_url_problem(text)
            if problem:
                self.error(node, problem, path)
                return None
            return Material(title=title or text, url=text)
        decision = self.resolver.material(text)
        if isinstance(decision, Refusal):
            self.error(node, decision.message, path)
            return None
        return Material(title=title or posixpath.basename(decision.value), path=decision.value, size=decision.size,
                        published=decision.published)


def _example(spec: Field) -> str:
    """What to write for a missing field: the choices, or a placeholder of the right shape."""
    return " | ".join(spec.choices) if spec.choices else spec.type.example


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
