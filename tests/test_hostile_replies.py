"""Hostile replies: a reviewer that tries to make the paper run TeX code is refused, judged where the version
lands (glued to a placeholder, completing a word cut mid-way, or through any primitive a denylist forgets);
prose formatting and the paper's own text macros still pass. Where pdflatex is installed, a compile with shell
escape off shows that what is applied changes the PDF's text by the edit alone."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from revise.cli import _main

DOC = (
    "\\documentclass{article}\n"
    "\\newcommand{\\method}{\\textsc{Foo}\\xspace}\n"
    "\\newcommand{\\evil}{\\input{secret}}\n"
    "\\begin{document}\n"
    "\\section{Results}\\label{tab:one}\n"
    "The results are in Table~\\ref{tab:one} that we show. We describe the input format here.\n"
    "\n"
    "Our detector find most anomalies in the telemetry.\n"
    "\\end{document}\n"
)


def _run(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], *edits: tuple[str, str]) -> list[dict]:
    (tmp_path / "p.tex").write_text(DOC)
    reply = {"edits": [{"original": q, "issue": "hostile", "versions": [v]} for q, v in edits]}
    (tmp_path / "reply.json").write_text(json.dumps(reply))
    code = _main([str(tmp_path / "p.tex"), "--reply", str(tmp_path / "reply.json"), "--format", "json", "-q"])
    assert code == 0
    edits_out: list[dict] = json.loads(capsysbinary.readouterr().out)["edits"]
    # Whatever the report says, applying everything must leave the file as it was.
    assert _main([str(tmp_path / "p.tex"), "--reply", str(tmp_path / "reply.json"), "--apply", "-q"]) == 0
    assert capsysbinary.readouterr().out.decode() == DOC
    return edits_out


SPLICES = [
    # A command glued to a placeholder: checked alone, "\def" and "that" look like free text.
    ("Table~[REF1] that", "Table~\\def[REF1]that"),
    ("Table~[REF1] that", "Table~\\let[REF1]that"),
    ("Table~[REF1] that", "Table~\\input[REF1]that"),
    ("Table~[REF1] that", "Table~\\catcode[REF1]that"),
    ("Table~[REF1] that", "Table~\\usepackage[REF1]that"),
    ("Table~[REF1] that", "Table~\\end[REF1]that"),
    # A quote that ends mid-word, and a version that ends in a partial command: "\in" + "put" is "\input".
    ("We describe the in", "We describe the \\in"),
    ("We describe the inp", "We describe the \\inp"),
]


@pytest.mark.parametrize(("quote", "version"), SPLICES)
def test_a_version_that_forms_a_command_where_it_lands_is_refused(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], quote: str, version: str
) -> None:
    (edit,) = _run(tmp_path, capsysbinary, (quote, version))
    assert edit["status"] in ("unsafe", "unanchored"), edit


GAPS = [
    "\\InputIfFileExists{secret}{}{}",
    "\\UseName{input}{secret}",
    "\\lstinputlisting{secret}",
    "\\verbatiminput{secret}",
    "\\import{./}{secret}",
    "\\subfile{secret}",
    "\\includegraphics{secret}",
    "\\href{file:secret.txt}{notes}",
    "\\enddocument",
    "\\stop",
    "\\iffalse",
    "\\everypar{x}",
    "\\output{x}",
    "\\csdef{x}{y}",
    "\\ExplSyntaxOn \\use:c{input}",
    "^^5cinput{secret}",
    "\\csname input\\endcsname{secret}",
    "\\expandafter\\x",
    "\\evil",
    "\\begin{verbatim}",
    "\\(x\\)",
    "\\fi",
]


@pytest.mark.parametrize("attack", GAPS)
def test_no_primitive_a_denylist_forgot_gets_through(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], attack: str
) -> None:
    (edit,) = _run(tmp_path, capsysbinary, ("detector find most", f"detector finds {attack} most"))
    assert edit["status"] == "unsafe", edit


PROSE = [
    ("detector find most", "detector \\emph{finds} most", "detector \\emph{finds} most"),
    ("detector find most", "detector finds \\textbf{most}", "detector finds \\textbf{most}"),
    ("detector find most", "detector (\\method) finds most", "detector (\\method) finds most"),
    ("detector find most", "detector finds~10\\,\\% of most", "detector finds~10\\,\\% of most"),
    ("detector find most", "d\\'etecteur finds most", "d\\'etecteur finds most"),
    ("detector find most", "detector finds---most", "detector finds---most"),
]


@pytest.mark.parametrize(("quote", "version", "written"), PROSE)
def test_prose_formatting_and_the_papers_text_macros_pass(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], quote: str, version: str, written: str
) -> None:
    (tmp_path / "p.tex").write_text(DOC)
    (tmp_path / "reply.json").write_text(
        json.dumps({"edits": [{"original": quote, "issue": "style", "versions": [version]}]})
    )
    assert _main([str(tmp_path / "p.tex"), "--reply", str(tmp_path / "reply.json"), "--apply", "-q"]) == 0
    assert capsysbinary.readouterr().out.decode() == DOC.replace(quote, written)


@pytest.mark.parametrize("char", ["\x00", "\x1b]52;c;aGk=\x07", "\x1b[8m", "\x7f", "\x9b"])
def test_a_version_with_a_control_character_is_refused(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], char: str
) -> None:
    (edit,) = _run(tmp_path, capsysbinary, ("detector find most", f"detector finds{char} most"))
    assert edit["status"] == "unsafe"
    assert "control character" in edit["reason"]


def _compile(folder: Path, source: str) -> tuple[str, set[str]]:
    """pdflatex with shell escape off: the PDF's text (where pdftotext exists) and the files TeX read."""
    (folder / "c.tex").write_text(source)
    (folder / "secret.tex").write_text("SECRETCONTENT")
    subprocess.run(
        ["pdflatex", "-no-shell-escape", "-recorder", "-interaction=nonstopmode", "-halt-on-error", "c.tex"],
        cwd=folder,
        capture_output=True,
        timeout=120,
        check=False,
    )
    fls = folder / "c.fls"
    read = {line.split(" ", 1)[1] for line in fls.read_text().splitlines() if line.startswith("INPUT ")}
    names = {Path(r).name for r in read}
    text = ""
    pdf = folder / "c.pdf"
    if pdf.exists() and shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, timeout=60, check=False)
        text = " ".join(out.stdout.decode("utf-8", "replace").split())
    return text, names


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_what_is_applied_changes_the_pdf_by_the_edit_alone(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    plain = DOC.replace("\\newcommand{\\method}{\\textsc{Foo}\\xspace}\n", "")
    (tmp_path / "p.tex").write_text(plain)
    attacks = [*SPLICES, *(("detector find most", f"detector finds {a} most") for a in GAPS)]
    attacks.append(("telemetry.", "telemetry, as intended."))
    reply = {"edits": [{"original": q, "issue": "x", "versions": [v]} for q, v in attacks]}
    (tmp_path / "reply.json").write_text(json.dumps(reply))
    assert _main([str(tmp_path / "p.tex"), "--reply", str(tmp_path / "reply.json"), "--apply", "-q"]) == 0
    revised = capsysbinary.readouterr().out.decode()
    assert revised == plain.replace("telemetry.", "telemetry, as intended.")
    folders = [tmp_path / name for name in ("before", "after", "control")]
    for folder in folders:
        folder.mkdir()
    expected, _ = _compile(folders[0], plain)
    got, read = _compile(folders[1], revised)
    # The control shows the check can fail: an attack that got through would have TeX read secret.tex.
    _, read_by_attack = _compile(folders[2], plain.replace("find most", "find \\input{secret} most"))
    assert "secret.tex" in read_by_attack
    assert "secret.tex" not in read
    assert got == expected.replace("telemetry.", "telemetry, as intended.")


@pytest.mark.parametrize("fmt", ["terminal", "gnu"])
def test_control_characters_from_a_reply_are_escaped_in_every_terminal_view(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], fmt: str
) -> None:
    hidden = "\x1b[8mhidden\x1b[0m \x1b]52;c;aGk=\x07 \u202eevil"
    edits = [
        {
            "original": "detector find most",
            "issue": f"agreement {hidden}",
            "versions": ["detector finds most"],
        },
        {"original": f"nowhere {hidden}", "issue": "x", "versions": ["y"]},
    ]
    (tmp_path / "p.tex").write_text(DOC)
    (tmp_path / "reply.json").write_text(json.dumps({"edits": edits}))
    code = _main([str(tmp_path / "p.tex"), "--reply", str(tmp_path / "reply.json"), "--format", fmt, "-q"])
    assert code == 0
    out = capsysbinary.readouterr().out.decode()
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b[8mhidden" in out and "\\u202e" in out
