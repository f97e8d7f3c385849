"""How a parallel build shares its pages (asn_portal/engines/mkdocs/parallel.py, model/workers.Claims): every
page built once, by whichever process asks first, while MkDocs' own loop visits them all in order."""

from __future__ import annotations

import time

import pytest

from asn_portal.model.workers import Claimed, Claims, run_shares


@pytest.mark.parametrize("count", [0, 1, 7, 200, 1291])
@pytest.mark.parametrize("chunk", [1, 8])
def test_forked_processes_claim_every_item_exactly_once(count: int, chunk: int) -> None:
    claims = Claims(count, chunk)
    taken = run_shares(lambda share: list(claims), 3)
    assert sorted(n for share in taken for n in share) == list(range(count))
    assert all(share == sorted(share) for share in taken)  # each process's items in build order


def test_a_process_busy_elsewhere_takes_fewer_pages_and_nobody_waits_for_it() -> None:
    claims = Claims(400, 8)

    def share(n: int) -> list[int]:
        if n == 1:  # the worker that writes the search index first
            time.sleep(0.3)
        taken = []
        for page in claims:
            taken.append(page)
            time.sleep(0.001)  # rendering it
        return taken

    mine, theirs = run_shares(share, 2)
    assert sorted(mine + theirs) == list(range(400))
    assert len(theirs) < len(mine)


def test_the_engine_loop_builds_the_chunks_it_claims_and_skips_those_a_worker_took() -> None:
    claims = Claims(40, 8)
    walk = Claimed(claims)
    built = [n for n in range(0, 10) if walk.mine(n)]  # this process: 0..7, then 8..15 from item 8
    worker = claims.claim()  # a worker takes the next chunk meanwhile
    built += [n for n in range(10, 40) if walk.mine(n)]
    assert worker == range(16, 24)
    assert built == [n for n in range(40) if n not in worker]
    assert not claims.claim()  # nothing left
