"""A stop that Python could only report, not raise (a signal landing in a finaliser or a weakref callback), still
stops the command once it is back in ordinary code: exit 130, the Indonesian message, no traceback
(asn_portal/interrupt.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from devtools import ROOT

COMMAND = """
import sys, time
from asn_portal.interrupt import interruptible


class Finalised:
    def __del__(self):
        raise KeyboardInterrupt  # as a Ctrl+C landing here: Python can only hand it to sys.unraisablehook


def run():
    Finalised()
    for _ in range(300):
        time.sleep(0.01)
    print("selesai")
    return 0


sys.exit(interruptible(run))
"""


def test_an_interrupt_python_could_not_raise_stops_the_command_without_a_traceback() -> None:
    done = subprocess.run([sys.executable, "-c", COMMAND], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 130, (done.returncode, done.stdout, done.stderr)
    assert "dihentikan" in done.stderr and "selesai" not in done.stdout
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
