"""The server's protocol-free parts: UTF-16 positions, finding the root file, reading the editor's settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from revise.document import SourceFile
from revise.lsp.positions import UTF8, UTF16, UTF32, from_protocol, to_protocol
from revise.lsp.root import find_root, segment_paper
from revise.lsp.settings import ServerSettings, parse

TEXT = st.lists(st.sampled_from(["a", "é", "\U0001d465", "😀", "\n", "\r\n", "\r", " "]), max_size=30).map(
    "".join
)


@settings(max_examples=60)
@given(TEXT, st.data())
def test_a_position_goes_to_the_protocol_and_back_in_every_encoding(text: str, data: st.DataObject) -> None:
    source = SourceFile("t.tex", None, text)
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
        offset -= 1  # the middle of a CRLF is no position in the protocol
    for encoding in (UTF16, UTF8, UTF32):
        line, character = to_protocol(source, offset, encoding)
        assert from_protocol(source, line, character, encoding) == offset


def test_a_character_outside_the_bmp_is_two_utf16_units() -> None:
    source = SourceFile("t.tex", None, "x\n\U0001d465 a error")
    offset = source.text.index("a error")
    assert to_protocol(source, offset) == (1, 3)
    assert to_protocol(source, offset, UTF32) == (1, 2)
    assert to_protocol(source, offset, UTF8) == (1, 5)
    assert from_protocol(source, 1, 99) == len(source.text)  # past the end of a line: its end


MAIN = "\\documentclass{article}\n\\title{Orbits}\n\\begin{document}\n\\input{sec/intro}\n\\end{document}\n"


def test_the_root_is_the_nearest_file_that_inputs_the_buffer(tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text(MAIN)
    (tmp_path / "other.tex").write_text("\\begin{document}\nNo inputs.\n\\end{document}\n")
    (tmp_path / "sec").mkdir()
    intro = tmp_path / "sec" / "intro.tex"
    intro.write_text("We has results.\n")
    assert find_root(intro, intro.read_text(), {}) == tmp_path / "main.tex"
    # Unsaved text in the editor wins over the disk, and the paper's title is known.
    held = "We have unsaved results.\n"
    segmentation, buffer = segment_paper(intro, held, {str(intro.resolve()): held})
    assert segmentation.title == "Orbits"
    assert buffer.text == held and buffer.path == intro


def test_a_tex_root_line_names_the_root(tmp_path: Path) -> None:
    (tmp_path / "thesis.tex").write_text(MAIN.replace("sec/intro", "chapter"))
    chapter = tmp_path / "chapter.tex"
    chapter.write_text("% !TEX root = thesis.tex\nWe has results.\n")
    assert find_root(chapter, chapter.read_text(), {}) == (tmp_path / "thesis.tex").resolve()


def test_a_file_with_its_own_document_is_its_own_root(tmp_path: Path) -> None:
    paper = tmp_path / "paper.tex"
    paper.write_text("\\begin{document}\nText.\n\\end{document}\n")
    assert find_root(paper, paper.read_text(), {}) == paper


def test_the_server_follows_input_only_inside_the_paper_folder_as_the_cli_does(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "notes.tex").write_text("Private notes that must stay home.\n")
    paper = tmp_path / "paper"
    paper.mkdir()
    (paper / "intro.tex").write_text("The intro is here.\n")
    text = "\\begin{document}\n\\input{intro}\n\n\\input{../outside/notes}\n\\end{document}\n"
    (paper / "main.tex").write_text(text)
    segmentation, _ = segment_paper(paper / "main.tex", text, {})
    assert [f.name for f in segmentation.files] == ["main.tex", "intro.tex"]
    assert not any("Private" in p.text for p in segmentation.paragraphs)
    assert any("outside the paper's folder" in w for w in segmentation.warnings)


def test_settings_read_camel_case_and_drop_unusable_values() -> None:
    found, problems = parse(
        {
            "field": "orbits",
            "minConfidence": "high",
            "disable": "AnA",
            "debounce": 250,
            "engine": "gpt",
            "versions": 0,
        }
    )
    assert found == ServerSettings(field="orbits", min_confidence="high", disable=("AnA",), debounce=0.25)
    assert len(problems) == 2
    assert parse(None) == (ServerSettings(), [])


def test_revise_help_does_not_load_the_language_server() -> None:
    code = "import sys\nfrom revise.cli import _main\n_main(['--help'])\nprint('pygls' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().endswith("False"), done.stdout + done.stderr


def test_lsp_refuses_unknown_options_with_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "revise", "lsp", "--tcp"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "--stdio" in done.stderr and "Traceback" not in done.stderr
