"""The search index, built once at build time and split so a query loads only what it needs.

Each file under ``search/`` is a plain script that registers itself (``asnSearch.v(...)``), so the
reader's side (``assets/search-engine.js``) loads it by ``importScripts`` in a worker over http and
by script injection from file://, where fetch is refused:

- ``manifest.js``: which shards exist, the stop words, the number of documents;
- ``v/<first two letters>.js``: the index words with those letters, each with its postings chunk
  and document frequency (a typed prefix, its stem and its word forms are looked up here); a
  shard over ``SHARD_BYTES`` splits by one more letter (``v/uni.js``, ``v/unt.js``);
- ``s/<last three letters>.js``: words of four letters or more by their ending, so a typing slip
  in a word's first letters is still found (split the same way, by one more letter in front);
- ``p/<n>.js``: postings of consecutive words, about ``CHUNK_BYTES`` a file: for each document
  that holds a word, a BM25 weight computed here (title words count ``TITLE_BOOST`` times);
- ``d/<n>.js``: ``DOCS_PER_CHUNK`` documents' URL, title, label and excerpt, for the results.

A word's postings keep its ``MAX_POSTINGS`` highest weights: a word found in more documents than
that carries almost no weight (BM25's idf), and the cap keeps every shard small at any catalog size.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from asn_portal.search.docs import SearchDoc
from asn_portal.search.words import index_terms, stop_words

TITLE_BOOST = 10.0
K1, B = 1.2, 0.75  # BM25, as lunr (Material's former search) sets them
MAX_POSTINGS = 1000
CHUNK_BYTES = 8_000
SHARD_BYTES = 12_000  # a vocabulary shard above this splits by one more letter
DOCS_PER_CHUNK = 8
IMPACT_LEVELS = 4095  # two digits of DIGITS
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
Entry = tuple[str, int, int]  # an index word, its postings chunk, its document frequency
# A shard's key (the letters its words start or end with) grows only while it stays this short in
# UTF-8, so its file name stays short however long a word is (a pasted base64 string, a fingerprint).
MAX_KEY_BYTES = 16
# Keys kept as file names as they are: lower-case ASCII, not starting with "x" (the hex names' mark)
# and no Windows device name (``con.js`` opens the console there); search-engine.mjs has the same rule.
_PLAIN_KEY = re.compile(r"(?!x)(?!(?:con|prn|aux|nul|com[0-9]|lpt[0-9])\Z)[a-z0-9]+")


@dataclass
class _Postings:
    docs: array[int] = field(default_factory=lambda: array("I"))
    in_title: array[int] = field(default_factory=lambda: array("H"))
    in_body: array[int] = field(default_factory=lambda: array("H"))


Analysed = tuple[Counter[str], Counter[str]]  # a doc's index words with their counts: title, body


def analyse(doc: SearchDoc) -> Analysed:
    return Counter(index_terms(doc.title)), Counter(index_terms(doc.body))


class SearchIndex:
    """Documents go in one at a time (``add``); ``files`` gives every shard's path and text."""

    def __init__(self) -> None:
        self.docs: list[tuple[str, str, str, str]] = []  # url, title, label, excerpt
        self.title_lengths = array("H")
        self.body_lengths = array("I")
        self.terms: dict[str, _Postings] = {}

    def add(self, doc: SearchDoc, analysed: Analysed | None = None) -> None:
        """``analysed``: the doc's words counted earlier (``analyse``; `serve` keeps them between saves)."""
        number = len(self.docs)
        self.docs.append((doc.url, doc.title, doc.label, doc.excerpt))
        title, body = analysed or analyse(doc)
        self.title_lengths.append(min(sum(title.values()), 65535))
        self.body_lengths.append(sum(body.values()))
        for term in title.keys() | body.keys():
            postings = self.terms.get(term)
            if postings is None:
                postings = self.terms[term] = _Postings()
            postings.docs.append(number)
            postings.in_title.append(min(title.get(term, 0), 65535))
            postings.in_body.append(min(body.get(term, 0), 65535))

    def files(self) -> dict[str, str]:
        weigh = self._weigher()
        # Weights are scaled against their upper bound (a word found once, in the title, as often as
        # BM25 lets count), so each word is encoded as soon as it is weighed.
        top = weigh.idf(1) * (TITLE_BOOST + 1) * (K1 + 1)
        files: dict[str, str] = {}
        vocabulary: dict[str, list[Entry]] = {}
        endings: dict[str, list[Entry]] = {}
        chunk: dict[str, str] = {}
        size = 0
        number = 0
        for term in sorted(self.terms):
            encoded = _encode(weigh(self.terms[term]), top)
            if chunk and size + len(encoded) > CHUNK_BYTES:
                files[f"p/{number}.js"] = _script("p", number, chunk)
                chunk, size, number = {}, 0, number + 1
            chunk[term] = encoded
            size += len(encoded) + len(term) + 6
            entry = (term, number, len(self.terms[term].docs))
            vocabulary.setdefault(term[:2], []).append(entry)
            if len(term) >= 4:
                endings.setdefault(term[-3:], []).append(entry)
        if chunk:
            files[f"p/{number}.js"] = _script("p", number, chunk)
        vocabulary = _split(vocabulary, lambda term, n: term[:n])
        endings = _split(endings, lambda term, n: term[-n:])
        for key, entries in vocabulary.items():
            files[f"v/{file_key(key)}.js"] = _script("v", key, entries)
        for key, entries in endings.items():
            files[f"s/{file_key(key)}.js"] = _script("s", key, entries)
        for start in range(0, len(self.docs), DOCS_PER_CHUNK):
            files[f"d/{start // DOCS_PER_CHUNK}.js"] = _script("d", start // DOCS_PER_CHUNK,
                                                               self.docs[start:start + DOCS_PER_CHUNK])
        manifest = {"v": " ".join(sorted(vocabulary)), "s": " ".join(sorted(endings)),
                    "stop": " ".join(sorted(stop_words())), "n": len(self.docs), "dc": DOCS_PER_CHUNK}
        files["manifest.js"] = f"asnSearch.m({_json(manifest)})\n"
        return files

    def _weigher(self) -> _Weigher:
        count = len(self.docs)
        avg_title = sum(self.title_lengths) / count if count else 1.0
        avg_body = sum(self.body_lengths) / count if count else 1.0
        return _Weigher(count, self.title_lengths, self.body_lengths, avg_title or 1.0, avg_body or 1.0)

    def write(self, target: Path) -> int:
        """Write every shard under ``target`` (``site/search``); the total bytes written."""
        total = 0
        for path, text in self.files().items():
            out = target / path
            out.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            out.write_bytes(data)
            total += len(data)
        return total


@dataclass(frozen=True)
class _Weigher:
    """BM25 weight of a word in each document that holds it, title and body fields summed."""

    count: int
    title_lengths: array[int]
    body_lengths: array[int]
    avg_title: float
    avg_body: float

    def idf(self, df: int) -> float:
        return math.log(1 + (self.count - df + 0.5) / (df + 0.5))

    def __call__(self, postings: _Postings) -> list[tuple[int, float]]:
        idf = self.idf(len(postings.docs))
        scored = [(doc, idf * (TITLE_BOOST * _part(t, self.title_lengths[doc], self.avg_title)
                               + _part(b, self.body_lengths[doc], self.avg_body)))
                  for doc, t, b in zip(postings.docs, postings.in_title, postings.in_body, strict=True)]
        if len(scored) > MAX_POSTINGS:  # keep the highest weights, in document order
            scored = sorted(sorted(scored, key=lambda p: -p[1])[:MAX_POSTINGS])
        return scored


def _part(tf: int, length: int, average: float) -> float:
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average)) if tf else 0.0


def _split(groups: dict[str, list[Entry]], key_of: Callable[[str, int], str]) -> dict[str, list[Entry]]:
    """Groups over ``SHARD_BYTES`` split by one more letter (``un`` -> ``uni``, ``unt``...), so a
    vocabulary that grows with the catalog (names, numbers) keeps every shard small. A word as long
    as the key stays in the key's own shard, and a key ``MAX_KEY_BYTES`` long splits no more."""
    out: dict[str, list[Entry]] = {}
    todo = list(groups.items())
    while todo:
        key, entries = todo.pop()
        if sum(len(e[0]) + 12 for e in entries) <= SHARD_BYTES or len(key.encode("utf-8")) + 4 > MAX_KEY_BYTES:
            out[key] = entries
            continue
        longer: dict[str, list[Entry]] = {}
        for entry in entries:
            longer.setdefault(key_of(entry[0], len(key) + 1) if len(entry[0]) > len(key) else key, []).append(entry)
        if len(longer) == 1 and key in longer:  # every word is exactly the key: nothing to split by
            out[key] = entries
            continue
        todo.extend(longer.items())
    return out


def file_key(key: str) -> str:
    """A shard key as a file name (search-engine.mjs ``fileKey`` too): plain ASCII as it is, anything
    else as ``x`` and its UTF-8 in hex. Distinct keys get distinct names, in any letter case, and a
    name is at most ``2 * MAX_KEY_BYTES + 1`` characters."""
    return key if _PLAIN_KEY.fullmatch(key) else "x" + key.encode("utf-8").hex()


def _encode(postings: Iterable[tuple[int, float]], top: float) -> str:
    """Per document: the gap from the previous document number (5 bits a digit, 32 = more follow),
    then the weight scaled to 1..4095 in two digits."""
    out: list[str] = []
    previous = 0
    for doc, weight in postings:
        gap = doc - previous
        previous = doc
        while gap >= 32:
            out.append(DIGITS[32 + (gap & 31)])
            gap >>= 5
        out.append(DIGITS[gap])
        level = max(1, min(IMPACT_LEVELS, round(weight / top * IMPACT_LEVELS)))
        out.append(DIGITS[level >> 6] + DIGITS[level & 63])
    return "".join(out)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _script(kind: str, key: object, data: object) -> str:
    return f"asnSearch.{kind}({_json(key)},{_json(data)})\n"
