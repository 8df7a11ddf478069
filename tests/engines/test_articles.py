"""How sure the article and compound rules are: HIGH only where the wording leaves no choice, MEDIUM in
the dialect that says it idiomatically, nothing where countability or the phrase's end is unknown."""

from __future__ import annotations

import pytest

from revise import document
from revise.edits import Confidence
from revise.engines import articles, checks, grammar
from revise.engines.base import ReviewContext
from revise.engines.offline import OfflineReviewer
from revise.latex.mask import mask
from revise.latex.segment import Paragraph

HIGH, MEDIUM = Confidence.HIGH, Confidence.MEDIUM


def graded(rule_id: str, text: str, dialect: str = "american") -> list[tuple[str, str, Confidence]]:
    found = checks.check(mask(text, 0, []), 0, (checks.BY_ID[rule_id],), dialect=dialect)
    return [(s.original, s.versions[0], s.confidence) for s in found]


@pytest.mark.parametrize(
    ("text", "original", "fixed", "confidence"),
    [
        ("within a three dimensional biomatrix", "three dimensional", "three-dimensional", HIGH),
        ("we fit a two dimensional Gaussian to it", "two dimensional", "two-dimensional", HIGH),
        ("a high dimensional latent space", "high dimensional", "high-dimensional", HIGH),
        ("we train on a large scale dataset", "large scale", "large-scale", HIGH),
        ("a real time codebase", "real time", "real-time", HIGH),
        ("a large scale biomatrix", "large scale", "large-scale", HIGH),
        ("with a fine grained timestep", "fine grained", "fine-grained", HIGH),
        # An unknown word that ends in no noun is still only likely a noun.
        ("a large scale zorblat", "large scale", "large-scale", MEDIUM),
    ],
)
def test_compound_before_a_noun_is_high_when_the_head_is_surely_a_noun(
    text: str, original: str, fixed: str, confidence: Confidence
) -> None:
    assert graded("compound-modifier", text) == [(original, fixed, confidence)]


@pytest.mark.parametrize(
    "text",
    [
        "the grid is two dimensional and regular",
        "the field is three dimensional if the disc is thick",
        "the embedding is low dimensional, so it is cheap",
        "the space is high dimensional when we add lags",
        "on a large scale, the method fails",
        "in the long term the drift dominates",
        "in the long term subsampled runs converge",
    ],
)
def test_compound_is_left_alone_where_the_phrase_ends(text: str) -> None:
    assert graded("compound-modifier", text) == []


@pytest.mark.parametrize(
    ("text", "fixed", "confidence"),
    [
        ("each node stores unlimited amount of state", "an unlimited", HIGH),
        ("the fit converges with large number of walkers", "a large", HIGH),
        ("it needs increasing number of samples", "an increasing", HIGH),
        ("this holds for vast majority of stars", "the vast", HIGH),
        ("this holds for majority of stars", "the majority", HIGH),
        ("it adds variety of kernels", "a variety", MEDIUM),
    ],
)
def test_quantity_nouns_take_their_article(text: str, fixed: str, confidence: Confidence) -> None:
    [(_, version, found)] = graded("quantity-article", text)
    assert version.startswith(fixed) and found == confidence


@pytest.mark.parametrize(
    "text",
    [
        "the cost grows with the number of layers",
        "the cost grows with number of layers",  # "the" or "a": no telling
        "we report the total number of walkers",
        "each of the large number of walkers",
        "Small number of walkers: the fit fails.",  # a caption-like fragment
        "and large number of walkers",
        "with a fixed and large number of walkers",
        "this is an equal number of walkers",
        "with number theory in mind",
    ],
)
def test_quantity_nouns_with_an_article_or_no_clear_one_are_left_alone(text: str) -> None:
    assert graded("quantity-article", text) == []


def test_in_future_is_high_in_american_and_medium_where_it_is_idiomatic() -> None:
    text = "In future, the survey will cover the bulge."
    assert graded("in-the-future", text) == [("In future", "In the future", HIGH)]
    for dialect in ("british", "australian", "indian"):
        assert graded("in-the-future", text, dialect) == [("In future", "In the future", MEDIUM)]


def test_the_offline_reviewer_grades_in_future_by_the_papers_dialect() -> None:
    latex = "In future, the survey will cover the bulge.\n"
    source = document.SourceFile("t.tex", None, latex)
    paragraph = Paragraph(0, source, 0, len(latex), mask(latex, 0, []))

    def grade(dialect: str) -> set[Confidence]:
        found = OfflineReviewer(dialect=dialect).review([paragraph], ReviewContext()).suggestions
        return {s.confidence for s in found if s.rule == "in-the-future"}

    assert grade("american") == {HIGH}
    assert grade("en-gb") == {MEDIUM}


@pytest.mark.parametrize(
    ("text", "fixed", "confidence"),
    [
        ("Such feature can be learned.", "Such a feature", HIGH),
        ("In such case the kernel is stationary.", "such a case", HIGH),
        ("we adopt such approach because it is fast", "such an approach", HIGH),
        ("such network is too deep", "such a network", HIGH),
        # Countable to the tables (no bare plural), but not on the short list of surely count nouns.
        ("such telescope is cheap", "such a telescope", MEDIUM),
    ],
)
def test_such_before_a_singular_count_noun_takes_an_article(
    text: str, fixed: str, confidence: Confidence
) -> None:
    [(_, version, found)] = graded("such-article", text)
    assert version == fixed and found == confidence


@pytest.mark.parametrize(
    "text",
    [
        "such information is rare",
        "such software is widely used",
        "such behaviour is expected",
        "such evidence is weak",
        "such work is rare",
        "such research is needed",
        "such feature maps are sparse",
        "such cross-validation is costly",
        "no such method exists",
        "every such case is shown",
        "As such, the approach is general.",
        "such methods are common",
        "such strong priors are rare",
        "such as the kernel",
    ],
)
def test_such_before_a_mass_noun_a_plural_or_a_modifier_is_left_alone(text: str) -> None:
    assert graded("such-article", text) == []


@pytest.mark.parametrize(
    ("word", "article"),
    [
        ("unlimited", "an"),
        ("unique", "a"),
        ("useful", "a"),
        ("increasing", "an"),
        ("hour", "an"),
        ("one", "a"),
    ],
)
def test_indefinite_article_follows_the_sound(word: str, article: str) -> None:
    assert articles.indefinite(word) == article


def test_tokens_know_the_hyphen_before_them() -> None:
    tokens = grammar.tokenize("cross-validation of data")
    assert [t.hyphened for t in tokens] == [False, True, False, False]
