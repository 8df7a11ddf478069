"""The LaTeX-aware word diff: what counts as a change, absorption of tiny runs, elision, markers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revise.worddiff import diff, elide, plain

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
        ("same  words\nhere", "same words here", "same words here"),
        ("in the lab we", "at a lab we", "[-in the-]{+at a+} lab we"),
        ("我们提出了一个新方法", "我们提出一个新的方法", "我们提出[-了-]一个新{+的+}方法"),
    ],
)
def test_plain_diff_marks_only_changed_tokens(original: str, version: str, shown: str) -> None:
    assert plain(elide(diff(original, version))) == shown


def test_whitespace_alone_is_not_a_change() -> None:
    assert not any(p.changed for p in diff("a  b\n c", "a b c"))


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
    assert all(p.old.split() == p.new.split() for p in pieces if not p.changed)
