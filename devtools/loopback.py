"""A built site served on a free loopback port, for a browser to open (tests and benchmarks alike)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


class LoopbackServer(http.server.ThreadingHTTPServer):
    # A page opens several connections at once; the default backlog of 5 drops a connection attempt
    # on a busy machine, and the browser retries it only after a second or more.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser context closed mid-transfer (a broken pipe) is no error worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] | None = None,
          build: Callable[[str], object] | None = None) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port and yield its address (ends with "/").

    ``build(url)`` runs first when given: a site built with ``site_url`` set to the served address
    gets Material's instant navigation (it only takes over links listed in sitemap.xml)."""
    handler = functools.partial(handler_class or QuietHandler, directory=str(folder))
    server = LoopbackServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        if build is not None:
            build(url)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield url
        finally:
            server.shutdown()
            thread.join(timeout=5)
    finally:
        server.server_close()
