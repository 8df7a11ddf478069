"""The README's promises: exactly two set-up commands, the second is what CI runs, and the main job works."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```(?:bash|sh)\n(.*?)```", section, re.S)]


def test_readme_has_exactly_two_one_line_setup_commands() -> None:
    commands = setup_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "examples/conclusion.tex" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    assert setup_commands()[1] in (ROOT / ".ci" / "run").read_text()


def test_the_main_job_works_on_the_example_without_an_api_key() -> None:
    main_job = setup_commands()[0].split("&&")[-1].strip()
    assert main_job.startswith(".venv/bin/revise examples/conclusion.tex")
    args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', main_job)][1:]
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    proc = subprocess.run(
        [sys.executable, "-m", "revise", *args, "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["engine"] == "offline"
    ok = [e for e in report["edits"] if e["status"] == "ok"]
    assert len(ok) >= 5
    assert "offline" in proc.stderr  # auto says, in one line, which engine it chose
