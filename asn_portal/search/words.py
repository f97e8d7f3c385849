"""Words as search sees them: folded, split, stop words dropped, stemmed by Snowball's Indonesian stemmer.

The reader's side does the same in ``assets/src/search-words.mjs``; the tests keep the two identical
(tests/browser/test_search.py: the JavaScript stemmer against this one on every word of the sample
content; tests/build/test_search_engine.py: the tokenizer on tricky strings;
tests/unit/test_search_words.py: ``stems`` against ``stemsOf``). The stop word list is one file, also
written into the index for the query side.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from itertools import chain

import snowballstemmer

from asn_portal import packaged_text

# Letters and digits of any script; everything else separates words ("JP-nya" -> "jp", "nya").
_WORD = re.compile(r"[^\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case without accents (René -> rene), as the query side folds what a reader types."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text.lower()))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@functools.cache
def stop_words() -> frozenset[str]:
    lines = packaged_text("assets", "stopwords-id.txt").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


_STEMMER = snowballstemmer.stemmer("indonesian")


# The endings Snowball's Indonesian stemmer takes off first, as particles (apakah -> apa, ataupun -> atau).
_PARTICLES = ("kah", "lah", "pun")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


@functools.lru_cache(maxsize=200_000)
def stems(word: str) -> tuple[str, ...]:
    """The stems search gives ``word``: Snowball's, and for a word ending like a particle the stem
    without that step. The stemmer takes "-lah" for one also where it is the root's own end
    (mengolah -> mengo, diolah -> dio, bersalah -> bersa), so these never met their other forms
    (pengolahan -> olah). That second stem is the stemmer's on ``word + "nya"``: the possessive
    ending is not a particle, it goes in the step after, and leaves the count of vowels the later
    steps check as it was, so the rest runs as on the word itself (mengolahnya -> olah).
    ``stemsOf`` in search-words.mjs gives the same, so that index and query meet."""
    root = stem(word)
    if not word.endswith(_PARTICLES):
        return (root,)
    whole = stem(word + "nya")  # unchanged when too short to stem
    return (root,) if whole in (root, word + "nya") else (root, whole)


def index_terms(text: str) -> Iterator[str]:
    """Every term ``text`` puts in the index: each word that is not a stop word, and its stems beside
    it. A stem joins the affixed forms (melatih, pelatihan -> latih); the word as written lets a
    query typed in that form rank it higher."""
    return chain.from_iterable(map(_terms_of, words(text)))


@functools.lru_cache(maxsize=200_000)
def _terms_of(word: str) -> tuple[str, ...]:
    if word in stop_words():
        return ()
    return tuple(dict.fromkeys((word, *stems(word))))


def synonym_table(synonyms: Mapping[str, tuple[str, ...]]) -> dict[str, list[list[str]]]:
    """content/sinonim.yml as the query side reads it: each typed word, folded, to its phrases' words
    (folded, stop words dropped; a phrase left with no word is dropped)."""
    table: dict[str, list[list[str]]] = {}
    for key, phrases in sorted(synonyms.items()):
        typed = words(key)
        kept = [[w for w in words(p) if w not in stop_words()] for p in phrases]
        if len(typed) == 1 and any(kept):
            table[typed[0]] = [p for p in kept if p]
    return table
