"""Hostile LaTeX stays bounded and honest: text a confused walk reaches twice is one paragraph, a paragraph
past the offline engine's parallel threshold is linted, and the guard's bounded window around an edit reads
its neighbours as TeX does."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revise.cli import _main
from revise.document import SourceFile
from revise.engines.offline import PARALLEL_FROM
from revise.inplace import paper_macros
from revise.latex.segment import segment


def test_an_unclosed_environment_never_makes_two_paragraphs_of_one_span() -> None:
    text = (
        "\\documentclass{article}\n\\begin{document}\nIntro text.\n\\begin{quote}\nQuoted text.\n\n"
        "More quoted text.\n\\end{document}\n"
    )
    seg = segment(SourceFile("q.tex", None, text))
    spans = [(p.start, p.end) for p in seg.paragraphs]
    assert len(spans) == len(set(spans))
    assert [text[s:e] for s, e in spans].count("More quoted text.") == 1
    assert any("never closed" in w for w in seg.warnings)


def test_a_footnote_nested_in_its_paragraph_is_still_its_own_segment() -> None:
    text = "Main text\\footnote{A note here.} goes on.\n"
    kinds = [p.kind for p in segment(SourceFile("f.tex", None, text)).paragraphs]
    assert kinds.count("footnote") == 1


def test_one_paragraph_past_the_parallel_threshold_is_linted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sentence = "This is a example of the text that we write. "
    body = sentence * (PARALLEL_FROM // len(sentence) + 20)
    (tmp_path / "long.tex").write_text(
        f"\\documentclass{{article}}\n\\begin{{document}}\n{body}\n\\end{{document}}\n"
    )
    assert _main([str(tmp_path / "long.tex"), "--engine", "offline", "--format", "json", "-q"]) == 0
    edits = json.loads(capsys.readouterr().out)["edits"]
    assert sum(e["original"] == "a" for e in edits) > 100  # "a example" flagged all along the paragraph


def test_text_macros_are_those_built_from_prose_only() -> None:
    preamble = (
        "\\newcommand{\\method}{\\textsc{Foo}\\xspace}\n"
        "\\newcommand\\ours{\\method{} (ours)}\n"
        "\\def\\eg{e.g.\\@\\xspace}\n"
        "\\newcommand{\\leak}{\\input{secret}}\n"
        "\\newcommand{\\viaLeak}{\\leak}\n"
        "\\newcommand{\\input}{harmless}\n"
    )
    assert paper_macros([preamble]) == {"method", "ours", "eg"}


def test_the_window_around_an_edit_never_starts_inside_an_escape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "\%" about 200 characters before the edit: a window cut between "\" and "%" would read a comment and
    # refuse (or worse, overlook) the edit.
    for gap in range(190, 211):
        filler = ("word " * 50)[:gap]
        text = f"\\documentclass{{article}}\n\\begin{{document}}\nUp 5\\%{filler}we has done it.\n\\end{{document}}\n"
        (tmp_path / "w.tex").write_text(text)
        reply = {
            "edits": [{"original": "we has done", "issue": "agreement", "versions": ["we have \\emph{done}"]}]
        }
        (tmp_path / "r.json").write_text(json.dumps(reply))
        assert _main([str(tmp_path / "w.tex"), "--reply", str(tmp_path / "r.json"), "--apply", "-q"]) == 0
        assert capsys.readouterr().out == text.replace("we has done", "we have \\emph{done}"), gap


def test_a_word_thousands_of_characters_long_is_not_spell_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 4,400 unclosed "{" after a command became one 27,000-character word in the lint view, and Harper's
    # spelling suggestions on it took 10 GB; a run that long is never prose.
    body = "We has a error here \\cite{s" + "{" * 4400 + " and more.\n\nThis are fine."
    (tmp_path / "b.tex").write_text(
        f"\\documentclass{{article}}\n\\begin{{document}}\n{body}\n\\end{{document}}\n"
    )
    assert _main([str(tmp_path / "b.tex"), "--engine", "offline", "--format", "json", "-q"]) == 0
    edits = json.loads(capsys.readouterr().out)["edits"]
    assert any(e["original"] in ("has", "We has", "a") for e in edits)


def test_a_window_that_ends_on_a_backslash_is_read_without_error() -> None:
    from revise.inplace import check_in_place

    check_in_place("Up ", "we have", " done \\", "we has", frozenset())


_TEX = "ab \\{}$%^~#&_@\n[]"


@settings(max_examples=300, deadline=None)
@given(
    st.text(_TEX, max_size=30),
    st.text(_TEX, max_size=30),
    st.text(_TEX, max_size=30),
    st.text(_TEX, max_size=30),
)
def test_the_in_place_reading_accepts_or_refuses_but_never_fails(
    before: str, version: str, after: str, original: str
) -> None:
    from revise.inplace import Unsafe, check_in_place

    with contextlib.suppress(Unsafe):
        check_in_place(before, version, after, original, frozenset())
    # Whatever the text, putting the original back is never refused.
    check_in_place(before, original, after, original, frozenset())
