"""How the search index is split into files (asn_portal/search/shards.py), read back by the engine in Node.js:
rare word endings share a shard instead of making a file each, and a typing slip in a word's first letters
is still found through the shard of its ending."""

from __future__ import annotations

import json
from itertools import islice, product
from pathlib import Path

from asn_portal.search.docs import SearchDoc
from asn_portal.search.shards import SHARD_BYTES
from tests.support.search import ask_fresh, index_site

LETTERS = "bcdfghjklmnprstvwyz"


def _rare_words(count: int) -> list[str]:
    """Words of one shape whose last three letters all differ, as names and loanwords in a catalog do."""
    tails = [a + "a" + b for a in LETTERS for b in LETTERS]
    return [f"tumel{tail}" for tail in tails[:count]]


def test_rare_endings_share_shards_and_a_slip_at_the_start_still_finds_the_word(node: str, tmp_path: Path) -> None:
    words = _rare_words(300)
    docs = [SearchDoc(f"kursus/k{i}/", f"Kursus {i}", "Kursus", "", f"Materi {word}.") for i, word in enumerate(words)]
    site = index_site(tmp_path, docs)
    endings = list((site / "search" / "s").glob("*.js"))
    # a file for each three-letter ending would be 300 files; shards fill up to SHARD_BYTES instead
    assert len(endings) * 10 < len({word[-3:] for word in words}), len(endings)
    assert max(p.stat().st_size for p in endings) <= SHARD_BYTES + 200
    manifest = (site / "search" / "manifest.js").read_text(encoding="utf-8")
    listed = json.loads(manifest[manifest.index("(") + 1: manifest.rindex(")")])["s"].split()
    assert len(listed) == len(endings)
    picked = [words[7], words[150], words[299]]
    slips = ["q" + word[1:] for word in picked] + [word[1] + word[0] + word[2:] for word in picked]
    for slip in slips:
        answer = ask_fresh(node, site, slip)
        expected = f"kursus/k{words.index(next(w for w in picked if w[2:] == slip[2:]))}/"
        assert expected in [item["location"] for item in answer["items"]][:3], (slip, answer["items"][:3])
        assert any(shard.startswith("s/") for shard in answer["shards"]), answer["shards"]


def test_a_half_typed_word_whose_family_spans_many_shards_completes_to_nothing_arbitrary(node: str,
                                                                                       tmp_path: Path) -> None:
    """"pe" split into six large families keeps only its rarest words in its own shard; completing from that
    shard alone would put the pages holding those first. So "kursus pe" ranks as "kursus" alone, as it did
    before small groups were kept in the shorter key's shard, and a whole word is found as ever."""
    families = {"pel": 520, "pem": 470, "pen": 440, "per": 410, "pes": 390, "pet": 360}
    words = [family + "".join(tail) for family, count in families.items()
             for tail in islice(product(LETTERS, repeat=3), count)]
    docs = [SearchDoc(f"k/{i}/", f"Kursus {i}", "Kursus", "", " ".join(words[i * 8:i * 8 + 8]))
            for i in range(len(words) // 8)]
    docs += [SearchDoc(f"rare/{w}/", f"Kursus {w}", "Kursus", "", w) for w in ("pexotik", "pezumba")]
    site = index_site(tmp_path, docs)
    keys = json.loads((lambda t: t[t.index("(") + 1: t.rindex(")")])(
        (site / "search" / "manifest.js").read_text(encoding="utf-8")))["v"].split()
    assert "pe" in keys and len([k for k in keys if k.startswith("pe") and k != "pe"]) > 3, keys
    top = [item["location"] for item in ask_fresh(node, site, "kursus")["items"]][:5]
    assert [item["location"] for item in ask_fresh(node, site, "kursus pe")["items"]][:5] == top
    assert ask_fresh(node, site, "pezumba")["items"][0]["location"] == "rare/pezumba/"


def test_words_beyond_the_basic_plane_are_found_beside_fullwidth_ones(node: str, tmp_path: Path) -> None:
    """The engine halves a vocabulary shard comparing UTF-16 code units, where 𝐚 (U+1D41A) comes before ａ
    (U+FF41); a shard ordered by code point hid both words."""
    words = ["ab\uff41", "ab\U0001d41a"]
    site = index_site(tmp_path, [SearchDoc(f"k/{i}/", f"Kursus {i}", "Kursus", "", w) for i, w in enumerate(words)])
    for i, word in enumerate(words):
        assert [item["location"] for item in ask_fresh(node, site, word + " ")["items"]][:1] == [f"k/{i}/"], word
