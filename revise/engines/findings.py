"""Harper's findings (cached in view offsets) → Suggestions on the masked text, graded and in LaTeX.

The grade of a spelling finding was decided when it was linted (revise.engines.spelling); every other rule's
is decided here from the rule and its replacements (revise.engines.grading), so cached findings are graded
by the current rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from revise.edits import Confidence, Suggestion
from revise.engines import grading, lintcache, surroundings
from revise.engines import view as lintview
from revise.engines.base import ReviewContext

if TYPE_CHECKING:
    from revise.latex.segment import Paragraph

# Harper writes Unicode punctuation and plain-text characters; the source needs their LaTeX spellings.
_LATEX = str.maketrans(
    {
        "–": "--",
        "—": "---",
        "“": "``",
        "”": "''",
        "‘": "`",
        "’": "'",
        "…": "\\dots{}",
        "%": "\\%",
        "&": "\\&",
        "#": "\\#",
        "$": "\\$",
        "_": "\\_",
    }
)


def latex_text(plain: str) -> str:
    """Plain replacement text as LaTeX source (escaped specials, LaTeX dashes and quotes)."""
    return plain.translate(_LATEX)


def suggestions(
    p: Paragraph, view: lintview.View, findings: Iterable[lintcache.Finding], context: ReviewContext
) -> Iterator[Suggestion]:
    text = p.masked.text
    for item in findings:
        span = view.to_masked(item.start, item.end)
        if span is None:
            continue
        original = text[span[0] : span[1]]
        replacements = _replacements(item, original)
        confidence: Confidence | None
        if item.rule == "SpellCheck":
            replacements = [r for r in replacements if r in item.candidates]
            confidence = Confidence(item.grade or "low")
            if "-" in text[max(0, span[0] - 1) : span[0]] + text[span[1] : span[1] + 1]:
                confidence = Confidence.LOW  # part of a hyphenated term (electro-mechanical)
        else:
            confidence = grading.harper(item.rule, original, replacements)
            if confidence is not None:
                confidence = surroundings.judge(item.rule, text, span, confidence)
            if confidence is None:
                continue
        versions = versions_of(replacements, original, context.versions)
        if versions:
            category = "spelling" if item.rule == "SpellCheck" else item.kind.lower()
            yield Suggestion(
                original,
                item.message,
                versions,
                p.index,
                span,
                item.rule,
                confidence=confidence,
                category=category,
            )


def _replacements(finding: lintcache.Finding, original: str) -> list[str]:
    """Harper's suggestions as replacement text for the whole span, in LaTeX."""
    out = []
    for kind, text in finding.suggestions:
        if kind == "remove":
            out.append("")
        elif kind == "insert_after":
            out.append(original + latex_text(text))
        else:
            out.append(latex_text(text))
    return out


def versions_of(candidates: Iterable[str], original: str, cap: int) -> tuple[str, ...]:
    out: list[str] = []
    for c in candidates:
        if c != original and c not in out:
            out.append(c)
    return tuple(out[: max(cap, 1)])


def typography(
    paragraphs: Sequence[Paragraph], sources: list[str], context: ReviewContext
) -> Iterator[Suggestion]:
    """The LaTeX typography rules' hits as suggestions (no linter involved)."""
    from revise.engines import rules

    active = rules.applicable(sources)
    for p in paragraphs:
        text = p.masked.text
        for rule in active:
            for hit in rule.check(p.masked):
                original = text[hit.start : hit.end]
                versions = versions_of(hit.versions, original, context.versions)
                if versions:
                    yield Suggestion(
                        original,
                        rule.message,
                        versions,
                        p.index,
                        (hit.start, hit.end),
                        rule.id,
                        category="typography",
                    )


def dedupe(found: list[Suggestion]) -> tuple[Suggestion, ...]:
    """One suggestion per place: LaTeX rules come first and win over Harper on an overlapping span."""
    kept: list[Suggestion] = []
    taken: dict[int | None, list[tuple[int, int]]] = {}
    for s in found:
        assert s.span is not None
        spans = taken.setdefault(s.paragraph, [])
        start, end = s.span
        if any((start < e and b < end) or (start, end) == (b, e) for b, e in spans):
            continue
        spans.append(s.span)
        kept.append(s)
    kept.sort(key=lambda s: (s.paragraph or 0, s.span or (0, 0)))
    return tuple(kept)
