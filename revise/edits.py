"""Edit: a suggestion placed in the source (or honestly not), with its status — the value anchor, guard,
render and apply pass along."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revise.engines.base import Suggestion
    from revise.latex.segment import Paragraph


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
