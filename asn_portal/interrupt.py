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
        # Once stopped, ours stays: a signal still on its way must neither end in a traceback nor kill the
        # process after the command has finished.
        if not stop.raised and not stop.pending:
            for sig, handler in previous.items():
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


class _Stop:
    """Raises KeyboardInterrupt once, whatever number of signals come."""

    RESEND_AFTER = 0.01  # seconds: the hook that took a lost interrupt has long returned by then

    def __init__(self) -> None:
        self.raised = False
        self.pending = False  # a lost interrupt is being sent again
        self.in_hook = False

    def handle(self, signum: int, frame: object) -> None:
        self.pending = False
        if self.in_hook:  # raised inside Python's unraisable hook, it would be printed and dropped once more
            self.resend()
        elif not self.raised:
            self.raised = True
            raise KeyboardInterrupt

    def resend(self) -> None:
        """SIGTERM again from another thread, shortly: the handler runs when the main thread is back in the
        command's own code (a signal sent to oneself is handled at once, inside the hook that sent it)."""
        self.pending = True
        timer = threading.Timer(self.RESEND_AFTER, os.kill, (os.getpid(), signal.SIGTERM))
        timer.daemon = True
        timer.start()

    def lost(self, hook: Callable[[Any], None]) -> Callable[[Any], None]:
        """An interrupt raised inside a callback Python ignores (a finaliser's, a weakref's, an import lock's) is
        sent again, so it lands at the next step of the command instead of being printed and dropped."""
        def unraisable(info: Any) -> None:
            if not isinstance(info.exc_value, KeyboardInterrupt):
                hook(info)
                return
            self.raised = False
            self.in_hook = True
            try:
                self.resend()
            finally:
                self.in_hook = False
        return unraisable
