"""Placeholder stand-ins in the lint-view: each reads as a word of its own, never glued, never a non-word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from revise.engines import view
from revise.latex.mask import Protected, mask

# (kind, source) of protected LaTeX as the segmenter masks it; several end in punctuation of their own.
PIECES = [
    ("MATH", "$x_t$"),
    ("MATH", "$a = b.$"),
    ("EQ", "\\begin{equation}\n  y = f(x).\n\\end{equation}"),
    ("EQ", "\\[ z, \\]"),
    ("NOTE", "\\footnote{A remark that ends in a stop.}"),
    ("CITE", "\\cite{key}"),
    ("CITE", "\\citet{key}"),
    ("REF", "\\ref{fig:a}"),
    ("EQREF", "\\eqref{eq:a}"),
    ("LABEL", "\\label{sec:a}"),
    ("URL", "\\url{https://example.org}"),
]
WORDS = ["signal", "currents", "the", "model", "an", "residuals", "data"]
STAND_INS = {"value", "item", "Smith", "Figure", "website"}
_WORD = re.compile(r"[A-Za-z]+")


@st.composite
def paragraphs(draw: st.DrawFn) -> tuple[str, list[Protected]]:
    """Prose words and protected pieces in any order; a piece may touch its neighbours, words never do."""
    parts: list[str] = []
    spans: list[Protected] = []
    at = 0
    previous_was_word = False
    for _ in range(draw(st.integers(1, 8))):
        is_piece = draw(st.booleans())
        gaps = ["", " ", ".", ". ", ", "] if is_piece or not previous_was_word else [" ", ". ", ", "]
        gap = draw(st.sampled_from(gaps)) if parts else ""
        at += len(gap)
        if is_piece:
            kind, piece = draw(st.sampled_from(PIECES))
            spans.append(Protected(at, at + len(piece), kind))
        else:
            piece = draw(st.sampled_from(WORDS))
        parts.append(gap + piece)
        at += len(piece)
        previous_was_word = not is_piece
    return "".join(parts), spans


@settings(max_examples=300)
@given(paragraphs())
def test_every_word_of_the_view_is_a_source_word_or_a_whole_stand_in(
    case: tuple[str, list[Protected]],
) -> None:
    latex, spans = case
    text = view.build(mask(latex, 0, spans)).text
    for word in _WORD.findall(text):
        assert word in WORDS or word in STAND_INS, (word, text)


@settings(max_examples=300)
@given(paragraphs())
def test_a_stand_in_never_doubles_the_punctuation_after_it(case: tuple[str, list[Protected]]) -> None:
    latex, spans = case
    text = view.build(mask(latex, 0, spans)).text
    # Only the prose itself may have doubled punctuation ("signal.\\footnote{…}.signal" does).
    prose = "".join(
        latex[a.end : b.start]
        for a, b in zip([Protected(0, 0, ""), *spans], [*spans, Protected(len(latex), 0, "")], strict=True)
    )
    if re.search(r"[.,;]\s*[.,;]", text):
        assert re.search(r"[.,;]\s*[.,;]", prose), (latex, text)


def test_a_footnote_before_the_full_stop_leaves_the_last_word_alone() -> None:
    latex = "such as the reaction wheel currents\\footnote{Reaction wheel currents spike.}. Second,"
    start = latex.index("\\footnote")
    end = latex.index("}.") + 1
    text = view.build(mask(latex, 0, [Protected(start, end, "NOTE")])).text
    assert text == "such as the reaction wheel currents. Second,"
