"""Elided rewrites: a whole-paragraph "Version k" where ``...``/``…`` stands for unchanged text → edits.

The paragraph is chosen by revise.rewrite_choice; each version is aligned to it by revise.rewrite_align, which
fills every ellipsis with the text it stands for and turns each changed run into a change.  Overlapping
changes of several versions become one edit with several versions.  A rewrite that fits one paragraph best on
little evidence is ``pending`` until the order of the reply's other edits (revise.anchor) confirms it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from revise.engines.base import Suggestion
from revise.latex.segment import Paragraph
from revise.rewrite_align import align, keys
from revise.rewrite_choice import choose


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

    ``weights`` are the document's word rarities (see ``revise.rewrite_choice.rarity``; computed here when
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
    per_version: list[tuple[tuple[int, int, str], ...]] = []
    for version in versions:
        aligned = align(version, para)
        if aligned.problem:
            if not per_version:
                return Expansion((), f"rewrite of paragraph {para.index + 1}: {aligned.problem}")
            continue
        per_version.append(aligned.changes)
    return Expansion(_cluster(para, per_version))


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
