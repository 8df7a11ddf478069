"""The LaTeX-aware tokenizer: tokens tile the text; commands with arguments, math, comments are whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revise.tokens import tokenize, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            r"see \cite[p.~3]{a,b}.",
            [("word", "see"), ("space", " "), ("command", r"\cite[p.~3]{a,b}"), ("punct", ".")],
        ),
        (r"\emph{two words}", [("command", r"\emph{two words}")]),
        ("$a + b$ x", [("math", "$a + b$"), ("space", " "), ("word", "x")]),
        ("$$a$$", [("math", "$$a$$")]),
        (r"\(a\)\[b\]", [("math", r"\(a\)"), ("math", r"\[b\]")]),
        (r"\begin{align*}a &= b\end{align*}", [("math", r"\begin{align*}a &= b\end{align*}")]),
        ("50% rest\nnext", [("word", "50"), ("comment", "% rest"), ("space", "\n"), ("word", "next")]),
        ("a % c\r\nb", [("word", "a"), ("space", " "), ("comment", "% c"), ("space", "\r\n"), ("word", "b")]),
        (
            r"\% and \\[2pt]",
            [("command", r"\%"), ("space", " "), ("word", "and"), ("space", " "), ("command", r"\\[2pt]")],
        ),
        ("{a b} $5", [("group", "{a b}"), ("space", " "), ("punct", "$"), ("word", "5")]),
        (
            r"\verb|a b| \foo{",
            [("command", r"\verb|a b|"), ("space", " "), ("command", r"\foo"), ("punct", "{")],
        ),
        ("x [MATH1]", [("word", "x"), ("space", " "), ("punct", "["), ("word", "MATH1"), ("punct", "]")]),
    ],
)
def test_tokenize_keeps_latex_units_whole(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.kind, t.text) for t in tokenize(text)] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab \n\t\r\\{}[]$%&_^~.,", "\\emph", "\\cite{", "é"])).map("".join))
def test_tokens_tile_the_text_with_exact_offsets(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    cursor = 0
    for t in tokens:
        assert t.start == cursor and text[t.start : t.end] == t.text and t.end > t.start
        cursor = t.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab \n\\{}$%.", "\\emph{x y}"])).map("".join))
def test_words_rebuild_the_text(text: str) -> None:
    lead, chunks, gaps, trail = words(text)
    assert len(gaps) == max(len(chunks) - 1, 0)
    rebuilt = lead + "".join(c + g for c, g in zip(chunks, [*gaps, ""][: len(chunks)], strict=True)) + trail
    assert rebuilt == text
    # A chunk may end in a control space (backslash-space) but never starts with whitespace.
    assert all(not c[0].isspace() for c in chunks)
    assert all(g and g.isspace() for g in gaps)


def test_words_keep_space_inside_a_command_argument_in_one_chunk() -> None:
    assert words("  a \\emph{b c}.\n d ") == ("  ", ["a", "\\emph{b c}.", "d"], [" ", "\n "], " ")
