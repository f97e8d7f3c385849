"""A page's anchors for MkDocs' link check (engines/mkdocs/parked.AnchorIds): read from its content only when a
link asks, once, and the same ids page_ids finds."""

from __future__ import annotations

from asn_portal.engines.mkdocs.parked import AnchorIds
from asn_portal.render.headings import page_ids

HTML = '<h2 id="tujuan">Tujuan</h2><p>…</p><h2 id=\'modul-1\'>Modul &amp; 1</h2><a href="#tujuan">x</a>'


def test_the_content_is_read_only_when_a_link_asks_and_only_once() -> None:
    reads: list[int] = []

    def content() -> str:
        reads.append(1)
        return HTML

    anchors = AnchorIds(content)
    assert reads == []  # nothing parsed for the pages nobody links to by anchor
    assert "tujuan" in anchors and "modul-1" in anchors and "tidak-ada" not in anchors
    assert set(anchors) == page_ids(HTML) and len(anchors) == 2
    assert reads == [1]
