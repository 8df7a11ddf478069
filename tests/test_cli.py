"""The command-line contract: streams, exit codes, one-line errors, filter safety, where documents are written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

DOC = (
    "\\documentclass{article}\n"
    "\\begin{document}\n"
    "\\section{Results}\n"
    "Our detector find most anomalies in the telemetry of $n$ satellites~\\cite{a}.\n"
    "It run in real time.\n"
    "\n"
    "The second paragraph is fine as it is.\n"
    "\\end{document}\n"
)
REPLY = json.dumps(
    {
        "edits": [
            {
                "original": "Our detector find most anomalies",
                "issue": "Subject-verb agreement.",
                "versions": ["Our detector finds most anomalies", "The detector finds most anomalies"],
            },
            {
                "original": "It run in real time.",
                "issue": "Agreement.",
                "versions": ["It runs in real time."],
            },
        ]
    }
)
FIXED = DOC.replace("detector find", "detector finds").replace("It run", "It runs")


@dataclass
class Result:
    code: int
    out: bytes
    err: str


def revise(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "revise", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return Result(proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace"))


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    path = tmp_path / "paper.tex"
    path.write_text(DOC, newline="")
    (tmp_path / "reply.json").write_text(REPLY)
    return path


def test_version_prints_the_program_version() -> None:
    from revise import __version__

    result = revise("--version")
    assert result.code == 0
    assert result.out.decode().strip() == f"revise {__version__}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_1(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "in.tex"
    if content is not None:
        path.write_bytes(content)
    result = revise(str(path))
    assert result.code == 1
    assert result.out == b""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert message in lines[0] and "in.tex" in lines[0]
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["--output", "x.tex"],
        ["--apply", "--output", "a.tex", "--in-place"],
        ["--pick", "0", "--apply"],
        ["--format", "yaml"],
    ],
)
def test_usage_errors_exit_2_without_traceback(paper: Path, args: list[str]) -> None:
    result = revise(str(paper), *args)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_reply_from_stdin_with_document_from_stdin_is_a_usage_error() -> None:
    result = revise("-", "--reply", "-", stdin=DOC.encode())
    assert result.code == 2
    assert "--reply" in result.err


def test_unknown_section_is_an_error_that_lists_the_sections(paper: Path) -> None:
    result = revise(str(paper), "--section", "Methods", "--reply", str(paper.parent / "reply.json"))
    assert result.code == 1
    assert "Methods" in result.err and "Results" in result.err


def test_report_goes_to_stdout_and_file_is_untouched(paper: Path) -> None:
    result = revise(str(paper), "--reply", str(paper.parent / "reply.json"), "--format", "json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert [e["status"] for e in report["edits"]] == ["ok", "ok"]
    assert paper.read_text() == DOC


def test_apply_without_output_writes_the_document_to_stdout_and_report_to_stderr(paper: Path) -> None:
    result = revise(str(paper), "--reply", str(paper.parent / "reply.json"), "--apply")
    assert result.code == 0, result.err
    assert result.out.decode() == FIXED
    assert "Subject-verb agreement" in result.err
    assert paper.read_text() == DOC


def test_apply_pick_takes_version_n_falling_back_to_the_first(paper: Path) -> None:
    result = revise(str(paper), "--reply", str(paper.parent / "reply.json"), "--apply", "--pick", "2", "-q")
    assert result.code == 0, result.err
    expected = DOC.replace("Our detector find", "The detector finds").replace("It run", "It runs")
    assert result.out.decode() == expected
    assert result.err == ""


def test_apply_output_writes_there_and_report_goes_to_stdout(paper: Path) -> None:
    out = paper.parent / "revised.tex"
    result = revise(str(paper), "--reply", str(paper.parent / "reply.json"), "--apply", "--output", str(out))
    assert result.code == 0, result.err
    assert out.read_text() == FIXED
    assert paper.read_text() == DOC
    assert b"agreement" in result.out


def test_in_place_rewrites_the_file_and_keeps_a_backup(paper: Path) -> None:
    result = revise(str(paper), "--reply", str(paper.parent / "reply.json"), "--apply", "--in-place")
    assert result.code == 0, result.err
    assert paper.read_text() == FIXED
    assert (paper.parent / "paper.tex.bak").read_text() == DOC


def test_filter_returns_the_revised_buffer_and_keeps_stderr_silent(paper: Path) -> None:
    reply = str(paper.parent / "reply.json")
    result = revise("-", "--reply", reply, "--apply", "--stdin-filename", "paper.tex", stdin=DOC.encode())
    assert result.code == 0
    assert result.out.decode() == FIXED
    assert result.err == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--reply", "missing-reply.json"],
        ["--reply", "reply.json", "--section", "Nowhere"],
        ["--reply", "reply.json", "--no-such-option"],
    ],
)
def test_filter_failure_gives_the_input_back_unchanged(paper: Path, args: list[str]) -> None:
    result = revise("-", "--apply", *args, stdin=DOC.encode(), cwd=paper.parent)
    assert result.code != 0
    assert result.out == DOC.encode()
    assert result.err == ""


def test_filter_keeps_bom_crlf_and_latin1(paper: Path) -> None:
    reply = str(paper.parent / "reply.json")
    crlf = "\ufeff" + DOC.replace("\n", "\r\n")
    result = revise("-", "--reply", reply, "--apply", stdin=crlf.encode("utf-8"))
    assert result.out == ("\ufeff" + FIXED.replace("\n", "\r\n")).encode("utf-8")
    latin = DOC.replace("real time", "temps réel")
    reply_latin = paper.parent / "reply-latin.json"
    reply_latin.write_text(
        json.dumps(
            {
                "edits": [
                    {
                        "original": "It run in temps réel.",
                        "issue": "x",
                        "versions": ["It runs in temps réel."],
                    }
                ]
            }
        )
    )
    result = revise("-", "--reply", str(reply_latin), "--apply", stdin=latin.encode("latin-1"))
    assert result.code == 0
    assert result.out == latin.replace("It run", "It runs").encode("latin-1")


def test_importing_the_cli_does_not_load_openai_or_pylatexenc() -> None:
    code = "import sys, revise.cli; print(sorted(m for m in ('openai', 'pylatexenc', 'harper') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _multi_file_paper(tmp_path: Path) -> Path:
    (tmp_path / "sections").mkdir()
    root = tmp_path / "main.tex"
    root.write_text(
        "\\documentclass{article}\n\\begin{document}\nThe introduction are short.\n\n"
        "\\input{sections/results}\n\\end{document}\n"
    )
    (tmp_path / "sections" / "results.tex").write_text("\\section{Results}\nOur results is good.\n")
    reply = {
        "edits": [
            {
                "original": "introduction are short",
                "issue": "agreement",
                "versions": ["introduction is short"],
            },
            {"original": "results is good", "issue": "agreement", "versions": ["results are good"]},
        ]
    }
    (tmp_path / "reply.json").write_text(json.dumps(reply))
    return root


def test_a_multi_file_paper_reports_each_file_with_its_own_lines(tmp_path: Path) -> None:
    root = _multi_file_paper(tmp_path)
    result = revise("main.tex", "--reply", "reply.json", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    edits = json.loads(result.out)["edits"]
    assert [(e["file"], e["line"], e["status"]) for e in edits] == [
        ("main.tex", 3, "ok"),
        ("sections/results.tex", 2, "ok"),
    ]
    section = (tmp_path / "sections" / "results.tex").read_text()
    assert section[edits[1]["start"] : edits[1]["end"]] == "results is good"
    assert root.read_text().count("are short") == 1


def test_in_place_writes_every_changed_file_of_a_multi_file_paper(tmp_path: Path) -> None:
    root = _multi_file_paper(tmp_path)
    before = root.read_text()
    result = revise("main.tex", "--reply", "reply.json", "--apply", "--in-place", cwd=tmp_path)
    assert result.code == 0, result.err
    assert root.read_text() == before.replace("are short", "is short")
    assert (
        tmp_path / "sections" / "results.tex"
    ).read_text() == "\\section{Results}\nOur results are good.\n"
    assert (tmp_path / "main.tex.bak").read_text() == before
    assert (tmp_path / "sections" / "results.tex.bak").exists()


def test_edits_in_an_input_file_cannot_go_to_one_output_stream(tmp_path: Path) -> None:
    root = _multi_file_paper(tmp_path)
    before = root.read_text()
    result = revise("main.tex", "--reply", "reply.json", "--apply", cwd=tmp_path)
    assert result.code == 2
    assert "--in-place" in result.err and "sections/results.tex" in result.err
    assert result.out == b""
    assert root.read_text() == before


def test_print_prompt_shows_what_would_be_sent_for_every_paragraph_without_sending(paper: Path) -> None:
    result = revise(str(paper), "--print-prompt", "--field", "orbital mechanics", "--versions", "2")
    assert result.code == 0, result.err
    text = result.out.decode()
    assert "orbital mechanics" in text and "2 alternative" in text
    assert "Our detector find most anomalies in the telemetry of [MATH1] satellites~[CITE1]." in text
    assert "The second paragraph is fine as it is." in text
    assert "\\cite{a}" not in text  # protected LaTeX stays behind its placeholder
