"""`asn-portal serve` end to end: the CLI's server picks up a save, shows a content error on the page
(the last good site stays), and drops the banner after the next good save."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from devtools import ROOT
from devtools.catalog import generate_project

pytestmark = pytest.mark.slow  # run by .ci/run's slow step (pyproject markers)

SLUG = "kursus-0003"
COURSE = f"content/courses/{SLUG}.yml"
WAIT = 60.0  # seconds a save may take to show


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _until(check: Callable[[], Any], timeout: float = WAIT) -> Any:
    """``check()``'s first true answer within ``timeout`` seconds, else its last answer."""
    end = time.monotonic() + timeout
    while True:
        try:
            answer = check()
        except (OSError, urllib.error.URLError):
            answer = None
        if answer or time.monotonic() > end:
            return answer
        time.sleep(0.2)


def _save_replacing(path: Path, text: str) -> None:
    """As ``sed -i`` saves: a new file beside it, renamed over the old one."""
    temp = path.with_name(f".{path.name}.sed")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


class Server:
    def __init__(self, root: Path, url: str, log: Path) -> None:
        self.root, self.url, self.log = root, url, log

    def output(self) -> str:
        return self.log.read_text("utf-8", "replace")[-4000:]

    def page(self, path: str) -> str:
        status, body = _get(self.url + path)
        assert status == 200, f"{path}: HTTP {status}\n{self.output()}"
        return body


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    root = tmp_path / "portal"
    generate_project(root, 8)
    (root / "materials").mkdir()
    port = _free_port()
    script = Path(sys.executable).parent / "asn-portal"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "asn_portal.cli"]
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}  # served at the root, whatever CI sets
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen([*command, "-f", str(root / "mkdocs.yml"), "serve", "-a", f"127.0.0.1:{port}"],
                                   cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    running = Server(root, f"http://127.0.0.1:{port}/", log)
    try:
        started = _until(lambda: process.poll() is None and _get(running.url)[0] == 200)
        assert started, f"the server did not answer on {running.url}\n{running.output()}"
        assert "Pratinjau: http://127.0.0.1:" in log.read_text("utf-8", "replace")
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


def _banner_shown(server: Server, path: str) -> bool:
    body = server.page(path)
    return "data-asn-preview-error" in body and f"{COURSE}:2:" in body


@pytest.mark.engine_smoke  # run again on each engine by .ci/run
def test_a_save_shows_an_error_keeps_the_last_good_page_then_recovers(server: Server, browser_or_none: Any) -> None:
    course = server.root / COURSE
    text = course.read_text("utf-8")
    good = re.sub(r"^title: .*$", "title: Judul Baru dari Pratinjau", text, count=1, flags=re.M)
    _save_replacing(course, good)
    shown = _until(lambda: "Judul Baru dari Pratinjau" in server.page(f"kursus/{SLUG}/"))
    assert shown, f"the new title did not show within {WAIT} s\n{server.output()}"
    assert "data-asn-preview-error" not in server.page(f"kursus/{SLUG}/")

    # Line 2 gets a ': ' inside its value: a YAML error located at line 2.
    broken = re.sub(r"^summary: .*$", "summary: ringkasan: <b>rusak</b>", good, count=1, flags=re.M)
    _save_replacing(course, broken)
    assert _until(lambda: _banner_shown(server, f"kursus/{SLUG}/")), \
        f"no error banner within {WAIT} s\n{server.output()}"
    page = server.page(f"kursus/{SLUG}/")
    banner = page[page.index("data-asn-preview-error"):]
    banner = banner[:banner.index("</div>")]
    assert 'role="alert"' in page
    assert "<b>rusak</b>" not in banner and "&lt;b&gt;rusak&lt;/b&gt;" in banner, banner
    assert "Judul Baru dari Pratinjau" in page, "the last good page must still be served"
    assert _banner_shown(server, ""), "every page carries the banner"

    if browser_or_none is not None:
        _banner_fits_a_phone(browser_or_none, server.url + f"kursus/{SLUG}/")

    _save_replacing(course, good.replace("Judul Baru dari Pratinjau", "Judul Sesudah Perbaikan"))
    recovered = _until(lambda: "data-asn-preview-error" not in (body := server.page(f"kursus/{SLUG}/"))
                       and "Judul Sesudah Perbaikan" in body)
    assert recovered, f"the banner stayed after a good save\n{server.output()}"
    assert "data-asn-preview-error" not in server.page("")


@pytest.fixture
def browser_or_none(request: pytest.FixtureRequest) -> Any:
    """The session's Chromium when there is one (or CI requires it); else the browser check is left out."""
    from devtools.browser import browser_available

    if not browser_available() and os.environ.get("ASN_PORTAL_REQUIRE_BROWSER") != "1":
        return None
    return request.getfixturevalue("browser")


def _banner_fits_a_phone(browser: Any, url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="domcontentloaded")
        banner = tab.locator("[data-asn-preview-error]")
        assert banner.count() == 1
        assert banner.is_visible()
        box = banner.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320 + 0.5, box
        assert 0 <= box["y"] < 640, box
        width = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"sideways scroll at 320 px: {width}"
    finally:
        context.close()


def test_a_page_folder_named_like_a_site_file_is_a_banner_and_the_server_answers(server: Server) -> None:
    """Such a folder once crashed the rebuild inside the server, which then left every request hanging."""
    folder = server.root / "content/pages/Sitemap.XML"
    folder.mkdir(parents=True)
    (folder / "peta.md").write_text("# Peta\n", encoding="utf-8")
    shown = _until(lambda: "content/pages/Sitemap.XML/peta.md:1:" in server.page(""))
    assert shown, f"no banner within {WAIT} s\n{server.output()}"
    assert "Traceback" not in server.output()
    shutil.rmtree(folder)
    assert _until(lambda: "data-asn-preview-error" not in server.page(f"kursus/{SLUG}/")), server.output()
