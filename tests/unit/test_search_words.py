"""Words as search sees them: the index's stems (asn_portal/search/words.py) and the reader's side's
(assets/src/search-words.mjs stemsOf) are the same, so a page is found by any form of its words. No
site build: a few documents indexed in a temporary folder, asked through the engine in Node.js."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from asn_portal.search.docs import SearchDoc
from asn_portal.search.words import index_terms, stems, words
from devtools import ROOT
from tests.support.search import ask, index_site

ASSETS = ROOT / "asn_portal" / "assets"


@pytest.mark.parametrize(("word", "expected"), [
    ("mengolah", ("mengo", "olah")),  # Snowball takes "-lah" for a particle: mengo
    ("diolah", ("dio", "olah")),
    ("bersalah", ("bersa", "salah")),
    ("apakah", ("apa", "apakah")),  # a particle indeed: both stems, the index keeps both
    ("pengolahan", ("olah",)),
    ("olah", ("olah",)),
    ("pun", ("pun",)),  # too short to stem
])
def test_a_word_ending_like_a_particle_also_has_its_stem_without_that_step(word: str,
                                                                           expected: tuple[str, ...]) -> None:
    assert stems(word) == expected


def test_a_page_is_indexed_under_both_stems() -> None:
    assert list(index_terms("Mengolah data")) == ["mengolah", "mengo", "olah", "data"]


def docs() -> list[SearchDoc]:
    return [SearchDoc("kursus/data/", "Analisis Data untuk Kebijakan", "Kursus", "",
                      "Mengolah, membaca, dan menyajikan data layanan.", "Mengolah data layanan."),
            SearchDoc("kursus/arsip/", "Pengolahan Arsip Dinamis", "Kursus", "", "Menata berkas."),
            SearchDoc("kursus/masa/", "Masa Kerja dan Kenaikan Pangkat", "Kursus", "", "Menghitung masa kerja."),
            SearchDoc("artikel/sekolah/", "Sekolah Kedinasan", "Artikel", "", "Bersekolah sambil bekerja.")]


def test_pengolahan_finds_the_page_that_says_mengolah(node: str, tmp_path: Path) -> None:
    site = index_site(tmp_path, docs())
    answers = ask(node, site, ["pengolahan data layanan", "pengolahan", "diolah", "sekolah"])
    found = [[item["location"] for item in answer["items"]] for answer in answers]
    assert found[0][0] == "kursus/data/"
    assert set(found[1]) == {"kursus/data/", "kursus/arsip/"}
    assert set(found[2]) == {"kursus/data/", "kursus/arsip/"}, "diolah: the same root"
    assert found[3] == ["artikel/sekolah/"], "sekolah (seko) is not masa"


def test_the_index_and_the_query_give_every_word_the_same_stems(node: str) -> None:
    """Every word of the shipped content, and words the stemmer cuts short, stemmed on both sides."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.yml")))
    vocabulary = sorted(set(words(text)) | {"mengolah", "masalah", "sekolah", "apakah", "ataupun", "pun"})
    script = ("global.self=global;require(process.argv[1]);import(process.argv[2]).then((m)=>{"
              "const ws=JSON.parse(require('fs').readFileSync(0,'utf8'));"
              "process.stdout.write(JSON.stringify(ws.map((w)=>m.stemsOf(w,self.asnSearchStem))))})")
    out = subprocess.run([node, "-e", script, str(ASSETS / "stemmer-id.js"), str(ASSETS / "src" / "search-words.mjs")],
                         input=json.dumps(vocabulary), text=True, capture_output=True, check=True).stdout
    both = zip(vocabulary, json.loads(out), strict=True)
    differ = [(w, js, list(stems(w))) for w, js in both if js != list(stems(w))]
    assert not differ, differ[:20]
    assert sum(len(stems(w)) > 1 for w in vocabulary) >= 5, "the content has words ending like a particle"
