"""``content/sinonim.yml``: the words search also looks for when a reader types another one.

A mapping from one typed word to what it also stands for, a phrase or a list of phrases::

    diklat: pelatihan
    online: daring
    pbj: pengadaan barang/jasa
    password: [kata sandi]

Read with the located loader every catalog file goes through (size cap, no tags, no duplicate keys)
and checked here, by ``check_project``, so ``asn-portal check`` and the build report the same
problems. The search index (``asn_portal/search``) folds the words as it folds everything; here only
what a contributor can get wrong is checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from asn_portal import packaged_text
from asn_portal.model.loader import Node, read_file
from asn_portal.model.problems import ProblemList
from asn_portal.model.project import Project

FILE_NAME = "sinonim.yml"
MAX_ENTRIES = 500  # the list travels with a reader's first search: it stays small
MAX_PHRASES = 5  # phrases one word stands for
MAX_PHRASE_WORDS = 6
MAX_WORDS = 2_000  # every phrase's words together: about 20 KB in the manifest at most
MAX_FILE_BYTES = 64_000
_WORD = re.compile(r"[^\W_]+")  # a word as search splits text (asn_portal/search/words.py)
EXAMPLE = "Contoh:\n  diklat: pelatihan\n  pbj: pengadaan barang/jasa\n  password: [kata sandi]"

Synonyms = dict[str, tuple[str, ...]]  # typed word -> the phrases it also stands for, as written


@dataclass
class _Reader:
    rel: str
    problems: ProblemList
    stop: frozenset[str]

    def error(self, line: int, col: int | None, message: str) -> None:
        self.problems.error(self.rel, line, col, message)


def read_synonyms(project: Project, problems: ProblemList) -> Synonyms:
    """The synonyms of ``content/sinonim.yml`` (none when the file is absent); problems appended."""
    path = project.content_dir / FILE_NAME
    if not path.exists() and not path.is_symlink():
        return {}
    rel = project.rel(path)
    source = read_file(path, rel, problems, max_size=MAX_FILE_BYTES)
    tree = source.tree
    if tree is None:
        return {}
    reader = _Reader(rel, problems, _stop_words())
    if not tree.is_map:
        reader.error(tree.line, tree.col, "berkas sinonim harus berisi pasangan `kata: sinonim`, satu per baris. "
                                          + EXAMPLE)
        return {}
    if len(tree.value) > MAX_ENTRIES:
        reader.error(tree.line, tree.col, f"berkas sinonim berisi {len(tree.value)} kata; batasnya {MAX_ENTRIES}. "
                                          "Hapus kata yang jarang dicari.")
        return {}
    out: Synonyms = {}
    seen: dict[str, str] = {}
    total = 0
    for key, node in tree.value.items():
        line, col = tree.keys.get(key, (node.line, node.col))
        word = _key_word(reader, key, line, col)
        if word is None:
            continue
        if word in seen:
            reader.error(line, col, f"kata '{key}' sudah tertulis sebagai '{seen[word]}' (huruf besar/kecil tidak "
                                    "dibedakan). Gabungkan sinonimnya di satu baris.")
            continue
        seen[word] = key
        phrases = _phrases(reader, key, node)
        total += sum(len(_WORD.findall(p)) for p in phrases)
        if total > MAX_WORDS:
            reader.error(line, col, f"sinonim di berkas ini lebih dari {MAX_WORDS} kata, mulai baris ini. Daftarnya "
                                    "ikut dimuat pada pencarian pertama pembaca: hapus frasa yang jarang dicari.")
            return out
        if phrases:
            out[key] = phrases
    return out


def _key_word(reader: _Reader, key: str, line: int, col: int) -> str | None:
    """The key (the loader gives every key as written, as text) as one folded word, or None (reported)."""
    found: list[str] = _WORD.findall(key.lower())
    if len(found) != 1:
        reader.error(line, col, f"'{key}' harus satu kata (yang diketik pembaca). Untuk frasa, tulis frasanya di "
                                f"sebelah kanan, misalnya `pbj: pengadaan barang/jasa`.")
        return None
    if found[0] in reader.stop:
        reader.error(line, col, f"'{key}' adalah kata umum yang diabaikan pencarian, jadi sinonimnya tidak akan "
                                "pernah dipakai. Hapus baris ini.")
        return None
    return found[0]


def _phrases(reader: _Reader, key: str, node: Node) -> tuple[str, ...]:
    """The phrases of one key: a text or a list of texts, each with a word or more."""
    items = node.value if node.is_seq else [node]
    if not items or len(items) > MAX_PHRASES:
        reader.error(node.line, node.col, f"sinonim '{key}' harus berisi 1 sampai {MAX_PHRASES} frasa. {EXAMPLE}")
        return ()
    phrases: list[str] = []
    for item in items:
        text = item.value
        if not isinstance(text, str) or not _WORD.search(text):
            reader.error(item.line, item.col, f"sinonim '{key}' harus berupa teks berisi kata, misalnya "
                                              f"`{key}: pelatihan` atau daftar `[pelatihan, kursus]`.")
            continue
        if len(_WORD.findall(text)) > MAX_PHRASE_WORDS:
            reader.error(item.line, item.col, f"frasa sinonim '{text}' terlalu panjang (lebih dari "
                                              f"{MAX_PHRASE_WORDS} kata). Tulis frasa yang diketik orang.")
            continue
        phrases.append(text)
    return tuple(phrases)


def _stop_words() -> frozenset[str]:
    lines = packaged_text("assets", "stopwords-id.txt").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
