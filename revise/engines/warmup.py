"""Start building Harper's dictionary the moment a run that will likely lint begins.

Harper's first ``Linter`` in a process costs ~0.45 s: it builds the curated dictionary, which harper-core keeps
in a process-wide lazy static, so every later ``Linter`` (any dialect) takes ~4 ms. The build releases the GIL.
Started from the console entry point, before the parser, the pipeline and the paper are even imported, it runs
on the second core under all of that, and the offline engine's own ``Linter`` then costs milliseconds: the
main job on the example went from 0.88 s to 0.6 s (bench/bench_offline.py).

The guess is only a guess: a run that turns out to use an LLM, or needs no linter (an unchanged rerun served
by the lint cache), has spent CPU time on the other core and about 40 MB, never wall time. It is skipped where
the command line says plainly that nothing will be linted, and where a warm lint worker listens
(engines/warm.py): then the run builds no linter at all, and the build would only take a core from the worker.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

# Options after which no offline linting happens, or that end the run before any.
_NO_LINT = frozenset(
    {
        "--help",
        "-h",
        "--version",
        "--reply",
        "--print-prompt",
        "--forget",
        "--batch-results",
        "--base-url",
        "--model",
    }
)
_LLM_ENVIRONMENT = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REVISE_MODEL")


def likely_offline(args: Sequence[str]) -> bool:
    """Whether this command line will probably run the offline engine (a heuristic: it decides no output)."""
    if not args or args[0] == "lsp":
        return False  # the language server keeps its own linters for the session
    engine: str | None = None
    named = False
    for i, arg in enumerate(args):
        name = arg.split("=", 1)[0]
        if name in _NO_LINT:
            return False
        if name == "--engine":
            named = True
            engine = arg.split("=", 1)[1] if "=" in arg else (args[i + 1] if i + 1 < len(args) else None)
    if named:
        return engine == "offline"
    return not any(os.environ.get(name) for name in _LLM_ENVIRONMENT)


def start(args: Sequence[str]) -> threading.Thread | None:
    """Build (and drop) one Harper linter on a daemon thread when the run will likely lint."""
    if os.environ.get("REVISE_NO_WARMUP") or not likely_offline(args):
        return None
    from revise.engines import rundir

    if rundir.any_socket():
        # A warm lint worker (engines/warm.py) will likely lint: no dictionary is needed here. Any version's
        # socket counts, as telling them apart costs the fingerprint; a wrong guess only loses this head
        # start (the engine then builds its own linter, and starts a worker for this version).
        return None
    thread = threading.Thread(target=_build, name="revise-harper-warmup", daemon=True)
    thread.start()
    return thread


def _build() -> None:
    try:
        import harper

        from revise.engines import heap

        heap.keep_for_build()
        harper.Linter(harper.Dialect.AMERICAN)
    except Exception:  # a failed guess must never fail the run: the engine reports for real
        return
