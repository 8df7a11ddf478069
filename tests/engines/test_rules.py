"""The LaTeX typography rules: each rule's own fail/pass tables, and meta-tests walking the register."""

from __future__ import annotations

import re

import pytest

from revise.engines import rules
from revise.latex.mask import Masked, Protected, mask

_PROTECT = re.compile(
    r"(?P<COMMENT>(?<!\\)%[^\n]*)|(?P<MATH>\$[^$]+\$)"
    r"|(?P<CITE>\\cite[a-z]*\{[^}]*\})|(?P<REF>\\(?:ref|eqref)\{[^}]*\})|(?P<LABEL>\\label\{[^}]*\})"
)


def masked_of(latex: str) -> Masked:
    """A masked paragraph, protected spans found by a small regex (independent of the segmenter)."""
    spans = [Protected(m.start(), m.end(), m.lastgroup or "CMD") for m in _PROTECT.finditer(latex)]
    return mask(latex, 0, spans)


def apply_first(rule: rules.Rule, latex: str) -> str:
    m = masked_of(latex)
    text = m.text
    for hit in sorted(rule.check(m), key=lambda h: h.start, reverse=True):
        text = text[: hit.start] + hit.versions[0] + text[hit.end :]
    return m.unmask(text)


FAILS = [(r.id, bad, good) for r in rules.RULES for bad, good in r.fails]
PASSES = [(r.id, ok) for r in rules.RULES for ok in r.passes]


@pytest.mark.parametrize(("rule_id", "bad", "good"), FAILS)
def test_rule_fixes_its_failing_example(rule_id: str, bad: str, good: str) -> None:
    assert apply_first(rules.BY_ID[rule_id], bad) == good


@pytest.mark.parametrize(("rule_id", "ok"), PASSES)
def test_rule_leaves_its_passing_example_alone(rule_id: str, ok: str) -> None:
    assert list(rules.BY_ID[rule_id].check(masked_of(ok))) == []


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.id)
def test_every_rule_has_examples_both_ways(rule: rules.Rule) -> None:
    assert rule.fails and rule.passes
    assert rule.message.strip()


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.id)
def test_fixed_examples_pass_the_rule_again(rule: rules.Rule) -> None:
    for _bad, good in rule.fails:
        assert list(rule.check(masked_of(good))) == [], good


def test_rule_ids_are_unique() -> None:
    assert len(rules.BY_ID) == len(rules.RULES)


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.id)
def test_no_hit_overlaps_a_placeholder(rule: rules.Rule) -> None:
    latex = 'a $n$ , e.g. $x$ 1-2 \\cite{a} "q" and so on... a - b $y$-th \\ref{r} .'
    m = masked_of(latex)
    for hit in rule.check(m):
        for ph in m.placeholders:
            assert hit.end <= ph.masked_start or hit.start >= ph.masked_end


@pytest.mark.parametrize(
    ("math", "article"),
    [
        ("$n$", "an"),
        ("$k$", "a"),
        ("$x_i$", "an"),
        ("$\\alpha$", "an"),
        ("$\\beta$", "a"),
        ("$8$", "an"),
        ("$18$", "an"),
        ("$1$", "a"),
        ("$\\mathcal{S}$", "an"),
        ("$\\mathbf{u}$", "a"),
        ("\\(m\\)", "an"),
        ("$\\mathrm{error}$", "an"),
        ("$\\ell_1$", "an"),
    ],
)
def test_article_for_math_reads_the_symbol_aloud(math: str, article: str) -> None:
    assert rules.article_for_math(math) == article


def test_abbreviation_rules_are_off_under_frenchspacing() -> None:
    ids = {r.id for r in rules.applicable(["\\frenchspacing\n"])}
    assert "abbreviation-space" not in ids
    assert "number-range-dash" in ids


def test_tie_rule_ignores_textual_citations_and_math() -> None:
    m = masked_of("shown by \\citet{a} and $x$ also \\cite{b}")
    hits = list(rules.BY_ID["tie-before-reference"].check(m))
    assert [m.text[h.start : h.end] for h in hits] == [" "]
    assert m.text[hits[0].end :] == "[CITE2]"
