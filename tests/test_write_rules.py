"""Writes stay where they belong: ``\\input`` outside the paper's folder is not followed unless allowed;
``--in-place`` writes all or none, refuses read-only files, writes through symlinks and never overwrites a
backup; ``--output`` to a folder is one line; no temp file is left behind."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from revise import apply, document
from revise.cli import _main

ROOT = "\\documentclass{article}\n\\begin{document}\nRoot text has a error.\n\n\\input{%s}\n\\end{document}\n"
CHILD = "Child text has a error too.\n"


def _paper(tmp_path: Path, child: str = "child") -> Path:
    paper = tmp_path / "paper"
    paper.mkdir()
    (paper / "p.tex").write_text(ROOT % child)
    (paper / "child.tex").write_text(CHILD)
    reply = {
        "edits": [
            {"original": "Root text has a error", "issue": "article", "versions": ["Root text has an error"]},
            {
                "original": "Child text has a error",
                "issue": "article",
                "versions": ["Child text has an error"],
            },
        ]
    }
    (tmp_path / "reply.json").write_text(json.dumps(reply))
    return paper / "p.tex"


def _in_place(root: Path, *extra: str) -> int:
    return _main(
        [str(root), "--reply", str(root.parent.parent / "reply.json"), "--apply", "--in-place", "-q", *extra]
    )


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*.revise-tmp")]


def test_an_input_outside_the_papers_folder_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.tex").write_text("Secret notes has a error.\n")
    root = _paper(tmp_path, "../outside/notes")
    assert _main([str(root), "--inspect", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    texts = [p["text"] for p in json.loads(out)["paragraphs"]]
    assert not any("Secret" in t for t in texts)
    assert "outside the paper's folder" in err and "--allow-outside" in err
    assert _main([str(root), "--inspect", "--format", "json", "--allow-outside"]) == 0
    assert any("Secret" in p["text"] for p in json.loads(capsys.readouterr().out)["paragraphs"])


def test_an_absolute_input_outside_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "abs.tex").write_text("Absolute text.\n")
    root = _paper(tmp_path, str(tmp_path / "abs"))
    assert _main([str(root), "--inspect", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert not any("Absolute" in p["text"] for p in json.loads(out)["paragraphs"])
    assert "not followed" in err


def test_in_place_on_a_multi_file_paper_checks_every_target_first(tmp_path: Path) -> None:
    root = _paper(tmp_path)
    child = root.parent / "child.tex"
    child.chmod(0o444)
    assert _in_place(root) == 1
    assert root.read_text() == ROOT % "child"  # the writable file was not written either
    assert child.read_text() == CHILD
    assert not (root.parent / "p.tex.bak").exists()
    assert _leftovers(tmp_path) == []


def test_a_write_that_fails_midway_puts_the_written_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _paper(tmp_path)
    real = document.atomic_write
    calls: list[Path] = []

    def failing_second_target(path: Path, data: bytes, *, mode: int | None = None) -> None:
        calls.append(path)
        if path.name == "child.tex" and calls.count(path) == 1:
            raise OSError(28, "No space left on device", str(path))
        real(path, data, mode=mode)

    monkeypatch.setattr(apply.document, "atomic_write", failing_second_target)
    assert _in_place(root, "--no-backup") == 1
    assert root.read_text() == ROOT % "child"
    assert (root.parent / "child.tex").read_text() == CHILD


def test_a_symlink_is_written_through_and_stays_a_symlink(tmp_path: Path) -> None:
    root = _paper(tmp_path)
    real = root.parent / "real.tex"
    real.write_text(root.read_text())
    root.unlink()
    root.symlink_to("real.tex")
    assert _in_place(root) == 0
    assert root.is_symlink()
    assert "Root text has an error" in real.read_text()


def test_backups_keep_the_mode_and_are_never_overwritten(tmp_path: Path) -> None:
    root = _paper(tmp_path)
    root.chmod(0o640)
    assert _in_place(root) == 0
    first = root.parent / "p.tex.bak"
    assert stat.S_IMODE(first.stat().st_mode) == 0o640
    assert first.read_text() == ROOT % "child"
    # A second run (edited by hand back to the error) backs up to .bak.1; the pristine original stays.
    root.write_text(ROOT.replace("a error", "one error") % "child")
    (tmp_path / "reply.json").write_text(
        json.dumps({"edits": [{"original": "one error", "issue": "x", "versions": ["an error"]}]})
    )
    assert _in_place(root) == 0
    assert first.read_text() == ROOT % "child"
    assert (root.parent / "p.tex.bak.1").read_text() == ROOT.replace("a error", "one error") % "child"
    assert stat.S_IMODE(root.stat().st_mode) == 0o640


def _root_only(tmp_path: Path) -> Path:
    root = _paper(tmp_path)
    edit = {"original": "Root text has a error", "issue": "article", "versions": ["Root text has an error"]}
    (tmp_path / "reply.json").write_text(json.dumps({"edits": [edit]}))
    return root


def test_output_to_a_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _root_only(tmp_path)
    code = _main([str(root), "--reply", str(tmp_path / "reply.json"), "--apply", "--output", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines() == [f"revise: {tmp_path}: is a directory; --output needs a file name"]


def test_a_new_output_file_gets_the_usual_mode_not_a_temp_files(tmp_path: Path) -> None:
    root = _root_only(tmp_path)
    out = tmp_path / "out.tex"
    assert (
        _main([str(root), "--reply", str(tmp_path / "reply.json"), "--apply", "--output", str(out), "-q"])
        == 0
    )
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert _leftovers(tmp_path) == []
