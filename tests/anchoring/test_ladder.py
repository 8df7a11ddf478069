"""Anchoring: every quote lands on its exact source span, or is honestly reported unanchored / ambiguous."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from revise import document
from revise.anchoring import anchor
from revise.anchoring.ladder import locate
from revise.edits import Status, Suggestion
from revise.engines.base import Review
from revise.errors import ReviseError
from revise.latex.segment import Paragraph
from revise.pipeline import apply, finish, load
from revise.replies import parse_reply

DOC = r"""\documentclass{article}
\begin{document}
\section{Method}
We measured ``fast'' runs in 2--3 days, as the plot by P.~Smith shows.
About 50\% of the runs used $x$ where $x^2 > 1$ holds \cite{knuth}, which
is a strong    result for \emph{small} inputs --- and a weak one otherwise.

The second paragraph repeats a phrase.
It also explains the calibration of the detector in considerable detail today.

A third paragraph repeats a phrase too.
\end{document}
"""


@pytest.fixture(scope="module")
def paragraphs() -> tuple[Paragraph, ...]:
    source, _ = document.decode(DOC.encode(), "doc.tex")
    return load(source)[1]


def _place(quote: str, paragraphs: tuple[Paragraph, ...], hint: int | None = None):
    [edit] = anchor([Suggestion(quote, "why", ("x",), hint)], paragraphs)
    return edit


@pytest.mark.parametrize(
    ("quote", "expected", "method"),
    [
        ("We measured ``fast'' runs", "We measured ``fast'' runs", "exact"),
        ("holds \\cite{knuth}, which", "holds \\cite{knuth}, which", "exact"),
        ("holds [CITE1], which", "holds \\cite{knuth}, which", "exact"),
        ("used [MATH1] where [MATH2] holds", "used $x$ where $x^2 > 1$ holds", "exact"),
        ("which is a strong result", "which\nis a strong    result", "normalised"),
        ("We measured “fast” runs", "We measured ``fast'' runs", "normalised"),
        ("in 2–3 days", "in 2--3 days", "normalised"),
        ("small} inputs — and a weak", "small} inputs --- and a weak", "normalised"),
        ("by P. Smith shows", "by P.~Smith shows", "normalised"),
        ("About 50% of the runs", "About 50\\% of the runs", "normalised"),
        ("result for small inputs", "result for \\emph{small} inputs", "normalised"),
        ("about 50% of the runs", "About 50\\% of the runs", "normalised"),
        (
            "It also explains ... in considerable detail today.",
            "It also explains the calibration of the detector in considerable detail today.",
            "ellipsis",
        ),
        ("It also explains the calibration…", "It also explains the calibration", "ellipsis"),
        (
            "It also explains the calibraton of the detektor in considerable detail",
            "It also explains the calibration of the detector in considerable detail",
            "fuzzy",
        ),
        ("used $x$ where $x", "used $x$ where $x^2 > 1$", "exact"),
    ],
)
def test_quote_is_anchored_to_its_whole_source_span(
    paragraphs: tuple[Paragraph, ...], quote: str, expected: str, method: str
) -> None:
    edit = _place(quote, paragraphs)
    assert edit.status is Status.OK, edit.reason
    assert edit.anchor is not None
    assert edit.anchor.text == expected
    assert edit.anchor.method == method


@pytest.mark.parametrize(
    ("quote", "status"),
    [
        ("repeats a phrase", Status.AMBIGUOUS),
        ("a sentence that appears nowhere in this document at all", Status.UNANCHORED),
        ("It also explains the weather of the mountains in little detail", Status.UNANCHORED),
        ("", Status.UNANCHORED),
        ("paragraph repeats ... a phrase", Status.AMBIGUOUS),
    ],
)
def test_uncertain_quote_is_reported_never_guessed(
    paragraphs: tuple[Paragraph, ...], quote: str, status: Status
) -> None:
    edit = _place(quote, paragraphs)
    assert edit.status is status
    assert edit.anchor is None
    assert edit.reason


def test_paragraph_hint_settles_a_duplicate_quote(paragraphs: tuple[Paragraph, ...]) -> None:
    edit = _place("repeats a phrase", paragraphs, hint=paragraphs[2].index)
    assert edit.status is Status.OK
    assert edit.anchor is not None and edit.anchor.paragraph.index == paragraphs[2].index


def test_wrong_hint_does_not_move_a_unique_quote(paragraphs: tuple[Paragraph, ...]) -> None:
    edit = _place("in 2--3 days", paragraphs, hint=paragraphs[2].index)
    assert edit.anchor is not None and edit.anchor.paragraph.index == paragraphs[0].index


def test_unanchored_quote_offers_the_nearest_real_text(paragraphs: tuple[Paragraph, ...]) -> None:
    placement = locate("It also explains the weather of the mountains in little detail", paragraphs)
    assert not placement.hits
    assert placement.hint is not None and "It also explains" in placement.hint


def test_engine_span_maps_through_placeholders(paragraphs: tuple[Paragraph, ...]) -> None:
    para = paragraphs[0]
    lo = para.masked.text.index("[MATH1]")
    hi = para.masked.text.index("[MATH2]") + len("[MATH2]")
    suggestion = Suggestion("", "why", ("y",), para.index, span=(lo, hi))
    [edit] = anchor([suggestion], paragraphs)
    assert edit.anchor is not None
    assert edit.anchor.method == "span"
    assert edit.anchor.text == "$x$ where $x^2 > 1$"


def test_edits_are_numbered_in_suggestion_order_with_rewrites_expanded(
    paragraphs: tuple[Paragraph, ...],
) -> None:
    rewrite = (
        "... The second paragraph repeats one phrase.\nIt also explains the calibration of the sensor in ..."
    )
    suggestions = [
        Suggestion("in 2--3 days", "why", ("in two or three days",)),
        Suggestion(rewrite, "why", (rewrite,), elided=True),
        Suggestion("nowhere to be found in the text", "why", ("x",)),
    ]
    edits = anchor(suggestions, paragraphs)
    assert [e.id for e in edits] == [1, 2, 3, 4]
    assert [e.status for e in edits] == [Status.OK, Status.OK, Status.OK, Status.UNANCHORED]
    assert [e.anchor.text for e in edits[1:3] if e.anchor] == ["repeats a phrase.", "the detector in"]
    assert edits[1].versions == ("repeats one phrase.",)
    assert {e.anchor.method for e in edits[1:3] if e.anchor} == {"rewrite"}


STYLES = ("json-exact", "json-noisy", "chat-points", "chat-versions")


@pytest.mark.corpus
def test_every_replies_dev_style_anchors_and_applies_at_the_right_place(corpus: Path) -> None:
    cases = sorted((corpus / "replies-dev").glob("*/case*"))
    assert cases
    for style in STYLES:
        expected_edits = ok = wrong = equal = 0
        for case in cases:
            reply = next(case.glob(f"reply-{style}.*"), None)
            if reply is None:
                continue
            meta = json.loads((case / "meta.json").read_text())
            source, _ = document.decode((case / "doc.tex").read_bytes(), "doc.tex", case / "doc.tex")
            segmentation, paragraphs = load(source)
            try:
                suggestions = parse_reply(reply.read_text(encoding="utf-8"))
            except ReviseError:
                expected_edits += meta["edits"]
                continue
            revision = finish(segmentation, paragraphs, Review(tuple(suggestions)), "reply", None)
            covered: set[int] = set()
            for e in revision.edits:
                if e.status is Status.OK and e.anchor is not None:
                    inside = [
                        k
                        for k, (s, t) in enumerate(meta["spans"])
                        if s <= e.anchor.start <= e.anchor.end <= t
                    ]
                    wrong += not inside
                    covered.update(inside)
            expected_edits += meta["edits"]
            ok += len(covered)
            result = apply(revision).get("doc.tex", source.text)
            equal += result == (case / "expected.tex").read_text(encoding="utf-8")
        assert wrong == 0, style
        assert ok >= 0.98 * expected_edits, (style, ok, expected_edits)
        assert equal >= 0.98 * len(cases), (style, equal, len(cases))


ELIDED = r"""\documentclass{article}
\begin{document}
One way to address this shortcoming is (when possible) to derive a statistical estimator from the
corpus, and another is to derive a bound.

As a bonus, we give algorithms for quantities missing in the literature, including the gradient of
entropy, the KL divergence, and the gradient of the KL divergence.
\end{document}
"""


@pytest.mark.parametrize(
    ("quote", "versions", "expected"),
    [
        # A version keeping "(when possible)" before the last piece shows where the span ends.
        (
            "to address this shortcoming ... to derive a",
            (
                "to address this issue is thus to derive a",
                "to address this issue is (when possible) to derive a",
            ),
            "to address this shortcoming is (when possible) to derive a",
        ),
        # Versions that keep no more of one reading than of the other settle nothing.
        ("to address this shortcoming ... to derive a", ("to address this issue is thus to derive a",), None),
        ("including the gradient of ... the KL divergence", ("including the KL divergence",), None),
        ("including the gradient of ... the KL divergence", ("the KL divergence",), None),
    ],
)
def test_versions_settle_an_elided_quote_only_when_they_show_its_span(
    quote: str, versions: tuple[str, ...], expected: str | None
) -> None:
    source, _ = document.decode(ELIDED.encode(), "doc.tex")
    [edit] = anchor([Suggestion(quote, "why", versions)], load(source)[1])
    if expected is None:
        assert edit.status is Status.AMBIGUOUS and edit.anchor is None
    else:
        assert edit.status is Status.OK and edit.anchor is not None
        assert edit.anchor.text == expected and edit.anchor.method == "ellipsis"


ORDERED = r"""\documentclass{article}
\begin{document}
The survey covers twelve telescopes on three continents and was reduced with a custom pipeline.

Here is a stripped down version of the gamma function, which evaluates itself on positive integers.

The calibration of the detector is explained in considerable detail in the appendix of this paper.

We thank the staff of the observatory for their help during the long winter campaign.
\end{document}
"""
_FIRST = "The survey covers twelve radio telescopes on three continents and ..."
_WEAK = "As an example, we present below a stripped down ..."
_THIRD = "The calibration of the sensor is explained in considerable detail ..."


@pytest.mark.parametrize(
    ("rewrites", "placed"),
    [
        ((_FIRST, _WEAK, _THIRD), True),
        ((_WEAK,), False),  # three shared words alone do not place a rewrite
        ((_FIRST, _WEAK), False),  # one placed neighbour does not show that the reply follows the paper
        ((_THIRD, _WEAK, _FIRST), False),  # a reply out of the paper's order shows nothing
    ],
)
def test_weak_rewrite_takes_its_paragraph_only_between_ordered_neighbours(
    rewrites: tuple[str, ...], placed: bool
) -> None:
    source, _ = document.decode(ORDERED.encode(), "doc.tex")
    paragraphs = load(source)[1]
    edits = anchor([Suggestion(r, "why", (r,), elided=True) for r in rewrites], paragraphs)
    weak = [e for e in edits if e.suggestion.original == _WEAK]
    assert len(weak) == 1
    assert all(e.status is Status.OK for e in edits if e.suggestion.original != _WEAK)
    if placed:
        assert weak[0].status is Status.OK and weak[0].anchor is not None
        assert weak[0].anchor.paragraph.index == paragraphs[1].index
        assert weak[0].anchor.text.startswith("Here is a")
    else:
        assert weak[0].status is Status.UNANCHORED and weak[0].anchor is None
