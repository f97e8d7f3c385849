"""The search index, built once at build time and split so a query loads only what it needs.

Each file under ``search/`` is a plain script that registers itself (``asnSearch.v(...)``), so the
reader's side (``assets/search-engine.js``) loads it by ``importScripts`` in a worker over http and
by script injection from file://, where fetch is refused:

- ``manifest.js``: which shards exist, the stop words, the number of documents;
- ``v/<first two letters>.js``: the index words with those letters, each with its postings chunk
  and document frequency (a typed prefix, its stem and its word forms are looked up here); a
  shard over ``SHARD_BYTES`` splits by one more letter (``v/uni.js``, ``v/unt.js``), and the groups
  too small to be worth a file of their own stay in the shorter key's shard (``v/un.js``);
- ``s/<last letter>.js``: words of four letters or more by their ending, so a typing slip in a
  word's first letters is still found (split the same way, by one more letter in front: ``s/kan.js``);
  a word's shard, by prefix or ending, is the longest key in the manifest it starts or ends with;
- ``p/<n>.js``: postings of consecutive words, about ``CHUNK_BYTES`` a file: for each document
  that holds a word, a BM25 weight computed here and which of its own fields hold the word
  (title, summary, headings: ``FIELD_BITS``), so the reader's side can tell a page that names
  every typed word in one of them from one that mentions them in passing;
- ``d/<n>.js``: ``DOCS_PER_CHUNK`` documents' URL, title, label and excerpt, for the results.

The weight sums each field's BM25 part (term frequency saturated by ``K1``, normalised by the field's
length against its average by ``B``) times the field's weight (``FIELD_WEIGHTS``): what a page says
about itself (title, summary, the titles of its modules or sections) counts over what its body
mentions, at any catalog size.

A word's postings keep its ``MAX_POSTINGS`` highest weights: a word found in more documents than
that carries almost no weight (BM25's idf), and the cap keeps every shard small at any catalog size.
The manifest says the cap, so the reader's side knows that a page missing from such a list may
still hold the word.
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

# title, summary, headings, body: a title match outweighs ten body mentions (as TITLE_BOOST did before)
FIELD_WEIGHTS = (10.0, 4.0, 3.0, 1.0)
FIELDS = len(FIELD_WEIGHTS)
FIELD_BITS = 3  # title 1, summary 2, headings 4: stored beside each weight
K1, B = 1.2, 0.75  # BM25, as lunr (Material's former search) sets them
MAX_POSTINGS = 1000
CHUNK_BYTES = 8_000
SHARD_BYTES = 12_000  # a vocabulary shard above this splits by one more letter
DOCS_PER_CHUNK = 4  # results load the chunks of the top 20: small chunks, few bytes a query
IMPACT_LEVELS = 511  # two digits of DIGITS hold the weight (9 bits) and the field bits (3)
LOG_RANGE = 10.0  # weights on a log scale: 1..511 spans e^-10..1 of the highest, about 2 % a level
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
    counts: list[array[int]] = field(default_factory=lambda: [array("H") for _ in range(FIELDS)])


# a doc's index words with their counts, one Counter a field: title, summary, headings, body
Analysed = tuple[Counter[str], ...]


def analyse(doc: SearchDoc) -> Analysed:
    return tuple(Counter(index_terms(text)) for text in (doc.title, doc.summary, doc.headings, doc.body))


class SearchIndex:
    """Documents go in one at a time (``add``); ``files`` gives every shard's path and text."""

    def __init__(self) -> None:
        self.docs: list[tuple[str, str, str, str]] = []  # url, title, label, excerpt
        self.lengths = [array("I") for _ in range(FIELDS)]
        self.terms: dict[str, _Postings] = {}
        self.synonyms: dict[str, list[list[str]]] = {}  # typed word -> the phrases it also stands for

    def add(self, doc: SearchDoc, analysed: Analysed | None = None) -> None:
        """``analysed``: the doc's words counted earlier (``analyse``; `serve` keeps them between saves)."""
        number = len(self.docs)
        self.docs.append((doc.url, doc.title, doc.label, doc.excerpt))
        counted = analysed or analyse(doc)
        for lengths, counter in zip(self.lengths, counted, strict=True):
            lengths.append(sum(counter.values()))
        for term in set().union(*counted):
            postings = self.terms.get(term)
            if postings is None:
                postings = self.terms[term] = _Postings()
            postings.docs.append(number)
            for counts, counter in zip(postings.counts, counted, strict=True):
                counts.append(min(counter.get(term, 0), 65535))

    def files(self) -> dict[str, str]:
        weigh = self._weigher()
        # Weights are scaled against their upper bound (a word found once, in every field, as often as
        # BM25 lets count), so each word is encoded as soon as it is weighed.
        top = weigh.idf(1) * sum(FIELD_WEIGHTS) * (K1 + 1)
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
                endings.setdefault(term[-1:], []).append(entry)
        if chunk:
            files[f"p/{number}.js"] = _script("p", number, chunk)
        vocabulary = {key: sorted(entries, key=_js_order)
                      for key, entries in _split(vocabulary, lambda term, n: term[:n]).items()}
        endings = _split(endings, lambda term, n: term[-n:])
        for key, entries in vocabulary.items():
            files[f"v/{file_key(key)}.js"] = _script("v", key, entries)
        for key, entries in endings.items():
            files[f"s/{file_key(key)}.js"] = _script("s", key, entries)
        for start in range(0, len(self.docs), DOCS_PER_CHUNK):
            files[f"d/{start // DOCS_PER_CHUNK}.js"] = _script("d", start // DOCS_PER_CHUNK,
                                                               self.docs[start:start + DOCS_PER_CHUNK])
        manifest = {"v": " ".join(sorted(vocabulary)), "s": " ".join(sorted(endings)),
                    "stop": " ".join(sorted(stop_words())), "n": len(self.docs), "dc": DOCS_PER_CHUNK,
                    "cap": MAX_POSTINGS, "syn": self.synonyms}
        files["manifest.js"] = f"asnSearch.m({_json(manifest)})\n"
        return files

    def _weigher(self) -> _Weigher:
        count = len(self.docs)
        averages = tuple((sum(lengths) / count if count else 1.0) or 1.0 for lengths in self.lengths)
        return _Weigher(count, self.lengths, averages)

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


class _Weigher:
    """BM25 weight of a word in each document that holds it, its fields' parts weighted and summed;
    beside it the bits of the fields (but the body) that hold the word."""

    def __init__(self, count: int, lengths: list[array[int]], averages: tuple[float, ...]) -> None:
        self.count = count
        # per field, per document: BM25's length normalisation, K1 * (1 - B + B * length / average)
        self.norms = [[K1 * (1 - B + B * n / average) for n in field_lengths]
                      for field_lengths, average in zip(lengths, averages, strict=True)]

    def idf(self, df: int) -> float:
        return math.log(1 + (self.count - df + 0.5) / (df + 0.5))

    def __call__(self, postings: _Postings) -> list[tuple[int, float, int]]:
        docs = postings.docs
        weights = [0.0] * len(docs)
        bits = [0] * len(docs)
        for f, (counts, norms, weight) in enumerate(zip(postings.counts, self.norms, FIELD_WEIGHTS, strict=True)):
            bit = 1 << f if f < FIELD_BITS else 0
            for i, tf in enumerate(counts):
                if tf:  # BM25's saturation: tf (K1 + 1) / (tf + norm)
                    weights[i] += weight * tf * (K1 + 1) / (tf + norms[docs[i]])
                    bits[i] |= bit
        idf = self.idf(len(docs))
        scored = [(doc, idf * w, b) for doc, w, b in zip(docs, weights, bits, strict=True)]
        if len(scored) > MAX_POSTINGS:  # keep the highest weights, in document order
            scored = sorted(sorted(scored, key=lambda p: -p[1])[:MAX_POSTINGS])
        return scored


def _split(groups: dict[str, list[Entry]], key_of: Callable[[str, int], str]) -> dict[str, list[Entry]]:
    """Groups over ``SHARD_BYTES`` split by one more letter (``un`` -> ``uni``, ``unt``...), so a
    vocabulary that grows with the catalog (names, numbers) keeps every shard small. The smaller
    groups of a split stay in the key's own shard while it fits, smallest first: a rare ending would
    otherwise be a file of a few dozen bytes (1,476 of them at 5,000 courses), each one more name in
    the manifest every first query loads. A word as long as the key stays in the key's own shard, and
    a key ``MAX_KEY_BYTES`` long splits no more. The reader's side takes the longest key a word starts
    (or ends) with, which is where the word is."""
    out: dict[str, list[Entry]] = {}
    todo = list(groups.items())
    while todo:
        key, entries = todo.pop()
        if _shard_bytes(entries) <= SHARD_BYTES or len(key.encode("utf-8")) + 4 > MAX_KEY_BYTES:
            out[key] = entries
            continue
        longer: dict[str, list[Entry]] = {}
        for entry in entries:
            longer.setdefault(key_of(entry[0], len(key) + 1) if len(entry[0]) > len(key) else key, []).append(entry)
        if len(longer) == 1 and key in longer:  # every word is exactly the key: nothing to split by
            out[key] = entries
            continue
        kept = longer.pop(key, [])
        size = _shard_bytes(kept)
        for child_size, child, grouped in sorted((_shard_bytes(g), child, g) for child, g in longer.items()):
            if size + child_size <= SHARD_BYTES:
                kept += grouped
                size += child_size
            else:
                todo.append((child, grouped))
        if kept:
            out[key] = kept
    return out


def _js_order(entry: Entry) -> bytes:
    """A word's place in its vocabulary shard as the reader's halving search compares strings: by UTF-16
    code units, which order a letter above U+FFFF (𝐚, an emoji) before one from U+E000 (ａ); Python's
    code point order does the opposite."""
    return entry[0].encode("utf-16-be")


def _shard_bytes(entries: list[Entry]) -> int:
    return sum(len(e[0]) + 12 for e in entries)


def file_key(key: str) -> str:
    """A shard key as a file name (search-engine.mjs ``fileKey`` too): plain ASCII as it is, anything
    else as ``x`` and its UTF-8 in hex. Distinct keys get distinct names, in any letter case, and a
    name is at most ``2 * MAX_KEY_BYTES + 1`` characters."""
    return key if _PLAIN_KEY.fullmatch(key) else "x" + key.encode("utf-8").hex()


def _encode(postings: Iterable[tuple[int, float, int]], top: float) -> str:
    """Per document: the gap from the previous document number (5 bits a digit, 32 = more follow),
    then in two digits the weight's level (1..511, on a log scale below ``top``) and the field bits."""
    out: list[str] = []
    previous = 0
    for doc, weight, bits in postings:
        gap = doc - previous
        previous = doc
        while gap >= 32:
            out.append(DIGITS[32 + (gap & 31)])
            gap >>= 5
        out.append(DIGITS[gap])
        level = _level(weight / top) << FIELD_BITS | bits
        out.append(DIGITS[level >> 6] + DIGITS[level & 63])
    return "".join(out)


def _level(share: float) -> int:
    """A weight's share of the highest as 1..IMPACT_LEVELS: the engine reads it back as
    ``exp((level - IMPACT_LEVELS) * LOG_RANGE / IMPACT_LEVELS)``."""
    if share <= 0:
        return 1
    return max(1, min(IMPACT_LEVELS, round(IMPACT_LEVELS + math.log(share) * IMPACT_LEVELS / LOG_RANGE)))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _script(kind: str, key: object, data: object) -> str:
    return f"asnSearch.{kind}({_json(key)},{_json(data)})\n"
