"""Incremental ``serve`` under random edits: after a save only the pages that depend on the changed entry
are rendered again, and the served tree equals a clean build byte for byte.

Random edits, additions, renames and deletions of entries and materials (hypothesis) are applied to a
generated project, ``LiveSite.rebuild()`` runs, and its ``site_dir`` is compared with a fresh full build
of the same files. A batch the content check refuses must leave the served tree as the last good build;
it is then undone and the next rebuild recovers. ASN_PORTAL_SERVE_EXAMPLES=100 explores further (random);
ASN_PORTAL_SERVE_SHRINK=1 also shrinks a failure (minutes). The named cases are in test_serve_cases.py;
the project, the edits and the comparison in tests/support/serve_edits.py.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from tests.support.serve_edits import (
    Live,
    assert_equals_clean_build,
    clean_build,
    digest,
    located,
    op_add_course,
    op_add_material,
    op_article_title,
    op_change_material,
    op_course_draft,
    op_course_jp,
    op_course_text,
    op_course_title,
    op_delete_course,
    op_delete_material,
    op_factor_title,
    op_rename_course,
    op_yaml_error,
    save,
    start_live,
    tree,
)
from tests.support.serve_edits import build_date as build_date
from tests.support.serve_edits import pristine as pristine

pytestmark = pytest.mark.slow  # exhaustive: run by .ci/run's slow step (pyproject markers)


# Titles and texts a person writes, with characters that must be escaped in HTML, JSON and XML.
WORDS = st.sampled_from(("Pelatihan", "Kinerja", "Digital", "ASN", "Daerah", "Layanan", "Rapat", "Arsip",
                         "Tata & Kelola", "<Uji>", '"kutip"', "O'Neil", "Ekonomi", "Teknis", "Pegawai"))
TITLE = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)
TEXT = st.lists(WORDS, min_size=3, max_size=14).map(lambda words: " ".join(words).capitalize() + ".")


# An operation is a description (for the failure message) and a function applied to the project at the
# time it runs: indices pick among the files present then, modulo their number.
@dataclass(frozen=True)
class Op:
    name: str
    args: tuple[Any, ...]

    def __str__(self) -> str:
        return f"{self.name}{self.args!r}"

    def apply(self, root: Path) -> None:
        OPS[self.name](root, *self.args)


OPS: dict[str, Callable[..., None]] = {
    "course_title": op_course_title, "course_text": op_course_text, "course_jp": op_course_jp,
    "course_draft": op_course_draft, "add_course": op_add_course, "delete_course": op_delete_course,
    "rename_course": op_rename_course,
    "article_title": op_article_title, "factor_title": op_factor_title, "add_material": op_add_material,
    "change_material": op_change_material, "delete_material": op_delete_material, "yaml_error": op_yaml_error,
}

INDEX = st.integers(0, 10_000)
NUMBER = st.integers(1, 5)  # few names: a later op may find the name taken (then it does nothing)
REPLACE = st.booleans()
OP = st.one_of(
    st.tuples(st.just("course_title"), INDEX, TITLE, REPLACE),
    st.tuples(st.just("course_text"), INDEX, st.sampled_from(("summary", "description")), TEXT, REPLACE),
    st.tuples(st.just("course_jp"), INDEX, st.integers(1, 120), REPLACE),
    st.tuples(st.just("course_draft"), INDEX, REPLACE),
    st.tuples(st.just("add_course"), INDEX, NUMBER, TITLE, REPLACE),
    st.tuples(st.just("delete_course"), INDEX),
    st.tuples(st.just("rename_course"), INDEX, NUMBER),
    st.tuples(st.just("article_title"), INDEX, TITLE, REPLACE),
    st.tuples(st.just("factor_title"), INDEX, TITLE, REPLACE),
    st.tuples(st.just("add_material"), INDEX, NUMBER, st.integers(1, 5000), REPLACE),
    st.tuples(st.just("change_material"), INDEX, st.integers(1, 5000), REPLACE),
    st.tuples(st.just("delete_material"), INDEX),
    st.tuples(st.just("yaml_error"), st.sampled_from(("courses", "articles", "factors")), INDEX, REPLACE),
).map(lambda t: Op(t[0], t[1:]))
# Each batch is saved, then rebuilt and compared; several batches exercise what a rebuild keeps.
BATCHES = st.lists(st.lists(OP, min_size=1, max_size=4), min_size=1, max_size=3)


def snapshot(root: Path) -> dict[str, bytes]:
    """The files a person edits (content/, materials/): to undo a refused batch."""
    return {rel: data for rel, data in tree(root).items() if rel.startswith(("content/", "materials/"))}


def restore(root: Path, before: dict[str, bytes]) -> None:
    now = snapshot(root)
    for rel in now.keys() - before.keys():
        (root / rel).unlink()
    for rel, data in before.items():
        if now.get(rel) != data:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            save(root / rel, data, replace=False)


def run_batches(live: Live, batches: list[list[Op]]) -> None:
    history: list[str] = []
    for number, batch in enumerate(batches, 1):
        before_files = snapshot(live.root)
        before_site = digest(live.site_dir)
        for op in batch:
            op.apply(live.root)
        history.append(f"batch {number}: " + ", ".join(map(str, batch)))
        told = "\n".join(history)
        outcome = live.site.rebuild()
        clean, _ = clean_build(live)
        event("refused" if clean.errors else "full" if outcome.full else "incremental")  # --hypothesis-show-statistics
        if clean.errors:
            # The check refuses these files: the rebuild too, with the same messages, leaving the tree.
            assert outcome.errors, f"the rebuild accepted what a clean build refuses: {clean.errors}\n{told}"
            # The same located messages (a full build's report also has a heading and a count).
            assert located(outcome.errors) == located(clean.errors), told
            assert digest(live.site_dir) == before_site, f"a refused rebuild changed the served tree\n{told}"
            banner = live.site.banner()
            assert banner is not None and "data-asn-preview-error" in banner, told
            restore(live.root, before_files)
            history.append("undo")
            told = "\n".join(history)
            outcome = live.site.rebuild()
            assert outcome.errors == [], f"{outcome.errors}\n{told}"
            assert live.site.banner() is None, told
            assert digest(live.site_dir) == before_site, f"undoing a refused batch changed the tree\n{told}"
        else:
            assert outcome.errors == [], f"the rebuild refused what a clean build accepts: {outcome.errors}\n{told}"
            assert live.site.banner() is None, told
        assert_equals_clean_build(live, told)


# A fixed, small draw in the everyday suite; ASN_PORTAL_SERVE_EXAMPLES=100 explores further (random).
SERVE_EXAMPLES = int(os.environ.get("ASN_PORTAL_SERVE_EXAMPLES", "4"))
# Every example builds the site twice or more: shrinking a failure takes many minutes. The failure message
# already lists every batch; ASN_PORTAL_SERVE_SHRINK=1 shrinks it.
PHASES = tuple(p for p in Phase if p is not Phase.shrink or os.environ.get("ASN_PORTAL_SERVE_SHRINK") == "1")


@pytest.mark.engine_smoke  # run again on each engine by .ci/run
@settings(max_examples=SERVE_EXAMPLES, deadline=None, database=None, phases=PHASES,
          derandomize="ASN_PORTAL_SERVE_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batches=BATCHES)
def test_any_edits_serve_the_same_tree_as_a_clean_build(pristine: Path, batches: list[list[Op]]) -> None:
    base = Path(tempfile.mkdtemp(prefix="asn-serve-"))
    try:
        run_batches(start_live(pristine, base), batches)
    finally:
        shutil.rmtree(base, ignore_errors=True)
