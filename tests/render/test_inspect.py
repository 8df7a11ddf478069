"""``--inspect`` output: the contract's JSON keys and a readable listing."""

from __future__ import annotations

import json

from revise.document import SourceFile
from revise.latex.segment import segment
from revise.render.inspect import render_inspect

SOURCE = "\\section{Intro}\nWe show $x$.\\label{a}\n\nBroken $ here.\n"


def test_json_has_contract_keys_and_exact_text() -> None:
    seg = segment(SourceFile("p.tex", None, SOURCE))
    data = json.loads(render_inspect(seg, seg.paragraphs, "json"))
    first = data["paragraphs"][0]
    assert {"index", "file", "start", "end", "line", "text", "masked"} <= set(first)
    assert first["text"] == SOURCE[first["start"] : first["end"]] == "We show $x$."
    assert first["masked"] == "We show [MATH1]."
    assert first["line"] == 2 and first["section"] == "Intro"
    assert first["placeholders"][0] == {
        "token": "[MATH1]",
        "kind": "MATH",
        "start": 24,
        "end": 27,
        "original": "$x$",
    }
    assert data["warnings"] == ["p.tex:4: '$' opens math that does not close before a blank line"]


def test_terminal_listing_shows_masked_text_placeholders_and_warnings() -> None:
    seg = segment(SourceFile("p.tex", None, SOURCE))
    out = render_inspect(seg, seg.paragraphs, "terminal")
    assert "== 1 Intro" in out  # the number --section accepts
    assert "[0] p.tex:2 text" in out
    assert "    We show [MATH1]." in out
    assert "[MATH1] = $x$" in out
    assert "warnings:\n  p.tex:4:" in out
