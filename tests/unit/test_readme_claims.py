"""What README.md says of the test corpus stays true: the counts it gives are the corpus's own."""

from __future__ import annotations

from devtools import ROOT
from tests.support.hostile import HOSTILE_KIT_ENTRIES, REFUSED, SANITISED_CHECKS


def test_readme_counts_the_hostile_corpus_as_it_is() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert (f"({len(REFUSED)} kasus yang ditolak, {len(SANITISED_CHECKS)} pemeriksaan atas isi yang dibersihkan "
            f"dan {len(HOSTILE_KIT_ENTRIES)} zip palsu") in readme
