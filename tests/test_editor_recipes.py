"""The editor recipes in examples/editors run as written: commands are extracted from the files, not retyped.

``revise`` in a recipe runs as ``python -m revise`` from this interpreter (with its folder first on PATH for
recipes that call ``revise`` through a shell, as Vim's ``system()`` does).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EDITORS = ROOT / "examples" / "editors"
GOLDEN_GNU = ROOT / "tests" / "golden" / "paper.gnu"
REGION = "We has two errors in this sentence.\nThe second line stays as it is.\n"


def _blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(), re.S)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "REVISE_MODEL"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def _run(command: list[str], stdin: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    assert command[0] == "revise"
    return subprocess.run(
        [sys.executable, "-m", "revise", *command[1:]],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_env(**env),
        timeout=120,
    )


def _vim_filter() -> list[str]:
    line = next(b for b in _blocks(EDITORS / "vim.md", "vim") if b.startswith(":'<,'>!")).strip()
    return shlex.split(line.removeprefix(":'<,'>!").replace("%", "draft.tex"))


def _emacs_filter() -> list[str]:
    code = _blocks(EDITORS / "emacs.md", "elisp")[0]
    prefix = re.search(r'\(concat "(revise - [^"]*)"', code)
    assert prefix, "the region recipe builds its command with concat"
    return [*shlex.split(prefix.group(1)), "draft.tex"]


FILTERS = {"vim": _vim_filter, "emacs": _emacs_filter}


@pytest.mark.parametrize("editor", sorted(FILTERS))
def test_region_filter_replaces_the_region_with_the_revision(editor: str, tmp_path: Path) -> None:
    done = _run(FILTERS[editor](), REGION, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == REGION.replace("We has", "We have")
    assert done.stderr == ""  # vim and emacs would put stderr into the buffer


@pytest.mark.parametrize("editor", sorted(FILTERS))
def test_failing_region_filter_leaves_the_region_unchanged(editor: str, tmp_path: Path) -> None:
    # An endpoint that refuses connections: the run fails, and the region must come back byte for byte.
    done = _run(
        FILTERS[editor](), REGION, tmp_path, OPENAI_API_KEY="test", OPENAI_BASE_URL="http://127.0.0.1:9/v1"
    )
    assert done.returncode == 1
    assert done.stdout == REGION
    assert done.stderr == ""


def _errorformat() -> str:
    text = (EDITORS / "vim.md").read_text()
    found = set(re.findall(r"errorformat=((?:\\ |\S)+)", text))
    assert len(found) == 1, "every recipe uses the same errorformat"
    return found.pop()


def _errorformat_regex(efm: str) -> re.Pattern[str]:
    """Vim's errorformat items used by the recipe, translated to a regex (`:help errorformat`)."""
    parts = {
        "%f": r"(?P<f>.+?)",
        "%l": r"(?P<l>\d+)",
        "%c": r"(?P<c>\d+)",
        "%t": r"(?P<t>.)",
        "%m": r"(?P<m>.+)",
    }
    efm = efm.replace("\\ ", " ")
    out, i = "", 0
    while i < len(efm):
        if efm.startswith("%*[^:]", i):
            out, i = out + r"[^:]*", i + 6
        elif efm[i : i + 2] in parts:
            out, i = out + parts[efm[i : i + 2]], i + 2
        else:
            out, i = out + re.escape(efm[i]), i + 1
    return re.compile(out + "$")


def _gnu_lines(tmp_path: Path) -> list[str]:
    (tmp_path / "draft.tex").write_text(REGION)
    done = _run(["revise", "--format", "gnu", "draft.tex"], "", tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines() + GOLDEN_GNU.read_text().splitlines()


def test_vim_errorformat_reads_every_gnu_line(tmp_path: Path) -> None:
    pattern = _errorformat_regex(_errorformat())
    for line in _gnu_lines(tmp_path):
        m = pattern.match(line)
        assert m, line
        assert m["t"] in "wn"
        assert m["m"].startswith("[revise] ")


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")
def test_vim_quickfix_recipe_lists_each_suggestion_at_its_place(tmp_path: Path) -> None:
    (tmp_path / "draft.tex").write_text(REGION)
    block = next(b for b in _blocks(EDITORS / "vim.md", "vim") if "cexpr" in b)
    commands = [
        line.lstrip(":") for line in block.splitlines() if line.startswith(":") and "copen" not in line
    ]
    dump = "call writefile(map(getqflist(), {_, e -> e.lnum .. ':' .. e.col .. ':' .. e.type}), 'qf.txt')"
    args = ["vim", "-Nu", "NONE", "-i", "NONE", "-es", "draft.tex"]
    for command in [*commands, dump, "qa!"]:
        args += ["-c", command]
    subprocess.run(args, cwd=tmp_path, env=_env(), timeout=120, capture_output=True)
    listed = (tmp_path / "qf.txt").read_text().splitlines()
    report = json.loads(_run(["revise", "--format", "json", "draft.tex"], "", tmp_path).stdout)
    expected = [f"{e['line']}:{e['column']}:{'w' if e['status'] == 'ok' else 'n'}" for e in report["edits"]]
    assert expected
    assert listed == expected


def test_vscode_problem_matcher_reads_every_gnu_line(tmp_path: Path) -> None:
    tasks = json.loads((EDITORS / "vscode" / "tasks.json").read_text())
    task = next(t for t in tasks["tasks"] if t.get("problemMatcher"))
    assert task["command"] == "revise" and "gnu" in task["args"]
    pattern = task["problemMatcher"]["pattern"]
    regex = re.compile(pattern["regexp"])  # the JavaScript regex uses only syntax Python shares
    for line in _gnu_lines(tmp_path):
        m = regex.match(line)
        assert m, line
        assert m.group(pattern["severity"]) in {"warning", "note"}
        assert int(m.group(pattern["line"])) >= 1 and int(m.group(pattern["column"])) >= 1
        assert m.group(pattern["file"]).endswith(".tex")
