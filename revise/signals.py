"""Signals while the run stops: once it is unwinding (Ctrl-C, TERM, HUP), later signals are ignored.

A second Ctrl-C must neither print a traceback from the middle of the unwinding nor cut short the editor's
buffer being written back. Kept apart from revise.command so the CLI can import it without the pipeline.
"""

from __future__ import annotations

import contextlib
import signal


def ignore_signals() -> None:
    """Ignore INT, TERM and HUP from now on: the run is already stopping (main thread only)."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            with contextlib.suppress(ValueError):  # not the main thread: nothing to change
                signal.signal(getattr(signal, name), signal.SIG_IGN)
