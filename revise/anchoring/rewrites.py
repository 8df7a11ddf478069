"""Elided rewrites: a whole-paragraph "Version k" where ``...``/``…`` stands for unchanged text → edits.

The paragraph is chosen by revise.anchoring.choice; each version is aligned to it by revise.anchoring.align, which
fills every ellipsis with the text it stands for and turns each changed run into a change.  Overlapping
changes of several versions become one edit with several versions.  A rewrite that fits one paragraph best on
little evidence is ``pending`` until the order of the reply's other edits (revise.anchoring.ladder) confirms it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from revise.anchoring.align import SENTENCE_END, Aligned, align, has_gap, keys
from revise.anchoring.choice import UNHINTED_ANCHORED, UNHINTED_SIMILARITY, choose
from revise.edits import Suggestion
from revise.latex.segment import Paragraph

PARTIAL_SHARE = 0.5
"""A rewrite without ellipses having fewer words than this share of its paragraph's rewrites only part of it."""
LONGER_SHARE = 1.5
"""An unnumbered rewrite without ellipses having more words than this share of its paragraph's is not its rewrite."""


@dataclass(frozen=True)
class Change:
    """One concrete edit derived from a rewrite: source ``[start, end)`` → each version's text."""

    paragraph: Paragraph
    start: int
    end: int
    versions: tuple[str, ...]


@dataclass(frozen=True)
class Expansion:
    """The edits a rewrite stands for, or the reason it could not be expanded."""

    changes: tuple[Change, ...]
    reason: str | None = None
    pending: int | None = None
    """The paragraph index a rewrite fits best but on too little evidence alone (see ``expand``'s within)."""


def expand(
    suggestion: Suggestion,
    paragraphs: Sequence[Paragraph],
    *,
    weights: Mapping[str, float] | None = None,
    within: tuple[int, int] | None = None,
) -> Expansion:
    """Turn a (possibly elided) whole-paragraph rewrite into concrete changes.

    ``weights`` are the document's word rarities (see ``revise.anchoring.choice.rarity``; computed here when
    absent).  ``within`` (first, last paragraph index) is where the order of the reply's other, confidently
    placed edits puts this rewrite: a rewrite that fits one paragraph best but on too little evidence alone is
    placed only there.
    """
    versions = [v for v in suggestion.versions if v.strip() and keys(v)]
    if not versions or not paragraphs:
        return Expansion((), "the rewrite is empty")
    choice = choose(versions[0], paragraphs, suggestion.paragraph, weights)
    para = choice.paragraph
    if para is not None and choice.weak and (within is None or not within[0] <= para.index <= within[1]):
        return Expansion((), choice.reason, pending=para.index)
    if para is None:
        return Expansion((), choice.reason)
    if suggestion.cut and not _ends_whole(versions[-1], para):
        # The reply ends inside this version: unless it ends as its paragraph does, it may be cut off.
        versions = versions[:-1]
        if not versions:
            why = (
                f"the reply ends inside it, and it does not end as paragraph {para.index + 1} does (cut off?)"
            )
            return Expansion((), f"rewrite of paragraph {para.index + 1}: {why}")
    per_version: list[tuple[tuple[int, int, str], ...]] = []
    for n, version in enumerate(versions):
        aligned = _aligned(version, para, suggestion.paragraph is not None)
        problem = aligned.problem
        if problem is None and suggestion.cut and n == len(versions) - 1 and _drops_tail(aligned, para):
            # The reply ends inside this version, at a sentence's end that is not its paragraph's: deleting
            # the words after it would take the cut for the reviewer's edit.
            problem = (
                "the reply ends inside it, and applied it would delete the end of its paragraph (cut off?)"
            )
        if problem:
            if not per_version and n == len(versions) - 1:
                return Expansion((), f"rewrite of paragraph {para.index + 1}: {problem}")
            continue
        per_version.append(aligned.changes)
    if not per_version:
        return Expansion((), f"rewrite of paragraph {para.index + 1}: no version could be aligned")
    return Expansion(_cluster(para, per_version))


def _drops_tail(aligned: Aligned, para: Paragraph) -> bool:
    """A change reaching the paragraph's last word that leaves at least two fewer words than it replaces."""
    words = para.text.rstrip().split()
    if not words:
        return False
    last = para.start + len(para.text.rstrip()) - len(words[-1])
    return any(
        hi > last and len(para.file.text[lo:hi].split()) - len(text.split()) >= 2
        for lo, hi, text in aligned.changes
    )


def _ends_whole(version: str, para: Paragraph) -> bool:
    """A version ending with an ellipsis, a full stop (or the like), or its paragraph's last two words."""
    if re.search(r"(?:\.\.\.|…|\[\s*…\s*\])\s*$", version) or SENTENCE_END.search(version):
        return True
    mine, theirs = keys(version), keys(para.text)
    return len(mine) >= 2 and mine[-2:] == theirs[-2:]


def _aligned(version: str, para: Paragraph, numbered: bool) -> Aligned:
    """A version aligned to its paragraph; one without ellipses may rewrite only part of the paragraph.

    A rewrite without ``...`` is the whole paragraph when the reply numbered it (``numbered``).  Otherwise, if
    much shorter than the paragraph it fits best, or starting and ending unlike it (a revised sentence given
    with no quote), it stands for the sentences it covers: those it stops short of are kept, not deleted (see
    ``align``'s partial); if much longer, it is no rewrite of that paragraph alone (paragraphs merged, or
    another revision of the text).
    Such a rewrite must also read like the paragraph: most of its words kept, or a long run of them starting
    or ending it.  Text that shares a phrase with a paragraph (a remark quoting it) is no rewrite of it.
    """
    if has_gap(version):
        return align(version, para)
    share = len(version.split()) / max(1, len(para.text.split()))
    if not numbered and share > LONGER_SHARE:
        return Aligned(0, 0, (), "it is much longer than the paragraph it fits best")
    mine, theirs = keys(version), keys(para.text)
    inside = mine[:2] != theirs[:2] and mine[-2:] != theirs[-2:]
    aligned = align(version, para, partial=not numbered and (share < PARTIAL_SHARE or inside))
    credible = aligned.similarity >= UNHINTED_SIMILARITY or (
        aligned.matched >= UNHINTED_ANCHORED and aligned.edges > 0
    )
    if aligned.problem is None and not credible:
        return Aligned(0, 0, (), "it differs too much from the paragraph to be a rewrite of it")
    return aligned


def _cluster(para: Paragraph, per_version: list[tuple[tuple[int, int, str], ...]]) -> tuple[Change, ...]:
    """Overlapping changes of several versions → one Change whose versions are each version's text there."""
    spans = sorted((lo, hi) for changes in per_version for lo, hi, _ in changes)
    groups: list[list[int]] = []
    for lo, hi in spans:
        if groups and lo <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], hi)
        else:
            groups.append([lo, hi])
    source = para.file.text
    result = []
    for lo, hi in groups:
        texts: list[str] = []
        for changes in per_version:
            inside = [c for c in changes if lo <= c[0] and c[1] <= hi]
            if not inside:
                continue
            parts, cursor = [], lo
            for clo, chi, repl in sorted(inside):
                parts += [source[cursor:clo], repl]
                cursor = chi
            parts.append(source[cursor:hi])
            text = "".join(parts)
            if text != source[lo:hi] and text not in texts:
                texts.append(text)
        if texts:
            result.append(Change(para, lo, hi, tuple(texts)))
    return tuple(result)
