"""Choosing the paragraph an elided rewrite belongs to, and the word rarities that evidence is weighed by.

The version's words kept in runs (revise.anchoring.align), weighted by their rarity in the document, are the
evidence; the words next to each ellipsis stand for unchanged text, so a paragraph must hold them verbatim,
and one that does outranks one that does not.  A rewrite that cannot be placed with confidence (too little of
it matches word for word, or several paragraphs fit) yields a reason instead of a guess; one that fits one
paragraph best on little evidence is ``weak``, for the caller to confirm by other evidence.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from revise.anchoring.align import MIN_ANCHORED, Aligned, align, keys, words
from revise.latex.segment import Paragraph

RIVAL_SHARE = 0.5
"""A paragraph is chosen only when every other one has less than this share of its evidence."""
_CANDIDATES = 6
UNHINTED_ANCHORED = 6
UNHINTED_SIMILARITY = 0.5
"""Evidence a rewrite needs when no paragraph number points at its paragraph."""
HINT_SHARE = 0.8
"""The hinted paragraph wins when it has this share of the best paragraph's evidence."""


@dataclass(frozen=True)
class Choice:
    """The paragraph a rewrite belongs to, or None and the reason; ``weak``: best fit, too little evidence."""

    paragraph: Paragraph | None
    reason: str = ""
    weak: bool = False


def choose(
    version: str,
    paragraphs: Sequence[Paragraph],
    hint: int | None = None,
    weights: Mapping[str, float] | None = None,
) -> Choice:
    """The paragraph a rewrite belongs to: the hinted one when it fits, else the best one, clearly ahead.

    Evidence is the version's words kept in runs, weighted by rarity in the document.  A paragraph must hold
    every ellipsis side verbatim (those words stand for unchanged text) unless much of the rewrite matches
    word for word; a paragraph that does beats one that does not.  Without the author's paragraph number, a few
    shared words only make a ``weak`` choice, which the caller may confirm by the order of the reply.
    """
    weights = rarity(paragraphs) if weights is None else weights
    wanted = Counter(keys(version))

    def overlap(p: Paragraph) -> float:
        shared = wanted & Counter(keys(p.text))
        return sum(n * weights.get(key, 1.0) for key, n in shared.items())

    ranked = sorted(paragraphs, key=lambda p: -overlap(p))
    candidates = list(ranked[:_CANDIDATES])
    candidates += [p for p in paragraphs if p.index == hint and p not in candidates]
    tried = [(p, align(version, p, weights)) for p in candidates]
    scored = [(p, a) for p, a in tried if a.problem is None]
    scored.sort(key=lambda item: -item[1].weight)
    if not scored:
        # Say where the paragraph it fits best (the hinted one, else the one sharing most) stopped matching.
        best = next((item for item in tried if item[0].index == hint), tried[0] if tried else None)
        if best is not None and best[1].problem and best[1].problem.startswith("outside its changes"):
            return Choice(None, f"rewrite of paragraph {best[0].index + 1}: {best[1].problem}")
        return Choice(None, "the rewrite matches no paragraph closely enough")
    top = scored[0][1].weight
    hinted = [(p, a) for p, a in scored if p.index == hint and a.weight >= HINT_SHARE * top]
    if hinted and (_supported(hinted[0][1]) or _strong(hinted[0][1])):
        return Choice(hinted[0][0])
    consistent = [(p, a) for p, a in scored if a.consistent]
    # Unchanged text the ellipses claim but a paragraph lacks counts against it: a paragraph holding all of it
    # (with evidence of the same order) outranks those that do not.
    pool = consistent if consistent and consistent[0][1].weight >= RIVAL_SHARE * top else scored
    para, aligned = pool[0]
    if any(a.weight > RIVAL_SHARE * aligned.weight for _, a in pool[1:]):
        return Choice(None, "the rewrite fits several paragraphs about equally well")
    if _strong(aligned):
        return Choice(para)
    reason = f"too little of the rewrite matches paragraph {para.index + 1} to place it safely"
    return Choice(para, reason, weak=True) if _supported(aligned) else Choice(None, reason)


def rarity(paragraphs: Sequence[Paragraph]) -> dict[str, float]:
    """Each word's weight as evidence of a paragraph: log(1 + N / paragraphs holding it), case folded."""
    held: Counter[str] = Counter()
    for para in paragraphs:
        held.update({word.lower() for _, _, word in words(para.text)})
    n = max(1, len(paragraphs))
    return {word: math.log(1 + n / df) for word, df in held.items()}


def _supported(aligned: Aligned) -> bool:
    """Enough to place a rewrite where other evidence (a paragraph number, the reply's order) points."""
    return aligned.consistent and aligned.matched >= MIN_ANCHORED


def _strong(aligned: Aligned) -> bool:
    """Enough to place a rewrite on its own evidence."""
    if aligned.matched >= UNHINTED_ANCHORED:
        return True
    return _supported(aligned) and (aligned.similarity >= UNHINTED_SIMILARITY or aligned.edges > 0)
