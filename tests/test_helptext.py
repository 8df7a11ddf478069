"""The stored ``--help`` (revise/helptext.py) is exactly what typer prints, and the entry prints it without typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from revise.helptext import HELP

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from make_help import typer_help  # noqa: E402  (the generator lives with the bench scripts)

ENTRY = (
    "import runpy, sys; sys.argv = ['revise', '--help']\ntry:\n    runpy.run_module('revise', run_name='__main__')\n"
    "except SystemExit:\n    pass\nsys.stdout.flush()\n"
    "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith(('typer', 'revise.cli')))))"
)


def entry_help(columns: int) -> tuple[str, str]:
    """What ``revise --help`` prints on a terminal of COLUMNS columns, and which parser modules it imported."""
    env = {**os.environ, "COLUMNS": str(columns)}
    done = subprocess.run([sys.executable, "-c", ENTRY], env=env, capture_output=True, text=True, check=True)
    return done.stdout, done.stderr


def test_the_stored_help_is_what_typer_renders_now() -> None:
    # Fails when an option changes without `python bench/make_help.py`: the help cannot drift from the parser.
    assert typer_help(100) == HELP


@pytest.mark.parametrize("columns", [80, 200])
def test_wide_terminals_get_the_stored_help_without_importing_typer(columns: int) -> None:
    printed, imported = entry_help(columns)
    assert printed == typer_help(columns)
    assert imported == "[]"


def test_a_narrow_terminal_gets_typers_own_wrapping() -> None:
    printed, imported = entry_help(60)
    assert printed == typer_help(60)
    assert printed != HELP  # narrower wrapping, so the stored text would have been wrong here
    assert "typer" in imported
