"""Keep what a native library prints away from the user's streams.

Harper's Rust core sometimes writes debugging lines straight to file descriptor 1 (``println!`` in one of
its linters printed ``gerund_form: -valuing- -- verb: -value-`` ahead of the JSON report, issue 9). Python's
``sys.stdout`` never sees those bytes, so only a redirect of the descriptors themselves keeps stdout to the one
artefact the contract promises. What was caught is kept so ``--verbose`` can say so.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import IO


@dataclass
class Caught:
    """Text written to descriptors 1 and 2 while the capture was on (filled in when it ends)."""

    lines: list[str] = field(default_factory=list)

    def describe(self) -> str | None:
        """One notice line for ``--verbose``, or None when nothing was caught."""
        if not self.lines:
            return None
        shown = "; ".join(self.lines[:3]) + (
            f"; … ({len(self.lines) - 3} more)" if len(self.lines) > 3 else ""
        )
        return f"revise: the grammar checker printed {len(self.lines)} line(s), kept off stdout: {shown}"


@contextmanager
def native_output() -> Iterator[Caught]:
    """Redirect descriptors 1 and 2 to a temporary file for the block; restore them whatever happens."""
    caught = Caught()
    with ExitStack() as stack:
        redirected: list[tuple[int, int, IO[bytes]]] = []
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        for fd in (1, 2):
            try:
                saved = os.dup(fd)
            except OSError:  # a closed descriptor: nothing can reach it anyway
                continue
            sink: IO[bytes] = stack.enter_context(tempfile.TemporaryFile())
            os.dup2(sink.fileno(), fd)
            redirected.append((fd, saved, sink))
        try:
            yield caught
        finally:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
            for fd, kept, held in redirected:
                os.dup2(kept, fd)
                os.close(kept)
                held.seek(0)
                text = held.read().decode("utf-8", errors="replace")
                caught.lines.extend(line for line in text.splitlines() if line.strip())
