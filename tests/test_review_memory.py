"""Skips remembered per paper and sentence, listed and forgotten; -q where a file is written; patch paths."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from edit_factory import edit, paragraph

from revise.command import execute
from revise.decisions import forget, hide_remembered, paper_name, remember_rejected, skipped
from revise.options import Options, Streams


def test_a_skip_in_one_paper_hides_nothing_in_another() -> None:
    tie = paragraph("See Table 2 for the results.", name="paper.tex")
    remember_rejected([edit(tie, "Table 2", "Table~2")], paper="/papers/a.tex")
    same = [edit(tie, "Table 2", "Table~2")]
    assert hide_remembered(same, paper="/papers/a.tex") == ([], 1)
    assert hide_remembered(same, paper="/thesis/main.tex") == (same, 0)


def test_a_skip_is_kept_to_its_sentence_in_the_paper() -> None:
    first = paragraph("See Table 2 here. Later, Table 2 again.")
    remember_rejected([edit(first, "Table 2", "Table~2")], paper="p")
    other_sentence = edit(first, "Table 2", "Table~2", occurrence=1)
    assert hide_remembered([other_sentence], paper="p") == ([other_sentence], 0)
    # Re-wrapping the sentence, or editing another sentence of the paragraph, keeps the skip.
    rewrapped = paragraph("New opening words.  See Table 2\nhere. Later, Table 2 again.")
    assert hide_remembered([edit(rewrapped, "Table 2", "Table~2")], paper="p") == ([], 1)


def _run(tmp_path: Path, path: str, **options: object) -> tuple[int, str]:
    out = io.BytesIO()
    code = execute(Options(path, **options), Streams(io.BytesIO(), out, io.StringIO()))  # type: ignore[arg-type]
    return code, out.getvalue().decode()


def test_skipped_lists_and_forget_clears_one_papers_skips(tmp_path: Path) -> None:
    doc = tmp_path / "doc.tex"
    doc.write_text("We has results.\n")
    para = paragraph("We has results.", name=str(doc))
    remember_rejected([edit(para, "has", "have", "had")], paper=paper_name(doc, str(doc)))
    remember_rejected([edit(para, "has", "have")], paper="/elsewhere/other.tex")
    code, listed = _run(tmp_path, str(doc), skipped=True)
    assert code == 0
    assert listed.splitlines() == [
        f"2 skipped edit(s) remembered for {doc}",
        "  'has' → 'had'  in “We has results.”",
        "  'has' → 'have'  in “We has results.”",
    ]
    code, said = _run(tmp_path, str(doc), forget=True)
    assert said == f"revise: forgot 2 skipped edit(s) of {doc}\n"
    assert skipped(paper_name(doc, str(doc))) == []
    assert len(skipped("/elsewhere/other.tex")) == 1  # another paper's skips stay
    assert forget("/elsewhere/other.tex") == 1


def test_quiet_silences_the_report_wherever_a_file_is_written(tmp_path: Path) -> None:
    doc = tmp_path / "doc.tex"
    doc.write_text("We has results.\n")
    reply = tmp_path / "reply.json"
    reply.write_text(json.dumps({"edits": [{"original": "We has", "issue": "x", "versions": ["We have"]}]}))
    for where in ({"in_place": True}, {"output": str(tmp_path / "out.tex")}):
        code, printed = _run(tmp_path, str(doc), reply=str(reply), apply=True, quiet=True, **where)
        assert code == 0 and printed == ""
    assert doc.read_text() == (tmp_path / "out.tex").read_text() == "We have results.\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_patch_paths_are_relative_to_the_work_tree_root(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    folder = tmp_path / "paper" / "sections"
    folder.mkdir(parents=True)
    (folder / "intro.tex").write_text("We has results.\n")
    reply = tmp_path / "reply.json"
    reply.write_text(json.dumps({"edits": [{"original": "We has", "issue": "x", "versions": ["We have"]}]}))
    patch = subprocess.run(
        [sys.executable, "-m", "revise", "intro.tex", "--reply", str(reply), "--format", "patch"],
        cwd=folder,
        capture_output=True,
        check=True,
    ).stdout
    assert patch.startswith(b"--- a/paper/sections/intro.tex\n+++ b/paper/sections/intro.tex\n")
    subprocess.run(["git", "apply", "--check", "-"], input=patch, cwd=tmp_path, check=True)
    subprocess.run(["git", "apply", "-"], input=patch, cwd=tmp_path, check=True)
    assert (folder / "intro.tex").read_text() == "We have results.\n"
