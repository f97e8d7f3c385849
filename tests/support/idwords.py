"""Indonesian test words: the sample content's words plus affixed forms of common roots.

Nasal assimilation for meN-/peN- follows standard morphophonology (p->m, t->n, s->ny and k->ng
drop before a vowel; clusters keep the consonant; one-syllable roots take menge-/penge-).
"""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "id_roots.txt"
VOWELS = set("aeiou")


def roots() -> list[str]:
    found: dict[str, None] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        for word in line.split("#", 1)[0].split():
            found[word] = None
    return list(found)


def nasal(root: str, base: str) -> str:
    first, second = root[0], root[1:2]
    cluster = second != "" and second not in VOWELS
    if sum(c in VOWELS for c in root) == 1:
        return base + "nge" + root
    if first in VOWELS or first in "gh":
        return base + "ng" + root
    if first == "k":
        return base + "ng" + (root if cluster else root[1:])
    if first == "p":
        return base + "m" + (root if cluster else root[1:])
    if first in "bfv":
        return base + "m" + root
    if first == "t":
        return base + "n" + (root if cluster else root[1:])
    if first in "dcjz":
        return base + "n" + root
    if first == "s":
        return base + ("n" + root if cluster else "ny" + root[1:])
    return base + root


def forms(root: str) -> list[str]:
    ber = ("be" if root[0] == "r" or root.startswith(("ker", "ter")) else "ber") + root
    ter = ("te" if root[0] == "r" else "ter") + root
    per = ("pe" if root[0] == "r" else "per") + root
    men, pen = nasal(root, "me"), nasal(root, "pe")
    out = [root]
    for verb in (men, "di" + root, ter, ber):
        out += [verb, verb + "kan", verb + "i"]
    out += ["memper" + root + s for s in ("", "kan", "i")] + ["diper" + root + s for s in ("", "kan", "i")]
    out += [per + s for s in ("", "kan", "i", "an")]
    out += [pen, pen + "an", "pe" + root + "an", ber + "an", "ke" + root + "an", "ke" + root, root + "an",
            root + "kan", root + "i", "se" + root, "ter" + root + "kan"]
    for base in (root, men, "di" + root, pen + "an", "ke" + root + "an", men + "kan", ber, root + "an"):
        out.append(base + "nya")
    for base in (root, men + "kan", "di" + root + "kan"):
        out += [base + "ku", base + "mu"]
    for base in (root, men, ber, "di" + root + "kan"):
        out += [base + "lah", base + "kah", base + "pun"]
    out += [men + "kannya", "di" + root + "kannya", pen + "annya", root + "nyalah"]
    return out


def content_words(folder: Path) -> list[str]:
    words: dict[str, None] = {}
    for path in sorted(folder.rglob("*.yml")):
        for word in re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()):
            words[word] = None
    return list(words)


def word_list(content: Path) -> list[str]:
    words: dict[str, None] = dict.fromkeys(content_words(content))
    for root in roots():
        words.update(dict.fromkeys(forms(root)))
    return list(words)
