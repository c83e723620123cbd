"""The benchmarks: ``make bench`` runs them all (``python -m tests.bench``); each module also runs on its own."""

from __future__ import annotations

import signal
import sys


def stop_cleanly_on_sigterm() -> None:
    """SIGTERM (``kill``, a CI's time limit) ends a bench as Ctrl-C does: its ``finally`` blocks stop the bridge,
    simulators and broker it started. Python's default for SIGTERM ends the process at once and orphans them."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
