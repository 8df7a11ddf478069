"""The LaTeX-aware word diff: what counts as a change, absorption of tiny runs, whitespace marks, elision."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revise.worddiff import diff, elide, plain, tokens, with_context

LONG = " ".join(f"w{i}" for i in range(400))


@pytest.mark.parametrize(
    ("original", "version", "shown"),
    [
        ("We shows that it works.", "We show that it works.", "We [-shows-]{+show+} that it works."),
        ("a b c", "a c", "a [-b-] c"),
        ("a c", "a b c", "a {+b+} c"),
        ("as in \\cite{a,b} the data", "as in \\cite{a,b}, the data", "as in \\cite{a,b}{+,+} the data"),
        ("see \\emph{some} text", "see \\emph{several} text", "see [-\\emph{some}-]{+\\emph{several}+} text"),
        ("with $x^2 + y$ here", "with $x^2 + y$ there", "with $x^2 + y$ [-here-]{+there+}"),
        ("same  words\nhere now", "same words here then", "same words here [-now-]{+then+}"),
        ("in the lab we", "at a lab we", "[-in the-]{+at a+} lab we"),
        ("我们提出了一个新方法", "我们提出一个新的方法", "我们提出[-了-]一个新{+的+}方法"),
        (
            "MSL data sets \\cite{x} shows",
            "MSL datasets~\\cite{x} show",
            "MSL [-data sets-]{+datasets~+}\\cite{x} [-shows-]{+show+}",
        ),
    ],
)
def test_plain_diff_marks_only_changed_tokens(original: str, version: str, shown: str) -> None:
    assert plain(elide(diff(original, version))) == shown


def test_whitespace_beside_a_word_change_is_not_a_change() -> None:
    pieces = diff("a  b\n c 7 \\% d", "a b c 7\\% e")
    assert [(p.old, p.new) for p in pieces if p.changed] == [("d", "e")]


@pytest.mark.parametrize(
    ("original", "version", "shown"),
    [
        ("7 \\%", "7\\%", "7[-␣-]\\%"),
        ("7~\\%", "7 \\%", "7[-~-]{+␣+}\\%"),
        ("7~\\%", "7\\%", "7[-~-]\\%"),
        (" ", "~", "[-␣-]{+~+}"),
        ("a  b", "a b", "a[-␣␣-]{+␣+}b"),
        ("a\nb", "a b", "a[-↵-]{+␣+}b"),
        ("a\u00a0b", "a b", "a[-⍽-]{+␣+}b"),
        ("sets \\cite{x}", "sets, \\cite{x}", "sets{+,+} \\cite{x}"),
        ("the the", "the", "the [-the-]"),
    ],
)
def test_whitespace_that_is_the_change_is_marked_visibly(original: str, version: str, shown: str) -> None:
    assert plain(elide(diff(original, version))) == shown


@pytest.mark.parametrize(
    ("before", "original", "version", "after", "shown"),
    [
        (
            "Experiments on the SMAP and MSL data sets",
            " ",
            "~",
            "\\cite{hundman2018detecting} shows that our method improves",
            "… and MSL data sets[-␣-]{+~+}\\cite{hundman2018detecting} shows that our …",
        ),
        (
            "improves the F1 score by 7 \\% compared to ",
            "the the",
            "the",
            " strongest baseline, while it's inference time",
            "… \\% compared to the [-the-] strongest baseline, while it's …",
        ),
        ("", "We shows", "We show", " that it works.", "We [-shows-]{+show+} that it works."),
        ("So ", "we shows", "we show", " it.", "So we [-shows-]{+show+} it."),
        (
            "One two three four five six ",
            "seven eight nine ten eleven twelve thirteen",
            "seven eight nine ten eleven twelve 13",
            "",
            "… nine ten eleven twelve [-thirteen-]{+13+}",
        ),
    ],
)
def test_context_around_the_span_reads_in_place(
    before: str, original: str, version: str, after: str, shown: str
) -> None:
    assert plain(elide(with_context(diff(original, version), before, after))) == shown


def test_a_command_with_its_arguments_is_never_split() -> None:
    pieces = diff("see \\cite[p.~3]{key} now", "see \\cite[p.~4]{key} now")
    assert [p.old for p in pieces if p.changed] == ["\\cite[p.~3]{key} "]


def test_elision_keeps_a_few_words_around_a_change() -> None:
    version = LONG.replace("w200", "X")
    assert (
        plain(elide(diff(LONG, version), context=4))
        == "… w196 w197 w198 w199 [-w200-]{+X+} w201 w202 w203 w204 …"
    )


def test_unchanged_text_is_not_elided() -> None:
    assert plain(elide(diff(LONG, LONG))) == LONG


_TEXT = st.text(alphabet=st.sampled_from(list("ab c\n\\{}$%.,é中")), max_size=40)


@settings(max_examples=150, deadline=None)
@given(_TEXT, _TEXT)
def test_pieces_concatenate_to_both_texts(original: str, version: str) -> None:
    pieces = diff(original, version)
    assert "".join(p.old for p in pieces) == original
    assert "".join(p.new for p in pieces) == version
    assert any(p.changed for p in pieces) == (original != version)
    for p in pieces:
        if not p.changed:
            assert _words(p.old) == _words(p.new)


@settings(max_examples=150, deadline=None)
@given(_TEXT, _TEXT)
def test_every_difference_shows_a_mark(original: str, version: str) -> None:
    shown = plain(elide(diff(original, version)))
    assert (original != version) == ("[-" in shown or "{+" in shown)


def _words(text: str) -> list[str]:
    return [" ".join(t.split()) for t in tokens(text) if not t.isspace()]
