"""The second-language and register rules: every rule's must-flag and must-not-flag cases, from the register."""

from __future__ import annotations

import pytest

from revise.edits import Confidence
from revise.engines import checks, grading
from revise.engines.checks import RULES
from revise.latex.mask import mask

FAILS = [(rule.id, bad, good) for rule in RULES for bad, good in rule.fails]
PASSES = [(rule.id, text) for rule in RULES for text in rule.passes]


def findings(rule_id: str, text: str) -> list[tuple[int, int, str]]:
    masked = mask(text, 0, [])
    return [
        (s.span[0], s.span[1], s.versions[0])
        for s in checks.check(masked, 0, (checks.BY_ID[rule_id],))
        if s.span is not None
    ]


@pytest.mark.parametrize(("rule_id", "bad", "good"), FAILS)
def test_rule_flags_its_failing_prose_and_its_first_version_fixes_it(
    rule_id: str, bad: str, good: str
) -> None:
    found = findings(rule_id, bad)
    assert found, f"{rule_id} missed {bad!r}"
    fixed = bad
    for start, end, version in sorted(found, reverse=True):
        fixed = fixed[:start] + version + fixed[end:]
    assert fixed == good


@pytest.mark.parametrize(("rule_id", "text"), PASSES)
def test_rule_leaves_correct_prose_alone(rule_id: str, text: str) -> None:
    assert findings(rule_id, text) == []


def test_every_rule_has_cases_on_both_sides_and_a_known_category() -> None:
    for rule in RULES:
        assert rule.fails and rule.passes, rule.id
        assert rule.category in {"agreement", "grammar", "register"}


def test_no_rule_touches_a_placeholder() -> None:
    text = "where $a$ and $b$ is the pair"
    start = text.index("$a$")
    from revise.latex.mask import Protected

    masked = mask(text, 0, [Protected(start, start + 3, "math"), Protected(start + 8, start + 11, "math")])
    found = list(checks.check(masked, 0))
    assert [s.original for s in found] == ["is"]
    assert all(
        s.span
        and not any(s.span[0] < p.masked_end and p.masked_start < s.span[1] for p in masked.placeholders)
        for s in found
    )


@pytest.mark.parametrize(
    ("word", "candidates", "confidence", "offered"),
    [
        ("recieved", ["received", "relieved"], Confidence.HIGH, ("received", "relieved")),  # a swap wins
        ("seperate", ["separate"], Confidence.HIGH, ("separate",)),  # the one real candidate one edit away
        ("fiter", ["filter", "fitter", "finer"], Confidence.LOW, ("filter", "fitter")),  # no winner, no ADJ
        ("grey", ["gray", "grew", "grep"], Confidence.LOW, ("gray",)),  # a British word: its variant only
        ("labelled", ["labeled", "labeler", "labelless"], Confidence.LOW, ("labeled",)),
    ],
)
def test_spelling_is_high_only_when_one_real_candidate_clearly_wins(
    word: str, candidates: list[str], confidence: Confidence, offered: tuple[str, ...]
) -> None:
    assert grading.spelling(word, candidates) == (confidence, offered)


@pytest.mark.parametrize(
    ("word", "candidates"), [("toroidal", ["tonal", "trivial"]), ("intra", ["infra", "intro"])]
)
def test_spelling_with_no_real_candidate_one_edit_away_is_dropped(word: str, candidates: list[str]) -> None:
    assert grading.spelling(word, candidates) is None


def test_harper_compound_rules_are_low_and_its_sure_rules_high() -> None:
    assert grading.harper("CompoundNouns") == Confidence.LOW
    assert grading.harper("RepeatedWords") == Confidence.HIGH
    assert grading.harper("RepeatedWords", "the the", ["the"]) == Confidence.HIGH
    assert grading.harper("RepeatedWords", "an an", ["an"]) == Confidence.MEDIUM  # maybe "and an"
    assert grading.harper("SomethingElse") == Confidence.MEDIUM
