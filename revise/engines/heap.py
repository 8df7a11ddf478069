"""glibc's heap kept from shrinking back while Harper builds its dictionary: the build runs ~7 % faster.

The build (~0.5 s, once per process) makes and frees millions of small Rust objects. glibc returns the top of
its heap to the kernel whenever ~128 KB there is free and takes it back on the next allocation, so the same
pages are faulted in again and again: 58,600 minor faults for a heap that peaks at 160 MB. A 64 MB top pad
(``mallopt(M_TOP_PAD)``) grows and keeps the heap in larger steps: 38,400 faults, a third less kernel time, and
the build 0.506 → 0.476 s (median of 10 fresh processes each, bench/bench_offline.py's machine). The pad is
address space, not memory: untouched pages cost nothing, and the resident peak stayed at 157-160 MB. Smaller
pads did worse than none (16 MB: 0.55 s), as did raising the trim or mmap threshold alone, so only this one
setting is made.

Only the command line's early build (engines/warmup.py) sets it: a long-lived process (the language server, the
lint worker) would keep up to 64 MB of freed heap for its whole life. Only glibc has ``mallopt``; elsewhere (musl, macOS, Windows) this does nothing, and a failure here never fails
a run: the build is just as correct without it.
"""

from __future__ import annotations

import os
import sys

M_TOP_PAD = -2
"""glibc's malloc.h."""
TOP_PAD = 64 << 20


def keep_for_build() -> bool:
    """Set glibc's top pad for the dictionary build; True when it was set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
        import ctypes

        return bool(ctypes.CDLL(None).mallopt(M_TOP_PAD, TOP_PAD))
    except (OSError, ValueError, AttributeError):
        return False
