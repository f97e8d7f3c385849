"""What every field type shares, and the ``Field`` declaration itself.

A ``Field`` names its type (an instance of a ``FieldKind`` subclass, ``fieldtypes`` and ``fieldlists``) and
says what a contributor reads about it. This module imports no field type and no registry: the types
import it, the registry imports them, nothing imports back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Protocol

from asn_portal.model.loader import REJECTED, Node
from asn_portal.model.values import Material

# (kind, slug) -> the title of a referenced entry, when it is published
TitleOf = Callable[[str, str], "str | None"]
# a mapping's fields -> its JSON Schema object (``schema`` writes it; nested types ask for it)
ObjectSchema = Callable[["tuple[Field, ...]"], dict[str, Any]]


class Checker(Protocol):
    """What a type's check reports to and asks: ``content.fields.FieldChecker``."""

    def error(self, node: Node, message: str, path: str, at_key: bool = False) -> None: ...
    def warn(self, node: Node, message: str, path: str) -> None: ...
    def mapping(self, node: Node, fields: tuple[Field, ...], path: str = "") -> dict[str, Any] | None: ...
    def web_url_problem(self, text: str) -> str | None: ...
    def material(self, node: Node, path: str) -> Material | None: ...


def describe_value(node: Node) -> str:
    if node.value is REJECTED:
        return "nilai bertag"
    if node.is_map:
        return "pemetaan"
    if node.is_seq:
        return "daftar"
    if node.value is None:
        return "kosong"
    return repr(node.raw) if node.raw else repr(node.value)


class FieldKind:
    """One type of field. ``words``: how it is named to a contributor (messages, the field reference);
    ``example``: what to write for a missing field of this type."""

    name = ""
    words = ""
    example = "..."

    def __repr__(self) -> str:
        return f"FieldType.{self.name.upper()}"

    def check(self, c: Checker, node: Node, field: Field, path: str) -> Any:
        """The value for the model, or None once the problem is reported."""
        raise NotImplementedError

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        """The JSON Schema of a value (``minItems``, ``maxItems`` and ``description`` are added for all)."""
        raise NotImplementedError

    def search_text(self, value: Any, field: Field, title_of: TitleOf) -> Iterator[str]:
        """The words of a value a reader may search for."""
        yield from ()

    def materials(self, value: Any, field: Field) -> Iterator[Material]:
        """Every material in a value, nested ones included."""
        yield from ()

    def refs(self, value: Any, field: Field) -> Iterator[tuple[str, str]]:
        """The (kind, slug) pairs a value points to."""
        yield from ()

    def mistyped(self, c: Checker, node: Node, field: Field, path: str, hint: str) -> None:
        """Report a value of the wrong type."""
        c.error(node, f"'{field.name}' harus berupa {self.words}, bukan {describe_value(node)}; {hint}", path)


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldKind
    help: str  # Indonesian: shown in editors (JSON Schema) and in CONTRIBUTING
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str = ""  # kind name for REFS
    fields: tuple[Field, ...] = ()  # for OBJECT and OBJECT_LIST
    min_items: int = 0
    max_items: int = 0  # 0: no upper bound
    unique: bool = False  # no two entries of the kind may share the value (a factor's order)
    model: Callable[..., Any] | None = None  # the class an OBJECT / OBJECT_LIST item becomes
    # Checks across an item's own fields (a quiz answer within its choices): (field, item index or None,
    # message) for each problem, given the item's checked values.
    rule: Callable[[dict[str, Any]], list[tuple[str, int | None, str]]] | None = None
    # Words people write for a CHOICE value, in Indonesian and English ("online" -> "daring"): a hint.
    synonyms: Mapping[str, str] = dataclass_field(default_factory=dict, compare=False, hash=False)
