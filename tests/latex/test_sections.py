"""Choosing what to review (issue 10): --section by number, title path, title or prefix; --file; --lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revise.document import SourceFile
from revise.errors import LatexError, UsageError
from revise.latex.sections import parse_lines
from revise.latex.segment import Segmentation, segment, select

THESIS = {
    "main.tex": (
        "\\documentclass{book}\n\\begin{document}\n"
        "\\include{ch1}\n\\include{ch2}\n\\appendix\n\\chapter{Data}\nAppendix text.\n\\end{document}\n"
    ),
    "ch1.tex": (
        "\\chapter{Cosmic Rays}\nChapter one opens.\n\\section{Introduction}\nIntro one.\n"
        "\\section*{Aside}\nUnnumbered.\n\\section{Showers}\nShowers text.\n\\subsection{Muons}\nMuon text.\n"
    ),
    "ch2.tex": (
        "\\chapter{Detector Stations}\n\\section{Introduction}\nIntro two.\n"
        "\\section{Electronics}\nFirst line.\nSecond line.\n\nThird line.\n"
    ),
}


def thesis() -> Segmentation:
    def loader(name: str, parent: SourceFile) -> tuple[SourceFile, list[str]] | None:
        key = name if name.endswith(".tex") else name + ".tex"
        return (SourceFile(key, None, THESIS[key]), []) if key in THESIS else None

    return segment(SourceFile("main.tex", None, THESIS["main.tex"]), loader=loader)


def texts(names: list[str], **where: object) -> list[str]:
    return [p.text for p in select(thesis(), names, **where)]  # type: ignore[arg-type]


def test_sections_are_numbered_as_latex_numbers_them() -> None:
    numbered = [(s.number, s.title) for s in thesis().sections]
    assert numbered == [
        ("1", "Cosmic Rays"),
        ("1.1", "Introduction"),
        (None, "Aside"),
        ("1.2", "Showers"),
        ("1.2.1", "Muons"),
        ("2", "Detector Stations"),
        ("2.1", "Introduction"),
        ("2.2", "Electronics"),
        ("A", "Data"),
    ]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["1.2"], ["Showers text.", "Muon text."]),  # a section includes its subsections
        (["2.1"], ["Intro two."]),
        (["a"], ["Appendix text."]),
        (["Detector Stations/Introduction"], ["Intro two."]),
        (["cosmic rays / introduction"], ["Intro one."]),
        (["Electro"], ["First line.\nSecond line.", "Third line."]),  # a unique prefix
        (["muons", "2.1"], ["Muon text.", "Intro two."]),
        (["Aside"], ["Unnumbered."]),
    ],
)
def test_section_by_number_path_title_and_prefix(names: list[str], expected: list[str]) -> None:
    assert texts(names) == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "Introduction",
            "section 'Introduction' is ambiguous: 1.1 Cosmic Rays/Introduction, "
            "2.1 Detector Stations/Introduction; give its number or its Chapter/Section path",
        ),
        ("D", "section 'D' is ambiguous: 2 Detector Stations, A Data; give"),
        ("Showerz", "no section named 'Showerz'; did you mean 1.2 Cosmic Rays/Showers, "),
        ("7.3", "no section named '7.3'; did you mean "),
    ],
)
def test_unknown_or_ambiguous_sections_are_one_line_errors_with_three_candidates(
    name: str, message: str
) -> None:
    with pytest.raises(LatexError) as err:
        select(thesis(), [name])
    text = str(err.value)
    assert text.startswith(message)
    assert "\n" not in text
    if "did you mean" in text:
        assert text.count(", ") == 2  # exactly three candidates, not every title of the thesis


def test_file_limits_a_multi_file_paper_to_one_of_its_files() -> None:
    assert texts([], file="ch2.tex") == ["Intro two.", "First line.\nSecond line.", "Third line."]
    assert texts([], file="ch2") == texts([], file="./ch2.tex")
    with pytest.raises(LatexError, match=r"no file 'ch3\.tex' in this paper; did you mean ch"):
        select(thesis(), [], file="ch3.tex")


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("6:6", ["First line.\nSecond line."]),  # a paragraph overlapping the range is chosen whole
        ("7:7", []),  # the blank line between paragraphs
        ("3:5", ["Intro two.", "First line.\nSecond line."]),
        ("8:", ["Third line."]),
        (":3", ["Intro two."]),
        ("8", ["Third line."]),
    ],
)
def test_lines_limit_to_the_paragraphs_overlapping_a_range(spec: str, expected: list[str]) -> None:
    assert texts([], file="ch2.tex", lines=parse_lines(spec)) == expected


def test_lines_count_in_the_root_file_without_file() -> None:
    assert texts([], lines=parse_lines("7:7")) == ["Appendix text."]


@pytest.mark.parametrize("spec", ["x", "3:1", "0:2", "1:2:3", ""])
def test_malformed_line_ranges_are_usage_errors(spec: str) -> None:
    with pytest.raises(UsageError, match="--lines"):
        parse_lines(spec)


@settings(max_examples=60)
@given(st.text(alphabet="Aa1./ -IntroducSw*", max_size=12))
def test_any_section_query_selects_or_fails_with_one_line(query: str) -> None:
    try:
        chosen = select(thesis(), [query])
    except LatexError as err:
        assert "\n" not in str(err)
    else:
        assert chosen  # every section of the sample holds a paragraph
