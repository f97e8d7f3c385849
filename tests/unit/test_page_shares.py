"""How a parallel build shares its pages (asn_portal/engines/mkdocs/parallel.py): every page once, in order,
and the process that also writes the search index gets fewer pages."""

from __future__ import annotations

import pytest

from asn_portal.engines.mkdocs.parallel import SEARCH_COST, page_shares


@pytest.mark.parametrize("pages", [0, 1, 7, 200, 1291, 25541])
@pytest.mark.parametrize("jobs", [1, 2, 3, 8])
@pytest.mark.parametrize("search", [True, False])
def test_every_page_is_in_exactly_one_share_in_build_order(pages: int, jobs: int, search: bool) -> None:
    shares = page_shares(pages, jobs, search)
    assert len(shares) == jobs
    assert [page for share in shares for page in share] == list(range(pages))


def test_the_search_writer_renders_fewer_pages_so_every_process_has_as_much_to_do() -> None:
    theirs, searching = (len(share) for share in page_shares(1000, 2, search=True))
    assert searching < theirs
    assert searching + 1000 * SEARCH_COST == pytest.approx(theirs, abs=1)
    assert [len(share) for share in page_shares(1000, 2, search=False)] == [500, 500]
