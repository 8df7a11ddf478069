"""The console entry point: ``revise --version`` and ``revise --help`` answer before the parser is imported.

Importing typer is most of what ``--help`` and ``--version`` cost (bench/bench_startup.py); neither needs it.
The help is typer's own rendering stored in revise/helptext.py (bench/make_help.py regenerates it, a test fails
when it drifts). Click wraps help at min(columns, 80) - 2, so the stored text is byte-identical to typer's on
any terminal of 80 columns or more and on a pipe (which counts as 80); a narrower terminal goes to typer.
Everything else goes to revise.cli.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys

# Click's help formatter never wraps wider than this, whatever the terminal.
_HELP_COLUMNS = 80


def main() -> None:
    """``revise``: the version or the help at once, any other command line through revise.cli."""
    args = sys.argv[1:]
    if args == ["--version"] and sys.stdout is not None:
        from revise import __version__

        _answer(f"revise {__version__}\n")
    if args == ["--help"] and sys.stdout is not None and shutil.get_terminal_size().columns >= _HELP_COLUMNS:
        from revise.helptext import HELP

        _answer(HELP)
    # Harper's dictionary build (~0.45 s, no GIL held) starts now, under the imports and the reading.
    from revise.engines import warmup

    warmup.start(args)
    from revise.cli import main as run

    try:
        run()
    except SystemExit as done:
        if "revise.pipeline" in sys.modules:  # a paper was reviewed: its teardown is worth skipping
            _exit_now(done.code)
        raise


def _exit_now(code: object) -> None:
    """Leave without the interpreter's teardown: freeing lemminflect's tables, Harper's linters and the
    paper's objects one by one took 0.12-0.15 s of a 0.8 s run, after every byte was written. Everything
    that must outlive the process is already on disk: files are written atomically and closed, and the cache
    commits each write."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        # revise.cli has flushed and reported already; a reader gone since then changes nothing now.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(status)


def _answer(text: str) -> None:
    """Print TEXT and exit as revise.cli would: quiet on a closed pipe, one line when stdout cannot be written."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        sys.exit(0)
    except OSError as err:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # so the interpreter's own flush at exit stays quiet
        sys.stderr.write(f"revise: cannot write to standard output: {err.strerror or err}\n")
        sys.exit(1)
    sys.exit(0)
