"""The guard: protected elements come back byte for byte, unsafe LaTeX is refused, slips are fixed."""

from __future__ import annotations

import pytest
from edit_factory import edit, paragraph

from revise.anchoring import anchor
from revise.edits import Status, Suggestion
from revise.guard import guard

TEXT = r"We train on $x_1$ data \cite{smith} and see Fig.~\ref{fig:a}. It costs 50\% of R\&D."
PROTECTED = [("$x_1$", "MATH"), (r"\cite{smith}", "CITE"), (r"\ref{fig:a}", "REF")]
QUOTE = r"We train on $x_1$ data \cite{smith} and see Fig.~\ref{fig:a}."


def one(version: str, text: str = TEXT, quote: str = QUOTE, protected=PROTECTED, **kw):
    para = paragraph(text, protected, **kw)
    out = guard([edit(para, quote, version)])
    assert len(out) == 1
    return out[0]


@pytest.mark.parametrize(
    ("version", "written"),
    [
        ("We train on [MATH1] samples [CITE1] and see Fig.~[REF1].", r"samples \cite{smith}"),
        (r"We trained on $x_1$ data \cite{smith} and see Fig.~\ref{fig:a}.", "We trained on $x_1$"),
        ("We train on [MATH1] data [CITE1], see Fig.~[REF1].", r"\cite{smith}, see Fig.~\ref{fig:a}."),
    ],
)
def test_guard_restores_placeholders_from_tokens_or_raw_latex(version: str, written: str) -> None:
    result = one(version)
    assert result.status is Status.OK
    assert written in result.versions[0]
    assert "[MATH1]" not in result.versions[0]


@pytest.mark.parametrize(
    ("version", "reason"),
    [
        ("We train on data [CITE1] and see Fig.~[REF1].", "changes or drops [MATH1]"),
        ("We train on $x_2$ data [CITE1] and see Fig.~[REF1].", "changes or drops [MATH1]"),
        ("We train on [MATH1] data [CITE1] and see Fig.~[REF1], [MATH1].", "repeats [MATH1]"),
        ("See Fig.~[REF1]: we train on [MATH1] data [CITE1].", "moves"),
        (r"We train on [MATH1] data \cite{jones} and see Fig.~[REF1].", "changes or drops [CITE1]"),
        ("We train on [MATH1] data [CITE1] and see Fig.~[REF1] [MATH9].", "stands for nothing"),
        (r"We train on [MATH1] data [CITE1] and see Fig.~[REF1] \cite{new}.", r"adds \cite"),
        (r"We train on [MATH1] data [CITE1] and see Fig.~[REF1] \label{x}.", r"adds \label"),
        ("We train on [MATH1] data [CITE1] and see Fig.~[REF1] for $y$.", "adds math"),
        (r"We train on [MATH1] data [CITE1] and see Fig.~[REF1] \[y\].", "adds math"),
        (r"We train on [MATH1] data [CITE1] and see Fig.~[REF1]. \input{evil}", r"adds \input"),
        (r"We train on [MATH1] data [CITE1] and see Fig.~[REF1]. \include{evil}", r"adds \include"),
        (
            r"We train \immediate\write18{rm -rf ~} on [MATH1] data [CITE1] and see Fig.~[REF1].",
            r"adds \immediate",
        ),
        (r"\def\x{y}We train on [MATH1] data [CITE1] and see Fig.~[REF1].", r"adds \def"),
        (r"\newcommand{\x}{y}We train on [MATH1] data [CITE1], see Fig.~[REF1].", r"adds \newcommand"),
        (r"\renewcommand{\x}{y}We train on [MATH1] data [CITE1], see Fig.~[REF1].", r"adds \renewcommand"),
        (r"\usepackage{x}We train on [MATH1] data [CITE1] and see Fig.~[REF1].", r"adds \usepackage"),
        (r"\catcode`\@=11 We train on [MATH1] data [CITE1] and see Fig.~[REF1].", r"adds \catcode"),
        (r"\openout1 We train on [MATH1] data [CITE1] and see Fig.~[REF1].", r"adds \openout"),
        (r"\read16 to \x We train on [MATH1] data [CITE1] and see Fig.~[REF1].", r"adds \read"),
        (r"\documentclass{x} We train on [MATH1] data [CITE1] and see Fig.~[REF1].", r"adds \documentclass"),
        (r"\begin{document} We train on [MATH1] data [CITE1] and see Fig.~[REF1].", r"adds \begin{document}"),
        (r"\end{document} We train on [MATH1] data [CITE1] and see Fig.~[REF1].", r"adds \end"),
        (r"We \textbf{train on [MATH1] data [CITE1] and see Fig.~[REF1].", "unbalanced"),
        (r"We train} on [MATH1] data [CITE1] and see Fig.~[REF1].", "unbalanced"),
        (r"We \begin{itemize} train on [MATH1] data [CITE1] and see Fig.~[REF1].", "environment"),
        ("We train on [MATH1] data [CITE1] and see Fig.~[REF1] at 10^6 Hz.", "^ outside math"),
    ],
)
def test_guard_refuses_unsafe_versions_with_a_reason(version: str, reason: str) -> None:
    result = one(version)
    assert result.status is Status.UNSAFE
    assert result.versions == ()
    assert reason in (result.reason or "")


@pytest.mark.parametrize(
    ("quote", "version", "written", "note"),
    [
        ("It costs 50\\% of R\\&D.", "It costs 60% of R&D.", r"It costs 60\% of R\&D.", r"60\%"),
        ("It costs 50\\% of R\\&D.", "It costs $5 of R\\&D.", r"It costs \$5 of R\&D.", r"\$5"),
        ("It costs 50\\% of R\\&D.", "It costs 50\\% of item #3.", r"It costs 50\% of item \#3.", r"\#3"),
        ("It costs 50\\% of R\\&D.", "It costs 50\\% of my_var.", r"It costs 50\% of my\_var.", r"my\_var"),
        ("It costs 50\\% of R\\&D.", "It costs 50\\% of \\emph{R&D}.", r"It costs 50\% of \emph{R&D}.", None),
        ("It costs 50\\% of R\\&D.", "It costs 50\\% of {R&D}.", r"It costs 50\% of {R\&D}.", r"{R\&D}"),
    ],
)
def test_guard_escapes_special_characters_in_new_words_and_notes_it(
    quote: str, version: str, written: str, note: str | None
) -> None:
    result = one(version, quote=quote)
    assert result.status is Status.OK
    assert result.versions == (written,)
    if note:
        assert any(note in n for n in result.notes)


def test_guard_leaves_special_characters_the_author_already_wrote() -> None:
    text = "Cells A & B & C hold the totals of this table row."
    result = one("Cells A & B & C hold all totals of this table row.", text=text, quote=text, protected=[])
    assert result.versions == ("Cells A & B & C hold all totals of this table row.",)
    assert result.notes == ()


def test_guard_drops_only_the_unsafe_versions_and_notes_why() -> None:
    para = paragraph(TEXT, PROTECTED)
    e = edit(para, "It costs", "It costs \\input{x}", "It amounts to", "It totals")
    (result,) = guard([e])
    assert result.status is Status.OK
    assert result.versions == ("It amounts to", "It totals")
    assert any("version 1 dropped" in n and "\\input" in n for n in result.notes)


@pytest.mark.parametrize("versions", [("It  costs",), ("It costs", "It\ncosts")])
def test_guard_leaves_out_an_edit_whose_versions_all_change_nothing(versions: tuple[str, ...]) -> None:
    para = paragraph(TEXT, PROTECTED)
    assert guard([edit(para, "It costs", *versions)]) == []


@pytest.mark.parametrize(
    ("quote", "version"),
    [
        ("It costs 50\\%", "It costs 50\\%."),
        ("costs 50\\%", "costs50\\%"),
        ("data \\cite{smith}", "data~[CITE1]"),
    ],
)
def test_guard_keeps_a_version_whose_change_is_whitespace_appearing_or_going(
    quote: str, version: str
) -> None:
    para = paragraph(TEXT, PROTECTED)
    (result,) = guard([edit(para, quote, version)])
    assert result.status is Status.OK
    assert len(result.versions) == 1


def test_guard_keeps_the_versions_that_change_something() -> None:
    para = paragraph(TEXT, PROTECTED)
    (result,) = guard([edit(para, "It costs", "It costs", "It cost")])
    assert result.versions == ("It cost",)


@pytest.mark.parametrize(
    ("encoding", "version", "written"),
    [
        ("latin-1", "“Fast” code — really…", "``Fast'' code --- really\\ldots{}"),
        ("latin-1", "It’s café", "It's café"),
        ("ascii", "It’s café naïve Gödel Čech", "It's caf\\'e na\\\"ive G\\\"odel \\v{C}ech"),
        ("utf-8", "“Fast” café — ok", "“Fast” café — ok"),
    ],
)
def test_guard_spells_characters_the_encoding_cannot_hold(encoding: str, version: str, written: str) -> None:
    text = "Plain words here and more."
    result = one(version, text=text, quote="Plain words here", protected=[], encoding=encoding)
    assert result.status is Status.OK
    assert result.versions == (written,)


def test_guard_refuses_a_character_with_no_latex_spelling_in_the_encoding() -> None:
    text = "Plain words here and more."
    result = one("Plain words 😀", text=text, quote="Plain words here", protected=[], encoding="latin-1")
    assert result.status is Status.UNSAFE
    assert "latin-1 cannot hold" in (result.reason or "")


@pytest.mark.parametrize(("newline", "written"), [("\r\n", "one\r\n2 three"), ("\n", "one\n2 three")])
def test_guard_writes_line_breaks_in_the_files_newline_style(newline: str, written: str) -> None:
    text = f"one two{newline}three four"
    result = one("one\n2 three", text=text, quote=f"one two{newline}three", protected=[], newline=newline)
    assert result.versions == (written,)


def test_guard_keeps_a_protected_comment_with_its_own_line_break_in_a_crlf_file() -> None:
    text = "Say this % note\r\nand that."
    result = one(
        "Say it % note\r\nand that.", text=text, quote=text, protected=[("% note", "COMMENT")], newline="\r\n"
    )
    assert result.versions == ("Say it % note\r\nand that.",)


def test_guard_refuses_a_span_that_cuts_through_a_protected_element() -> None:
    para = paragraph(TEXT, PROTECTED)
    e = edit(para, "on $x", "on $y")
    (result,) = guard([e])
    assert result.status is Status.UNSAFE
    assert "cuts through [MATH1]" in (result.reason or "")


def test_guard_refuses_a_placeholder_from_outside_the_quoted_span() -> None:
    para = paragraph(TEXT, PROTECTED)
    (result,) = guard([edit(para, "It costs", "It [MATH1] costs")])
    assert result.status is Status.UNSAFE
    assert "from outside" in (result.reason or "")


def test_guard_marks_the_later_of_overlapping_edits_as_a_conflict() -> None:
    para = paragraph(TEXT, PROTECTED)
    first = edit(para, "It costs 50", "It cost 50", id=1)
    second = edit(para, "costs 50\\% of", "costs half of", id=2)
    adjacent = edit(para, " R\\&D.", " research.", id=3)
    out = guard([first, second, adjacent])
    assert [e.status for e in out] == [Status.OK, Status.CONFLICT, Status.OK]
    assert out[1].reason == "overlaps edit 1"


def test_guard_passes_edits_that_are_not_ok_through_untouched() -> None:
    para = paragraph(TEXT, PROTECTED)
    failed = edit(para, "It costs", "It \\input{x}").with_status(Status.AMBIGUOUS, "two places")
    assert guard([failed]) == [failed]


def test_guard_conflict_check_ignores_edits_that_are_not_ok() -> None:
    para = paragraph(TEXT, PROTECTED)
    failed = edit(para, "It costs", "It cost", id=1).with_status(Status.AMBIGUOUS, "two places")
    out = guard([failed, edit(para, "It costs", "It cost", id=2)])
    assert out[1].status is Status.OK


def test_guard_restores_the_line_break_after_a_protected_comment() -> None:
    text = "Say this % note\n  and that."
    result = one("Say it [COMMENT1] and that.", text=text, quote=text, protected=[("% note", "COMMENT")])
    assert result.versions == ("Say it % note\n  and that.",)
    assert any("line break after [COMMENT1]" in n for n in result.notes)


@pytest.mark.parametrize(
    ("version", "safe"),
    [
        (r"We train on \\[MATH1] data [CITE1] and see Fig.~[REF1].", True),
        (r"We train on [MATH1] data [CITE1] and see Fig.~[REF1]. \\", True),
        (r"We train on \[MATH1] data [CITE1] and see Fig.~[REF1].", False),
        ("We train on [MATH1] data [CITE1] and see Fig.~[REF1]. \\", False),
    ],
)
def test_guard_refuses_text_ending_in_a_lone_backslash(version: str, safe: bool) -> None:
    result = one(version)
    assert (result.status is Status.OK) == safe
    if not safe:
        assert "lone backslash" in (result.reason or "")


def test_guard_marks_an_insertion_where_another_edit_starts_as_a_conflict() -> None:
    para = paragraph(TEXT, PROTECTED)
    replace_it = edit(para, "It", "This", id=1)
    insert = edit(para, "", "Indeed, ", id=2, start=TEXT.index("It"))
    out = guard([replace_it, insert])
    assert [e.status for e in out] == [Status.OK, Status.CONFLICT]


@pytest.mark.parametrize(
    ("text", "quote", "version", "written"),
    [
        ("A b\nb C end.", "A ... C", "A2 ... C2", "A2 b\nb C2"),
        ("A b C d E end.", "A … C … E", "A2 … C2 … E2", "A2 b C2 d E2"),
        # The quote was matched loosely (curly quotes, a flattened line break): the filled text is the source's.
        (
            "the ``fast'' code runs\nin time and then stops.",
            "the “fast” code ... then stops",
            "the “quick” code ... then halts",
            "the “quick” code runs\nin time and then halts",
        ),
        ("A b C end.", "A ... C", "A c", "A c"),
    ],
)
def test_an_ellipsis_in_a_version_stands_for_the_text_the_quote_left_out(
    text: str, quote: str, version: str, written: str
) -> None:
    para = paragraph(text)
    (anchored,) = anchor([Suggestion(quote, "why", (version,))], [para])
    (result,) = guard([anchored])
    assert result.status is Status.OK
    assert result.versions == (written,)


def test_a_version_that_leaves_text_out_without_saying_which_is_refused() -> None:
    para = paragraph(TEXT, PROTECTED)
    (result,) = guard([edit(para, "It costs", "It ... costs", "It amounts to")])
    assert result.status is Status.OK
    assert result.versions == ("It amounts to",)
    (refused,) = guard([edit(para, "It costs", "It ... costs")])
    assert refused.status is Status.UNSAFE
    assert "ellipsis" in (refused.reason or "")
