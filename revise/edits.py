"""The values the review stages pass along: a Suggestion (what a reviewer said, in its own words) and the
Edit it becomes once anchoring has placed it in the source (or honestly not), with its status.

A Suggestion speaks the paragraph's *masked* text (or, for pasted replies, whatever the reviewer quoted); only
revise.anchoring turns it into source offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revise.latex.segment import Paragraph


@dataclass(frozen=True)
class Suggestion:
    """One point of a review: a quote, what is wrong with it, and alternative replacements."""

    original: str
    """The quoted excerpt, verbatim or as imperfectly as the reviewer gave it."""
    issue: str
    versions: tuple[str, ...]
    paragraph: int | None = None
    """Document paragraph index (0-based, as --inspect lists) when the reviewer said which paragraph."""
    span: tuple[int, int] | None = None
    """Exact [start, end) offsets in the paragraph's masked text, when the engine knows them (offline)."""
    rule: str | None = None
    """The offline rule that produced it, for suppression and reporting."""
    elided: bool = False
    """True when ``versions`` are whole-paragraph rewrites in which ``...``/``…`` stands for unchanged text."""
    refused: str | None = None
    """Why the reply's point could not be read whole (a cut-off quote, a broken table row): reported, never
    applied."""
    cut: bool = False
    """The reply ends inside this rewrite's last version: it may be cut off (see revise.replies.cutoff)."""


class Status(str, Enum):
    """The contract's edit statuses."""

    OK = "ok"
    UNANCHORED = "unanchored"
    AMBIGUOUS = "ambiguous"
    CONFLICT = "conflict"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits: ``[start, end)`` source offsets in ``paragraph.file``, and how it was found."""

    paragraph: Paragraph
    start: int
    end: int
    method: str
    """exact | normalised | ellipsis | fuzzy | span (engine-given) | rewrite (expanded elided version)"""
    gaps: tuple[tuple[int, int], ...] = ()
    """For a quote shortened with ``...``: the source spans its ellipses stand for, in order."""

    @property
    def text(self) -> str:
        return self.paragraph.file.text[self.start : self.end]


@dataclass(frozen=True)
class Edit:
    """A suggestion with its place and its source-ready versions."""

    id: int
    suggestion: Suggestion
    anchor: Anchor | None
    versions: tuple[str, ...]
    """Replacements for ``anchor.text`` as source LaTeX (placeholders restored, guarded)."""
    status: Status = Status.OK
    reason: str | None = None
    hint: str | None = None
    """For an unplaced quote: the nearest real text, to help the author find it."""
    notes: tuple[str, ...] = ()
    """What the guard fixed on the way (e.g. ``50%`` → ``50\\%``)."""

    @property
    def original(self) -> str:
        return self.anchor.text if self.anchor else self.suggestion.original

    @property
    def issue(self) -> str:
        return self.suggestion.issue

    def with_status(self, status: Status, reason: str) -> Edit:
        return replace(self, status=status, reason=reason)
