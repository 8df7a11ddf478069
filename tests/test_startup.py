"""Lean start-up: `--help` and `--version` load none of the pipeline, and no run loads pydantic offline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from revise import __version__

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "conclusion.tex"
PIPELINE = ("revise.command", "revise.pipeline", "revise.latex", "revise.engines", "pylatexenc", "harper")


def loaded_after(args: list[str], extra: str = "") -> tuple[list[str], str]:
    """The modules ``revise ARGS`` has imported when it exits, and what it printed."""
    code = (
        "import sys, json\n"
        "from revise.cli import _main\n"
        f"{extra}\n"
        f"code = _main({args!r})\n"
        "print('\\n' + json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *printed, modules = done.stdout.rstrip("\n").split("\n")
    return json.loads(modules), "\n".join(printed)


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_none_of_the_pipeline(flag: str) -> None:
    modules, printed = loaded_after([flag])
    assert "revise" in printed  # it did print the help or the version
    assert [m for m in modules if m.startswith(PIPELINE)] == []


def test_an_offline_run_does_not_import_pydantic(tmp_path: Path) -> None:
    env = f"import os; os.environ['REVISE_CACHE_DIR'] = {str(tmp_path)!r}"
    modules, printed = loaded_after([str(EXAMPLE), "--engine", "offline", "--format", "json"], env)
    assert json.loads(printed)["edits"]  # the run happened and found something
    assert "revise.pipeline" in modules
    assert not [m for m in modules if m.startswith("pydantic")]


def test_the_version_alone_does_not_even_import_the_parser() -> None:
    code = "import runpy, sys; sys.argv = ['revise', '--version']\ntry:\n    runpy.run_module('revise', run_name='__main__')\n"
    code += "except SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.startswith(('typer', 'revise.cli'))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [f"revise {__version__}", "[]"]


def test_an_unchanged_rerun_loads_no_lexicon_and_no_edit_distance(tmp_path: Path) -> None:
    """Everything comes from the lint cache: lemminflect (and numpy under it) and rapidfuzz stay unimported."""
    env = f"import os; os.environ['REVISE_CACHE_DIR'] = {str(tmp_path)!r}"
    args = [str(EXAMPLE), "--engine", "offline", "--format", "json"]
    first, printed = loaded_after(args, env)
    assert "lemminflect" in first  # the first run did use the lexicon, so the check below can fail
    again, reprinted = loaded_after(args, env)
    assert json.loads(reprinted) == json.loads(printed)
    assert [m for m in again if m.startswith(("lemminflect", "numpy", "rapidfuzz"))] == []
