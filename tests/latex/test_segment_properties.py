"""Property tests: random and mutated LaTeX never crashes or hangs the segmenter, and coverage stays exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from revise.document import SourceFile
from revise.latex.segment import segment

PIECES = [
    "word ",
    "Text. ",
    "{",
    "}",
    "$",
    "$$",
    "\\",
    "%",
    "\n",
    "\n\n",
    "\r\n",
    "[",
    "]",
    "~",
    "\\%",
    "\\$",
    "\\cite{a}",
    "\\label{x}",
    "\\ref{y}",
    "\\emph{",
    "\\footnote{",
    "\\caption{",
    "\\url{a%20b}",
    "\\verb|",
    "\\begin{itemize}",
    "\\end{itemize}",
    "\\item ",
    "\\begin{equation}",
    "\\end{equation}",
    "\\begin{figure}",
    "\\end{figure}",
    "\\begin{lstlisting}",
    "\\end{lstlisting}",
    "\\section{S}",
    "\\input{f}",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "\\iffalse",
    "\\fi",
    "\\newcommand{\\q}[1]{#1}",
    "\\q",
    "\\begin{document}",
    "\\end{document}",
    "\\href{u}{t}",
    "\\unknown",
    "\\textcolor{red}{",  # issue 10: prose arguments, word-like macros, front matter
    "\\newcommand{\\ed}[1]{\\textcolor{red}{#1}}",
    "\\ed{",
    "\\showyourwork ",
    "\\ours{} ",
    "\\author[0000-0002-0296-3826]{A}",
    "\\todo{",
    "\\begin{",
    "\\end{",
]

DOCUMENT = (
    "\\documentclass{article}\n\\begin{document}\n\\section{Intro}\n"
    "We show $x$ in \\cite{k}.\\footnote{A note.}\n\n"
    "\\begin{itemize}\n\\item One \\emph{two}.\n\\end{itemize}\n\\begin{figure}\\caption{Cap.}\\end{figure}\n"
    "See \\url{a%20b} and \\ref{f}.\n\\end{document}\n"
)


def check(text: str) -> None:
    root = SourceFile("t.tex", None, text)
    result = segment(root, loader=lambda name, parent: (SourceFile("f.tex", None, "Inner $ text.\n"), []))
    indices = [p.index for p in result.paragraphs]
    assert indices == sorted(set(indices))
    for p in result.paragraphs:
        assert 0 <= p.start < p.end <= len(p.file.text)
        assert p.text == p.file.text[p.start : p.end]
        assert p.masked.unmask(p.masked.text) == p.text
        assert not p.text[0].isspace() and not p.text[-1].isspace()
        for ph in p.masked.placeholders:
            assert p.file.text[ph.start : ph.end] == ph.original
            assert p.masked.to_source(ph.masked_start) == ph.start
    for w in result.warnings:
        assert w.split(":")[0] in ("t.tex", "f.tex")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_random_latex_never_breaks_coverage(pieces: list[str]) -> None:
    check("".join(pieces))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(DOCUMENT)), st.sampled_from([*PIECES, ""])), max_size=6))
def test_mutated_paper_never_breaks_coverage(edits: list[tuple[int, str]]) -> None:
    text = DOCUMENT
    for where, piece in sorted(edits, reverse=True):
        text = text[:where] + piece + text[where + 1 :]
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab {}$\\%\n[]&~#^_", max_size=200))
def test_arbitrary_characters_never_break_coverage(text: str) -> None:
    check(text)
