"""Hyphens that split one word: line-break artefacts (con-text) and Harper's closed prefixes (re-search)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import PAPERS

from revise import document
from revise.config import Settings
from revise.edits import Confidence
from revise.engines import grading, hyphenation
from revise.engines.base import ReviewContext
from revise.engines.offline import OfflineReviewer
from revise.latex.mask import Protected, mask
from revise.latex.segment import Paragraph

HIGH, MEDIUM, LOW = Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW


def found(text: str, protected: list[Protected] = ()) -> list[tuple[int, int, str, Confidence]]:  # type: ignore[assignment]
    return [
        (s.span[0], s.span[1], s.versions[0], s.confidence)
        for s in hyphenation.check(mask(text, 0, protected), 0)
        if s.span is not None
    ]


@pytest.mark.parametrize(("bad", "good", "confidence"), hyphenation.CASES.fails)
def test_a_split_word_is_flagged_closed_at_its_confidence(
    bad: str, good: str, confidence: Confidence
) -> None:
    hits = found(bad)
    assert [c for *_, c in hits] == [confidence], bad
    start, end, version, _ = hits[0]
    assert bad[:start] + version + bad[end:] == good


@pytest.mark.parametrize("text", hyphenation.CASES.passes)
def test_a_real_compound_is_left_alone(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("word", "confidence"),
    [
        ("dif-ferent", HIGH),  # a fragment on both sides
        ("be-tween", HIGH),  # "tween" is no word the lexicon or its stems know
        ("eigen-value", HIGH),
        ("in-formation", MEDIUM),  # "in" also makes real compounds (in-line, in-patient)
        ("in-line", MEDIUM),
        ("pro-forma", MEDIUM),  # a Latin phrase after a guarded prefix
        ("gastro-intestinal", None),  # a combining form, hyphenated on purpose
        ("zig-zag", None),  # a reduplication
        ("criss-crossed", None),  # one inflected
        ("cut-offs", None),  # "offs" is the plural of a word
        ("four-fold", None),  # a numeral
        ("light-weight", None),  # two content words
        ("non-zero", None),  # a prefix: Harper's DisjointPrefixes and closed_prefix grade it
    ],
)
def test_the_artefact_signal_on_single_words(word: str, confidence: Confidence | None) -> None:
    assert hyphenation.artefact(*word.split("-")) == confidence


def test_no_flag_touches_a_placeholder_or_a_hyphen_chain() -> None:
    text = "the con-text of [EQ1]-text and a state-of-the-art con-text-free grammar"
    start = text.index("[EQ1]")
    assert found(text, [Protected(start, start + 5, "math")]) == [(4, 12, "context", HIGH)]


@pytest.mark.parametrize(
    ("original", "version", "confidence"),
    [
        ("re-search", "research", HIGH),  # a split word: "search again" is not what a paper means
        ("de-sign", "design", HIGH),
        ("pre-sent", "present", HIGH),
        ("dis-cuss", "discuss", HIGH),  # no prefix anyone hyphenates on purpose
        ("non-trivial", "nontrivial", MEDIUM),  # American style closes non-, yet papers hyphenate it
        ("non-linear", "nonlinear", MEDIUM),
        ("pre-train", "pretrain", LOW),  # authors keep these hyphens
        ("co-author", "coauthor", LOW),
        ("re-used", "reused", LOW),
        ("mid-point", "midpoint", LOW),
        ("counter-example", "counterexample", LOW),
    ],
)
def test_harpers_closed_prefix_is_high_only_where_no_author_means_the_hyphen(
    original: str, version: str, confidence: Confidence
) -> None:
    assert grading.harper("DisjointPrefixes", original, [version]) == confidence


def test_a_closed_prefix_finding_of_another_shape_keeps_the_compound_grade() -> None:
    assert hyphenation.closed_prefix("Non Linear", ["NonLinear"]) is None
    assert grading.harper("DisjointPrefixes", "Non Linear", ["NonLinear"]) == LOW
    assert hyphenation.closed_prefix("re-search", ["researcher"]) is None


def paragraph(latex: str) -> Paragraph:
    source = document.SourceFile("t.tex", None, latex)
    return Paragraph(0, source, 0, len(latex), mask(latex, 0, []))


def test_the_offline_reviewer_closes_a_split_word_at_high_and_keeps_a_deliberate_prefix() -> None:
    p = paragraph("We pre-train a deep encoder whose output summarises the con-text of a sig-nificant word.")
    graded = {
        s.original: (s.versions[0], s.confidence)
        for s in OfflineReviewer().review([p], ReviewContext()).suggestions
    }
    assert graded["con-text"] == ("context", HIGH)
    assert graded["sig-nificant"] == ("significant", HIGH)  # one edit, not Harper's two on its halves
    assert not any(k in graded for k in ("sig", "nificant"))
    assert graded.get("pre-train", ("", LOW))[1] == LOW


def test_the_rule_is_selected_by_its_id_and_category() -> None:
    p = paragraph("The deep encoder summarises the con-text of each token.")
    for name in ("hyphenation-artefact", "spelling"):
        off = OfflineReviewer(Settings(disable=(name,)))
        assert not any(s.rule == hyphenation.RULE_ID for s in off.review([p], ReviewContext()).suggestions)
    on = OfflineReviewer(Settings(disable=("spelling",), enable=("hyphenation-artefact",)))
    assert any(s.rule == hyphenation.RULE_ID for s in on.review([p], ReviewContext()).suggestions)


_HYPHENATED = re.compile(r"(?<![\w\\-])([A-Za-z][a-z]*)-([a-z]+)(?![\w-])")


@pytest.mark.corpus
def test_no_hyphenated_word_of_the_corpus_papers_is_closed_at_high(corpus: Path) -> None:
    """Every hyphen in the six papers' sources (sections included) is deliberate: none may be closed at high."""
    high = []
    for root in PAPERS:
        for tex in (corpus / "papers" / root).parent.rglob("*.tex"):
            for m in _HYPHENATED.finditer(tex.read_text(encoding="utf-8", errors="replace")):
                if hyphenation.artefact(m.group(1), m.group(2)) == HIGH:
                    high.append(m.group(0))
    assert high == []
