"""The normalised view: what imperfect quotes and LaTeX source have in common, with offsets mapped back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revise.anchoring.normalize import normal_form, normalise


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("a  b\n   c", "a b c"),
        ("``fast'' runs", "“fast” runs"),
        ("``fast'' runs", '"fast" runs'),
        ("it's `odd'", "it’s ‘odd’"),
        ("pages 2--3", "pages 2–3"),
        ("wait---now", "wait—now"),
        ("Fig.~2", "Fig. 2"),
        ("50\\% of R\\&D in C\\_x", "50% of R&D in C_x"),
        ("ﬁne", "fine"),
        ("a\u00a0b", "a b"),
        ("wait...", "wait…"),
    ],
)
def test_source_and_imperfect_quote_share_a_normal_form(source: str, quote: str) -> None:
    assert normal_form(source) == normal_form(quote)


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("we are \\emph{be open} here", "we are be open here"),
        ("the \\texttt{numpy} package", "The numpy package"),
        ("see \\textbf{bold} text", "see textbf{bold} text"),
    ],
)
def test_plain_form_drops_formatting_commands_and_case(source: str, quote: str) -> None:
    assert normal_form(source, plain=True) == normal_form(quote, plain=True)
    assert normal_form(source) != normal_form(quote)


@pytest.mark.parametrize(
    ("source", "needle", "expected"),
    [
        ("see  the\n  cat", "the cat", "the\n  cat"),
        ("a ``quoted'' word", '"quoted"', "``quoted''"),
        ("from 2--3 days", "2-3", "2--3"),
        ("about 50\\% of", "50%", "50\\%"),
    ],
)
def test_normalised_hit_maps_back_to_the_exact_source_slice(source: str, needle: str, expected: str) -> None:
    view = normalise(source)
    at = view.text.index(needle)
    start, end = view.span(at, at + len(needle))
    assert source[start:end] == expected


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ~-`'\\%\n“”–—…\u00a0ﬁ")), max_size=40))
def test_offset_map_is_monotonic_and_inside_the_source(text: str) -> None:
    view = normalise(text)
    assert len(view.starts) == len(view.ends) == len(view.text)
    for i, (start, end) in enumerate(zip(view.starts, view.ends, strict=True)):
        assert 0 <= start < end <= len(text)
        if i:
            assert view.starts[i - 1] <= start
