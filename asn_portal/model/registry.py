"""The kind registry: every content kind is one ``KindSpec`` in ``KINDS``, with its fields and its entry class.

Generic: the kinds themselves live in ``asn_portal.kinds`` (one folder each: spec, entry class,
templates) and register when that package is imported, which ``asn_portal/__init__.py`` does. One
declaration of every field validates (``fields``), builds JSON Schema (``schema``) and writes the
field reference (``reference``); the entry class of a kind holds what differs between kinds (listing
order, search label). Every other module loops over ``KINDS`` (see ARCHITECTURE.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, fields
from dataclasses import field as dataclass_field
from typing import TYPE_CHECKING, Any, ClassVar

from asn_portal.model.fieldbase import Field, FieldKind
from asn_portal.model.fieldlists import (
    OBJECT,
    Materials,
    ObjectList,
    Refs,
    SlugList,
    TextList,
    materials_in,
)
from asn_portal.model.fieldtypes import (
    SLUG,
    SLUG_PATTERN,
    Boolean,
    Choice,
    Date,
    Integer,
    Markdown,
    PositiveInteger,
    Text,
    Url,
)
from asn_portal.model.values import Author, Material, Question, question_rule

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# Field, FieldKind and the values are defined in fieldbase and values; named here too, where kinds and the
# layers above look for everything a kind is made of.
__all__ = ["SLUG", "SLUG_PATTERN", "Author", "Entry", "Field", "FieldKind", "FieldType", "KindSpec", "Material",
           "Question", "question_rule"]



class FieldType:
    """The field types, one instance of each class: ``Field("jp", FieldType.POSINT, ...)``. Each checks
    its values, gives its JSON Schema and its search text (``fieldtypes``, ``fieldlists``)."""

    TEXT = Text()
    MARKDOWN = Markdown()
    INT = Integer()
    POSINT = PositiveInteger()
    BOOL = Boolean()
    DATE = Date()
    CHOICE = Choice()
    URL = Url()
    TEXT_LIST = TextList()
    SLUG_LIST = SlugList()  # list of slugs, not checked against entries (redirect_from)
    REFS = Refs()  # list of slugs of another kind
    MATERIALS = Materials()
    OBJECT = OBJECT
    OBJECT_LIST = ObjectList()


@dataclass(kw_only=True)
class Entry:
    """What every kind has. A kind's class adds its fields and may change ``sort_key`` and ``facts``."""

    KIND: ClassVar[str]
    slug: str
    source: str  # path from the project root, e.g. content/courses/x.yml
    title: str
    summary: str
    tags: tuple[str, ...] = ()
    draft: bool = False
    redirect_from: tuple[str, ...] = ()
    # (kind, slug) pairs linked from Markdown fields: cross-references beside the declared ones
    links: frozenset[tuple[str, str]] = frozenset()

    BOOKKEEPING: ClassVar[frozenset[str]] = frozenset({"slug", "source", "links"})  # not written in YAML

    @property
    def kind(self) -> str:
        return self.KIND

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.KIND]

    def sort_key(self) -> tuple[object, ...]:
        """Place in its kind's listing: by title unless a kind says otherwise."""
        return (self.title.casefold(), self.slug)

    def facts(self) -> str:
        """What a search result shows beside the title, e.g. "Kursus · Dasar · 8 JP"."""
        return self.spec.label

    def refs(self) -> set[tuple[str, str]]:
        """Entries this one points to: its reference fields and the links in its Markdown."""
        found = set(self.links)
        for spec in self.spec.fields:
            found.update(spec.type.refs(getattr(self, spec.name), spec))
        found.discard((self.kind, self.slug))
        return found

    def materials_used(self) -> Iterator[Material]:
        """Every material in its fields, nested ones (a course's modules) included."""
        yield from materials_in(self, self.spec.fields)

    # -- hooks a kind may fill in; the defaults say "this kind has none" ---------------------------------
    # The fields catalog.json lists for the kind, besides kind, slug, title and summary.
    CATALOG_FIELDS: ClassVar[tuple[str, ...]] = ()
    # Whether the Atom feed carries the kind's entries (pages of their own to announce: courses, articles).
    IN_FEED: ClassVar[bool] = False

    def jsonld(self, url: str, publisher: Mapping[str, object]) -> dict[str, object] | None:
        """The schema.org node of its page (JSON-LD), or None for a kind without one."""
        return None

    def feed_date(self) -> dt.date | None:
        """The date the feed gives it when the entry names one (an article's); else its last commit's."""
        return None

    def credited(self) -> Author | None:
        """The author the contributors page credits for it, when the kind names one."""
        return None

    def plan_facts(self) -> dict[str, object]:
        """What a reader's plan keeps of it; only kinds with ``KindSpec.plannable`` are asked."""
        raise NotImplementedError(f"kind {self.KIND!r} is not plannable")


# -- the registry ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class KindSpec:
    name: str  # "course": the key in KINDS, in code and in `asn-portal new course`
    folder: str  # folder under content/: "courses"
    url_dir: str  # published folder and link prefix: "kursus" (kursus/<slug>/, [x](kursus:slug))
    label: str  # "Kursus"
    label_plural: str  # the nav tab
    index_title: str  # h1 of the listing page
    entry_class: type[Entry]
    fields: tuple[Field, ...]
    nav_order: int = 100  # place of its tab in the default nav
    subset_option: bool = False  # `asn-portal bundle --<name> SLUG` builds a kit around entries of this kind
    plannable: bool = False  # readers add its entries to their learning plan (the class has plan_facts)
    template_dir: str | None = None  # its folder: page, card, index, home and `new` templates
    home_order: int = 100  # place of its section in the home overview (the stat line follows nav_order)
    # Names its templates use beyond the shared ones (a course's COMPETENCIES, LEVELS, MODES).
    template_globals: Mapping[str, object] = dataclass_field(default_factory=dict, compare=False, hash=False)
    # Checks across an entry's own fields (the modules' JP within the course's), as ``Field.rule``: (field,
    # item index or None, message) for each problem, given the entry's checked values.
    rule: Callable[[dict[str, Any]], list[tuple[str, int | None, str]]] | None = None
    # The same, for what is worth a warning only: the entry is published as written, but a reader or a
    # record made from it may miss something (a course without its organizer, which SIASN asks for).
    advice: Callable[[dict[str, Any]], list[tuple[str, int | None, str]]] | None = None

    @property
    def page_template(self) -> str:
        return f"{self.name}.md.j2"

    @property
    def index_template(self) -> str:
        return f"index_{self.folder}.md.j2"

    @property
    def new_template(self) -> str:
        return f"new_{self.name}.yml"

    @property
    def card_template(self) -> str:
        return f"card_{self.name}.j2"

    @property
    def home_template(self) -> str:
        return f"home_{self.name}.j2"


KINDS: dict[str, KindSpec] = {}  # filled by asn_portal.kinds, in the order its kinds register
LINK_PREFIXES: dict[str, str] = {}  # "kursus" -> "course": the link prefix kursus:slug names a course


def register(spec: KindSpec) -> Callable[[], None]:
    """Add a kind (``asn_portal.kinds``, tests, extensions); returns the function that removes it again.
    A name, folder or link prefix another kind has is refused, never silently replaced."""
    for other in KINDS.values():
        clash = [what for what, mine, theirs in (("name", spec.name, other.name),
                                                  ("folder", spec.folder, other.folder),
                                                  ("url_dir", spec.url_dir, other.url_dir)) if mine == theirs]
        if clash:
            raise ValueError(f"kind {spec.name!r}: {', '.join(clash)} already used by kind {other.name!r}")

    KINDS[spec.name] = spec
    LINK_PREFIXES[spec.url_dir] = spec.name

    def unregister() -> None:
        if KINDS.get(spec.name) is spec:
            del KINDS[spec.name]
            LINK_PREFIXES.pop(spec.url_dir, None)

    return unregister


@contextmanager
def registered(spec: KindSpec) -> Iterator[KindSpec]:
    """A kind registered for the length of a ``with`` block (tests): the registry is as it was after."""
    unregister = register(spec)
    try:
        yield spec
    finally:
        unregister()


def by_nav_order() -> list[KindSpec]:
    """The kinds in the order of their tabs (stat lines, messages that list the kinds)."""
    return sorted(KINDS.values(), key=lambda k: k.nav_order)


# -- declarations kinds share ----------------------------------------------------------------------------

COMMON_FIELDS = (
    Field("tags", FieldType.TEXT_LIST, "Tag untuk mengelompokkan entri, misalnya [kinerja, digital]."),
    Field("draft", FieldType.BOOL,
          "true: entri masih ditinjau dan tidak diterbitkan (tetap tampak di `mkdocs serve`)."),
    Field("redirect_from", FieldType.SLUG_LIST,
          "Slug lama entri ini, agar tautan lama tetap berfungsi setelah berkas diganti nama."),
)
QUIZ_FIELD = Field(
    "quiz", FieldType.OBJECT_LIST, "Kuis mandiri: pertanyaan pilihan ganda untuk memeriksa pemahaman sendiri.",
    model=Question, rule=question_rule, fields=(
        Field("question", FieldType.TEXT, "Pertanyaan.", required=True),
        Field("choices", FieldType.TEXT_LIST, "Pilihan jawaban, 2 sampai 6.", required=True, min_items=2,
              max_items=6),
        Field("answer", FieldType.POSINT, "Nomor pilihan yang benar (1 = pilihan pertama).", required=True),
        Field("explanation", FieldType.MARKDOWN, "Penjelasan jawaban, tampil setelah diperiksa (Markdown)."),
    ))
MATERIAL_HELP = ("Daftar materi: URL http(s) atau path berkas yang diawali `materials/`, "
                 "ditulis sebagai teks atau sebagai {path: ..., title: ...} / {url: ..., title: ...}.")


def model_fields(cls: type[DataclassInstance]) -> dict[str, bool]:
    """Field name -> required, as a dataclass declares them (for the test that keeps the two in step)."""
    skip: frozenset[str] = getattr(cls, "BOOKKEEPING", frozenset())
    return {f.name: f.default is MISSING and f.default_factory is MISSING for f in fields(cls) if f.name not in skip}


PUBLISHED_MATERIALS = "materi"  # site folder of material files: materials/x.pdf -> materi/x.pdf
MAX_SLUG = 100
# Names a kind's own URL space already uses: kursus/index.md is the catalog page.
RESERVED_SLUGS = frozenset({"index"})


def template_globals() -> dict[str, object]:
    """The names the kinds give their templates (a course's ``COMPETENCIES``, ``LEVELS``, ``MODES``), merged:
    for whatever shares these values with the kinds' pages (the Jinja environment, the browser's constants)."""
    merged: dict[str, object] = {}
    for spec in KINDS.values():
        merged.update(spec.template_globals)
    return merged


def __getattr__(name: str) -> object:
    """A name a kind gives its templates (``COMPETENCIES``), for modules that still import it from here: the
    value lives with its kind now (``KindSpec.template_globals``, all of them: ``template_globals()``)."""
    found = template_globals()
    if name in found:
        return found[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
