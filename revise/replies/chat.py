"""Grouping a pasted chat answer's fields (revise.replies.fields) into Suggestions.

A point is an original with its versions and reasons; a rewrite is a text standing for a whole paragraph
(elided with ``...`` or not), several numbered versions of one paragraph grouped together.  A revised text
with no original before it is a rewrite when its label says it rewrites ("Revised:", "Rewritten:"), not when
it only advises ("Suggestion: …").  This module never looks at the document.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from revise.edits import Suggestion
from revise.replies.fields import REWRITE, Field, read
from revise.replies.labels import HEADER, ORIGINAL, REASON, REVISED, VERSION
from revise.replies.quotes import unpaired

_TEXTS = (ORIGINAL, REVISED, VERSION, REWRITE)
_NAMES = {ORIGINAL: "original", REVISED: "revised", VERSION: "revised", REWRITE: "rewritten"}

REVISION_LIKENESS = 0.5
"""Share of words (difflib ratio) a revised text keeps of the text before it, to be read as its revision."""


@dataclass
class _Point:
    original: str | None = None
    versions: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    rewrite: bool = False
    plain: bool = False
    alone: bool = False
    paragraph: int | None = None
    last_number: int = 0
    refused: str | None = None


def parse_chat(text: str) -> list[Suggestion]:
    """Suggestions from a pasted chat answer (empty when it holds none)."""
    return _group(read(text))


def _group(fields: list[Field]) -> list[Suggestion]:
    suggestions: list[Suggestion] = []
    point = _Point()

    def flush() -> None:
        nonlocal point
        if point.refused is not None:
            quote = point.original or next((v for v in point.versions if v), "")
            if quote or point.versions:
                suggestions.append(Suggestion(quote, "", (), point.paragraph, refused=point.refused))
            point = _Point()
            return
        versions = tuple(dict.fromkeys(v for v in point.versions if v))
        issue = " ".join(r for r in point.reasons if r)
        if point.original and not point.rewrite:
            versions = tuple(_shortened_alike(point.original, v) for v in versions)
        if (point.rewrite or (point.alone and not point.original)) and versions:
            suggestions.append(Suggestion(versions[0], issue, versions, point.paragraph, elided=True))
        elif point.original and versions:
            suggestions.append(Suggestion(point.original, issue, versions, point.paragraph))
        point = _Point()

    def take(f: Field) -> None:
        if f.kind == HEADER:
            if point.original or point.versions:
                flush()
            point.paragraph = f.paragraph
        elif f.kind == ORIGINAL:
            if point.original is not None or point.rewrite or (point.versions and not point.original):
                flush()
            point.original = f.value
            point.paragraph = f.paragraph
        elif f.kind == REASON:
            if point.reasons and (point.original or point.versions):
                flush()
            point.reasons.append(f.value)
        elif f.kind == REWRITE:
            if point.original and not point.versions and not point.rewrite:
                point.versions.append(f.value)  # "Original paragraph:" then "Revised paragraph:"
                return
            if f.alone and _quoted_first(point, f):
                point.original, point.versions, point.rewrite = point.versions[0], [f.value], False
                return
            if point.original or point.versions:
                flush()
            point.rewrite, point.paragraph, point.plain = True, f.paragraph, f.plain
            point.versions.append(f.value)
        elif f.kind == VERSION and point.original is None:
            restarts = f.number is not None and f.number <= point.last_number
            if point.versions and (not point.rewrite or point.paragraph != f.paragraph or restarts):
                flush()
            point.last_number = f.number or point.last_number + 1
            point.rewrite = True
            point.paragraph = f.paragraph
            point.versions.append(f.value)
        elif _quoted_first(point, f):
            point.original, point.versions, point.rewrite = point.versions[0], [f.value], False
        else:
            if not point.versions and point.original is None:
                point.alone = f.alone
                point.paragraph = f.paragraph if f.paragraph is not None else point.paragraph
            point.versions.append(f.value)

    for f in fields:
        take(f)
        # A piece that does not parse whole refuses the point it joined: it is reported, never applied.
        damage = unpaired(f.value) if f.kind in _TEXTS else None
        why = f.refused or (f"its {_NAMES[f.kind]} text has {damage}" if damage else None)
        if why is not None and point.refused is None:
            point.refused = why
    flush()
    return suggestions


def _quoted_first(point: _Point, revised: Field) -> bool:
    """Text under a heading naming a paragraph, then a "Revised:" label revising it: that text was the
    original, quoted first.  A revision keeps most of its original's words; another paragraph does not."""
    if not point.plain or point.original is not None or len(point.versions) != 1:
        return False
    if revised.paragraph is not None and revised.paragraph != point.paragraph:
        return False
    old, new = point.versions[0].split(), revised.value.split()
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= REVISION_LIKENESS


_LEAD_GAP = re.compile(r"^\s*(?:\.{3}|…)\s*")
_TAIL_GAP = re.compile(r"\s*(?:\.{3}|…)\s*$")


def _shortened_alike(original: str, version: str) -> str:
    """A version without the ``...`` it shares with its shortened quote: that ellipsis is no new text."""
    for gap in (_LEAD_GAP, _TAIL_GAP):
        if gap.search(original) and gap.search(version):
            version = gap.sub("", version)
    return version
