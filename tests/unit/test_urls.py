"""asn_portal.trust.urls: where each page is published and the relative link between any two, both online
(``directory_urls: true``, ``kursus/x/``) and in the offline bundle (``false``, ``kursus/x.html``)."""

from __future__ import annotations

import pytest

from asn_portal.trust.urls import CONTRIBUTORS, HOME, Urls, entry_src, index_src

ONLINE = Urls(directory_urls=True)
OFFLINE = Urls(directory_urls=False)


def test_sources_of_entries_and_indexes() -> None:
    assert entry_src("course", "penyusunan-skp") == "kursus/penyusunan-skp.md"
    assert entry_src("factor", "budaya-belajar") == "faktor/budaya-belajar.md"
    assert entry_src("article", "forum-kamis") == "artikel/forum-kamis.md"
    assert index_src("course") == "kursus/index.md"
    assert (HOME, CONTRIBUTORS) == ("index.md", "kontributor/index.md")


@pytest.mark.parametrize(("src", "online", "offline"), [
    ("index.md", "index.html", "index.html"),
    ("kursus/index.md", "kursus/index.html", "kursus/index.html"),
    ("README.md", "index.html", "index.html"),
    ("panduan/README.md", "panduan/index.html", "panduan/index.html"),
    ("kursus/penyusunan-skp.md", "kursus/penyusunan-skp/index.html", "kursus/penyusunan-skp.html"),
    ("panduan/bagian/langkah.md", "panduan/bagian/langkah/index.html", "panduan/bagian/langkah.html"),
    ("tentang.md", "tentang/index.html", "tentang.html"),
    ("materi/modul.pdf", "materi/modul.pdf", "materi/modul.pdf"),  # not a page: copied as it is
    ("materi/gambar.PNG", "materi/gambar.PNG", "materi/gambar.PNG"),
])
def test_dest(src: str, online: str, offline: str) -> None:
    assert ONLINE.dest(src) == online
    assert OFFLINE.dest(src) == offline


@pytest.mark.parametrize("urls", [ONLINE, OFFLINE])
def test_markdown_material_is_a_file_not_a_page(urls: Urls) -> None:
    assert urls.dest("materi/catatan.md", page=False) == "materi/catatan.md"
    assert urls.dest("materi/README.md", page=False) == "materi/README.md"


@pytest.mark.parametrize(("from_src", "to_src", "anchor", "online", "offline"), [
    # from the home page
    ("index.md", "kursus/penyusunan-skp.md", "", "kursus/penyusunan-skp/", "kursus/penyusunan-skp.html"),
    ("index.md", "kursus/index.md", "", "kursus/", "kursus/index.html"),
    ("index.md", "panduan/README.md", "", "panduan/", "panduan/index.html"),
    ("index.md", "index.md", "", "./", "index.html"),
    # between entries and back home
    ("kursus/a.md", "kursus/b.md", "", "../b/", "b.html"),
    ("kursus/a.md", "faktor/c.md", "", "../../faktor/c/", "../faktor/c.html"),
    ("kursus/a.md", "index.md", "", "../../", "../index.html"),
    ("kursus/a.md", "kursus/index.md", "", "../", "index.html"),
    ("kursus/index.md", "kursus/a.md", "", "a/", "a.html"),
    ("kursus/index.md", "faktor/index.md", "", "../faktor/", "../faktor/index.html"),
    ("kursus/a.md", "kursus/a.md", "", "./", "a.html"),
    # nested pages
    ("panduan/bagian/langkah.md", "index.md", "", "../../../", "../../index.html"),
    ("panduan/bagian/langkah.md", "panduan/README.md", "", "../../", "../index.html"),
    ("panduan/README.md", "panduan/bagian/langkah.md", "", "bagian/langkah/", "bagian/langkah.html"),
    # anchors
    ("index.md", "faktor/c.md", "praktik-baik", "faktor/c/#praktik-baik", "faktor/c.html#praktik-baik"),
    ("kursus/a.md", "kursus/a.md", "tujuan", "./#tujuan", "a.html#tujuan"),
    ("kursus/a.md", "index.md", "artikel-terbaru", "../../#artikel-terbaru", "../index.html#artikel-terbaru"),
    # plain files
    ("kursus/a.md", "materi/modul.pdf", "", "../../materi/modul.pdf", "../materi/modul.pdf"),
    ("index.md", "materi/modul.pdf", "", "materi/modul.pdf", "materi/modul.pdf"),
    ("kursus/index.md", "materi/gambar.png", "", "../materi/gambar.png", "../materi/gambar.png"),
])
def test_href(from_src: str, to_src: str, anchor: str, online: str, offline: str) -> None:
    assert ONLINE.href(from_src, to_src, anchor) == online
    assert OFFLINE.href(from_src, to_src, anchor) == offline


@pytest.mark.parametrize(("urls", "from_src", "expected"), [
    (ONLINE, "kursus/a.md", "../../materi/catatan.md"),
    (OFFLINE, "kursus/a.md", "../materi/catatan.md"),
    (ONLINE, "index.md", "materi/catatan.md"),
    (OFFLINE, "index.md", "materi/catatan.md"),
])
def test_markdown_material_is_linked_as_a_file(urls: Urls, from_src: str, expected: str) -> None:
    assert urls.href(from_src, "materi/catatan.md", page=False) == expected
    assert urls.href(from_src, "materi/README.md", page=False) == expected.replace("catatan", "README")



def test_relative_paths_agree_with_posixpath() -> None:
    import posixpath
    import random

    from asn_portal.trust.urls import _relative

    rng = random.Random(7)
    parts = ["kursus", "x", "index.html", "materi", "a b.pdf", "halaman-2", "faktor", "tentang.html"]
    paths = ["/".join(rng.choice(parts) for _ in range(rng.randint(1, 4))) for _ in range(300)]
    for target, page in zip(paths, reversed(paths), strict=True):
        start = posixpath.dirname(page)
        assert _relative(target, start) == posixpath.relpath(target, start or "."), (target, start)
