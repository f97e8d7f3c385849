"""What waits packed while MkDocs reads every page (engines/mkdocs/parked.py): a page's content and contents come
back as they were."""

from __future__ import annotations

HTML = '<h2 id="tujuan">Tujuan</h2><p>…</p><h2 id=\'modul-1\'>Modul &amp; 1</h2><a href="#tujuan">x</a>'


def test_a_parked_page_gets_its_content_and_contents_back_as_they_were() -> None:
    from types import SimpleNamespace
    from typing import Any

    from markdown.extensions.toc import nest_toc_tokens
    from mkdocs.structure.toc import get_toc

    from asn_portal.engines.mkdocs.parked import ParkedContent

    flat = [{"level": 2, "id": "tujuan", "name": "Tujuan &amp; sasaran"}, {"level": 3, "id": "a", "name": "A"},
            {"level": 2, "id": "modul-1", "name": "Modul 1"}]
    page: Any = SimpleNamespace(file=SimpleNamespace(src_uri="kursus/x.md"), toc=get_toc(nest_toc_tokens(flat)),
                                content=None)
    before = str(page.toc)
    parked = ParkedContent()
    page.content = parked.park(page, HTML)
    assert page.content == "" and len(page.toc) == 0  # nothing held unpacked while every page waits
    assert parked.content_of(page) == HTML
    parked.restore(page)
    assert page.content == HTML and str(page.toc) == before
    assert [(link.id, link.level, [c.id for c in link.children]) for link in page.toc] == \
        [("tujuan", 2, ["a"]), ("modul-1", 2, [])]


def test_a_page_held_as_the_core_packed_it_comes_back_as_a_parked_one_does() -> None:
    import zlib
    from types import SimpleNamespace
    from typing import Any

    from markdown.extensions.toc import nest_toc_tokens
    from mkdocs.structure.toc import get_toc

    from asn_portal.engines.mkdocs.parked import ParkedContent

    def flat() -> list[Any]:
        return [{"level": 2, "id": "tujuan", "name": "Tujuan &amp; sasaran"}, {"level": 3, "id": "a", "name": "A"},
                {"level": 4, "id": "b", "name": "B"}, {"level": 2, "id": "modul-1", "name": "Modul 1"}]

    def page(src: str) -> Any:
        return SimpleNamespace(file=SimpleNamespace(src_uri=src), toc=get_toc([]), content=None)

    parked, held = page("kursus/x.md"), page("kursus/y.md")
    parked.toc = get_toc(nest_toc_tokens(flat()))
    store = ParkedContent()
    store.park(parked, HTML)
    store.hold(held, zlib.compress(HTML.encode("utf-8"), 1), flat())
    assert held.content == "" and len(held.toc) == 0
    assert store.content_of(held) == HTML
    store.restore(parked)
    store.restore(held)
    assert held.content == parked.content == HTML
    first = next(iter(held.toc))
    assert str(held.toc) == str(parked.toc) and [c.id for c in first.children] == ["a"]
    assert [c.id for c in first.children[0].children] == ["b"]
