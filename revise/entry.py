"""The console entry point: ``revise --version`` answers before the command-line parser is imported.

Importing typer is most of what ``--help`` and ``--version`` cost (bench/bench_startup.py); the version needs
none of it. Everything else goes to revise.cli.
"""

from __future__ import annotations

import sys


def main() -> None:
    """``revise``: the version at once, any other command line through revise.cli."""
    if sys.argv[1:] == ["--version"]:
        from revise import __version__

        print(f"revise {__version__}")
        sys.exit(0)
    from revise.cli import main as run

    run()
