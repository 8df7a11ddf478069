"""What the reviewer reads (issue 10): word-like macros stay in the sentence, prose arguments are reviewed in
place, notes are not reviewed, front matter and file references are not prose, the user's [commands] apply."""

from __future__ import annotations

import pytest

from revise.document import SourceFile
from revise.latex.context import user_rules
from revise.latex.segment import Segmentation, segment


def seg(body: str, preamble: str = "", commands: dict[str, str] | None = None) -> Segmentation:
    text = f"\\documentclass{{article}}\n{preamble}\\begin{{document}}\n{body}\n\\end{{document}}\n"
    return segment(SourceFile("main.tex", None, text), commands=user_rules(commands or {}))


def masked(body: str, preamble: str = "", commands: dict[str, str] | None = None) -> list[str]:
    return [p.masked.text for p in seg(body, preamble, commands).paragraphs]


@pytest.mark.parametrize(
    ("preamble", "body", "text", "reads_as"),
    [
        ("", "\\showyourwork was designed for papers.", "[TERM1] was designed for papers.", "showyourwork"),
        ("\\newcommand{\\ours}{OurNet}\n", "\\ours{} are fast.", "[TERM1] are fast.", "OurNet"),
        ("\\newcommand{\\ours}{\\textsc{OurNet}\\xspace}\n", "\\ours is fast.", "[TERM1] is fast.", "OurNet"),
        ("\\def\\tool{Tool}\n", "We use \\tool, which is fast.", "We use [TERM1], which is fast.", "Tool"),
        ("\\newacronym{svm}{SVM}{support vector machine}\n", "\\gls{svm} wins.", "[TERM1] wins.", "SVM"),
        ("", "\\ac{GP} regression works.", "[TERM1] regression works.", "GP"),
        ("\\newcommand{\\tool}{Tool}\n", "We use \\tool\\\nhere.", "We use [TERM1]\\\nhere.", "Tool"),
    ],
)
def test_a_word_like_macro_is_a_placeholder_that_reads_as_its_words(
    preamble: str, body: str, text: str, reads_as: str
) -> None:
    (paragraph,) = seg(body, preamble).paragraphs
    assert paragraph.masked.text == text
    term = paragraph.masked.by_token()["[TERM1]"]
    assert term.reads_as == reads_as
    assert paragraph.masked.unmask(paragraph.masked.text) == paragraph.text


@pytest.mark.parametrize(
    "body",
    [
        "\\label{sec:a} Text starts here.",  # a label at the edge is trimmed, as before
        "\\noindent Text starts here.",
        "\\mysetup\nText starts here.",  # an unknown command alone on its line is layout, not a word
        "% a comment\nText starts here.",
    ],
)
def test_non_text_masks_are_still_trimmed_from_paragraph_edges(body: str) -> None:
    assert masked(body) == ["Text starts here."]


@pytest.mark.parametrize(
    ("preamble", "body", "text", "inside"),
    [
        ("", "It \\textcolor{red}{is new} here.", "It [MARK1]is new[MARK2] here.", "is new"),
        ("", "It \\hl{is new} here.", "It [MARK1]is new[MARK2] here.", "is new"),
        ("", "It \\replaced{is new}{was old} here.", "It [MARK1]is new[MARK2] here.", "is new"),
        (
            "\\newcommand{\\edited}[1]{\\textcolor{red}{#1}}\n",
            "A \\edited{b c} d.",
            "A [MARK1]b c[MARK2] d.",
            "b c",
        ),
        ("\\newcommand{\\new}[1]{{\\color{blue}#1}}\n", "A \\new{b c} d.", "A [MARK1]b c[MARK2] d.", "b c"),
        (
            "\\NewDocumentCommand{\\rev}{o m}{\\textcolor{red}{#2}}\n",
            "A \\rev[x]{b} d.",
            "A [MARK1]b[MARK2] d.",
            "b",
        ),
        ("\\def\\chg#1{\\emph{#1}}\n", "A \\chg{b} d.", "A [MARK1]b[MARK2] d.", "b"),
    ],
)
def test_prose_arguments_are_visible_between_marks(preamble: str, body: str, text: str, inside: str) -> None:
    (paragraph,) = seg(body, preamble).paragraphs
    assert paragraph.masked.text == text
    marks = [ph for ph in paragraph.masked.placeholders if ph.kind == "MARK"]
    source = paragraph.file.text
    assert source[marks[0].end : marks[1].start] == inside  # the argument, exactly, between the two marks


def test_macros_whose_argument_is_not_text_stay_protected() -> None:
    preamble = "\\newcommand{\\fig}[1]{Figure~\\ref{fig:#1}}\n\\newcommand{\\pair}[2]{(#1,#2)}\n"
    assert masked("See \\fig{a} and \\pair{x}{y} here.", preamble) == ["See [CMD1] and [CMD2] here."]


def test_a_paragraph_that_is_one_prose_argument_is_reviewed_without_its_command() -> None:
    (paragraph,) = seg(
        "\\edited{A whole new sentence.}", "\\newcommand{\\edited}[1]{\\textcolor{red}{#1}}\n"
    ).paragraphs
    assert paragraph.masked.text == "A whole new sentence."
    assert paragraph.text == "A whole new sentence."


def test_a_prose_argument_may_span_paragraphs() -> None:
    texts = masked("\\textcolor{red}{First part.\n\nSecond part.} After.")
    assert texts == ["First part.", "Second part.[MARK1] After."]


@pytest.mark.parametrize(
    "note", ["\\todo{check this}", "\\todo[inline]{check}", "\\fixme{later}", "\\note{x}", "\\comment{y}"]
)
def test_notes_to_co_authors_are_not_reviewed(note: str) -> None:
    # Even where the paper defines the note command to print its argument in colour.
    defined = "\\newcommand{\\note}[1]{\\textcolor{blue}{#1}}\n\\newcommand{\\todo}[2][]{\\hl{#2}}\n"
    (paragraph,) = seg(f"The result{note} holds.", defined).paragraphs
    assert paragraph.masked.text == "The result[CMD1] holds."
    assert "check" not in paragraph.masked.text


@pytest.mark.parametrize(
    "front",
    [
        "\\author[0000-0002-0296-3826]{Rodrigo Luger}\n\\affiliation{Flatiron Institute}\n\\email{r@f.org}",
        "\\author{A. B.}\n\\affiliation{Department of Physics, Univ.}\n\\altaffiliation{Elsewhere}",
        "\\author{\\IEEEauthorblockN{Ann}\n\\IEEEauthorblockA{Dept. of EE\\\\ Univ.\\\\ ann@u.edu}}",
        "\\author[1]{Ann}\n\\ead{ann@u.edu}\n\\address[1]{Dept., Univ.}\n\\cortext[cor1]{Corresponding}",
        "\\author{Ann\\inst{1} \\and Bob}\n\\institute{Univ. \\email{ann@u.edu}}\n\\keywords{a, b}",
        "\\author*[1]{\\fnm{Ann} \\sur{Lee}}\\email{ann@u.edu}\n\\affil*[1]{\\orgdiv{Dept.}, \\orgname{Univ.}}",
        "\\author{Ann}\n\\orcid{0000-0001-2345-6789}\n\\affiliation{\\institution{Univ.}\\city{X}\\country{Y}}",
        "\\begin{IEEEkeywords}\nwords, more\n\\end{IEEEkeywords}",
        "\\lstinputlisting{../Snakefile}\n\\inputminted{python}{code.py}\n\\includegraphics[width=2cm]{f.pdf}",
    ],
)
def test_front_matter_and_file_references_are_not_prose(front: str) -> None:
    assert masked(f"{front}\n\nThe text.") == ["The text."]


def test_the_config_commands_table_says_how_macros_read() -> None:
    commands = {"\\edited{}": "text", "\\mynote{}": "ignore", "\\name": "dummy", "\\pair{}{}": "text"}
    texts = masked("\\name \\edited{is new}.\\mynote{no} See \\pair{x}{y z}.", commands=commands)
    assert texts == ["[TERM1] [MARK1]is new[MARK2].[CMD1] See [MARK3]y z[MARK4]."]


def test_the_users_declaration_wins_over_the_papers_definition() -> None:
    preamble = "\\newcommand{\\edited}[1]{\\textcolor{red}{#1}}\n"
    assert masked("A \\edited{gone} b.", preamble, {"\\edited{}": "ignore"}) == ["A [CMD1] b."]


def test_a_preamble_in_an_input_file_is_not_prose() -> None:
    files = {
        "settings.tex": "\\widowpenalty = 10000\n\\newcommand{\\ours}{OurNet}\n",
        "body.tex": "\\title{T}\n\\begin{document}\n\\ours{} works.\n\\end{document}\n",
    }
    root = SourceFile("main.tex", None, "\\documentclass{book}\n\\input{settings}\n\\input{body}\n")
    result = segment(root, loader=lambda name, parent: _load(files, name))
    assert [p.masked.text for p in result.paragraphs] == ["[TERM1] works."]
    assert result.title == "T"


def test_a_root_with_a_class_but_no_document_environment_anywhere_is_all_body() -> None:
    root = SourceFile("main.tex", None, "\\documentclass{article}\n\\input{settings}\nPlain words here.\n")
    result = segment(root, loader=lambda name, parent: None)
    assert [p.text for p in result.paragraphs] == ["Plain words here."]


def _load(files: dict[str, str], name: str) -> tuple[SourceFile, list[str]] | None:
    key = name if name.endswith(".tex") else name + ".tex"
    return (SourceFile(key, None, files[key]), []) if key in files else None
