"""Issue 10 at the command line: --section forms and their errors, --file, --lines, --inspect's section list, and
the config's [commands] table (an unknown value is a one-line error naming the file and the key)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from revise.config import Settings
from revise.errors import ConfigError

MAIN = "\\documentclass{report}\n\\begin{document}\n\\include{ch1}\n\\include{ch2}\n\\end{document}\n"
CH1 = "\\chapter{Rays}\n\\section{Introduction}\nIntro one.\n\\section{Showers}\nShowers text.\n"
CH2 = "\\chapter{Stations}\n\\section{Introduction}\nIntro two.\n\nLast words \\edited{are here}.\n"


@pytest.fixture
def thesis(tmp_path: Path) -> Path:
    (tmp_path / "main.tex").write_text(MAIN)
    (tmp_path / "ch1.tex").write_text(CH1)
    (tmp_path / "ch2.tex").write_text(CH2)
    return tmp_path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    return subprocess.run(
        [sys.executable, "-m", "revise", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )


def inspected(*args: str, cwd: Path) -> list[str]:
    result = run("main.tex", "--inspect", "--format", "json", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return [p["text"] for p in json.loads(result.stdout)["paragraphs"]]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--section", "2.1"], ["Intro two.", "Last words \\edited{are here}."]),
        (["--section", "Rays/Introduction"], ["Intro one."]),
        (["--section", "show"], ["Showers text."]),
        (["--section", "1"], ["Intro one.", "Showers text."]),
        (["--file", "ch1.tex"], ["Intro one.", "Showers text."]),
        (["--lines", "5:5", "--file", "ch2.tex"], ["Last words \\edited{are here}."]),
        (["--file", "ch2", "--section", "Stations"], ["Intro two.", "Last words \\edited{are here}."]),
    ],
)
def test_selection_options_choose_the_paragraphs(thesis: Path, args: list[str], expected: list[str]) -> None:
    assert inspected(*args, cwd=thesis) == expected


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--section", "Introduction"], 1, "is ambiguous: 1.1 Rays/Introduction, 2.1 Stations/Introduction"),
        (["--section", "Intro duction"], 1, "did you mean"),
        (["--file", "ch9.tex"], 1, "no file 'ch9.tex' in this paper; did you mean"),
        (["--lines", "9:2"], 2, "--lines '9:2'"),
    ],
)
def test_bad_selections_are_one_line_errors(thesis: Path, args: list[str], code: int, needle: str) -> None:
    result = run("main.tex", "--inspect", *args, cwd=thesis)
    assert result.returncode == code
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_inspect_lists_sections_with_numbers_files_and_lines(thesis: Path) -> None:
    result = run("main.tex", "--inspect", cwd=thesis)
    listing = result.stdout
    assert "  1 Rays  (ch1.tex:1)" in listing
    assert "    1.2 Showers  (ch1.tex:4)" in listing
    assert "    2.1 Introduction  (ch2.tex:2)" in listing


def test_config_commands_change_what_the_reviewer_reads(thesis: Path) -> None:
    (thesis / ".revise.toml").write_text('[commands]\n"\\\\edited{}" = "text"\n')
    result = run("main.tex", "--inspect", "--format", "json", "--section", "2.1", cwd=thesis)
    masked = [p["masked"] for p in json.loads(result.stdout)["paragraphs"]]
    assert masked == ["Intro two.", "Last words [MARK1]are here[MARK2]."]


def test_unknown_command_value_is_a_one_line_error_naming_file_and_key(thesis: Path) -> None:
    (thesis / ".revise.toml").write_text('[commands]\n"\\\\todo{}" = "skip"\n')
    result = run("main.tex", "--inspect", cwd=thesis)
    assert result.returncode == 1
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1
    assert str(thesis / ".revise.toml") in line and "'\\\\todo{}'" in line and "'skip'" in line


@pytest.mark.parametrize(
    ("table", "needle"),
    [
        ('"edited" = "text"', "'edited' is not a command"),
        ('"\\\\x{}" = 3', "'\\\\x{}' must be a string"),
    ],
)
def test_malformed_command_entries_are_config_errors(tmp_path: Path, table: str, needle: str) -> None:
    (tmp_path / ".revise.toml").write_text(f"[commands]\n{table}\n")
    (tmp_path / "p.tex").write_text("Text.\n")
    with pytest.raises(ConfigError, match=re.escape(needle)):
        Settings.load(tmp_path / "p.tex")


def test_ltex_spellings_are_accepted(tmp_path: Path) -> None:
    (tmp_path / ".revise.toml").write_text(
        '[commands]\n"\\\\a{}" = "default"\n"\\\\b" = "pluralDummy"\n"\\\\c[]{}" = "ignore"\n'
    )
    (tmp_path / "p.tex").write_text("Text.\n")
    assert dict(Settings.load(tmp_path / "p.tex").commands) == {
        "\\a{}": "text",
        "\\b": "dummy",
        "\\c[]{}": "ignore",
    }


def test_an_editor_selection_by_lines_revises_only_its_paragraphs(tmp_path: Path) -> None:
    doc = "\\begin{document}\nFirst paragraph are here.\n\nSecond paragraph are here.\n\\end{document}\n"
    reply = {
        "edits": [
            {"original": "paragraph are here", "issue": "Agreement.", "versions": ["paragraph is here"]}
        ]
    }
    (tmp_path / "reply.json").write_text(json.dumps(reply))
    proc = subprocess.run(
        [sys.executable, "-m", "revise", "-", "--apply", "--lines", "4:4", "--reply", "reply.json"],
        input=doc,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == doc.replace("Second paragraph are", "Second paragraph is")
