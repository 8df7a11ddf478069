"""Segmentation on small hand-written LaTeX: splitting, masking, damage control, includes, sections."""

from __future__ import annotations

import pytest

from revise.document import SourceFile
from revise.errors import LatexError
from revise.latex.segment import Paragraph, Segmentation, segment, select


def seg(text: str, files: dict[str, str] | None = None, name: str = "main.tex") -> Segmentation:
    table = files or {}

    def loader(wanted: str, parent: SourceFile) -> tuple[SourceFile, list[str]] | None:
        for candidate in (wanted, f"{wanted}.tex"):
            if candidate in table:
                return SourceFile(candidate, None, table[candidate]), []
        return None

    return segment(SourceFile(name, None, text), loader)


def masked(text: str) -> list[str]:
    return [p.masked.text for p in seg(text).paragraphs]


def check_exact(result: Segmentation) -> None:
    for p in result.paragraphs:
        assert p.text == p.file.text[p.start : p.end]
        assert p.masked.unmask(p.masked.text) == p.text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("One para.\n\nTwo para.", ["One para.", "Two para."]),
        ("Energy $E=mc^2$ holds.", ["Energy [MATH1] holds."]),
        ("See \\cite{a,b} and \\citep[p.~3]{c}.", ["See [CITE1] and [CITE2]."]),
        ("Fig.~\\ref{f} and Eq.~\\eqref{e}, \\cref{x}.", ["Fig.~[REF1] and Eq.~[REF2], [REF3]."]),
        ("Text \\emph{plain words} and \\textbf{bold}.", ["Text \\emph{plain words} and \\textbf{bold}."]),
        ("The \\LaTeX{} way, \\eg 5\\% more~text.", ["The \\LaTeX{} way, \\eg 5\\% more~text."]),
        ("Run \\texttt{make} or \\verb|a{b| now.", ["Run [CODE1] or [CODE2] now."]),
        ("Visit \\url{a%20b} today.\n\nNext.", ["Visit [URL1] today.", "Next."]),
        ("Visit \\href{http://x.org/%20}{our site} today.", ["Visit [URL1] today."]),
        ("Some text % a comment\nmore text.", ["Some text [COMMENT1]\nmore text."]),
        ("We use \\glspl{gpu} and \\gls{cpu}.", ["We use [TERMS1] and [TERM1]."]),
        ("About \\SI{3}{\\meter} long.", ["About [QTY1] long."]),
        ("Odd \\frobnicate{x}{y} here.", ["Odd [CMD1] here."]),
        (
            "Display\n\\begin{equation}\na=b\n\\end{equation}\nwhere $a$ is.",
            ["Display\n[EQ1]\nwhere [MATH1] is."],
        ),
        ("Also \\[ x \\] and \\( y \\).", ["Also [EQ1] and [MATH1]."]),
    ],
)
def test_masks_protected_latex_and_keeps_prose_visible(source: str, expected: list[str]) -> None:
    result = seg(source)
    check_exact(result)
    assert [p.masked.text for p in result.paragraphs] == expected


def test_paragraph_edges_are_trimmed_of_labels_comments_and_space() -> None:
    source = "\\section{A}\\label{s}\n  % lead\n  Words here.\\label{x} % tail\n\nNext."
    result = seg(source)
    first = result.paragraphs[0]
    assert first.text == "Words here."
    assert first.masked.placeholders == ()


def test_preamble_is_skipped_and_title_and_abstract_are_kept() -> None:
    source = (
        "\\documentclass{article}\n\\title{A {Good} Title}\nPreamble words.\n\\begin{document}\n"
        "\\begin{abstract}\nWe study $x$.\n\\end{abstract}\n"
        "\\section{Intro}\nBody text.\n\\end{document}\nAfter."
    )
    result = seg(source)
    assert [p.masked.text for p in result.paragraphs] == ["We study [MATH1].", "Body text."]
    assert [p.kind for p in result.paragraphs] == ["abstract", "text"]
    assert result.title == "A {Good} Title"
    assert result.abstract == "We study [MATH1]."


def test_footnote_is_a_placeholder_and_its_own_segment() -> None:
    result = seg("Main claim.\\footnote{See $x$ for more.} Rest.\n\nNext.")
    check_exact(result)
    assert [(p.kind, p.masked.text) for p in result.paragraphs] == [
        ("text", "Main claim.[NOTE1] Rest."),
        ("footnote", "See [MATH1] for more."),
        ("text", "Next."),
    ]
    assert [p.index for p in result.paragraphs] == [0, 1, 2]


def test_figure_body_is_skipped_but_caption_is_a_segment() -> None:
    source = (
        "Before.\n\\begin{figure}[t]\n\\centering\\includegraphics{a.png}\n"
        "\\caption{A plot of \\cite{k} data.}\\label{f}\n\\end{figure}\nAfter."
    )
    result = seg(source)
    assert [(p.kind, p.masked.text) for p in result.paragraphs] == [
        ("text", "Before."),
        ("caption", "A plot of [CITE1] data."),
        ("text", "After."),
    ]


def test_items_are_separate_paragraphs() -> None:
    source = "Intro:\n\\begin{itemize}\n\\item First point.\n\\item[b)] Second point.\n\\end{itemize}\nOutro."
    result = seg(source)
    assert [(p.kind, p.text) for p in result.paragraphs] == [
        ("text", "Intro:"),
        ("item", "First point."),
        ("item", "Second point."),
        ("text", "Outro."),
    ]


@pytest.mark.parametrize(
    "block",
    [
        "\\begin{lstlisting}\nx = {1: 2} % $\n\\end{lstlisting}",
        "\\begin{verbatim}\n\\section{No}\n\\end{verbatim}",
        "\\begin{tabular}{ll}\na & b\\\\\n\\end{tabular}",
        "\\begin{thebibliography}{9}\n\\bibitem{a} Some Book.\n\\end{thebibliography}",
        "\\iffalse\nHidden words.\n\\fi",
        "\\begin{otherlanguage}{ngerman}\nDie Verfahren werden verglichen.\n\\end{otherlanguage}",
        "\\begin{otherlanguage*}{french}\nLes m\\'ethodes sont compar\\'ees.\n\\end{otherlanguage*}",
    ],
)
def test_non_prose_blocks_are_skipped(block: str) -> None:
    result = seg(f"Before.\n\n{block}\n\nAfter.")
    assert [p.text for p in result.paragraphs] == ["Before.", "After."]
    assert result.sections == ()


def test_theorem_declared_by_newtheorem_is_prose() -> None:
    source = "\\newtheorem{conj}{Conjecture}\n\\begin{conj}[Big]\nIt holds.\n\\end{conj}"
    assert masked(source) == ["It holds."]


def test_newcommand_is_registered_with_its_argument_count() -> None:
    source = (
        "\\newcommand{\\pair}[2]{(#1,#2)}\nWe take \\pair{a}{b} here.\n"
        "\\newcommand\\name{Tool} and \\name{} too."
    )
    assert masked(source)[-1] == "We take [CMD1] here.\n[CMD2] and [TERM1] too."


def test_crlf_text_keeps_exact_offsets() -> None:
    source = "First line\r\nstill first.\r\n\r\nSecond $x$.\r\n"
    result = seg(source)
    check_exact(result)
    assert [p.text for p in result.paragraphs] == ["First line\r\nstill first.", "Second $x$."]
    assert result.paragraphs[1].line == 4


@pytest.mark.parametrize(
    ("source", "message", "survivor"),
    [
        ("Broken { brace here.\n\nLater paragraph is fine.", "unbalanced '{'", "Later paragraph is fine."),
        ("Cost $5 only.\n\nLater $x$ is fine.", "'$' opens math", "Later [MATH1] is fine."),
        ("\\begin{figure}\nNo end.\n\nLater paragraph.", "never closed", "Later paragraph."),
        ("Stray } brace.\n\nLater paragraph.", "unbalanced '}'", "Later paragraph."),
        ("Odd \\end{itemize} end.\n\nLater paragraph.", "without a matching", "Later paragraph."),
    ],
)
def test_damage_is_local_and_reported_with_file_and_line(source: str, message: str, survivor: str) -> None:
    result = seg(source)
    check_exact(result)
    assert any(w.startswith("main.tex:1: ") and message in w for w in result.warnings), result.warnings
    assert result.paragraphs[-1].masked.text == survivor


def test_unmatched_dollar_is_never_visible() -> None:
    result = seg("Price $5 only.")
    assert "$" not in result.paragraphs[0].masked.text


def test_input_files_are_followed_in_reading_order_with_their_own_offsets() -> None:
    files = {"sections/intro.tex": "\\section{Intro}\nIntro text $y$.\n\n\\input{missing}\n\nMore."}
    result = seg("Start.\n\n\\input{sections/intro}\n\nEnd.", files)
    check_exact(result)
    assert [(p.index, p.file.name, p.text) for p in result.paragraphs] == [
        (0, "main.tex", "Start."),
        (1, "sections/intro.tex", "Intro text $y$."),
        (2, "sections/intro.tex", "More."),
        (3, "main.tex", "End."),
    ]
    assert result.paragraphs[1].start == len("\\section{Intro}\n")
    assert [f.name for f in result.files] == ["main.tex", "sections/intro.tex"]
    assert result.paragraphs[3].section == "Intro"
    assert "sections/intro.tex:4: \\input{missing}: file not found" in result.warnings


def test_include_cycle_is_reported_not_followed() -> None:
    result = seg("A.\n\\input{b}\n", {"b.tex": "B.\n\\input{b}\n"})
    assert [p.text for p in result.paragraphs] == ["A.", "B."]
    assert any("include cycle" in w for w in result.warnings)


def sample() -> Segmentation:
    return seg("\\section{Intro}\nAlpha.\n\\subsection{Detail}\nBeta.\n\\section{Method \\& Data}\nGamma.")


def test_sections_are_listed_with_levels_and_paragraphs_know_theirs() -> None:
    result = sample()
    assert [(s.title, s.level, s.line) for s in result.sections] == [
        ("Intro", "section", 1),
        ("Detail", "subsection", 3),
        ("Method \\& Data", "section", 5),
    ]
    assert [p.section for p in result.paragraphs] == ["Intro", "Intro", "Method \\& Data"]


@pytest.mark.parametrize(
    ("names", "texts"),
    [
        (["intro"], ["Alpha.", "Beta."]),
        (["DETAIL"], ["Beta."]),
        (["Intro", "method \\& data"], ["Alpha.", "Beta.", "Gamma."]),
    ],
)
def test_select_matches_titles_case_insensitively(names: list[str], texts: list[str]) -> None:
    assert [p.text for p in select(sample(), names)] == texts


def test_select_unknown_section_names_the_closest_sections() -> None:
    with pytest.raises(LatexError, match="did you mean") as err:
        select(sample(), ["Detial"])
    assert str(err.value).startswith("no section named 'Detial'; did you mean 1.1 Intro/Detail, ")


def test_segment_with_sections_keeps_document_wide_indices() -> None:
    root = SourceFile("main.tex", None, "\\section{A}\nOne.\n\n\\section{B}\nTwo.\n\nThree.")
    only: tuple[Paragraph, ...] = segment(root, sections=["b"]).paragraphs
    assert [(p.index, p.text) for p in only] == [(1, "Two."), (2, "Three.")]
