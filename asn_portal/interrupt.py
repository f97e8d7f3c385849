"""Stopping a command midway (Ctrl+C, SIGTERM from a cancelled CI job or a laptop shutting down) leaves
nothing half-written: the signal becomes one KeyboardInterrupt, so every ``finally`` on the way out removes
its temporary file or folder, and what a packager may still have left beside its output is swept."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl+C


def interruptible(run: Callable[[], int], output: str | None = None) -> int:
    """Ctrl+C (SIGINT) and SIGTERM (a CI job cancelled, a laptop shutting down) stop a command the same
    way: as one KeyboardInterrupt, so every ``finally`` removes what the command had half-written (the zip's
    temporary file beside it, the build folder in the temp dir); then a message, not a traceback."""
    if threading.current_thread() is not threading.main_thread():  # only there may a handler be set
        return run()
    stop = _Stop()
    previous = {sig: signal.signal(sig, stop.handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    hook, sys.unraisablehook = sys.unraisablehook, stop.lost(sys.unraisablehook)
    try:
        return run()
    except KeyboardInterrupt:
        if output:
            from asn_portal.kit.bundle import remove_leftovers
            remove_leftovers(Path(output))
        print("asn-portal: dihentikan; berkas sementara sudah dihapus dan tidak ada keluaran setengah jadi.",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        sys.unraisablehook = hook
        if not stop.raised:  # once stopped, ours stays: a signal still pending must not end in a traceback
            for sig, handler in previous.items():
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


class _Stop:
    """Raises KeyboardInterrupt once, whatever number of signals come."""

    def __init__(self) -> None:
        self.raised = False

    def handle(self, signum: int, frame: object) -> None:
        if not self.raised:
            self.raised = True
            raise KeyboardInterrupt

    def lost(self, hook: Callable[[Any], None]) -> Callable[[Any], None]:
        """An interrupt raised inside a callback Python ignores (a weakref's, an import lock's) is sent again,
        so it lands at the next step of the command instead of being printed and dropped."""
        def unraisable(info: Any) -> None:
            if isinstance(info.exc_value, KeyboardInterrupt):
                self.raised = False
                os.kill(os.getpid(), signal.SIGTERM)
            else:
                hook(info)
        return unraisable
