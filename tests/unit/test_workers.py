"""Work shared among forked processes (asn_portal/model/workers.py): results in order, failures and log
records brought back, nothing forked where forking is not safe."""

from __future__ import annotations

import logging
import os
import time

import pytest

from asn_portal.model import workers
from asn_portal.model.workers import Shares, WorkerError, run_shares


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    # pytest-xdist's workers run a thread, so can_fork() says no there; these tests fork on purpose.
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform")
    monkeypatch.setattr(workers, "can_fork", lambda: True)


def test_results_come_back_in_share_order_from_other_processes(forking: None) -> None:
    results = run_shares(lambda share: (share, os.getpid()), 3)
    assert [share for share, _ in results] == [0, 1, 2]
    assert results[0][1] == os.getpid() and len({pid for _, pid in results}) == 3


def test_a_workers_failure_is_raised_with_its_message(forking: None) -> None:
    def task(share: int) -> int:
        if share == 1:
            raise ValueError("berkas x.yml tidak terbaca")
        return share

    with pytest.raises(WorkerError, match=r"berkas x\.yml tidak terbaca") as failed:
        run_shares(task, 2)
    assert isinstance(failed.value.cause, ValueError) and "ValueError" in failed.value.details


def test_a_workers_log_records_are_handled_here_once(forking: None, caplog: pytest.LogCaptureFixture) -> None:
    def task(share: int) -> int:
        logging.getLogger("asn_portal.test").warning("halaman %s dilewati", share)
        return share

    with caplog.at_level(logging.WARNING, logger="asn_portal.test"):
        run_shares(task, 3)
    assert [r.getMessage() for r in caplog.records] == [f"halaman {n} dilewati" for n in (0, 1, 2)]


def test_workers_stopped_before_collecting_leave_nothing_running(forking: None) -> None:
    shares: Shares[int] = Shares(lambda share: int(time.sleep(60) or 0), 2)
    shares.start()
    pids = [pid for pid, _ in shares._children]
    shares.close()
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_nothing_forks_where_forking_is_unsafe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "can_fork", lambda: False)
    assert workers.usable_jobs(8) == 1 and workers.usable_jobs(None) == 1


def test_every_cpu_by_default_where_forking_is_safe(forking: None) -> None:
    assert workers.usable_jobs(None) == workers.available_cpus() >= 1
    assert workers.usable_jobs(3) == 3
