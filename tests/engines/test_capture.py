"""stdout carries exactly one artefact even when Harper's native code prints (issue 9, item 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from revise.engines.capture import native_output

# Harper 2.13's "looking forward to" linter println!s its gerund straight to file descriptor 1.
TRIGGER = "\\section{Plans}\nWe are looking forward to value the data from the new survey.\n"


def test_capture_keeps_descriptor_writes_and_restores_both_descriptors(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with native_output() as caught:
        os.write(1, b"native out\n")
        os.write(2, b"native err\n")
    os.write(1, b"after\n")
    out, err = capfd.readouterr()
    assert caught.lines == ["native out", "native err"]
    assert out == "after\n" and err == ""
    assert "native out" in (caught.describe() or "")


def test_capture_restores_descriptors_when_the_block_raises(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RuntimeError), native_output():
        os.write(1, b"lost\n")
        raise RuntimeError("boom")
    os.write(1, b"back\n")
    assert capfd.readouterr().out == "back\n"


def test_harper_print_never_reaches_stdout_and_verbose_says_what_was_caught(tmp_path: Path) -> None:
    paper = tmp_path / "plans.tex"
    paper.write_text(TRIGGER)
    run = subprocess.run(
        [sys.executable, "-m", "revise", str(paper), "--engine", "offline", "--format", "json", "--verbose"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)  # the whole of stdout is the one JSON artefact
    assert any("forward" in e["original"] or e["original"] == "value" for e in report["edits"])
    assert "gerund_form" not in run.stdout
    assert "kept off stdout" in run.stderr and "gerund_form" in run.stderr
