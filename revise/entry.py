"""The console entry point: ``revise --version`` and ``revise --help`` answer before the parser is imported.

Importing typer is most of what ``--help`` and ``--version`` cost (bench/bench_startup.py); neither needs it.
The help is typer's own rendering stored in revise/helptext.py (bench/make_help.py regenerates it, a test fails
when it drifts). Click wraps help at min(columns, 80) - 2, so the stored text is byte-identical to typer's on
any terminal of 80 columns or more and on a pipe (which counts as 80); a narrower terminal goes to typer.
Everything else goes to revise.cli.
"""

from __future__ import annotations

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
    from revise.cli import main as run

    run()


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
