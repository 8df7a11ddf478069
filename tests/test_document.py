"""Reading and writing source files: encodings, BOM, newline style, positions, atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from revise import document
from revise.errors import InputError


@pytest.mark.parametrize(
    ("data", "encoding", "bom", "newline"),
    [
        (b"Plain text.\n", "utf-8", False, "\n"),
        (b"\xef\xbb\xbfWith a BOM.\n", "utf-8", True, "\n"),
        (b"Windows lines.\r\nSecond.\r\n", "utf-8", False, "\r\n"),
        (b"Old Mac.\rSecond.\r", "utf-8", False, "\r"),
        ("Caf\u00e9 au lait.\n".encode("latin-1"), "cp1252", False, "\n"),
        (b"\\usepackage[latin1]{inputenc}\nCaf\xe9.\n", "latin-1", False, "\n"),
        (
            b"\\usepackage[T1]{fontenc}\\usepackage[ansinew]{inputenc}\nCaf\xe9 \x93q\x94.\n",
            "cp1252",
            False,
            "\n",
        ),
    ],
)
def test_decode_remembers_encoding_bom_and_newline(
    data: bytes, encoding: str, bom: bool, newline: str
) -> None:
    source, _ = document.decode(data, "t.tex")
    assert (source.encoding, source.bom, source.newline) == (encoding, bom, newline)
    assert not source.text.startswith("\ufeff")
    assert source.encode() == data


def test_undecodable_utf8_falls_back_with_a_notice_naming_the_line() -> None:
    source, notices = document.decode(b"line one\nline two caf\xe9\n", "t.tex")
    assert source.text.endswith("caf\u00e9\n")
    assert notices == ["t.tex:2: not valid UTF-8; read as cp1252"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "t.tex: the file is empty"),
        (b"  \n\n\t", "t.tex: the file is empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "t.tex: this looks like a binary file, not LaTeX"),
        (bytes(range(1, 32)) * 20, "t.tex: this looks like a binary file, not LaTeX"),
    ],
)
def test_empty_or_binary_input_is_a_one_line_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        document.decode(data, "t.tex")
    assert str(err.value) == message


def test_positions_are_one_based_and_count_code_points() -> None:
    source, _ = document.decode("αβ\r\nγ\n\nδε".encode(), "t.tex")
    assert source.position(0) == (1, 1)
    assert source.position(1) == (1, 2)
    assert source.position(4) == (2, 1)
    assert source.position(len(source.text)) == (4, 3)
    assert source.line_text(1) == "αβ"
    with pytest.raises(ValueError):
        source.position(len(source.text) + 1)


def test_atomic_write_replaces_content_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "paper.tex"
    path.write_text("old")
    os.chmod(path, 0o640)
    document.atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["paper.tex"]


def test_atomic_write_leaves_no_temp_file_and_the_old_content_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "paper.tex"
    path.write_text("old")

    with pytest.raises(TypeError):
        document.atomic_write(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["paper.tex"]


def test_unchanged_on_disk_notices_a_concurrent_change(tmp_path: Path) -> None:
    path = tmp_path / "paper.tex"
    path.write_text("v1\n")
    source, _ = document.read(path)
    assert document.unchanged_on_disk(source)
    path.write_text("v2\n")
    assert not document.unchanged_on_disk(source)


def test_read_reports_missing_files_and_folders_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        document.read(tmp_path / "nope.tex")
    with pytest.raises(InputError, match="is a directory"):
        document.read(tmp_path)
