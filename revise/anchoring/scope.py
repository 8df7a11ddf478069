"""The paragraphs a suggestion may be placed in: those of the request that produced it, and why a quote
found nowhere there is reported rather than placed (it lies outside the request, or spans two paragraphs).

A model reads every paragraph of its request, and the read-only neighbours shown beside them; text in any of
them can try to steer it (issue 15: "ignore previous instructions …"). So an edit from a request is only ever
anchored in that request's own paragraphs; one that quotes a neighbour or another part of the paper is
reported ``unanchored`` with the reason, never applied.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from revise.anchoring.ladder import Placement, locate
from revise.anchoring.normalize import normal_form
from revise.edits import Suggestion, paragraph_label
from revise.latex.segment import Paragraph


def pool(suggestion: Suggestion, paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs ``suggestion`` may be placed in."""
    if suggestion.request is None:
        return list(paragraphs)
    allowed = set(suggestion.request)
    return [p for p in paragraphs if p.index in allowed]


def in_named(quote: str, suggestion: Suggestion, paragraphs: Sequence[Paragraph]) -> Placement | None:
    """The one place of a quote in the paragraph its edit names, when that request paragraph holds it once.

    A request of several paragraphs is anchored paragraph by paragraph, as one paragraph's request would be:
    a quote found once in its own paragraph (exactly, normalised or by its elided pieces; not fuzzily) is not made
    ambiguous by a repeat elsewhere in the section, such as a footnote's text inside the paragraph holding it.
    """
    if suggestion.request is None or suggestion.paragraph is None or len(paragraphs) < 2:
        return None
    own = [p for p in paragraphs if p.index == suggestion.paragraph]
    found = locate(quote, own, suggestion.paragraph) if own else None
    # Only a sure match: a merely similar sentence in the named paragraph must not beat the exact quote in another
    # paragraph of the request (the model named the wrong one).
    return found if found is not None and len(found.hits) == 1 and found.method != "fuzzy" else None


def unplaced_reason(quote: str, suggestion: Suggestion, paragraphs: Sequence[Paragraph]) -> str | None:
    """Why a quote not found in its request's paragraphs is not placed, when there is more to say."""
    if suggestion.request is None or not quote:
        return None
    mine = pool(suggestion, paragraphs)
    across = _across(quote, mine)
    if across is not None:
        first, second = across
        return (
            f"the quote spans paragraphs {paragraph_label(first)} and {paragraph_label(second)}; "
            "an edit must lie within one paragraph"
        )
    others = [p for p in paragraphs if p.index not in set(suggestion.request)]
    hits = locate(quote, others).hits if others else ()
    if hits:
        where = ", ".join(sorted({paragraph_label(h.paragraph.index) for h in hits}))
        asked = ", ".join(paragraph_label(i) for i in suggestion.request)
        return f"the quote is in {where}, outside the paragraphs of its request ({asked}); not applied"
    return None


def _across(quote: str, paragraphs: Sequence[Paragraph]) -> tuple[int, int] | None:
    """The two consecutive paragraphs a quote runs across (the end of one, the start of the next), if any."""
    wanted = " ".join(normal_form(quote, plain=True).split())
    if not wanted:
        return None
    ordered = sorted(paragraphs, key=lambda p: p.index)
    for first, second in itertools.pairwise(ordered):
        if second.index != first.index + 1:
            continue
        texts = [" ".join(normal_form(p.masked.text, plain=True).split()) for p in (first, second)]
        joined = f"{texts[0]} {texts[1]}"
        at = joined.find(wanted)
        if at >= 0 and at < len(texts[0]) and at + len(wanted) > len(texts[0]) + 1:
            return first.index, second.index
    return None
