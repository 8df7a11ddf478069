"""Where lint workers' sockets live, told without importing the worker's client (the entry point asks first).

``$REVISE_WORKER_DIR``, else ``$XDG_RUNTIME_DIR/revise``, else ``/tmp/revise-<uid>``. Plain ``os`` only:
warmup.py asks this before it starts Harper's dictionary build, and importing engines/warm.py (with its
fingerprint of the engine's code) took 15-20 ms that the build, and so every cold run, waited for.
"""

from __future__ import annotations

import os
import stat

OFF = "REVISE_NO_WORKER"
FOLDER = "REVISE_WORKER_DIR"
"""Overrides the folder the socket lives in (tests and benches point it at a fresh one)."""


def folder() -> str:
    """The sockets' folder (it may not exist)."""
    chosen = os.environ.get(FOLDER, "").strip()
    if chosen:
        return chosen
    runtime = os.environ.get("XDG_RUNTIME_DIR", "").strip()
    if runtime and os.path.isabs(runtime):
        return os.path.join(runtime, "revise")
    return os.path.join("/tmp", f"revise-{os.getuid()}")


def switched_off() -> bool:
    """``REVISE_NO_WORKER`` set to anything but empty or 0."""
    return os.environ.get(OFF, "").strip() not in ("", "0")


def any_socket() -> bool:
    """Whether some worker's socket (of any version) is in the folder."""
    if switched_off() or not hasattr(os, "getuid"):
        return False
    try:
        with os.scandir(folder()) as entries:
            return any(
                e.name.startswith("lint-") and e.name.endswith(".sock") and stat.S_ISSOCK(e.stat().st_mode)
                for e in entries
            )
    except OSError:
        return False
