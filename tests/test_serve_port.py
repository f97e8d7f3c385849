"""`asn-portal serve` on an address it cannot listen on: one Indonesian line and exit code 2, before anything
is built or announced (no "Pratinjau: http://…" line, no traceback)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ProjectBuilder

from asn_portal import cli


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A loopback port another program listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_busy_port_is_one_line_suggesting_another(project: ProjectBuilder, busy_port: int,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    project.minimal()
    code = cli.main(["-f", str(project.root / "mkdocs.yml"), "serve", "-a", f"127.0.0.1:{busy_port}"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""  # neither "Membangun situs pratinjau..." nor "Pratinjau: http://…"
    lines = err.splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert f"127.0.0.1:{busy_port}" in line and "sedang dipakai program lain" in line, line
    suggested = re.search(r"asn-portal serve -a 127\.0\.0\.1:(\d+)$", line)
    assert suggested and int(suggested.group(1)) != busy_port, line
    assert "Traceback" not in err and "Pratinjau" not in out + err


def test_a_port_taken_while_building_is_the_same_line(project: ProjectBuilder, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Free when serve starts, taken by another program during the first build: still no "Pratinjau" line."""
    from asn_portal.engines.mkdocs import preview

    project.minimal()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    taken: list[socket.socket] = []
    first_build = preview.LiveSite.build

    def build_then_take(self: preview.LiveSite) -> Any:
        outcome = first_build(self)
        other = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        taken.append(other)
        other.bind(("127.0.0.1", port))
        other.listen()
        return outcome

    monkeypatch.setattr(preview.LiveSite, "build", build_then_take)
    try:
        code = cli.main(["-f", str(project.root / "mkdocs.yml"), "serve", "-a", f"127.0.0.1:{port}"])
    finally:
        for other in taken:
            other.close()
    out, err = capsys.readouterr()
    assert taken and "Membangun situs pratinjau" in out  # the port was taken after a real build
    assert code == 2 and "Pratinjau:" not in out and "Traceback" not in err, out + err
    assert len(err.splitlines()) == 1 and f"127.0.0.1:{port} sedang dipakai program lain" in err, err


def test_an_address_not_of_this_computer_is_one_line_too(project: ProjectBuilder,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("203.0.113.1", 0))  # TEST-NET-3, on no interface; a free bind here would serve for ever
        except OSError:
            pass
        else:
            pytest.skip("this machine binds addresses it does not have (ip_nonlocal_bind)")
    project.minimal()
    code = cli.main(["-f", str(project.root / "mkdocs.yml"), "serve", "-a", "203.0.113.1:8000"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.splitlines() == ["asn-portal: alamat pratinjau 203.0.113.1:8000 bukan alamat komputer ini; pakai "
                                "misalnya: asn-portal serve -a 127.0.0.1:8000"]
