"""Lint views copied in runs: every copied character maps back to itself in the masked text, on real papers."""

from __future__ import annotations

from pathlib import Path

import pytest

from revise import document
from revise.engines import view
from revise.latex.segment import segment

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "papers"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "conclusion.tex"


def papers() -> list[Path]:
    return [EXAMPLE, *sorted(CORPUS.glob("*/**/*.tex"))[:12]] if CORPUS.is_dir() else [EXAMPLE]


@pytest.mark.parametrize("path", papers(), ids=lambda p: p.name)
def test_copied_characters_map_back_and_stand_ins_have_no_origin(path: Path) -> None:
    for p in segment(document.read(path)[0]).paragraphs:
        built = view.build(p.masked)
        assert len(built.origin) == len(built.text)
        copied = [(i, at) for i, at in enumerate(built.origin) if at >= 0]
        assert all(built.text[i] == p.masked.text[at] for i, at in copied)
        assert [at for _, at in copied] == sorted({at for _, at in copied})  # in order, each once


def test_a_plain_run_next_to_specials_is_copied_whole() -> None:
    masked = (
        segment(document.SourceFile("t.tex", None, "A run -- of `quoted' text~here.\n")).paragraphs[0].masked
    )
    built = view.build(masked)
    assert built.text == "A run – of 'quoted' text here."
